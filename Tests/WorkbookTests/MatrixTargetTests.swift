import Testing
@testable import Workbook

/// A matrix row is the reader's target level when its first cell reads as
/// the target: case, and runs of spaces and tabs, aside.
@Suite struct MatrixTargetTests {
    /// What the key was before ASCII got a pass of its own.
    static func reference(_ s: String) -> String {
        s.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    @Test(arguments: [
        "Senior", "  Staff  Engineer\t", "STAFF\t\tplus", "", "   ", "a\r\nb", "L5 / Senior", "Ünïcode  Level", "İstanbul", "ﬀ ligature", "x\u{301} mark",
    ])
    func keyIsTheLowercasedWordsOneSpaceApart(_ text: String) {
        #expect(BodyContext.normalizedKey(text) == Self.reference(text))
    }

    @Test func asciiKeys() {
        #expect(BodyContext.normalizedKey("  Staff  Engineer\t") == "staff engineer")
        #expect(BodyContext.normalizedKey("STAFF\t\tplus") == "staff plus")
    }
}
