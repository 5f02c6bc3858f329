import Testing
@testable import Workbook
import WorkbookMarkdown

/// A sheet's line estimate counts the characters of the text a reader sees.
@Suite struct SheetFitTests {
    /// Counted from the inlines, without making their text, it is the same as
    /// counted from `plainText`: ASCII, breaks, nesting, raw HTML, and text
    /// where bytes are not characters (é, "\r\n", a combining mark across pieces).
    @Test func linesOfInlinesCountAsTheirText() {
        let link = Link(destination: "u", title: "", location: SourceLocation(line: 1, column: 1))
        let cases: [Inlines] = [
            [],
            [.text("Owns the rollout")],
            [.text("two"), .softBreak, .text("lines"), .lineBreak, .code("x()")],
            [.strong([.text("bold")]), .text(" and "), .emphasis([.link(link, [.text("a link")])]), .html("<b>")],
            [.text(String(repeating: "word ", count: 40))],
            [.text("café "), .text(String(repeating: "é", count: 90))],
            [.text("a\r"), .text("\nb")],
            [.text("e"), .text("\u{301}"), .text(String(repeating: "x", count: 60))],
        ]
        for inlines in cases {
            for width in [10.0, SheetFit.charactersPerLine] {
                #expect(SheetFit.lines(inlines, width: width) == SheetFit.lines(inlines.plainText, width: width), "\(inlines)")
            }
        }
        #expect(SheetFit.lines([.text(String(repeating: "x", count: 25))], width: 10) == 3)
    }
}

/// Sheets too long for one page are warned about at their block; every sheet
/// page carries the layout that holds it and its estimate.
@Suite struct SheetOverflowTests {
    @Test func longSheetsAreWarnedAboutAndShortOnesFit() throws {
        let row = "| Dimension NN | " + String(repeating: "Names the trade-off and who decided it. ", count: 3) + "| b | c | d |\n"
        let rows = (1...30).map { row.replacingOccurrences(of: "NN", with: "\($0)") }.joined()
        let items = (1...120).map { "- Point \($0): say what you decided, what you recommended and what you built.\n" }.joined()
        let chapter = """
            ---
            title: Sheets
            ---
            :::rubric[Short]{#short}
            | Dimension | 1 | 2 | 3 | 4 |
            |---|---|---|---|---|
            | Scope | a | b | c | d |

            - 1-2: Thin
            - 3-4: Ready
            :::

            :::fieldref[Long card]{#long-card}
            \(items):::

            :::rubric[Long]{#long}
            | Dimension | 1 | 2 | 3 | 4 |
            |---|---|---|---|---|
            \(rows)
            - 30-75: Thin
            - 76-120: Ready
            :::

            """
        let folder = try TemporaryWorkbook(["workbook.yaml": "title: Fit\n", "chapters/sheets.md": chapter])
        defer { folder.remove() }
        let result = buildSite(folder.path)
        let site = try #require(result.site)
        #expect(result.diagnostics.map { "\($0.path.dropFirst(folder.path.count + 1)):\($0.location.line):\($0.location.column) \($0.message)" } == [
            "chapters/sheets.md:13:1 fieldrefs/long-card.html will not print on one page: the field reference `long-card` is about 138 lines and the tightest layout holds 100; shorten it or split it",
            "chapters/sheets.md:136:1 scorecards/long.html will not print on one page: the scorecard `long` is about 274 lines and the tightest layout holds 88; shorten it or split it",
        ])
        let short = try #require(site.text("scorecards/short.html"))
        #expect(short.contains(#"<article class="sheet scorecard fit-0" data-lines="18""#))
        let long = try #require(site.text("scorecards/long.html"))
        #expect(long.contains(#"<article class="sheet scorecard fit-3" data-lines="274""#))
        let card = try #require(site.text("fieldrefs/long-card.html"))
        #expect(card.contains(#"<article class="sheet fieldref-sheet fit-3" data-lines="138""#))
    }
}
