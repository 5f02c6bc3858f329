import Testing
@testable import WorkbookMarkdown

/// Pipe tables. The GFM examples (spec 0.29, section 4.10) are mirrored with our
/// two deliberate differences: the table is wrapped in
/// `<div class="table-scroll">…</div>`, and alignment is a class
/// (`align-left|align-center|align-right`) instead of the `align` attribute.
@Suite struct PipeTableTests {
    // MARK: GFM spec examples

    /// GFM example 198: a basic table.
    @Test func gfm198BasicTable() {
        let markdown = """
            | foo | bar |
            | --- | --- |
            | baz | bim |
            """
        #expect(MD.html(markdown) == """
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th>foo</th>
            <th>bar</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>baz</td>
            <td>bim</td>
            </tr>
            </tbody>
            </table></div>

            """)
    }

    /// GFM example 199: alignment, no outer pipes on some rows, uneven widths.
    @Test func gfm199Alignment() {
        let markdown = """
            | abc | defghi |
            :-: | -----------:
            bar | baz
            """
        #expect(MD.html(markdown) == """
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th class="align-center">abc</th>
            <th class="align-right">defghi</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td class="align-center">bar</td>
            <td class="align-right">baz</td>
            </tr>
            </tbody>
            </table></div>

            """)
    }

    /// Left alignment and no alignment side by side (not a GFM example, completes 199).
    @Test func leftAndNoAlignment() {
        let markdown = "| a | b |\n|:--|---|\n| 1 | 2 |\n"
        #expect(MD.html(markdown) == """
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th class="align-left">a</th>
            <th>b</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td class="align-left">1</td>
            <td>2</td>
            </tr>
            </tbody>
            </table></div>

            """)
    }

    /// GFM example 200: `\|` is a literal bar, also inside code spans and emphasis.
    @Test func gfm200EscapedPipes() {
        let markdown = #"""
            | f\|oo  |
            | ------ |
            | b `\|` az |
            | b **\|** im |
            """#
        #expect(MD.html(markdown) == """
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th>f|oo</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>b <code>|</code> az</td>
            </tr>
            <tr>
            <td>b <strong>|</strong> im</td>
            </tr>
            </tbody>
            </table></div>

            """)
        let table = MD.firstTable(MD.blocks(markdown))
        #expect(table?.header.cells.map(\.source) == ["f|oo"])
        #expect(table?.rows.map { $0.cells.map(\.source) } == [["b `|` az"], ["b **|** im"]])
    }

    /// GFM example 201: a block quote ends the table.
    @Test func gfm201BrokenByBlockQuote() {
        let markdown = """
            | abc | def |
            | --- | --- |
            | bar | baz |
            > bar
            """
        #expect(MD.html(markdown) == """
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th>abc</th>
            <th>def</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>bar</td>
            <td>baz</td>
            </tr>
            </tbody>
            </table></div>
            <blockquote>
            <p>bar</p>
            </blockquote>

            """)
    }

    /// GFM example 202: a line without pipes is still a row; a blank line ends the table.
    @Test func gfm202BrokenByBlankLine() {
        let markdown = """
            | abc | def |
            | --- | --- |
            | bar | baz |
            bar

            bar
            """
        #expect(MD.html(markdown) == """
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th>abc</th>
            <th>def</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>bar</td>
            <td>baz</td>
            </tr>
            <tr>
            <td>bar</td>
            <td></td>
            </tr>
            </tbody>
            </table></div>
            <p>bar</p>

            """)
    }

    /// GFM example 203: header and delimiter rows with different cell counts: not a table.
    @Test func gfm203CellCountMismatchIsNotATable() {
        let markdown = """
            | abc | def |
            | --- |
            | bar |
            """
        #expect(MD.html(markdown) == "<p>| abc | def |\n| --- |\n| bar |</p>\n")
        #expect(MD.firstTable(MD.blocks(markdown)) == nil)
    }

    /// GFM example 204: short rows are padded with empty cells, long rows cut.
    @Test func gfm204PaddedAndTruncatedRows() {
        let markdown = """
            | abc | def |
            | --- | --- |
            | bar |
            | bar | baz | boo |
            """
        #expect(MD.html(markdown) == """
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th>abc</th>
            <th>def</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>bar</td>
            <td></td>
            </tr>
            <tr>
            <td>bar</td>
            <td>baz</td>
            </tr>
            </tbody>
            </table></div>

            """)
        let table = MD.firstTable(MD.blocks(markdown))
        #expect(table?.rows.map { $0.cells.map(\.source) } == [["bar", ""], ["bar", "baz"]])
    }

    /// GFM example 205: a header without body rows has no `<tbody>`.
    @Test func gfm205HeaderOnly() {
        let markdown = """
            | abc | def |
            | --- | --- |
            """
        #expect(MD.html(markdown) == """
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th>abc</th>
            <th>def</th>
            </tr>
            </thead>
            </table></div>

            """)
        #expect(MD.firstTable(MD.blocks(markdown))?.rows == [])
    }

    // MARK: Placement

    /// Lines of the paragraph before the header row stay a paragraph (as in cmark-gfm).
    @Test func paragraphBeforeHeaderStaysParagraph() {
        let markdown = """
            Intro with *emphasis*
            and a second line.
            | a | b |
            |---|---|
            | 1 | 2 |
            """
        #expect(MD.html(markdown) == """
            <p>Intro with <em>emphasis</em>
            and a second line.</p>
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th>a</th>
            <th>b</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>1</td>
            <td>2</td>
            </tr>
            </tbody>
            </table></div>

            """)
        let blocks = MD.blocks(markdown)
        #expect(blocks.count == 2)
        if case .paragraph(_, let location) = blocks.first {
            #expect(location == MD.loc(1, 1))
        } else {
            Issue.record("expected a paragraph first, got \(blocks)")
        }
        #expect(MD.firstTable(blocks)?.location == MD.loc(3, 1))
    }

    /// A paragraph with pipes but no delimiter row is a paragraph.
    @Test func pipesWithoutDelimiterRowStayParagraph() {
        #expect(MD.html("a | b\nc | d\n") == "<p>a | b\nc | d</p>\n")
    }

    /// A delimiter row needs dashes in every cell.
    @Test func invalidDelimiterRowsAreNotTables() {
        #expect(MD.html("| a | b |\n| --- | |\n") == "<p>| a | b |\n| --- | |</p>\n")
        #expect(MD.html("| a |\n| : |\n") == "<p>| a |\n| : |</p>\n")
        #expect(MD.html("| a |\n| -x- |\n") == "<p>| a |\n| -x- |</p>\n")
    }

    @Test func tableInListItem() {
        let markdown = """
            - item
            - | a | b |
              |---|--:|
              | 1 | 2 |
            """
        #expect(MD.html(markdown) == """
            <ul>
            <li>item</li>
            <li>
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th>a</th>
            <th class="align-right">b</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>1</td>
            <td class="align-right">2</td>
            </tr>
            </tbody>
            </table></div>
            </li>
            </ul>

            """)
        let table = MD.firstTable(MD.blocks(markdown))
        #expect(table?.header.cells.map(\.location) == [MD.loc(2, 5), MD.loc(2, 9)])
        #expect(table?.rows.first?.cells.map(\.location) == [MD.loc(4, 5), MD.loc(4, 9)])
    }

    @Test func tableInBlockQuote() {
        let markdown = """
            > | a | b |
            > |---|---|
            > | 1 | 2 |
            """
        #expect(MD.html(markdown) == """
            <blockquote>
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th>a</th>
            <th>b</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>1</td>
            <td>2</td>
            </tr>
            </tbody>
            </table></div>
            </blockquote>

            """)
        let table = MD.firstTable(MD.blocks(markdown))
        #expect(table?.header.cells.map(\.location) == [MD.loc(1, 5), MD.loc(1, 9)])
        #expect(table?.rows.first?.cells.map(\.location) == [MD.loc(3, 5), MD.loc(3, 9)])
    }

    @Test func tableInsideDirectiveBody() {
        let markdown = """
            :::matrix[Levels]
            Before.

            | Level | Scope |
            |-------|:-----:|
            | L5    | Team  |
            :::
            """
        let parsed = MarkdownParser.parse(markdown)
        #expect(parsed.diagnostics.isEmpty)
        let directive = MD.directives(parsed.blocks).first
        #expect(directive?.name == "matrix")
        #expect(HTMLRenderer.html(directive?.body ?? []) == """
            <p>Before.</p>
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th>Level</th>
            <th class="align-center">Scope</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>L5</td>
            <td class="align-center">Team</td>
            </tr>
            </tbody>
            </table></div>

            """)
        let table = MD.firstTable(parsed.blocks)
        #expect(table?.location == MD.loc(4, 1))
        #expect(table?.rows.first?.cells.map(\.location) == [MD.loc(6, 3), MD.loc(6, 11)])
        // Directives are the Workbook layer's to render.
        #expect(HTMLRenderer.html(parsed.blocks) == "")
    }

    // MARK: Source locations

    @Test func cellLocations() {
        let markdown = """
            | Name | Value |
            |:-----|------:|
            | x    |  `y`  |
            | z |
            """
        let table = MD.firstTable(MD.blocks(markdown))
        #expect(table?.location == MD.loc(1, 1))
        #expect(table?.header.location == MD.loc(1, 1))
        #expect(table?.header.cells.map(\.location) == [MD.loc(1, 3), MD.loc(1, 10)])
        #expect(table?.rows.map(\.location) == [MD.loc(3, 1), MD.loc(4, 1)])
        #expect(table?.rows[0].cells.map(\.location) == [MD.loc(3, 3), MD.loc(3, 11)])
        // A missing cell points just past the end of its row.
        #expect(table?.rows[1].cells.map(\.location) == [MD.loc(4, 3), MD.loc(4, 6)])
        #expect(table?.alignments == [.left, .right])
    }

    @Test func cellLocationsWithFirstLine() {
        let markdown = "| a | b |\n|---|---|\n| c | d |\n"
        let table = MD.firstTable(MD.blocks(markdown, firstLine: 10))
        #expect(table?.location == MD.loc(10, 1))
        #expect(table?.header.cells.map(\.location) == [MD.loc(10, 3), MD.loc(10, 7)])
        #expect(table?.rows[0].cells.map(\.location) == [MD.loc(12, 3), MD.loc(12, 7)])
    }

    /// Columns count Unicode scalars, 1-based: `é` (one scalar, two bytes), CJK
    /// (one scalar, three bytes each), `e` + combining acute (two scalars).
    @Test func cellLocationsCountUnicodeScalars() {
        let markdown = "| caf\u{E9} | \u{65E5}\u{672C}\u{8A9E} | x |\n|---|---|---|\n| e\u{301}x | y | \u{1F600} z |\n"
        let table = MD.firstTable(MD.blocks(markdown))
        #expect(table?.header.cells.map(\.location) == [MD.loc(1, 3), MD.loc(1, 10), MD.loc(1, 16)])
        #expect(table?.rows[0].cells.map(\.location) == [MD.loc(3, 3), MD.loc(3, 9), MD.loc(3, 13)])
        #expect(table?.header.cells.map(\.source) == ["caf\u{E9}", "\u{65E5}\u{672C}\u{8A9E}", "x"])
        #expect(MD.html(markdown).contains("<td>\u{1F600} z</td>"))
    }

    /// A link's location inside a cell points at its `[` in the file.
    @Test func linkLocationInCell() {
        let markdown = "| a | b |\n|---|---|\n| x | see [t](u.md) |\n"
        let table = MD.firstTable(MD.blocks(markdown))
        guard case .link(let link, _)? = table?.rows[0].cells[1].content.last else {
            Issue.record("expected a link, got \(String(describing: table?.rows[0].cells[1].content))")
            return
        }
        #expect(link.destination == "u.md")
        #expect(link.location == MD.loc(3, 11))
    }

    /// `\|` is unescaped before the cell is parsed; a link after it keeps its file column.
    @Test func linkLocationAfterEscapedPipe() {
        let markdown = "| a |\n|---|\n| x \\| y [t](u.md) |\n"
        let table = MD.firstTable(MD.blocks(markdown))
        guard case .link(let link, _)? = table?.rows[0].cells[0].content.last else {
            Issue.record("expected a link, got \(String(describing: table?.rows[0].cells[0].content))")
            return
        }
        #expect(link.location == MD.loc(3, 10))
    }

    // MARK: Cell content stays inline

    /// Cells that would start a block on a line of their own stay inline text
    /// (InlineBatch escapes their first character before cmark sees them).
    @Test func blockMarkersInCellsStayText() {
        let markdown = """
            | h | l | o | q | r |
            |---|---|---|---|---|
            | # h | - x | 1. y | > q | [x]: y |
            | ###### six | + p | 2) z | * s | --- |
            | *** | ~~~ | ``` | 123456789. n | #hashtag |
            """
        #expect(MD.html(markdown) == """
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th>h</th>
            <th>l</th>
            <th>o</th>
            <th>q</th>
            <th>r</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td># h</td>
            <td>- x</td>
            <td>1. y</td>
            <td>&gt; q</td>
            <td>[x]: y</td>
            </tr>
            <tr>
            <td>###### six</td>
            <td>+ p</td>
            <td>2) z</td>
            <td>* s</td>
            <td>---</td>
            </tr>
            <tr>
            <td>***</td>
            <td>~~~</td>
            <td>```</td>
            <td>123456789. n</td>
            <td>#hashtag</td>
            </tr>
            </tbody>
            </table></div>

            """)
    }

    /// Inline markup in cells: emphasis, code, links, images, and cells that are
    /// empty or only spaces.
    @Test func inlineMarkupInCells() {
        let markdown = """
            | **Bold** | `a < b` |
            |---|---|
            | [link](https://example.com "T") | ![alt *x*](i.png) |
            |  |    |
            """
        #expect(MD.html(markdown) == """
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th><strong>Bold</strong></th>
            <th><code>a &lt; b</code></th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td><a href="https://example.com" title="T">link</a></td>
            <td><img src="i.png" alt="alt x" /></td>
            </tr>
            <tr>
            <td></td>
            <td></td>
            </tr>
            </tbody>
            </table></div>

            """)
    }

    /// Cells are parsed one per line with blank lines between them: emphasis
    /// does not leak from one cell into the next.
    @Test func emphasisDoesNotCrossCells() {
        let markdown = "| *a | b* |\n|---|---|\n"
        #expect(MD.html(markdown).contains("<th>*a</th>\n<th>b*</th>"))
    }

    /// A triple-backtick code span in a cell is a code span (it cannot open a
    /// code fence: a backtick fence's info string has no backticks).
    @Test func tripleBacktickCodeSpanInCell() {
        let markdown = "| a |\n|---|\n| ```x` y``` |\n"
        #expect(MD.html(markdown).contains("<td><code>x` y</code></td>"))
    }

    /// An HTML comment left open in one cell must not swallow the next cells.
    @Test func openHTMLCommentInCellDoesNotSwallowNextCells() {
        let markdown = "| a | b |\n|---|---|\n| <!-- x | **y** |\n"
        #expect(MD.html(markdown).contains("<td>&lt;!-- x</td>\n<td><strong>y</strong></td>"))
    }

    /// Cells starting with `<` are inline HTML or autolinks, never HTML blocks.
    @Test func cellsStartingWithAngleBracket() {
        let markdown = "| a |\n|---|\n| <div>**b**</div> |\n| <https://a.example> x |\n| <pre>p |\n| *after* |\n"
        #expect(MD.html(markdown) == """
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th>a</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td><!-- raw HTML omitted --><strong>b</strong><!-- raw HTML omitted --></td>
            </tr>
            <tr>
            <td><a href="https://a.example">https://a.example</a> x</td>
            </tr>
            <tr>
            <td><!-- raw HTML omitted -->p</td>
            </tr>
            <tr>
            <td><em>after</em></td>
            </tr>
            </tbody>
            </table></div>

            """)
        let unsafe = HTMLRenderer.html(MD.blocks(markdown), options: .init(unsafeHTML: true))
        #expect(unsafe.contains("<td><div><strong>b</strong></div></td>\n"))
        #expect(unsafe.contains("<td><pre>p</td>\n"))
        let table = MD.firstTable(MD.blocks(markdown))
        guard case .link(let link, _)? = table?.rows[1].cells[0].content.first else {
            Issue.record("expected an autolink, got \(String(describing: table?.rows[1].cells[0].content))")
            return
        }
        #expect(link.location == MD.loc(4, 3))
    }

    /// `---` right under a table is a thematic break after it (GitHub ends the
    /// table there), not a setext underline turning the table into a heading.
    @Test func dashesUnderTableAreThematicBreak() {
        let markdown = "Intro\n| a |\n|---|\n| b |\n---\n"
        #expect(MD.html(markdown) == """
            <p>Intro</p>
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th>a</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>b</td>
            </tr>
            </tbody>
            </table></div>
            <hr />

            """)
        // Without a table, the same lines are a setext heading.
        #expect(MD.html("a | b\n---\n") == "<h2>a | b</h2>\n")
    }

    /// `===` right under a table is one more row (it cannot start a block).
    @Test func equalsUnderTableIsARow() {
        let markdown = "| a | b |\n|---|---|\n===\n"
        #expect(MD.html(markdown) == """
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th>a</th>
            <th>b</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>===</td>
            <td></td>
            </tr>
            </tbody>
            </table></div>

            """)
    }

    /// Links in the paragraph lines above a table keep their own line and column.
    @Test func linkLocationsInParagraphBeforeTable() {
        let markdown = "> Intro [a](a.md)\n>   see [b](b.md)\n> | h |\n> |---|\n"
        let options = HTMLRenderer.Options(resolveLink: { link, _ in "\(link.destination)@\(link.location)" })
        #expect(HTMLRenderer.html(MD.blocks(markdown, firstLine: 3), options: options).hasPrefix("""
            <blockquote>
            <p>Intro <a href="a.md@3:9">a</a>
            see <a href="b.md@4:9">b</a></p>
            <div class="table-scroll"><table>
            """))
    }

    /// A trailing escaped pipe is cell content, not the row's closing pipe.
    @Test func trailingEscapedPipe() {
        let markdown = "| a | b |\n|---|---|\n| x | y \\|\n"
        let table = MD.firstTable(MD.blocks(markdown))
        #expect(table?.rows[0].cells.map(\.source) == ["x", "y |"])
    }
}
