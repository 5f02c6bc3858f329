import Testing
@testable import WorkbookMarkdown

/// For plain CommonMark (no tables, no directives), the renderer gives
/// byte-for-byte the HTML cmark itself gives.
@Suite struct RendererParityTests {
    static let documents: [String] = [
        "# Title\n\nSome *emph*, **strong**, `code` and [a link](https://example.com \"T\").\n",
        "- one\n- two\n  - nested\n- three\n",
        "1. first\n\n2. second\n\n   more text\n",
        "5) five\n6) six\n",
        "> quote with a\nlazy line\n\n> - list in quote\n",
        "```swift\nlet x = 1 < 2 && \"q\"\n```\n\n    indented code\n",
        "Line one  \nline two\\\nline three\nsoft\n",
        "***\n\n---\n\n___\n",
        "An ![image *alt*](img.png \"title\") and <span>raw</span> html.\n\n<div>\nblock html\n</div>\n",
        "[dangerous](javascript:alert(1)) and [data](data:text/html,x) and ![ok](data:image/png;base64,AA)\n",
        "Escapes: 5 < 6 & \"quotes\" 'single' \\* not emph\n\n[url with spaces](<a b.md>) [q](a?b=1&c='2')\n",
        "Setext\n======\n\nSub\n---\n",
        "- [ ] task-like\n- tight\n\n      code in item\n",
        "Unicode: café — “quotes” 日本語 [ü](ü.md)\n",
        "<!-- comment -->\n\nText <!-- inline comment --> here.\n",
    ]

    @Test(arguments: documents)
    func matchesCmark(_ markdown: String) {
        let parsed = MarkdownParser.parse(markdown)
        #expect(parsed.diagnostics.isEmpty)
        #expect(HTMLRenderer.html(parsed.blocks) == CommonMarkConverter.referenceHTML(markdown))
    }
}
