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

    @Test func iAndWeAreCountedInAnyCase() {
        #expect(PersonCount.count("I led it; WE shipped. My call, our team's win. Ich. Wé.") == (i: 2, we: 2))
    }
}
