import Testing
@testable import Workbook

/// Words as the story checks see them: letters and digits, lowercased,
/// apostrophes dropped, in ASCII and beyond.
@Suite struct WordLettersTests {
    @Test func phraseWordsAreLowercasedWithTheirPlaces() {
        let words = PhraseMatcher.words("Don’t ÜBER-fast 42x\nΣΟΦΊΑ")
        #expect(words.map(\.word) == ["dont", "über", "fast", "42x", "σοφία"])
        #expect(words.map { "\($0.line):\($0.column)" } == ["1:1", "1:7", "1:12", "1:17", "2:1"])
    }

    /// Reading time counts words split at spaces, tabs and line breaks.
    @Test func wordsOfABodyForReadingTime() {
        #expect(ChapterReader.countWords(Substring("").utf8) == 0)
        #expect(ChapterReader.countWords(Substring("one").utf8) == 1)
        #expect(ChapterReader.countWords(Substring("  two\twords \r\n\n").utf8) == 2)
        #expect(ChapterReader.countWords(Substring("a-b c.d,  é 日本").utf8) == 4)
        // Past the 255-byte chunks the count is summed in.
        let long = String(repeating: "word ", count: 1_000) + "end"
        #expect(ChapterReader.countWords(long.dropFirst(0).utf8) == 1_001)
        let dense = String(repeating: "a ", count: 700)
        #expect(ChapterReader.countWords(dense.dropFirst(0).utf8) == 700)
    }

    /// Neighbours are compared in chunks of 255: texts of every length and
    /// mix of spaces count as a word-by-word split counts them.
    @Test func wordCountsAgreeWithASplit() {
        let pieces = ["a", "word", "é", "日本", " ", "  ", "\t", "\n", "\r\n", "x-y", "."]
        var state: UInt64 = 9
        for length in 0..<300 {
            var text = ""
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(state >> 40) % pieces.count]
            }
            let expected = text.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }).count
            #expect(ChapterReader.countWords(text.dropFirst(0).utf8) == expected, "\(text.debugDescription)")
        }
    }

    @Test func iAndWeAreCountedInAnyCase() {
        #expect(PersonCount.count("I led it; WE shipped. My call, our team's win. Ich. Wé.") == (i: 2, we: 2))
        // Contractions with straight and curly apostrophes; one before a word is no part of it.
        #expect(PersonCount.count("We\u{2019}re sure I\u{2019}m right; ourselves, us, mine. \u{2019}we 'I we're") == (i: 3, we: 5))
    }
}
