/// Parses many one-line snippets (table cells, directive titles) as inline
/// Markdown with one cmark call: snippets are kept apart by blank lines, and a
/// leading character that would open a block (`# `, `- `, `> `, `1. `, ...) is
/// backslash-escaped so the snippet stays inline.
struct InlineBatch {
    struct Snippet {
        var bytes: ArraySlice<UInt8>
        /// Where the snippet's first byte is in the file, and the line it is on.
        var lineIndex: Int
        var byteOffset: Int
        /// Offsets in `bytes` before which one source byte was removed (the `\`
        /// of a table cell's `\|`), ascending.
        var removed: [Int] = []
        /// For a snippet of several lines joined with `\n`: where each line after
        /// the first starts in the file.
        var continuations: [(lineIndex: Int, byteOffset: Int)] = []
    }

    /// What an added snippet became: its place in `plainTexts`, when it is
    /// plain text (`isPlainText`), or in `snippets`, for cmark. Only numbers:
    /// copying a slot retains nothing.
    private enum Slot {
        case plain(Int)
        case snippet(Int)
    }

    /// The snippets cmark reads.
    private(set) var snippets: [Snippet] = []
    /// Every added snippet, in order.
    private var slots: [Slot] = []
    /// The bytes of the plain snippets.
    private var plainTexts: [ArraySlice<UInt8>] = []
    /// Plain snippets (`isPlainText`) skip cmark; off only to show that cmark reads them alike.
    /// Set before adding: a snippet is looked at when it is added.
    var takesPlainTextAsIs = true

    /// Whether the snippet `add` returned `index` for was plain text: `parse`
    /// gives it one text node holding its bytes as they are.
    func isPlain(_ index: Int) -> Bool {
        if case .plain = slots[index] { true } else { false }
    }

    mutating func reserveCapacity(_ count: Int) {
        slots.reserveCapacity(count)
        plainTexts.reserveCapacity(count)
    }

    /// Adds a snippet; returns its index in what `parse` returns.
    /// - Parameter isValidUTF8: the bytes are known to be valid UTF-8 (cut
    ///   from a String's bytes at ASCII characters); otherwise they are checked.
    mutating func add(
        _ bytes: ArraySlice<UInt8>, lineIndex: Int, byteOffset: Int, removed: [Int] = [],
        continuations: [(lineIndex: Int, byteOffset: Int)] = [], isValidUTF8: Bool = false
    ) -> Int {
        if takesPlainTextAsIs, continuations.isEmpty, Self.isPlainText(bytes, isValidUTF8: isValidUTF8) {
            slots.append(.plain(plainTexts.count))
            plainTexts.append(bytes)
        } else {
            slots.append(.snippet(snippets.count))
            snippets.append(Snippet(bytes: bytes, lineIndex: lineIndex, byteOffset: byteOffset, removed: removed, continuations: continuations))
        }
        return slots.count - 1
    }

    /// The inlines of every snippet, in the order they were added, in a store of their own.
    func parse(in source: SourceLines) -> [Inlines] {
        var ignored: [Diagnostic] = []
        let store = InlineStore()
        var table = InlineTable()
        let results = parse(in: source, store: store, table: &table, diagnostics: &ignored)
        store.freeze(table)
        return results
    }

    /// The inlines of every snippet, added to the document's `table`;
    /// problems (nesting past the limit) go to `diagnostics`.
    func parse(in source: SourceLines, store: InlineStore, table: inout InlineTable, diagnostics: inout [Diagnostic]) -> [Inlines] {
        var results = [Inlines](repeating: Inlines(), count: slots.count)
        // Where each snippet's inlines go in `results`.
        var place = [Int](repeating: 0, count: snippets.count)
        for (n, slot) in slots.enumerated() {
            switch slot {
            case .plain(let k):
                guard !plainTexts[k].isEmpty else { continue }
                let first = table.nextIndex
                table.appendLeaf(.text, plainTexts[k])
                results[n] = Inlines(store: store, lower: first, upper: table.nextIndex)
            case .snippet(let k): place[k] = n
            }
        }
        guard !snippets.isEmpty else { return results }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(snippets.reduce(0) { $0 + $1.bytes.count + 3 })
        var shifts = [Int](repeating: 0, count: snippets.count)
        // The snippet on each buffer line (0-based), and each snippet's first buffer line (1-based).
        var owner: [Int] = []
        owner.reserveCapacity(snippets.count * 2)
        var firstLines = [Int](repeating: 0, count: snippets.count)
        for k in snippets.indices {
            firstLines[k] = owner.count + 1
            shifts[k] = Self.appendEscaped(snippets[k].bytes, to: &buffer)
            buffer.append(UInt8(ascii: "\n"))
            buffer.append(UInt8(ascii: "\n"))
            owner.append(contentsOf: repeatElement(k, count: snippets[k].continuations.count + 2))
        }
        let parsed = buffer.withUnsafeBufferPointer { pointer in
            CommonMarkConverter.topLevelInlines(pointer, validUTF8: source.isValidUTF8, position: { line, byteColumn in
                let k = owner[min(max(line - 1, 0), owner.count - 1)]
                let snippet = snippets[k]
                let row = line - firstLines[k]
                if row > 0, row <= snippet.continuations.count {
                    let start = snippet.continuations[row - 1]
                    return source.location(line: start.lineIndex, byteOffset: start.byteOffset + max(byteColumn - 1, 0))
                }
                let inSnippet = max(byteColumn - 1 - shifts[k], 0)
                let offset = snippet.byteOffset + inSnippet + Self.countAtMost(inSnippet, in: snippet.removed)
                return source.location(line: snippet.lineIndex, byteOffset: offset)
            }, store: store, table: &table, diagnostics: &diagnostics)
        }
        for (line, inlines) in parsed {
            let n = place[owner[min(max(line - 1, 0), owner.count - 1)]]
            // The parts of one snippet follow each other in the table: joining them copies nothing.
            results[n] = results[n] + inlines
        }
        for k in snippets.indices where snippets[k].bytes.first == UInt8(ascii: "<") {
            Self.dropPlaceholder(&results[place[k]], in: &table)
        }
        return results
    }

    /// Whether cmark would read the snippet as its text and nothing else:
    /// valid UTF-8 with no byte that can begin inline markup (`\\`, `` ` ``,
    /// `&`, `_`, `*`, `[`, `]`, `<`, `!`), no control character, and no space
    /// or tab at either end (cmark strips those). Most table cells are such text.
    /// (A leading block marker, as in `- x` or `1. x`, is escaped in the batch,
    /// so cmark reads it as text too.)
    /// - Parameter isValidUTF8: the bytes are known to be valid UTF-8; otherwise
    ///   non-ASCII bytes are checked.
    static func isPlainText(_ bytes: ArraySlice<UInt8>, isValidUTF8: Bool) -> Bool {
        if let first = bytes.first, first == 0x20 || first == 0x09 { return false }
        if let last = bytes.last, last == 0x20 || last == 0x09 { return false }
        let (markup, nonASCII) = bytes.withUnsafeBufferPointer { buffer -> (Bool, Bool) in
            // The table read in place: a static array's subscript checks its bounds and its once-token per byte.
            plainTextKinds.withUnsafeBufferPointer { table in
                var kinds: UInt8 = 0
                for byte in buffer { kinds |= table[Int(byte)] }
                return (kinds & 1 != 0, kinds & 2 != 0)
            }
        }
        if markup { return false }
        return !nonASCII || isValidUTF8 || String(validating: bytes, as: UTF8.self) != nil
    }

    /// For each byte: 1 when it can begin inline markup or is a control
    /// character, 2 when it is not ASCII, 0 for plain ASCII text.
    private static let plainTextKinds: [UInt8] = (0...255).map { byte -> UInt8 in
        switch UInt8(byte) {
        case 0..<0x20, UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "&"), UInt8(ascii: "_"), UInt8(ascii: "*"),
            UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: "!"):
            1
        case 0x80...: 2
        default: 0
        }
    }

    /// How many of the ascending `offsets` are at most `limit` (a binary search:
    /// a cell may hold many `\|`).
    static func countAtMost(_ limit: Int, in offsets: [Int]) -> Int {
        var low = 0, high = offsets.count
        while low < high {
            let middle = (low + high) / 2
            if offsets[middle] <= limit { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// What `appendEscaped` puts before a snippet that starts with `<`.
    static let placeholder = UInt8(ascii: "x")

    /// Removes the placeholder character from the start of a snippet's inlines,
    /// which are still being built in `table`.
    static func dropPlaceholder(_ inlines: inout Inlines, in table: inout InlineTable) {
        guard !inlines.isEmpty else { return }
        let first = Int(inlines.lower)
        let node = table.nodes[first]
        guard node.kind == .text, node.length > 0, table.bytes[Int(node.start)] == placeholder else { return }
        if node.length == 1 {
            inlines = Inlines(store: inlines.store, lower: node.end, upper: inlines.upper)
        } else {
            table.nodes[first].start += 1
            table.nodes[first].length -= 1
        }
    }

    /// Appends `bytes`, escaping a leading block marker; returns how many bytes were inserted.
    /// A leading `<` could open an HTML block (which may run past the blank line,
    /// as `<!--` or `<pre>` do): a placeholder letter goes before it instead, which
    /// keeps inline HTML and autolinks as they are; `parse` removes it again.
    static func appendEscaped(_ bytes: ArraySlice<UInt8>, to buffer: inout [UInt8]) -> Int {
        if bytes.first == UInt8(ascii: "<") {
            buffer.append(placeholder)
            buffer.append(contentsOf: bytes)
            return 1
        }
        guard let escapeAt = blockMarkerPosition(bytes) else {
            buffer.append(contentsOf: bytes)
            return 0
        }
        buffer.append(contentsOf: bytes[bytes.startIndex..<escapeAt])
        buffer.append(UInt8(ascii: "\\"))
        buffer.append(contentsOf: bytes[escapeAt...])
        return 1
    }

    /// The index of the character to escape so that `bytes` cannot start a block, if any.
    static func blockMarkerPosition(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard let first = bytes.first else { return nil }
        let start = bytes.startIndex
        func isSpaceOrEnd(_ i: Int) -> Bool { i >= bytes.endIndex || bytes[i] == 0x20 || bytes[i] == 0x09 }
        switch first {
        case UInt8(ascii: ">"):
            return start
        case UInt8(ascii: "#"):
            var i = start
            while i < bytes.endIndex, bytes[i] == UInt8(ascii: "#") { i += 1 }
            return i - start <= 6 && isSpaceOrEnd(i) ? start : nil
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "_"):
            if first != UInt8(ascii: "_"), isSpaceOrEnd(start + 1) { return start }
            // A thematic break: three or more of the same character, spaces allowed.
            let marks = bytes.filter { $0 == first }.count
            let onlyMarks = bytes.allSatisfy { $0 == first || $0 == 0x20 || $0 == 0x09 }
            return marks >= 3 && onlyMarks ? start : nil
        case UInt8(ascii: "`"), UInt8(ascii: "~"):
            let run = bytes.prefix { $0 == first }.count
            guard run >= 3 else { return nil }
            // A backtick fence's info string has no backticks: "```a```" is a code span.
            if first == UInt8(ascii: "`"), bytes.dropFirst(run).contains(first) { return nil }
            return start
        case UInt8(ascii: "["):
            // A link reference definition: `[label]: destination`.
            if let close = bytes.firstIndex(of: UInt8(ascii: "]")), close + 1 < bytes.endIndex, bytes[close + 1] == UInt8(ascii: ":") {
                return start
            }
            return nil
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            var i = start
            while i < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
            guard i - start <= 9, i < bytes.endIndex, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ")"), isSpaceOrEnd(i + 1) else {
                return nil
            }
            return i
        default:
            return nil
        }
    }
}
