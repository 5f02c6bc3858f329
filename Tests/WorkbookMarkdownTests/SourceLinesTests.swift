import Testing
@testable import WorkbookMarkdown

/// Lines end where CommonMark ends them: `\n`, `\r\n` and a lone `\r`.
@Suite struct SourceLinesTests {
    func lines(_ text: String) -> [String] {
        let source = SourceLines(Array(text.utf8), firstLine: 1)
        return (0..<source.count).map { String(decoding: source[$0], as: UTF8.self) }
    }

    @Test func lineFeedsOnly() {
        #expect(lines("") == [])
        #expect(lines("one") == ["one"])
        #expect(lines("one\n") == ["one"])
        #expect(lines("one\ntwo") == ["one", "two"])
        #expect(lines("\n\na\n\n") == ["", "", "a", ""])
        #expect(lines("é — 日本\nü\n") == ["é — 日本", "ü"])
    }

    @Test func carriageReturns() {
        #expect(lines("one\r\ntwo\r\n") == ["one", "two"])
        #expect(lines("one\rtwo\nthree\r") == ["one", "two", "three"])
        #expect(lines("a\r\r\nb\n\rc") == ["a", "", "b", "", "c"])
    }
}
