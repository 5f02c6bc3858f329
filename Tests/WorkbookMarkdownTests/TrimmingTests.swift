import Foundation
import Testing
import WorkbookMarkdown

/// `trimmingSpaces` and `trimmingWhitespaceAndNewlines` drop what Foundation's
/// `trimmingCharacters(in: .whitespaces)` and `(in: .whitespacesAndNewlines)` drop.
@Suite struct TrimmingTests {
    static let samples = [
        "", " ", "\t", "  Senior  ", "\tStaff\t", "Mid", " a b ", "\u{A0}nbsp\u{A0}", "\u{3000}wide\u{3000}",
        "\u{2003}em space\u{2009}", " line\n", "\nkeeps newlines\n ", "\u{200B}zero width\u{200B}", " ü ", " 👩‍💻 ",
        "e\u{301} ", " \u{301}accent", "x", "  x", "x  ", "\t\t", "  ü inside, ASCII ends  ", " ends in ü\u{A0}",
    ]

    @Test(arguments: samples + ["\r\ncode\r\n", "\u{85}next line\u{2028}", "\u{2029}\u{B}\u{C}x\n\n", "\n\u{301}x"])
    func matchesFoundation(_ text: String) {
        #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces))
        #expect(text[...].trimmingSpaces == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingWhitespaceAndNewlines == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A substring cut from the middle of a longer text trims alike (its
    /// bytes are read in place, from an offset).
    @Test(arguments: samples)
    func substringsFromAnOffset(_ text: String) {
        let long = "ab\(text)cd"
        let middle = long.dropFirst(2).dropLast(2)
        #expect(middle.trimmingSpaces == text.trimmingCharacters(in: .whitespaces))
        #expect(middle.trimmingWhitespaceAndNewlines == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func examples() {
        #expect("  Senior engineer \t".trimmingSpaces == "Senior engineer")
        #expect("\u{A0}\u{3000} ".trimmingSpaces == "")
        #expect(" a\n".trimmingSpaces == "a\n")
    }
}

extension TrimmingTests {
    /// Every ASCII character: only the space and the tab are spaces; tab to
    /// carriage return and the space are white space or newlines.
    @Test func asciiSpacesAreTheSpaceAndTheTab() {
        for value in UInt8(0)...UInt8(127) {
            let text = "\(Character(Unicode.Scalar(value)))x\(Character(Unicode.Scalar(value)))"
            #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces), "\(value)")
            #expect(text.trimmingWhitespaceAndNewlines == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(value)")
        }
    }
}
