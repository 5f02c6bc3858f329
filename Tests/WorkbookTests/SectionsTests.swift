import Testing
@testable import Workbook

/// Pages assembled from sections rendered on their own.
@Suite struct SectionsTests {
    let sections = [Array("<s1>".utf8), Array("<s2>".utf8)]

    func page(_ title: String) -> (_ html: (Int) -> String) -> [UInt8] {
        { html in Array("<h1>\(title)</h1>[\(html(0))][\(html(1))]".utf8) }
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

    /// A shell is cut at every whole marker, and only there.
    @Test func shellsSplitAtWholeMarkers() {
        let m = Sections.marker
        let cut = String(m.dropLast(3))
        let shells = [
            "", "no marker", m, m + m, "a\(m)b", "\(m)start", "end\(m)", "a\(m)\(m)b\(m)c", "\u{1}alone\u{1}", "a\(cut)", "\(cut)\(m)x",
            "é\(m)日本\(m)", String(repeating: "x", count: 37) + m + String(repeating: "y", count: 5),
        ]
        for shell in shells {
            let expected = shell.components(separatedBy: m).map { Array($0.utf8) }
            #expect(Sections.split(Array(shell.utf8)) == expected, "\(shell.debugDescription)")
        }
    }

    @Test func noSections() {
        #expect(Sections.assemble([]) { _ in Array("<p>none</p>".utf8) } == [Array("<p>none</p>".utf8)])
    }
}
