import Testing
@testable import WorkbookMarkdown

/// The renderer's options: raw HTML, heading id prefixes, link resolution and
/// dangerous URLs.
@Suite struct HTMLRendererOptionsTests {
    static let rawHTML = "<div class=\"x\">\nblock *html*\n</div>\n\nText <span>in</span> line<br>.\n"

    /// Inline content that is one text with nothing to escape is returned as
    /// it is; anything else goes through the renderer.
    @Test func plainInlineTextIsItsOwnHTML() {
        #expect(HTMLRenderer.html(Inlines()) == "")
        #expect(HTMLRenderer.html([.text("Owns the rollout")]) == "Owns the rollout")
        #expect(HTMLRenderer.html([.text("Ships é 日本 'quoted'")]) == "Ships é 日本 'quoted'")
        #expect(HTMLRenderer.html([.text("a < b & \"c\" > d")]) == "a &lt; b &amp; &quot;c&quot; &gt; d")
        #expect(HTMLRenderer.html([.text("two"), .softBreak, .text("lines")]) == "two\nlines")
        #expect(HTMLRenderer.html([.code("x")]) == "<code>x</code>")
    }

    @Test func rawHTMLOmittedByDefault() {
        #expect(MD.html(Self.rawHTML) == """
            <!-- raw HTML omitted -->
            <p>Text <!-- raw HTML omitted -->in<!-- raw HTML omitted --> line<!-- raw HTML omitted -->.</p>

            """)
    }

    @Test func unsafeHTMLKeepsRawHTML() {
        let html = HTMLRenderer.html(MD.blocks(Self.rawHTML), options: .init(unsafeHTML: true))
        #expect(html == """
            <div class="x">
            block *html*
            </div>
            <p>Text <span>in</span> line<br>.</p>

            """)
    }

    @Test func rawHTMLInTableCells() {
        let markdown = "| a |\n|---|\n| x <b>y</b> |\n"
        #expect(MD.html(markdown).contains("<td>x <!-- raw HTML omitted -->y<!-- raw HTML omitted --></td>"))
        let unsafe = HTMLRenderer.html(MD.blocks(markdown), options: .init(unsafeHTML: true))
        #expect(unsafe.contains("<td>x <b>y</b></td>"))
    }

    /// Heading ids are set by the caller (the parser leaves them empty); the
    /// renderer writes them with the prefix, escaped.
    @Test func headingIdsAndPrefix() {
        var slugger = Slugger()
        slugger.reserve("overview")
        let blocks = MD.blocks("# Overview\n\n## Overview\n\n### Next \"step\"\n").map { block -> Block in
            guard case .heading(var heading) = block else { return block }
            heading.id = slugger.unique(for: heading.content.plainText)
            return .heading(heading)
        }
        #expect(HTMLRenderer.html(blocks) == """
            <h1 id="overview-1">Overview</h1>
            <h2 id="overview-2">Overview</h2>
            <h3 id="next-step">Next &quot;step&quot;</h3>

            """)
        #expect(HTMLRenderer.html(blocks, options: .init(idPrefix: "ch-12--")) == """
            <h1 id="ch-12--overview-1">Overview</h1>
            <h2 id="ch-12--overview-2">Overview</h2>
            <h3 id="ch-12--next-step">Next &quot;step&quot;</h3>

            """)
        #expect(HTMLRenderer.html(blocks, options: .init(idPrefix: "a\"<")).hasPrefix("<h1 id=\"a&quot;&lt;overview-1\">"))
    }

    @Test func headingsWithoutIdHaveNoIdAttribute() {
        #expect(HTMLRenderer.html(MD.blocks("# Title\n"), options: .init(idPrefix: "p-")) == "<h1>Title</h1>\n")
    }

    @Test func resolveLinkRewritesLinksAndImages() {
        let markdown = "[see](05-levels.md#level-comparison \"Levels\") ![chart](img/c.png) [ext](https://x.org/a b)\n"
        let options = HTMLRenderer.Options(resolveLink: { link, isImage in
            if isImage { return "../assets/" + link.destination }
            if link.destination.hasPrefix("05-levels.md") {
                return "levels.html" + link.destination.dropFirst("05-levels.md".count)
            }
            return link.destination
        })
        #expect(HTMLRenderer.html(MD.blocks(markdown), options: options) == """
            <p><a href="levels.html#level-comparison" title="Levels">see</a> <img src="../assets/img/c.png" alt="chart" /> [ext](https://x.org/a b)</p>

            """)
    }

    @Test func resolvedURLsAreEscapedForHref() {
        let options = HTMLRenderer.Options(resolveLink: { _, _ in "a b/\u{E9}?q=1&r='x'\"" })
        #expect(HTMLRenderer.html(MD.blocks("[t](u)\n"), options: options) == """
            <p><a href="a%20b/%C3%A9?q=1&amp;r=&#x27;x&#x27;%22">t</a></p>

            """)
    }

    @Test func resolveLinkNilRendersTextOnly() {
        let markdown = "Read [the *missing* page](missing.md) and ![gone](gone.png \"T\").\n"
        let options = HTMLRenderer.Options(resolveLink: { link, _ in
            link.destination.hasPrefix("missing") || link.destination.hasPrefix("gone") ? nil : link.destination
        })
        #expect(HTMLRenderer.html(MD.blocks(markdown), options: options) == """
            <p>Read the <em>missing</em> page and <img src="" alt="gone" title="T" />.</p>

            """)
    }

    /// The closure gets each link's file location (line offset by `firstLine:`), in lists and table cells too.
    @Test func resolveLinkSeesLinkLocations() {
        let markdown = "Line one.\n\n- item [a](a.md)\n\n| h |\n|---|\n| [b](b.md) ![i](i.png) |\n"
        let options = HTMLRenderer.Options(resolveLink: { link, isImage in
            "\(link.destination)@\(link.location)\(isImage ? "-image" : "")"
        })
        let html = HTMLRenderer.html(MD.blocks(markdown, firstLine: 4), options: options)
        #expect(html.contains(#"<li>item <a href="a.md@6:8">a</a></li>"#))
        #expect(html.contains(#"<td><a href="b.md@10:3">b</a> <img src="i.png@10:13-image" alt="i" /></td>"#))
    }

    @Test func dangerousURLsRenderAsEmptyHref() {
        let markdown = """
            [a](javascript:alert(1)) [b](data:text/html,x) [c](JaVaScRiPt:x) [d](vbscript:x) \
            [e](file:///etc/passwd) [f](<data:text/html;base64,AA>) ![g](data:image/png;base64,AA) \
            ![h](javascript:x) [i](https://ok.example/javascript:x)

            """
        #expect(MD.html(markdown) == """
            <p><a href="">a</a> <a href="">b</a> <a href="">c</a> <a href="">d</a> \
            <a href="">e</a> <a href="">f</a> <img src="data:image/png;base64,AA" alt="g" /> \
            <img src="" alt="h" /> <a href="https://ok.example/javascript:x">i</a></p>

            """)
        #expect(MD.html(markdown) == CommonMarkConverter.referenceHTML(markdown))
    }

    @Test func isDangerous() {
        #expect(HTMLEscaping.isDangerous("javascript:x"))
        #expect(HTMLEscaping.isDangerous("  javascript:x"))
        #expect(HTMLEscaping.isDangerous("DATA:TEXT/HTML,x"))
        #expect(HTMLEscaping.isDangerous("data:image/svg+xml,<svg/>"))
        #expect(!HTMLEscaping.isDangerous("data:image/webp;base64,AA"))
        #expect(!HTMLEscaping.isDangerous("https://example.com"))
        #expect(!HTMLEscaping.isDangerous("05-levels.md#javascript:"))
    }

    @Test func inlineRenderingOfTitles() {
        let inlines: Inlines = [.text("a < b & \"c\""), .code("x<y"), .html("<i>"), .lineBreak, .softBreak]
        #expect(HTMLRenderer.html(inlines) == "a &lt; b &amp; &quot;c&quot;<code>x&lt;y</code><!-- raw HTML omitted --><br />\n\n")
        #expect(HTMLRenderer.html(inlines, options: .init(unsafeHTML: true)) == "a &lt; b &amp; &quot;c&quot;<code>x&lt;y</code><i><br />\n\n")
    }
}
