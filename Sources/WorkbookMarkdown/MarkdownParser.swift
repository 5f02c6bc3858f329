/// Parses a chapter's Markdown: CommonMark through libcmark, plus `:::`
/// directives and pipe tables. Pure: text in, blocks and diagnostics out.
public enum MarkdownParser {
    public struct Result: Sendable {
        public var blocks: [Block]
        /// Problems with directive fences; their `path` is empty for the caller to fill in.
        public var diagnostics: [Diagnostic]
    }

    /// - Parameters:
    ///   - text: the Markdown, e.g. a chapter after its front matter.
    ///   - firstLine: the file line number of the text's first line.
    public static func parse(_ text: String, firstLine: Int = 1) -> Result {
        parse(Array(text.utf8), firstLine: firstLine)
    }

    public static func parse(_ bytes: [UInt8], firstLine: Int = 1) -> Result {
        let source = SourceLines(bytes, firstLine: firstLine)
        var scanner = DirectiveScanner(source: source)
        let tree = scanner.scan()
        var builder = BlockBuilder(source: source)
        return Result(blocks: builder.blocks(tree), diagnostics: scanner.diagnostics)
    }
}
