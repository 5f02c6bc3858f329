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

    /// Text from a String skips cmark's UTF-8 check and reads the same; raw
    /// bytes are checked, and an invalid sequence reads as U+FFFD.
    @Test func validTextReadsAlikeWithOrWithoutTheCheck() {
        let extra = ["| a | b |\n|---|:-:|\n| café | `x` |\n", ":::callout[Tip — ü]{#t kind=tip}\nBody *é*.\n:::\n"]
        for markdown in Self.documents + extra {
            let checked = MarkdownParser.parse(Array(markdown.utf8), isValidUTF8: false)
            let unchecked = MarkdownParser.parse(Array(markdown.utf8), isValidUTF8: true)
            #expect(HTMLRenderer.html(checked.blocks) == HTMLRenderer.html(unchecked.blocks), "\(markdown)")
            #expect(checked.diagnostics == unchecked.diagnostics)
        }
        #expect(HTMLRenderer.html(MarkdownParser.parse([0x61, 0xFF, 0x62, 0x0A]).blocks) == "<p>a\u{FFFD}b</p>\n")
        let table = Array("| a".utf8) + [0xC3] + Array(" | b |\n|---|---|\n".utf8)
        #expect(HTMLRenderer.html(MarkdownParser.parse(table).blocks).contains("<th>a\u{FFFD}</th>"))
    }
}
