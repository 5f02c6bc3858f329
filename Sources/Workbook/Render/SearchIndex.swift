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

    /// What the index is made from: every chapter, then every story.
    static func sources(_ workbook: Workbook) -> [(body: [ChapterBlock], page: String, url: String, intro: String)] {
        workbook.chapters.map { ($0.body, $0.front.title, SitePaths.url(SitePaths.chapter($0.name)), $0.front.summary ?? "") }
            + (workbook.personal?.stories ?? []).map { ($0.body, $0.title, SitePaths.url(SitePaths.story($0.name)), "") }
    }

    /// The page's own entry holds the text before its first heading; each
    /// heading starts an entry; each titled block gets one of its own.
    static func entries(body: [ChapterBlock], page: String, url: String, intro: String) -> [Entry] {
        var entries = [Entry(title: page, page: page, url: url, text: intro)]
        for block in body {
            switch block {
            case .markdown(.heading(let heading)) where heading.level <= 3:
                entries.append(Entry(title: heading.content.plainText, page: page, url: url + "#" + heading.id, text: ""))
            case .markdown(let markdown):
                PlainText.appendPiece(to: &entries[entries.count - 1].text) { PlainText.append(markdown, to: &$0) }
            default:
                guard let (title, id) = block.titleAndID else {
                    PlainText.appendPiece(to: &entries[entries.count - 1].text) { PlainText.append(block, to: &$0) }
                    continue
                }
                entries.append(Entry(title: title, page: page, url: url + "#" + id, text: PlainText.of(block)))
            }
        }
        return entries
    }

    /// `window.WORKBOOK_SEARCH = {...};` — JSON with every `/` escaped (so
    /// `</script>` cannot appear), keys sorted. Chapters' entries are encoded
    /// in parallel.
    /// - Parameter cached: gives the fragment of the nth source (chapters, then
    ///   stories) from a cache, or makes it.
    static func script(
        _ workbook: Workbook,
        cached: @Sendable (Int, () -> [UInt8]) -> [UInt8] = { $1() }
    ) -> [[UInt8]] {
        @Sendable func fragment(_ body: [ChapterBlock], _ page: String, _ url: String, _ intro: String) -> [UInt8] {
            var out: [UInt8] = []
            for entry in entries(body: body, page: page, url: url, intro: intro) {
                if !out.isEmpty { out.append(UInt8(ascii: ",")) }
                append(entry, to: &out)
            }
            return out
        }
        let all = sources(workbook)
        let fragments = parallelMap(Array(all.indices)) { i in
            let source = all[i]
            let make = { fragment(source.body, source.page, source.url, source.intro) }
            return cached(i, make)
        }
        return wrap(fragments)
    }

    static func script(_ entries: [Entry]) -> [UInt8] {
        Array(wrap(entries.map { entry in
            var out: [UInt8] = []
            append(entry, to: &out)
            return out
        }).joined())
    }

    /// The script's pieces: the fragments themselves between their separators,
    /// so the index of a thousand chapters is assembled without copying them.
    private static func wrap(_ fragments: [[UInt8]]) -> [[UInt8]] {
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
        out += Array("{\"page\":".utf8)
        appendJSONString(entry.page, to: &out)
        out += Array(",\"text\":".utf8)
        appendJSONString(entry.text, to: &out)
        out += Array(",\"title\":".utf8)
        appendJSONString(entry.title, to: &out)
        out += Array(",\"url\":".utf8)
        appendJSONString(entry.url, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// A JSON string, as JSONEncoder writes it: `/` escaped too. Runs of bytes
    /// that need no escape are copied whole.
    static func appendJSONString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var start = 0
            for (i, b) in bytes.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == UInt8(ascii: "/") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                appendEscape(b, to: &out)
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(_ b: UInt8, to out: inout [UInt8]) {
        out.append(0x5C)
        switch b {
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        case 0x00..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            out += [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
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

/// The text a reader sees, for search: words only, one space between blocks.
/// Written into one string as it goes: the index holds the whole workbook's
/// text, and a string per block joined at every level copied it many times.
enum PlainText {
    static func of(_ block: ChapterBlock) -> String {
        var text = ""
        append(block, to: &text)
        return text
    }

    /// Appends what `write` writes after a space, or without one when `text` is
    /// empty; an empty piece leaves `text` as it was.
    static func appendPiece(to text: inout String, _ write: (inout String) -> Void) {
        let hadText = !text.isEmpty
        if hadText { text += " " }
        let start = text.utf8.count
        write(&text)
        if hadText, text.utf8.count == start { text.removeLast() }
    }

    /// The pieces one space apart, empty ones left out.
    static func appendNonEmpty<S: Sequence>(_ items: S, to text: inout String, _ write: (S.Element, inout String) -> Void) {
        var hasText = false
        for item in items {
            if hasText { text += " " }
            let start = text.utf8.count
            write(item, &text)
            if text.utf8.count != start {
                hasText = true
            } else if hasText {
                text.removeLast()
            }
        }
    }

    /// The pieces one space apart, empty ones included.
    static func appendAll<S: Sequence>(_ items: S, to text: inout String, _ write: (S.Element, inout String) -> Void) {
        var first = true
        for item in items {
            if !first { text += " " }
            first = false
            write(item, &text)
        }
    }

    static func append(_ blocks: [Block], to text: inout String) {
        appendNonEmpty(blocks, to: &text) { append($0, to: &$1) }
    }

    static func append(_ block: Block, to text: inout String) {
        switch block {
        case .paragraph(let content, _): content.appendPlainText(to: &text)
        case .heading(let heading): heading.content.appendPlainText(to: &text)
        case .blockQuote(let children): append(children, to: &text)
        case .list(let list): appendAll(list.items, to: &text) { append($0, to: &$1) }
        case .codeBlock(_, let literal): text += literal.trimmingCharacters(in: .whitespacesAndNewlines)
        case .html, .thematicBreak: break
        case .table(let table): appendAll(([table.header] + table.rows).lazy.flatMap(\.cells), to: &text) { $0.content.appendPlainText(to: &$1) }
        case .directive(let directive): append(directive.body, to: &text)
        }
    }

    static func append(_ body: [ChapterBlock], to text: inout String) {
        appendNonEmpty(body, to: &text) { append($0, to: &$1) }
    }

    static func append(_ block: ChapterBlock, to text: inout String) {
        switch block {
        case .markdown(let b): append(b, to: &text)
        case .matrix(let m):
            let parts: [(inout String) -> Void] = [{ append(m.intro, to: &$0) }, { append(.table(m.table), to: &$0) }, { append(m.outro, to: &$0) }]
            appendNonEmpty(parts, to: &text) { $0(&$1) }
        case .drill(let d): append(d.body, to: &text)
        case .rubric(let r):
            let dimensions: (inout String) -> Void = { out in
                appendAll(r.dimensions, to: &out) { dimension, out in
                    out += dimension.name
                    for descriptor in dimension.descriptors {
                        out += " "
                        descriptor.appendPlainText(to: &out)
                    }
                }
            }
            let parts = [dimensions] + r.bands.map { band in { band.text.appendPlainText(to: &$0) } } + [{ append(r.prose, to: &$0) }]
            appendNonEmpty(parts, to: &text) { $0(&$1) }
        case .checklist(let c): appendAll(c.items, to: &text) { append($0, to: &$1) }
        case .transcript(let t):
            appendAll(t.turns, to: &text) { turn, out in
                out += turn.speaker
                for paragraph in turn.paragraphs {
                    out += " "
                    paragraph.appendPlainText(to: &out)
                }
                for annotation in turn.annotations {
                    out += " "
                    annotation.appendPlainText(to: &out)
                }
            }
        case .phrases(let p): appendAll(p.phrases, to: &text) { $1 += $0.text }
        case .callout(let c): append(c.body, to: &text)
        case .fieldref(let f): append(f.body, to: &text)
        }
    }
}
