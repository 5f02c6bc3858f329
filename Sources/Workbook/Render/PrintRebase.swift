import Foundation
import WorkbookMarkdown

/// Moves a chapter's body, as its own page renders it, onto the print page,
/// so each body is rendered once and shown on both. The chapter page sits in
/// `chapters/` and writes ids as the author wrote them; the print page sits at
/// the root and holds every chapter, so its ids carry the chapter's name
/// (`01-levels--scope`). In every start tag of the body:
///
/// - `id`, `for`, `headers` and the `aria-*` id references gain the prefix;
/// - `href="#x"` becomes `#<chapter>--x`;
/// - a link to a printed chapter (`02-scope.html#x`) becomes the place in the
///   print page that holds it (`#02-scope--x`, or `#02-scope`);
/// - any other relative `href` or `src` is rebased from `chapters/` to the
///   root (`../assets/a.png` → `assets/a.png`); absolute URLs stay.
///
/// Values are rewritten as written (escaped), so the result is escaped as the
/// page was. The contents of comments, `<script>`, `<style>`, `<textarea>`
/// and `<title>` are copied as they are.
struct PrintRebase: Sendable {
    /// Whether the print page holds the chapter of this name.
    let isPrinted: @Sendable (String) -> Bool

    init(isPrinted: @escaping @Sendable (String) -> Bool) {
        self.isPrinted = isPrinted
    }

    /// `html`, a body rendered for `chapter`'s own page, as the print page
    /// shows it, in one array (for a theme whose print page takes the body as a value).
    func rebase(_ html: [UInt8], chapter: String) -> [UInt8] {
        var sink = ByteSink()
        // Rebasing adds an id prefix here and there: a sixteenth is room enough for most bodies.
        sink.out.reserveCapacity(html.count + html.count / 16)
        scan(html, chapter: chapter, into: &sink)
        return sink.out
    }

    /// `html` as the print page shows it, in pieces: runs of `html` itself
    /// between the values that change, and the changed values. Nothing of the
    /// body is copied: the print page and the chapter page share its bytes.
    func pieces(_ html: [UInt8], chapter: String) -> [ArraySlice<UInt8>] {
        var sink = PieceSink()
        scan(html, chapter: chapter, into: &sink)
        let patches = sink.patches
        return sink.segments.map { $0.isBody ? html[$0.range] : patches[$0.range] }
    }

    private func scan<Sink: RebaseSink>(_ html: [UInt8], chapter: String, into sink: inout Sink) {
        // Escaped for any quoting: raw HTML may single-quote its attributes.
        var idPrefix: [UInt8] = []
        HTMLEscaping.appendEscaped(chapter + "--", to: &idPrefix)
        idPrefix = idPrefix.flatMap { $0 == UInt8(ascii: "'") ? Array("&#39;".utf8) : [$0] }
        var fragmentPrefix: [UInt8] = []
        HTMLEscaping.appendHref(chapter + "--", to: &fragmentPrefix)
        html.withUnsafeBufferPointer { bytes in
            var scan = Scan(bytes: bytes, rebase: self, idPrefix: idPrefix, fragmentPrefix: fragmentPrefix)
            scan.run(into: &sink)
        }
    }

    /// How an attribute's value changes on the print page.
    fileprivate enum AttributeKind { case other, ids, url }

    fileprivate static func kind(of name: UnsafeBufferPointer<UInt8>.SubSequence) -> AttributeKind {
        // By length first: most attributes (`class`, `data-…`) match none, and a body has hundreds of thousands.
        switch name.count {
        case 2: return isNamed(name, "id") ? .ids : .other
        case 3: return isNamed(name, "src") ? .url : isNamed(name, "for") ? .ids : .other
        case 4: return isNamed(name, "href") ? .url : .other
        case 7, 9, 13, 15, 16: return idAttributes.contains(where: { isNamed(name, $0) }) ? .ids : .other
        default: return .other
        }
    }

    private static let idAttributes: [StaticString] = ["id", "for", "headers", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns"]
    fileprivate static let rawTextElements: [StaticString] = ["script", "style", "textarea", "title"]

    /// Whether an ASCII name is `lowercase` with its letters in any case
    /// (what templates and the Markdown renderer write, and what HTML folds to).
    /// Compares in place: a body has thousands of tags and attributes.
    fileprivate static func isNamed(_ name: UnsafeBufferPointer<UInt8>.SubSequence, _ lowercase: StaticString) -> Bool {
        guard name.count == lowercase.utf8CodeUnitCount else { return false }
        var expected = lowercase.utf8Start
        for b in name {
            guard (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) == expected.pointee else { return false }
            expected += 1
        }
        return true
    }

    /// Whether a `href` or `src` stays as it is: empty, a bare `#`, a path from
    /// the root, or an absolute URL.
    fileprivate static func keeps(url value: UnsafeBufferPointer<UInt8>.SubSequence) -> Bool {
        guard let first = value.first else { return true }
        if first == UInt8(ascii: "#") { return value.count == 1 }
        return first == UInt8(ascii: "/") || hasScheme(value)
    }

    /// Appends the new value of a `href` or `src` that does not stay (`keeps(url:)`).
    fileprivate func appendURL(_ value: UnsafeBufferPointer<UInt8>.SubSequence, fragmentPrefix: [UInt8], to out: inout [UInt8]) {
        if value.first == UInt8(ascii: "#") {
            out.append(UInt8(ascii: "#"))
            out += fragmentPrefix
            out.append(contentsOf: value.dropFirst())
            return
        }
        let hash = value.firstIndex(of: UInt8(ascii: "#"))
        if let name = chapter(linkedBy: value[value.startIndex..<(hash ?? value.endIndex)]), isPrinted(name) {
            out.append(UInt8(ascii: "#"))
            HTMLEscaping.appendHref(name, to: &out)
            if let hash, hash + 1 < value.endIndex {
                out.append(UInt8(ascii: "-"))
                out.append(UInt8(ascii: "-"))
                out.append(contentsOf: value[(hash + 1)...])
            }
            return
        }
        // `../x` from `chapters/` is `x` from the root.
        if value.starts(with: Self.up) {
            out.append(contentsOf: value.dropFirst(Self.up.count))
            return
        }
        out += Self.chaptersFolder
        out.append(contentsOf: value)
    }

    private static let up = Array("../".utf8)
    private static let chaptersFolder = Array("chapters/".utf8)

    /// The chapter a chapter page's link names (`02-scope.html`, escaped for
    /// an attribute and percent-encoded), or nil when it names no page beside it.
    private func chapter(linkedBy path: UnsafeBufferPointer<UInt8>.SubSequence) -> String? {
        let suffix = ".html".utf8
        guard path.count > suffix.count, path.suffix(suffix.count).elementsEqual(suffix), !path.contains(UInt8(ascii: "/")) else { return nil }
        let stem = path.dropLast(suffix.count)
        let escaped = String(decoding: stem, as: UTF8.self)
        // Most names have nothing escaped or percent-encoded.
        guard stem.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "%") }) else { return escaped }
        let unescaped = escaped.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
        var bytes: [UInt8] = []
        var utf8 = Array(unescaped.utf8)[...]
        while let b = utf8.popFirst() {
            if b == UInt8(ascii: "%"), utf8.count >= 2, let high = Self.hex(utf8[utf8.startIndex]), let low = Self.hex(utf8[utf8.startIndex + 1]) {
                bytes.append(high << 4 | low)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `scheme:` before any `/`, `?` or `#`: an absolute URL (`https:`, `mailto:`).
    private static func hasScheme(_ value: UnsafeBufferPointer<UInt8>.SubSequence) -> Bool {
        for (n, b) in value.enumerated() {
            let letter = (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
            if letter { continue }
            if n > 0, (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") {
                continue
            }
            return n > 0 && b == UInt8(ascii: ":")
        }
        return false
    }
}

/// Where a rebased body goes: the runs of the body that stay as they are, and
/// the values written in place of those that change, in order.
private protocol RebaseSink {
    /// The body's bytes in `range`, as they are.
    mutating func copy(_ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>)
    /// Bytes `write` appends, in place of a value.
    mutating func patch(_ write: (inout [UInt8]) -> Void)
}

/// The rebased body as one array.
private struct ByteSink: RebaseSink {
    var out: [UInt8] = []

    mutating func copy(_ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>) {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
    }

    mutating func patch(_ write: (inout [UInt8]) -> Void) {
        write(&out)
    }
}

/// The rebased body as ranges of the body and of one buffer of changed values.
private struct PieceSink: RebaseSink {
    struct Segment {
        var isBody: Bool
        var range: Range<Int>
    }

    var patches: [UInt8] = []
    var segments: [Segment] = []

    /// Runs of the body shorter than this are copied with the values around
    /// them: a piece costs more to keep and write than a few bytes do to copy.
    static let shortRun = 64

    mutating func copy(_ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>) {
        if range.count >= Self.shortRun {
            segments.append(Segment(isBody: true, range: range))
        } else if !range.isEmpty {
            patch { $0.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range])) }
        }
    }

    mutating func patch(_ write: (inout [UInt8]) -> Void) {
        let start = patches.count
        write(&patches)
        guard patches.count > start else { return }
        // Values written one after another (nothing of the body between) make one piece.
        if let last = segments.last, !last.isBody, last.range.upperBound == start {
            segments[segments.count - 1].range = last.range.lowerBound..<patches.count
        } else {
            segments.append(Segment(isBody: false, range: start..<patches.count))
        }
    }
}

/// One pass over a body's HTML: text is copied, start tags' attributes are
/// rewritten as they pass.
private struct Scan {
    let bytes: UnsafeBufferPointer<UInt8>
    let rebase: PrintRebase
    let idPrefix: [UInt8]
    let fragmentPrefix: [UInt8]
    var i = 0
    /// Where the bytes not yet copied start.
    var copied = 0

    init(bytes: UnsafeBufferPointer<UInt8>, rebase: PrintRebase, idPrefix: [UInt8], fragmentPrefix: [UInt8]) {
        self.bytes = bytes
        self.rebase = rebase
        self.idPrefix = idPrefix
        self.fragmentPrefix = fragmentPrefix
    }

    mutating func run<Sink: RebaseSink>(into out: inout Sink) {
        while let open = find(UInt8(ascii: "<"), from: i) {
            i = open + 1
            if i + 2 < bytes.count, bytes[i] == UInt8(ascii: "!"), bytes[i + 1] == UInt8(ascii: "-"), bytes[i + 2] == UInt8(ascii: "-") {
                i = end(of: "-->", from: i + 3)
            } else if i < bytes.count, isLetter(bytes[i]) {
                let nameStart = i
                while i < bytes.count, !ends(bytes[i], Self.tagNameEnd) { i += 1 }
                let name = bytes[nameStart..<i]
                attributes(into: &out)
                // `script` and `style`, `textarea` and `title`: names of 5, 6 or 8 letters.
                if (5...8).contains(name.count), let closer = PrintRebase.rawTextElements.first(where: { PrintRebase.isNamed(name, $0) }) {
                    i = rawTextEnd(closer.description)
                }
            }
        }
        out.copy(copied..<bytes.count, of: bytes)
    }

    /// Reads a start tag's attributes up to its `>`, rewriting values.
    private mutating func attributes<Sink: RebaseSink>(into out: inout Sink) {
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: ">") { i += 1; return }
            if isSpace(b) || b == UInt8(ascii: "/") { i += 1; continue }
            let nameStart = i
            // (The first byte is never a `/`, which is skipped above.)
            while i < bytes.count, !ends(bytes[i], Self.attributeNameEnd) { i += 1 }
            let kind = PrintRebase.kind(of: bytes[nameStart..<i])
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { continue }
            i += 1
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count else { return }
            let value: Range<Int>
            if bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
                let quote = bytes[i]
                let start = i + 1
                let close = find(quote, from: start) ?? bytes.count
                value = start..<close
                i = min(close + 1, bytes.count)
            } else {
                let start = i
                while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">") { i += 1 }
                value = start..<i
            }
            // A value that changes is written in place of the original, straight into `out`.
            switch kind {
            case .other:
                continue
            case .url:
                guard !PrintRebase.keeps(url: bytes[value]) else { continue }
                out.copy(copied..<value.lowerBound, of: bytes)
                out.patch { rebase.appendURL(bytes[value], fragmentPrefix: fragmentPrefix, to: &$0) }
            case .ids:
                guard bytes[value].contains(where: { !isSpace($0) }) else { continue }
                out.copy(copied..<value.lowerBound, of: bytes)
                out.patch { appendIDs(value, to: &$0) }
            }
            copied = value.upperBound
        }
    }

    /// Each id of a space-separated list, prefixed.
    private func appendIDs(_ value: Range<Int>, to out: inout [UInt8]) {
        var atStart = true
        for b in bytes[value] {
            if isSpace(b) {
                atStart = true
            } else if atStart {
                out += idPrefix
                atStart = false
            }
            out.append(b)
        }
    }

    /// The next `byte` at or after `start`, found by memchr: most of a body
    /// is text between tags.
    private func find(_ byte: UInt8, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress,
            let found = memchr(base + start, Int32(byte), bytes.count - start)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Just past the next `marker` at or after `start`, or the end.
    private func end(of marker: String, from start: Int) -> Int {
        var j = start
        while j < bytes.count {
            if starts(with: marker, at: j) { return j + marker.utf8.count }
            j += 1
        }
        return bytes.count
    }

    /// Where the raw text of a `<script>` (or similar) element ends: at its `</name`.
    private func rawTextEnd(_ name: String) -> Int {
        var j = i
        while let open = find(UInt8(ascii: "<"), from: j) {
            if open + 1 < bytes.count, bytes[open + 1] == UInt8(ascii: "/") {
                let start = open + 2
                let stop = min(start + name.utf8.count, bytes.count)
                if lowercased(start..<stop) == name { return open }
            }
            j = open + 1
        }
        return bytes.count
    }

    private func starts(with text: String, at start: Int) -> Bool {
        var j = start
        for b in text.utf8 {
            guard j < bytes.count, bytes[j] == b else { return false }
            j += 1
        }
        return true
    }

    private func lowercased(_ range: Range<Int>) -> String {
        String(decoding: bytes[range].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }

    /// What ends a tag's name (space, `>`, `/`) and an attribute's (those and
    /// `=`), as bits of one table: a body has hundreds of thousands of names,
    /// each byte was five comparisons.
    private static let tagNameEnd: UInt8 = 1, attributeNameEnd: UInt8 = 2
    /// Made once and never freed; each scan keeps the pointer (a static
    /// array read per byte checks its once-token and its bounds every time).
    nonisolated(unsafe) private static let nameEndTable: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for value in 0...255 {
            switch UInt8(value) {
            case 0x20, 0x09, 0x0A, 0x0C, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/"): table[value] = tagNameEnd | attributeNameEnd
            case UInt8(ascii: "="): table[value] = attributeNameEnd
            default: table[value] = 0
            }
        }
        return UnsafePointer(table)
    }()
    private let nameEnds = Scan.nameEndTable

    private func ends(_ b: UInt8, _ name: UInt8) -> Bool {
        nameEnds[Int(b)] & name != 0
    }
}
