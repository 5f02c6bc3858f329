/// Parses a chapter's Markdown: CommonMark through libcmark, plus `:::`
/// directives and pipe tables. Pure: text in, blocks and diagnostics out.
public enum MarkdownParser {
    public struct Result: Sendable {
        public var blocks: [Block]
        /// Problems with directive fences and nesting; their `path` is empty for the caller to fill in.
        public var diagnostics: [Diagnostic]
    }

    /// - Parameters:
    ///   - text: the Markdown, e.g. a chapter after its front matter.
    ///   - firstLine: the file line number of the text's first line.
    public static func parse(_ text: String, firstLine: Int = 1) -> Result {
        parse(Array(text.utf8), firstLine: firstLine, isValidUTF8: true)
    }

    /// - Parameter isValidUTF8: the bytes are a String's (always valid UTF-8),
    ///   so cmark need not check them; raw bytes are checked and invalid
    ///   sequences read as U+FFFD.
    public static func parse(_ bytes: [UInt8], firstLine: Int = 1, isValidUTF8: Bool = false) -> Result {
        let source = SourceLines(bytes, firstLine: firstLine, isValidUTF8: isValidUTF8)
        var scanner = DirectiveScanner(source: source)
        let tree = scanner.scan()
        let store = InlineStore()
        var builder = BlockBuilder(source: source, store: store)
        let blocks = builder.blocks(tree)
        store.freeze(builder.inlines)
        // A paragraph that turns out to be a table is read twice (as a paragraph, then cell by cell).
        var seen: Set<Diagnostic> = []
        let diagnostics = (scanner.diagnostics + builder.diagnostics).filter { seen.insert($0).inserted }
        return Result(blocks: blocks, diagnostics: diagnostics)
    }
}
