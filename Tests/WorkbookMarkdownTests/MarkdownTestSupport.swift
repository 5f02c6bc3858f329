@testable import WorkbookMarkdown

/// Small helpers shared by the Markdown layer's tests.
enum MD {
    /// The rendered HTML of `markdown`, with default options.
    static func html(_ markdown: String, firstLine: Int = 1) -> String {
        HTMLRenderer.html(MarkdownParser.parse(markdown, firstLine: firstLine).blocks)
    }

    /// The diagnostics as `line:column: message`, in order.
    static func diagnostics(_ markdown: String, firstLine: Int = 1) -> [String] {
        MarkdownParser.parse(markdown, firstLine: firstLine).diagnostics.map {
            "\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.message)"
        }
    }

    /// The blocks of `markdown`; diagnostics must be empty.
    static func blocks(_ markdown: String, firstLine: Int = 1) -> [Block] {
        MarkdownParser.parse(markdown, firstLine: firstLine).blocks
    }

    /// The first table found in `blocks`, searching containers depth-first.
    static func firstTable(_ blocks: [Block]) -> Table? {
        for block in blocks {
            switch block {
            case .table(let table): return table
            case .blockQuote(let children):
                if let t = firstTable(children) { return t }
            case .list(let list):
                for item in list.items { if let t = firstTable(item) { return t } }
            case .directive(let d):
                if let t = firstTable(d.body) { return t }
            default: break
            }
        }
        return nil
    }

    /// The directives at the top level of `blocks`.
    static func directives(_ blocks: [Block]) -> [Directive] {
        blocks.compactMap { if case .directive(let d) = $0 { d } else { nil } }
    }

    static func loc(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(line: line, column: column)
    }
}
