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

    /// `mayBeFence` says no only for lines that open no code or directive
    /// fence and close none: the scanner takes those as text unread.
    @Test func mayBeFenceMissesNoFence() {
        let text = [
            "```", "~~~ swift", "   ```", "    ```", "\t```", " \t:::drill", ":::", "::: ", ":::rubric[T]{a=1}", "::", ":x",
            "text", "", "   ", "- ```", "> :::", "é:::", "\u{B}```", "`inline`", "~tilde~", "````", ":::drill[",
        ].joined(separator: "\n")
        let source = SourceLines(Array(text.utf8), firstLine: 1)
        let open = CodeFence(character: UInt8(ascii: "`"), length: 3, lineIndex: 0)
        for index in 0..<source.count where !source.mayBeFence(index) {
            let line = source[index]
            #expect(CodeFence.opening(line, lineIndex: index) == nil, "\(line.string)")
            #expect(!open.isClosed(by: line), "\(line.string)")
            guard case .notAFence = DirectiveFence.classify(line) else {
                Issue.record("\(line.string) is a directive fence")
                continue
            }
        }
        #expect((0..<source.count).filter { source.mayBeFence($0) }.count == 15)
    }
}
