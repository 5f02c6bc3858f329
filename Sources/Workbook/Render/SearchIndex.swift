import Foundation
import WorkbookMarkdown

/// The offline search index: one entry per chapter, per section (`##` and
/// `###` headings) and per titled block, with its plain text. Written as a
/// script, `search-index.js`, so search works from `file://`.
enum SearchIndex {
    struct Entry: Encodable, Equatable {
        /// The section, block or chapter title.
        var title: String
        /// The chapter (or story) it belongs to.
        var page: String
        /// Relative to the site root, with the anchor.
        var url: String
        var text: String
    }

    static let fileName = "search-index.js"
    static let warningSize = 5 * 1024 * 1024

    static func entries(_ workbook: Workbook) -> [Entry] {
        sources(workbook).flatMap { entries(body: $0.body, page: $0.page, url: $0.url, intro: $0.intro) }
    }

    /// A page the index has entries for: a chapter or a story.
    struct Source: Sendable {
        var body: [ChapterBlock]
        var page: String
        var url: String
        var intro: String
    }

    /// What the index is made from: every chapter, then every story.
    static func sources(_ workbook: Workbook) -> [Source] {
        workbook.chapters.map { Source(body: $0.body, page: $0.front.title, url: SitePaths.url(SitePaths.chapter($0.name)), intro: $0.front.summary ?? "") }
            + (workbook.personal?.stories ?? []).map { Source(body: $0.body, page: $0.title, url: SitePaths.url(SitePaths.story($0.name)), intro: "") }
    }

    /// The page's own entry holds the text before its first heading; each
    /// heading starts an entry; each titled block gets one of its own.
    static func entries(body: [ChapterBlock], page: String, url: String, intro: String) -> [Entry] {
        var list = EntryList(page: page)
        walk(body, page: page, url: url, intro: intro, into: &list)
        list.close()
        return list.entries
    }

    /// Writes the entries of one page into `sink` as the body is walked: text
    /// after a heading or a titled block's own text goes to its entry, and
    /// later untitled blocks add to the last entry.
    private static func walk<Sink: EntrySink & ~Copyable>(_ body: [ChapterBlock], page: String, url: String, intro: String, into sink: inout Sink) {
        sink.open(title: page, url: url, fragment: nil)
        sink.write(intro)
        for block in body {
            switch block {
            case .markdown(.heading(let heading)) where heading.level <= 3:
                sink.open(title: heading.content.plainText, url: url, fragment: heading.id)
            case .markdown(let markdown):
                PlainText.appendPiece(to: &sink) { PlainText.append(markdown, to: &$0) }
            default:
                guard let (title, id) = block.titleAndID else {
                    PlainText.appendPiece(to: &sink) { PlainText.append(block, to: &$0) }
                    continue
                }
                sink.open(title: title, url: url, fragment: id)
                PlainText.append(block, to: &sink)
            }
        }
    }

    /// Where `walk` puts entries: each is opened with its title and URL, then
    /// its text is written to the sink.
    private protocol EntrySink: PlainTextOutput, ~Copyable {
        /// Ends the open entry, if any, and starts the next, at `url#fragment`.
        mutating func open(title: String, url: String, fragment: String?)
    }

    /// Entries as values.
    private struct EntryList: EntrySink {
        let page: String
        var entries: [Entry] = []
        var text = ""

        var isEmpty: Bool { text.isEmpty }
        var mark: Int { text.mark }
        mutating func write(_ text: String) { self.text.write(text) }
        mutating func write(utf8 bytes: UnsafeBufferPointer<UInt8>) { text.write(utf8: bytes) }
        mutating func writeSpace() { text.writeSpace() }
        mutating func removeSpace() { text.removeSpace() }

        mutating func open(title: String, url: String, fragment: String?) {
            close()
            entries.append(Entry(title: title, page: page, url: fragment.map { url + "#" + $0 } ?? url, text: ""))
        }

        mutating func close() {
            guard !entries.isEmpty else { return }
            entries[entries.count - 1].text = text
            text = ""
        }
    }

    /// Entries written straight as the index's JSON, with no text kept as a
    /// String: the index holds every word of the workbook. What is written
    /// is the open entry's text, as it is; `close` escapes it for JSON in
    /// one pass (escaping each piece as it came, a few words at a time, cost
    /// more than the escaping: most text has nothing to escape).
    private struct EntryJSON: EntrySink, ~Copyable {
        let page: String
        var bytes: ByteBuffer
        /// Where the open entry's text starts in `bytes`.
        var start = 0
        var pending: (title: String, url: String, fragment: String?)?

        init(page: String, capacity: Int) {
            self.page = page
            bytes = ByteBuffer(capacity: capacity)
        }

        mutating func open(title: String, url: String, fragment: String?) {
            close()
            if !bytes.isEmpty { bytes.append(UInt8(ascii: ",")) }
            bytes.append(literal: "{\"page\":")
            appendJSONString(page, to: &bytes)
            bytes.append(literal: ",\"text\":\"")
            start = bytes.count
            pending = (title, url, fragment)
        }

        /// Ends the open entry: its text's closing quote, title and URL.
        mutating func close() {
            guard let (title, url, fragment) = pending else { return }
            escapeText()
            bytes.append(literal: "\",\"title\":")
            appendJSONString(title, to: &bytes)
            bytes.append(literal: ",\"url\":\"")
            // `url#fragment`, written as one string without joining them first.
            appendJSONContent(url, to: &bytes)
            if let fragment {
                bytes.append(UInt8(ascii: "#"))
                appendJSONContent(fragment, to: &bytes)
            }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(UInt8(ascii: "}"))
            pending = nil
        }

        /// The open entry's text, from its first byte that JSON escapes on, written again escaped.
        private mutating func escapeText() {
            let start = self.start
            let first: Int? = bytes.withBytes { all in
                ByteScan.first(in: UnsafeBufferPointer(rebasing: all[start...]), from: 0, jsonEscaped).map { start + $0 }
            }
            guard let first else { return }
            let raw = bytes.withBytes { Array($0[first...]) }
            bytes.truncate(to: first)
            raw.withUnsafeBufferPointer { appendJSONContent($0, to: &bytes) }
        }

        var isEmpty: Bool { bytes.count == start }
        var mark: Int { bytes.count }
        mutating func write(_ text: String) { bytes.append(text) }
        mutating func write(utf8 text: UnsafeBufferPointer<UInt8>) { bytes.append(text) }
        mutating func writeSpace() { bytes.append(UInt8(ascii: " ")) }
        mutating func removeSpace() { bytes.removeLast() }
    }

    /// `window.WORKBOOK_SEARCH = {...};` — JSON with every `/` escaped (so
    /// `</script>` cannot appear), keys sorted. Pages' entries are encoded
    /// in parallel.
    static func script(_ workbook: Workbook) -> [[UInt8]] {
        wrap(parallelMap(sources(workbook), fragment))
    }

    /// One page's entries, comma-separated, as the script holds them.
    @Sendable static func fragment(_ source: Source) -> [UInt8] {
        var json = EntryJSON(page: source.page, capacity: fragmentSize.capacity)
        walk(source.body, page: source.page, url: source.url, intro: source.intro, into: &json)
        json.close()
        fragmentSize.record(json.bytes.count)
        return json.bytes.bytes()
    }

    /// How long pages' entries have been, to start the next page's at.
    private static let fragmentSize = SizeHint(least: 4096)

    static func script(_ entries: [Entry]) -> [UInt8] {
        Array(wrap(entries.map { entry in
            var out: [UInt8] = []
            append(entry, to: &out)
            return out
        }).joined())
    }

    /// The script's pieces: the fragments themselves between their separators,
    /// so the index of a thousand chapters is assembled without copying them.
    static func wrap(_ fragments: [[UInt8]]) -> [[UInt8]] {
        var parts = [Array("window.WORKBOOK_SEARCH = {\"entries\":[".utf8)]
        parts.reserveCapacity(2 * fragments.count + 2)
        let comma = [UInt8(ascii: ",")]
        for fragment in fragments where !fragment.isEmpty {
            if parts.count > 1 { parts.append(comma) }
            parts.append(fragment)
        }
        parts.append(Array("]};\n".utf8))
        return parts
    }

    private static func append(_ entry: Entry, to out: inout [UInt8]) {
        out.append(literal: "{\"page\":")
        appendJSONString(entry.page, to: &out)
        out.append(literal: ",\"text\":")
        appendJSONString(entry.text, to: &out)
        out.append(literal: ",\"title\":")
        appendJSONString(entry.title, to: &out)
        out.append(literal: ",\"url\":")
        appendJSONString(entry.url, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// A JSON string, as JSONEncoder writes it: `/` escaped too. Runs of bytes
    /// that need no escape are copied whole.
    static func appendJSONString<Sink: ByteSink & ~Copyable>(_ string: String, to out: inout Sink) {
        out.append(UInt8(ascii: "\""))
        appendJSONContent(string, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// What a JSON string escapes here: `"`, `\\`, `/` and control characters.
    static let jsonEscaped = ByteScan.Set([UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/")], controls: true)

    /// What goes between a JSON string's quotes.
    static func appendJSONContent<Sink: ByteSink & ~Copyable>(_ string: String, to out: inout Sink) {
        string.withUTF8Bytes { appendJSONContent($0, to: &out) }
    }

    static func appendJSONContent<Sink: ByteSink & ~Copyable>(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout Sink) {
        var start = 0
        while let i = ByteScan.first(in: bytes, from: start, jsonEscaped) {
            out.append(UnsafeBufferPointer(rebasing: bytes[start..<i]))
            appendEscape(bytes[i], to: &out)
            start = i + 1
        }
        out.append(UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    private static func appendEscape<Sink: ByteSink & ~Copyable>(_ b: UInt8, to out: inout Sink) {
        out.append(0x5C)
        switch b {
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        case 0x00..<0x20:
            let hex: StaticString = "0123456789abcdef"
            out.append(literal: "u00")
            out.append(hex.utf8Start[Int(b >> 4)])
            out.append(hex.utf8Start[Int(b & 0xF)])
        default: out.append(b)  // `"`, `\` and `/` after the backslash
        }
    }
}

extension ChapterBlock {
    /// A block's title and id, for blocks with a title.
    var titleAndID: (String, String)? {
        switch self {
        case .markdown: nil
        case .matrix(let m): (m.title.plainText, m.id)
        case .drill(let d): (d.title.plainText, d.id)
        case .rubric(let r): (r.title.plainText, r.id)
        case .checklist(let c): c.title.map { ($0.plainText, c.id) }
        case .transcript(let t): t.title.map { ($0.plainText, t.id) }
        case .phrases(let p): (p.title.plainText, p.id)
        case .callout(let c): c.title.map { ($0.plainText, c.id) }
        case .fieldref(let f): (f.title.plainText, f.id)
        }
    }
}
