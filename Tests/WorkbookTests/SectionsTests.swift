import Testing
@testable import Workbook

/// Pages assembled from sections rendered on their own.
@Suite struct SectionsTests {
    let sections = [Array("<s1>".utf8), Array("<s2>".utf8)]

    func page(_ title: String) -> (_ html: (Int) -> String) -> String {
        { html in "<h1>\(title)</h1>[\(html(0))][\(html(1))]" }
    }

    @Test func sectionsAreSplicedWhereTheTemplatePutThem() {
        let parts = Sections.assemble(sections, render: page("Print"))
        #expect(parts.map { String(decoding: $0, as: UTF8.self) } == ["<h1>Print</h1>[", "<s1>", "][", "<s2>", "]"])
    }

    @Test func aMarkerInTheContentRendersThePageWhole() {
        var calls = 0
        let render = page("x\(Sections.marker)y")
        let parts = Sections.assemble(sections) { html in
            calls += 1
            return render(html)
        }
        #expect(parts.map { String(decoding: $0, as: UTF8.self) } == ["<h1>x\(Sections.marker)y</h1>[<s1>][<s2>]"])
        #expect(calls == 2)
    }

    @Test func noSections() {
        #expect(Sections.assemble([]) { _ in "<p>none</p>" } == [Array("<p>none</p>".utf8)])
    }
}
