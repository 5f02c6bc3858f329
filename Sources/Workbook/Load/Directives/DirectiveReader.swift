import WorkbookMarkdown

/// Turns a chapter's parsed blocks into typed blocks: each directive checked
/// against its type's rules and given its id.
struct DirectiveReader {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []
    /// The page's ids: directive ids first, heading ids after.
    var slugger = Slugger()
    /// Where each explicit or title-derived id was given, to report duplicates.
    private var idLocations: [String: SourceLocation] = [:]
    private var autoCounters: [DirectiveType: Int] = [:]

    init(path: String) {
        self.path = path
    }

    mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(message, at: location, path: path))
    }

    mutating func warning(_ message: String, at location: SourceLocation) {
        diagnostics.append(.warning(message, at: location, path: path))
    }

    /// The same words wherever a directive sits where it may not.
    mutating func nestingError(_ inner: Directive, in type: DirectiveType) {
        error("a `\(inner.name)` cannot sit inside a `\(type.rawValue)`; only drill, callout and fieldref bodies hold other blocks", at: inner.location)
    }

    /// Reads a body; `parent` is the directive it sits in, if any.
    mutating func read(_ blocks: [Block], in parent: DirectiveType? = nil) -> [ChapterBlock] {
        var out: [ChapterBlock] = []
        out.reserveCapacity(blocks.count)
        for block in blocks {
            guard case .directive(let directive) = block else {
                out.append(.markdown(block))
                continue
            }
            if let parent, !parent.allowsNestedDirectives {
                nestingError(directive, in: parent)
                continue
            }
            if let typed = read(directive) { out.append(typed) }
        }
        return out
    }

    private mutating func read(_ directive: Directive) -> ChapterBlock? {
        guard let type = DirectiveType(rawValue: directive.name) else {
            let known = DirectiveType.allCases.map(\.rawValue).joined(separator: ", ")
            var message = "unknown directive type `\(directive.name)`; known types: \(known)"
            if let near = DirectiveType.allCases.first(where: { $0.rawValue.isNear(directive.name) }) {
                message = "unknown directive type `\(directive.name)`; did you mean `\(near.rawValue)`?"
            }
            error(message, at: directive.nameLocation)
            return nil
        }
        for attribute in directive.attributes where !type.attributes.contains(attribute.key) {
            let known = type.attributes.isEmpty ? "it takes none besides `#id`" : "it takes " + type.attributes.map { "`\($0)`" }.joined(separator: ", ")
            warning("unknown attribute `\(attribute.key)` on `\(type.rawValue)`; \(known)", at: attribute.location)
        }
        if type.requiresTitle, directive.title?.plainText.isEmpty ?? true {
            error("`\(type.rawValue)` needs a title: `:::\(type.rawValue)[Title]`", at: directive.nameLocation)
            return nil
        }
        let id = assignID(directive, type: type)
        switch type {
        case .matrix: return readMatrix(directive, id: id).map(ChapterBlock.matrix)
        case .drill: return .drill(readDrill(directive, id: id))
        case .rubric: return readRubric(directive, id: id).map(ChapterBlock.rubric)
        case .checklist: return readChecklist(directive, id: id).map(ChapterBlock.checklist)
        case .transcript: return .transcript(readTranscript(directive, id: id))
        case .phrases: return readPhrases(directive, id: id).map(ChapterBlock.phrases)
        case .callout: return readCallout(directive, id: id).map(ChapterBlock.callout)
        case .fieldref:
            return .fieldref(FieldRef(id: id, title: directive.title ?? [], body: read(directive.body, in: .fieldref), location: directive.location))
        }
    }

    /// The explicit `#id`, else the slug of the title, else `<type>-N`.
    private mutating func assignID(_ directive: Directive, type: DirectiveType) -> String {
        if let explicit = directive.id {
            let at = directive.idLocation ?? directive.location
            if let first = idLocations.updateValue(at, forKey: explicit) {
                error("duplicate id `\(explicit)`: already used on line \(first.line)", at: at)
            }
            slugger.reserve(explicit)
            return explicit
        }
        if let text = directive.title?.plainText, !text.isEmpty {
            let slug = Slugger.slug(text)
            if type.hasWorkbookWideID || type.requiresTitle {
                let base = slug.isEmpty ? type.rawValue : slug
                // The title gives the id: point at its `[`, right after the type.
                let titleLocation = SourceLocation(line: directive.nameLocation.line, column: directive.nameLocation.column + directive.name.unicodeScalars.count)
                // One lookup: the first place an id was used is put back when this is a duplicate.
                if let first = idLocations.updateValue(titleLocation, forKey: base) {
                    idLocations[base] = first
                    error("duplicate id `\(base)` (from the title): already used on line \(first.line); give one of them an explicit `{#id}`", at: titleLocation)
                    return base
                }
                slugger.reserve(base)
                return base
            }
            return slugger.uniqueID(slug.isEmpty ? type.rawValue : slug)
        }
        var n = autoCounters[type, default: 0]
        var candidate: String
        repeat {
            n += 1
            candidate = "\(type.rawValue)-\(n)"
        } while slugger.isUsed(candidate)
        autoCounters[type] = n
        slugger.reserve(candidate)
        return candidate
    }

    /// Heading ids, unique against every directive id of the page; call after `read`.
    mutating func assignHeadingIDs(_ blocks: inout [ChapterBlock]) {
        for i in blocks.indices {
            switch blocks[i] {
            case .markdown(.heading(var heading)):
                heading.id = slugger.unique(for: heading.content.plainText)
                blocks[i] = .markdown(.heading(heading))
            // The block's slot is emptied while its body changes, so the body
            // is changed in place rather than copied (it is no longer shared).
            case .drill(var drill):
                blocks[i] = .markdown(.thematicBreak)
                assignHeadingIDs(&drill.body)
                blocks[i] = .drill(drill)
            case .callout(var callout):
                blocks[i] = .markdown(.thematicBreak)
                assignHeadingIDs(&callout.body)
                blocks[i] = .callout(callout)
            case .fieldref(var fieldref):
                blocks[i] = .markdown(.thematicBreak)
                assignHeadingIDs(&fieldref.body)
                blocks[i] = .fieldref(fieldref)
            default:
                break
            }
        }
    }
}

extension String {
    /// Within one edit (insert, delete, replace, or swap of neighbours): for "did you mean".
    func isNear(_ other: String) -> Bool {
        let a = Array(self), b = Array(other.lowercased())
        if a == b { return true }
        if abs(a.count - b.count) > 1 { return false }
        var i = 0
        while i < min(a.count, b.count), a[i] == b[i] { i += 1 }
        if a.count == b.count {
            if Array(a[(i + 1)...]) == Array(b[(i + 1)...]) { return true }
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && Array(a[(i + 2)...]) == Array(b[(i + 2)...])
        }
        return a.count > b.count ? Array(a[(i + 1)...]) == Array(b[i...]) : Array(a[i...]) == Array(b[(i + 1)...])
    }
}
