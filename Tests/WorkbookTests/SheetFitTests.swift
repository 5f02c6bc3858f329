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
        let cases: [[Inline]] = [
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
