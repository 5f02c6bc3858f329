/// Explicit limits of the Markdown layer, so that no input can exhaust the
/// stack: every recursive walk over blocks and inlines stays this shallow.
public enum MarkdownLimits {
    /// How deep directives, block quotes and lists may nest, together.
    public static let blockNesting = 64
    /// How deep emphasis, links and images may nest inside one another.
    public static let inlineNesting = 64

    static let blockNestingMessage =
        "nesting deeper than \(blockNesting) levels: directives, block quotes and lists may nest at most \(blockNesting) deep"
    static let inlineNestingMessage =
        "nesting deeper than \(inlineNesting) levels: emphasis, links and images may nest at most \(inlineNesting) deep"
}
