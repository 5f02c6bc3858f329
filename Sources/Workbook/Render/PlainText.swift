import Foundation
import WorkbookMarkdown

/// Where plain text is written: a String, or a search entry's text written
/// straight into the index as JSON (`SearchIndex.EntryJSON`).
protocol PlainTextOutput: ~Copyable {
    /// Whether nothing has been written yet.
    var isEmpty: Bool { get }
    /// A position that moves on with every byte written.
    var mark: Int { get }
    mutating func write(_ text: String)
    /// Writes UTF-8 text (a piece of a document's inline text).
    mutating func write(utf8 bytes: UnsafeBufferPointer<UInt8>)
    mutating func writeSpace()
    /// Takes back the space `writeSpace` wrote last.
    mutating func removeSpace()
}

extension String: PlainTextOutput {
    var mark: Int { utf8.count }
    mutating func write(_ text: String) { self += text }
    mutating func write(utf8 bytes: UnsafeBufferPointer<UInt8>) { self += String(decoding: bytes, as: UTF8.self) }
    mutating func writeSpace() { self += " " }
    mutating func removeSpace() { removeLast() }
}

/// The text a reader sees, for search: words only, one space between blocks.
/// Written into one output as it goes: the index holds the whole workbook's
/// text, and a string per block joined at every level copied it many times.
enum PlainText {
    /// Appends what `write` writes after a space, or without one when `text` is
    /// empty; an empty piece leaves `text` as it was.
    static func appendPiece<Output: PlainTextOutput & ~Copyable>(to text: inout Output, _ write: (inout Output) -> Void) {
        let hadText = !text.isEmpty
        if hadText { text.writeSpace() }
        let start = text.mark
        write(&text)
        if hadText, text.mark == start { text.removeSpace() }
    }

    /// The pieces one space apart, empty ones left out.
    static func appendNonEmpty<S: Sequence, Output: PlainTextOutput & ~Copyable>(
        _ items: S, to text: inout Output, _ write: (S.Element, inout Output) -> Void
    ) {
        var hasText = false
        for item in items {
            if hasText { text.writeSpace() }
            let start = text.mark
            write(item, &text)
            if text.mark != start {
                hasText = true
            } else if hasText {
                text.removeSpace()
            }
        }
    }

    /// The pieces one space apart, empty ones included.
    static func appendAll<S: Sequence, Output: PlainTextOutput & ~Copyable>(
        _ items: S, to text: inout Output, _ write: (S.Element, inout Output) -> Void
    ) {
        var first = true
        for item in items {
            if !first { text.writeSpace() }
            first = false
            write(item, &text)
        }
    }

    /// Inline content as `Inlines.plainText` gives it.
    static func append<Output: PlainTextOutput & ~Copyable>(_ inlines: Inlines, to text: inout Output) {
        inlines.forEachPlainTextPiece { piece in
            if let piece { text.write(utf8: piece) } else { text.writeSpace() }
        }
    }

    static func append<Output: PlainTextOutput & ~Copyable>(_ blocks: [Block], to text: inout Output) {
        appendNonEmpty(blocks, to: &text) { append($0, to: &$1) }
    }

    static func append<Output: PlainTextOutput & ~Copyable>(_ block: Block, to text: inout Output) {
        switch block {
        case .paragraph(let content, _): append(content, to: &text)
        case .heading(let heading): append(heading.content, to: &text)
        case .blockQuote(let children): append(children, to: &text)
        case .list(let list): appendAll(list.items, to: &text) { append($0, to: &$1) }
        case .codeBlock(_, let literal): text.write(literal.trimmingWhitespaceAndNewlines)
        case .html, .thematicBreak: break
        case .table(let table):
            // Every cell, header first, one space apart.
            var first = true
            for row in -1..<table.rows.count {
                for cell in (row < 0 ? table.header : table.rows[row]).cells {
                    if !first { text.writeSpace() }
                    first = false
                    append(cell.content, to: &text)
                }
            }
        case .directive(let directive): append(directive.body, to: &text)
        }
    }

    static func append<Output: PlainTextOutput & ~Copyable>(_ body: [ChapterBlock], to text: inout Output) {
        appendNonEmpty(body, to: &text) { append($0, to: &$1) }
    }

    static func append<Output: PlainTextOutput & ~Copyable>(_ block: ChapterBlock, to text: inout Output) {
        switch block {
        case .markdown(let b): append(b, to: &text)
        case .matrix(let m):
            appendNonEmpty(0..<3, to: &text) { part, out in
                switch part {
                case 0: append(m.intro, to: &out)
                case 1: append(.table(m.table), to: &out)
                default: append(m.outro, to: &out)
                }
            }
        case .drill(let d): append(d.body, to: &text)
        case .rubric(let r):
            // The dimensions, then each band's text, then the prose.
            appendNonEmpty(0..<(r.bands.count + 2), to: &text) { part, out in
                if part == 0 {
                    appendAll(r.dimensions, to: &out) { dimension, out in
                        out.write(dimension.name)
                        for descriptor in dimension.descriptors {
                            out.writeSpace()
                            append(descriptor, to: &out)
                        }
                    }
                } else if part <= r.bands.count {
                    append(r.bands[part - 1].text, to: &out)
                } else {
                    append(r.prose, to: &out)
                }
            }
        case .checklist(let c): appendAll(c.items, to: &text) { append($0, to: &$1) }
        case .transcript(let t):
            appendAll(t.turns, to: &text) { turn, out in
                out.write(turn.speaker)
                for paragraph in turn.paragraphs {
                    out.writeSpace()
                    append(paragraph, to: &out)
                }
                for annotation in turn.annotations {
                    out.writeSpace()
                    append(annotation, to: &out)
                }
            }
        case .phrases(let p): appendAll(p.phrases, to: &text) { $1.write($0.text) }
        case .callout(let c): append(c.body, to: &text)
        case .fieldref(let f): append(f.body, to: &text)
        }
    }
}
