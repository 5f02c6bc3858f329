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

    /// A column counts Unicode scalars from the line's start, 1-based, and
    /// keeps counting past the line's end; asked in any order, on any line
    /// (the last position is remembered and counted on from).
    @Test func columnsCountScalarsInAnyOrder() {
        let lines = ["plain ASCII text that runs past eight bytes", "é — 日本 and 🎯 among ASCII, then more ASCII", "", "ü"]
        let source = SourceLines(Array(lines.joined(separator: "\n").utf8), firstLine: 10)
        func expected(_ line: Int, _ offset: Int) -> WorkbookMarkdown.SourceLocation {
            let bytes = Array(lines[line].utf8)
            let inLine = min(max(offset, 0), bytes.count)
            let scalars = String(decoding: bytes[..<inLine], as: UTF8.self).unicodeScalars.count
            return WorkbookMarkdown.SourceLocation(line: 10 + line, column: 1 + scalars + max(0, offset - bytes.count))
        }
        var state: UInt64 = 5
        for _ in 0..<2_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let line = Int(state >> 40) % lines.count
            let length = lines[line].utf8.count
            // Offsets at scalar starts, within the line, just past it, and before it.
            let starts = lines[line].unicodeScalars.indices.map { lines[line].utf8.distance(from: lines[line].startIndex, to: $0) }
            let choices = starts + [length, length + 3, -1]
            let offset = choices[Int(state >> 20) % choices.count]
            #expect(source.location(line: line, byteOffset: offset) == expected(line, offset), "line \(line) offset \(offset)")
        }
    }
}
