import WorkbookMarkdown

/// Fits a printable sheet (scorecard, field reference) on one page: the
/// build estimates how many lines of standard text the sheet holds and picks
/// the roomiest of four layouts (`fit-0` … `fit-3`, print.css) that holds it.
/// Past the tightest, the build warns: the sheet would spill onto a second page.
enum SheetFit {
    enum Kind {
        case scorecard, fieldref
    }

    /// Lines of standard text (about 95 characters) each layout holds on one
    /// page, letter or A4 (the smaller of the two), measured by printing
    /// sheets of known length with Chromium and keeping a margin.
    static func capacity(_ kind: Kind) -> [Double] {
        switch kind {
        case .fieldref: [50, 60, 86, 100]
        case .scorecard: [52, 58, 76, 88]
        }
    }

    static let charactersPerLine = 95.0

    /// The layout class for a sheet of `lines`, and whether even the tightest overflows.
    static func level(lines: Double, kind: Kind) -> (fitClass: String, overflows: Bool) {
        let capacity = capacity(kind)
        for (level, holds) in capacity.enumerated() where lines <= holds {
            return ("fit-\(level)", false)
        }
        return ("fit-\(capacity.count - 1)", true)
    }

    static func lines(_ text: String, width: Double = charactersPerLine) -> Double {
        max(1, (Double(characterCount(text)) / width).rounded(.up))
    }

    /// `lines(inlines.plainText)`, without making the text when it is ASCII.
    static func lines(_ inlines: Inlines, width: Double = charactersPerLine) -> Double {
        var count = 0
        if !asciiCount(inlines, into: &count) { count = characterCount(inlines.plainText) }
        return max(1, (Double(count) / width).rounded(.up))
    }

    /// Adds the length of `plainText` when every piece of it is ASCII without
    /// `\r` (one character per byte); false, part way, when one is not.
    private static func asciiCount(_ inlines: Inlines, into count: inout Int) -> Bool {
        var isASCII = true
        inlines.forEachPlainTextPiece { piece in
            guard isASCII else { return }
            guard let piece else {
                count += 1
                return
            }
            if piece.bytesAreCharacters { count += piece.count } else { isASCII = false }
        }
        return isASCII
    }

    /// `text.count`, without walking the characters when each byte is one.
    static func characterCount(_ text: String) -> Int {
        text.bytesAreCharacters ? text.utf8.count : text.count
    }

    /// A field reference: its body's blocks.
    static func lines(_ fieldref: FieldRef) -> Double {
        lines(fieldref.body)
    }

    static func lines(_ body: [ChapterBlock]) -> Double {
        body.reduce(0) { total, block in
            switch block {
            case .markdown(let markdown): return total + lines(markdown)
            case .matrix(let m): return total + 2 + lines(Block.table(m.table)) + m.intro.reduce(0) { $0 + lines($1) } + m.outro.reduce(0) { $0 + lines($1) }
            // A framed block costs its title, padding and margins: about 3.5 lines.
            case .drill(let d): return total + 4 + lines(d.body)
            case .rubric(let r): return total + 3.5 + Double(r.dimensions.count) * 2 + Double(r.bands.count)
            case .checklist(let c): return total + 3.5 + c.items.reduce(0) { $0 + 0.5 + $1.reduce(0) { $0 + lines($1) } }
            case .transcript(let t): return total + 3.5 + t.turns.reduce(0) { sum, turn in
                sum + 0.5 + turn.paragraphs.reduce(0) { $0 + lines($1) } + turn.annotations.reduce(0) { $0 + lines($1) + 0.5 }
            }
            case .phrases(let p): return total + 3.5 + p.phrases.reduce(0) { $0 + 0.3 + lines($1.text) }
            case .callout(let c): return total + 3.5 + lines(c.body)
            case .fieldref(let f): return total + 3.5 + lines(f.body)
            }
        }
    }

    static func lines(_ block: Block) -> Double {
        switch block {
        case .paragraph(let content, _): return lines(content) + 0.4
        case .heading: return 2
        case .blockQuote(let children): return children.reduce(0.4) { $0 + lines($1) }
        case .list(let list): return list.items.reduce(0.4) { sum, item in sum + 0.15 + item.reduce(0) { $0 + lines($1) - 0.4 } }
        case .codeBlock(_, let literal): return Double(literal.split(separator: "\n", omittingEmptySubsequences: false).count) + 0.8
        case .html(let literal): return lines(literal)
        case .thematicBreak: return 1
        case .table(let table):
            let width = charactersPerLine / Double(max(table.alignments.count, 1))
            let rows = [table.header] + table.rows
            return rows.reduce(0.6) { sum, row in sum + 0.3 + (row.cells.map { lines($0.content, width: width) }.max() ?? 1) }
        case .directive(let directive): return directive.body.reduce(2) { $0 + lines($1) }
        }
    }

    /// A scorecard: its table (one row per dimension, each as tall as its
    /// longest descriptor), the total line, bands and requirements.
    static func lines(_ rubric: Rubric) -> Double {
        let columns = Double(rubric.anchors.count) + 2
        let width = charactersPerLine / columns
        let rows = rubric.dimensions.reduce(0) { sum, dimension in
            sum + 0.6 + max(2, dimension.descriptors.map { lines($0, width: width) }.max() ?? 1)
        }
        let bands = rubric.bands.reduce(0) { $0 + lines($1.text, width: charactersPerLine * 0.6) + 0.3 }
        return 8 + rows + 3 + 2 + bands + Double(rubric.requirements.count)
    }
}

extension SheetFit {
    /// A warning for each printable sheet that even the tightest layout cannot
    /// fit on one page, at the block that makes it.
    static func overflowWarnings(_ chapter: Chapter) -> [Diagnostic] {
        // Most chapters' sheets fit: then the body need not be walked to name them.
        guard chapter.rubricLines.contains(where: { level(lines: $0, kind: .scorecard).overflows })
            || chapter.fieldrefLines.contains(where: { level(lines: $0, kind: .fieldref).overflows })
        else { return [] }
        var warnings: [Diagnostic] = []
        let path = chapter.path
        // The chapter's rubrics and field references come in body order, each with its estimate.
        var rubric = 0, fieldref = 0
        chapter.body.forEachBlock { block in
            let (kind, name, id, estimate, location): (Kind, String, String, Double, SourceLocation)
            switch block {
            case .rubric(let r):
                (kind, name, id, estimate, location) = (.scorecard, "scorecard", r.id, chapter.rubricLines[rubric], r.location)
                rubric += 1
            case .fieldref(let f):
                (kind, name, id, estimate, location) = (.fieldref, "field reference", f.id, chapter.fieldrefLines[fieldref], f.location)
                fieldref += 1
            default: return
            }
            guard level(lines: estimate, kind: kind).overflows else { return }
            let page = kind == .scorecard ? SitePaths.scorecard(id) : SitePaths.fieldref(id)
            warnings.append(.warning(
                "\(page) will not print on one page: the \(name) `\(id)` is about \(Int(estimate.rounded())) lines and the tightest layout holds \(Int(capacity(kind).last!)); shorten it or split it",
                at: location, path: path))
        }
        return warnings
    }
}

extension String {
    /// Whether each UTF-8 byte is one Character: ASCII without `\r` (which
    /// `\r\n` joins into one). Counting and measuring such text need not
    /// break it into Characters.
    var bytesAreCharacters: Bool { utf8.bytesAreCharacters }
}

extension Sequence<UInt8> {
    /// `String.bytesAreCharacters`, for UTF-8 bytes.
    var bytesAreCharacters: Bool {
        allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") }
    }
}
