import WorkbookMarkdown

extension Array where Element == ChapterBlock {
    /// Calls `body` for every link and image in these blocks, at any depth.
    func forEachLink(_ body: (Link) -> Void) {
        for block in self { block.forEachLink(body) }
    }

    /// Every directive block, at any depth, with the blocks it sits in.
    func forEachBlock(_ body: (ChapterBlock) -> Void) {
        for block in self {
            body(block)
            switch block {
            case .drill(let d): d.body.forEachBlock(body)
            case .callout(let c): c.body.forEachBlock(body)
            case .fieldref(let f): f.body.forEachBlock(body)
            default: break
            }
        }
    }
}

extension ChapterBlock {
    func forEachLink(_ body: (Link) -> Void) {
        switch self {
        case .markdown(let block): block.forEachLink(body)
        case .matrix(let m):
            m.title.forEachLink(body)
            m.intro.forEach { $0.forEachLink(body) }
            Block.table(m.table).forEachLink(body)
            m.outro.forEach { $0.forEachLink(body) }
        case .drill(let d):
            d.title.forEachLink(body)
            d.body.forEachLink(body)
        case .rubric(let r):
            r.title.forEachLink(body)
            r.dimensions.forEach { $0.descriptors.forEach { $0.forEachLink(body) } }
            r.bands.forEach { $0.text.forEachLink(body) }
            r.prose.forEach { $0.forEachLink(body) }
        case .checklist(let c):
            c.title?.forEachLink(body)
            c.items.forEach { $0.forEach { $0.forEachLink(body) } }
        case .transcript(let t):
            t.title?.forEachLink(body)
            for turn in t.turns {
                turn.paragraphs.forEach { $0.forEachLink(body) }
                turn.annotations.forEach { $0.forEachLink(body) }
            }
        case .phrases(let p):
            p.title.forEachLink(body)
            p.phrases.forEach { $0.content.forEachLink(body) }
        case .callout(let c):
            c.title?.forEachLink(body)
            c.body.forEachLink(body)
        case .fieldref(let f):
            f.title.forEachLink(body)
            f.body.forEachLink(body)
        }
    }
}

extension Block {
    func forEachLink(_ body: (Link) -> Void) {
        switch self {
        case .paragraph(let content, _): content.forEachLink(body)
        case .heading(let heading): heading.content.forEachLink(body)
        case .blockQuote(let children): children.forEach { $0.forEachLink(body) }
        case .list(let list): list.items.forEach { $0.forEach { $0.forEachLink(body) } }
        case .table(let table):
            table.header.cells.forEach { $0.content.forEachLink(body) }
            table.rows.forEach { $0.cells.forEach { $0.content.forEachLink(body) } }
        case .directive(let directive): directive.body.forEach { $0.forEachLink(body) }
        case .codeBlock, .html, .thematicBreak: break
        }
    }
}

extension ChapterBlock {
    /// The type, id and location of blocks whose id is unique across the workbook.
    var workbookWideID: (String, String, SourceLocation)? {
        switch self {
        case .matrix(let m): ("matrix", m.id, m.location)
        case .drill(let d): ("drill", d.id, d.location)
        case .rubric(let r): ("rubric", r.id, r.location)
        case .fieldref(let f): ("field reference", f.id, f.location)
        default: nil
        }
    }
}
