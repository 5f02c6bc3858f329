import WorkbookMarkdown

// Matrix, drill, checklist, phrases and callout: the types with simple bodies.
extension DirectiveReader {
    mutating func readMatrix(_ directive: Directive, id: String) -> Matrix? {
        let tables = directive.body.indices.filter { if case .table = directive.body[$0] { true } else { false } }
        guard let index = tables.first, case .table(let table) = directive.body[index] else {
            error("`matrix` needs a pipe table: a header row, a `|---|` row, then one row per level", at: directive.location)
            return nil
        }
        if tables.count > 1, case .table(let extra) = directive.body[tables[1]] {
            error("`matrix` holds exactly one table; found \(tables.count)", at: extra.location)
        }
        rejectDirectives(in: directive.body, of: .matrix)
        return Matrix(
            id: id, title: directive.title ?? [], intro: Array(directive.body[..<index]), table: table,
            outro: Array(directive.body[(index + 1)...]).filter { if case .table = $0 { false } else { true } },
            location: directive.location)
    }

    mutating func readDrill(_ directive: Directive, id: String) -> Drill {
        var timebox: Timebox?
        if let attribute = directive.attribute("timebox") {
            timebox = Timebox(attribute.value)
            if timebox == nil {
                error("invalid timebox `\(attribute.value)`: write minutes (`15` or `15m`), hours (`1h`, `1h30m`) or seconds (`90s`)", at: attribute.location)
            }
        } else {
            warning("drill `\(id)` has no timebox: add `{timebox=15m}`", at: directive.location)
        }
        return Drill(id: id, title: directive.title ?? [], timebox: timebox, body: read(directive.body, in: .drill), location: directive.location)
    }

    mutating func readChecklist(_ directive: Directive, id: String) -> Checklist? {
        guard let list = onlyBulletList(directive, of: .checklist) else { return nil }
        return Checklist(id: id, title: directive.title, items: list.items, location: directive.location)
    }

    mutating func readPhrases(_ directive: Directive, id: String) -> Phrases? {
        guard let attribute = directive.attribute("kind") else {
            error("`phrases` needs `kind=safe` or `kind=avoid`", at: directive.nameLocation)
            return nil
        }
        guard let kind = Phrases.Kind(rawValue: attribute.value) else {
            error("invalid phrases kind `\(attribute.value)`: use `safe` or `avoid`", at: attribute.location)
            return nil
        }
        guard let list = onlyBulletList(directive, of: .phrases) else { return nil }
        let phrases = list.items.map { item -> Phrases.Phrase in
            let inlines = Inlines.joined(
                item.compactMap { block -> Inlines? in
                    if case .paragraph(let content, _) = block { content } else { nil }
                })
            let location = item.first.flatMap { block -> SourceLocation? in
                if case .paragraph(_, let location) = block { location } else { nil }
            } ?? list.location
            return Phrases.Phrase(content: inlines, text: inlines.plainText, location: location)
        }
        return Phrases(id: id, title: directive.title ?? [], kind: kind, phrases: phrases, location: directive.location)
    }

    mutating func readCallout(_ directive: Directive, id: String) -> Callout? {
        var kind = Callout.Kind.note
        if let attribute = directive.attribute("kind") {
            guard let parsed = Callout.Kind(rawValue: attribute.value) else {
                let names = Callout.Kind.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
                error("invalid callout kind `\(attribute.value)`: use one of \(names)", at: attribute.location)
                return nil
            }
            kind = parsed
        }
        return Callout(id: id, title: directive.title, kind: kind, body: read(directive.body, in: .callout), location: directive.location)
    }

    /// The body's one bullet list; anything else in the body is an error.
    mutating func onlyBulletList(_ directive: Directive, of type: DirectiveType) -> List? {
        var found: List?
        for block in directive.body {
            switch block {
            case .list(let list) where !list.isOrdered && found == nil:
                found = list
            case .directive(let inner):
                nestingError(inner, in: type)
            default:
                error("`\(type.rawValue)` holds one bullet list and nothing else", at: block.startLocation ?? directive.location)
            }
        }
        if found == nil {
            error("`\(type.rawValue)` needs a bullet list (`- item` lines)", at: directive.location)
        }
        return found
    }

    mutating func rejectDirectives(in blocks: [Block], of type: DirectiveType) {
        for case .directive(let inner) in blocks {
            nestingError(inner, in: type)
        }
    }
}

extension Block {
    /// Where the block starts, for the kinds that record it.
    var startLocation: SourceLocation? {
        switch self {
        case .paragraph(_, let location): location
        case .heading(let heading): heading.location
        case .list(let list): list.location
        case .table(let table): table.location
        case .directive(let directive): directive.location
        case .blockQuote(let blocks): blocks.first?.startLocation
        case .codeBlock, .html, .thematicBreak: nil
        }
    }
}
