import Testing
@testable import Workbook
import WorkbookMarkdown

/// A transcript paragraph's speaker: `Speaker: words` or `**Speaker:** words`.
@Suite struct TranscriptSpeakerTests {
    /// The colon found by its byte is the one a Character search finds,
    /// combining marks and prepended scalars around it included.
    @Test(arguments: [
        "Interviewer: tell me", "no colon here", ":leading", "trailing:", "a:\u{301}b: c",
        "\u{600}:x: y", "é: x", "x:é", "日本: x", "\r\n: x", "", "::", "a\u{301}:b",
    ])
    func firstColonIsTheCharacterSearchs(_ text: String) {
        #expect(DirectiveReader.firstColon(text) == text.firstIndex(of: ":"))
    }

    @Test func speakersAndTheirWords() {
        func split(_ content: Inlines) -> String? {
            DirectiveReader.splitSpeaker(content).map { "\($0.0)|\($0.1.plainText)|\($0.1.count)" }
        }
        #expect(split([.text("Interviewer:  Walk me through it.")]) == "Interviewer|Walk me through it.|1")
        #expect(split([.text("Candidate:"), .softBreak, .text("We shipped it.")]) == "Candidate|We shipped it.|1")
        #expect(split([.text(" Lead : So"), .emphasis([.text("why")]), .text("?")]) == "Lead|Sowhy?|3")
        #expect(split([.strong([.text("Interviewer:")]), .text(" Go on.")]) == "Interviewer| Go on.|1")
        #expect(split([.strong([.text("Candidate")]), .text(": Yes.")]) == "Candidate|Yes.|1")
        #expect(split([.text("a:\u{301}b: c")]) == "a:\u{301}b|c|1")
        #expect(split([.text("No speaker here.")]) == nil)
        #expect(split([.text(String(repeating: "x", count: 41) + ": too long")]) == nil)
        #expect(split([.code("x: y")]) == nil)
        // Read as characters, not bytes: a name that is not ASCII, a colon far in, a space with a mark on it.
        #expect(split([.text("Zoë: Hi")]) == "Zoë|Hi|1")
        #expect(split([.text(String(repeating: " ", count: 300) + "Ann: hi")]) == "Ann|hi|1")
        #expect(split([.text("Ann: \u{301}x")]) == "Ann| \u{301}x|1")
        #expect(split([.text(": x")]) == nil)
    }
}
