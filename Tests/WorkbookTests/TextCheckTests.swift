import Testing
@testable import Workbook
import WorkbookMarkdown

/// `UTF8Check` must judge bytes as the standard library does (a file it
/// passes is made into Strings without another look), and `TextCheck` must
/// hand a clean file's bytes on as they are.
@Suite struct TextCheckTests {
    /// Pieces a text is made of: ASCII runs, every length of well-formed
    /// sequence, and the ill-formed kinds (a lone continuation byte, overlong
    /// forms, a surrogate, past U+10FFFF, bytes never used, cut sequences).
    static let pieces: [[UInt8]] = [
        Array("plain ASCII text, ".utf8), Array("a".utf8), Array("0123456789abcdef".utf8), [0x0A],
        Array("é".utf8), Array("–".utf8), Array("日本".utf8), Array("🎯".utf8), [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF],
        [0x80], [0xBF], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
        [0xF0, 0x80, 0x80, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFE], [0xFF],
        [0xC3], [0xE2, 0x80], [0xF0, 0x9F, 0x8E],
    ]

    /// A fixed sequence of pseudo-random numbers (SplitMix64): the same texts on every run.
    struct Numbers {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(UTF8Check.isValid)
    }

    @Test func agreesWithTheStandardLibraryOnMixedTexts() {
        var numbers = Numbers(state: 7)
        var valid = 0, invalid = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            // Mostly well-formed pieces, so that ill-formed ones fall at every offset of a block.
            for _ in 0..<numbers.next(12) {
                let piece = numbers.next(4) == 0 ? Self.pieces[numbers.next(Self.pieces.count)] : Self.pieces[numbers.next(10)]
                bytes += piece
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(Self.isValid(bytes) == expected, "\(bytes)")
            if expected { valid += 1 } else { invalid += 1 }
        }
        // Both kinds were met often.
        #expect(valid > 5_000 && invalid > 5_000)
    }

    @Test func agreesWithTheStandardLibraryOnRandomBytes() {
        var numbers = Numbers(state: 11)
        for _ in 0..<20_000 {
            // High bytes now and then, among ASCII.
            let bytes = (0..<numbers.next(40)).map { _ in UInt8(numbers.next(8) == 0 ? 0x80 + numbers.next(128) : numbers.next(128)) }
            #expect(Self.isValid(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }

    @Test func findsAProblemAtEveryPlaceInALongText() {
        let text = Array(String(repeating: "The debrief weighs what you decided. ", count: 4).utf8)
        #expect(Self.isValid(text))
        for place in 0..<text.count {
            var broken = text
            broken[place] = 0xE9  // a Latin-1 é: ill-formed, wherever it falls
            #expect(!Self.isValid(broken), "byte \(place)")
            var cut = Array(text[..<place]) + [0xE2, 0x80]
            #expect(!Self.isValid(cut), "cut at \(place)")
            cut.append(0x93)
            #expect(Self.isValid(cut), "whole at \(place)")
        }
    }

    @Test func aCleanTextIsHandedOnWithoutACopy() throws {
        let input = Array("---\ntitle: Café\n---\nOne line.\n".utf8)
        let checked = try TextCheck.check(input).get()
        #expect(checked == input)
        let same = input.withUnsafeBufferPointer { a in checked.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
        #expect(same)
    }

    @Test func byteOrderMarkAndLineEndings() throws {
        #expect(try TextCheck.check([0xEF, 0xBB, 0xBF] + Array("a\nb".utf8)).get() == Array("a\nb".utf8))
        #expect(try TextCheck.check(Array("a\rb\r\nc\r".utf8)).get() == Array("a\nb\r\nc\n".utf8))
        #expect(try TextCheck.text(Array("x\r\ry".utf8)).get() == "x\n\ny")
    }

    @Test func problemsArePlaced() {
        func problem(_ bytes: [UInt8]) -> String? {
            guard case .failure(let problem) = TextCheck.check(bytes) else { return nil }
            return "\(problem.location.line):\(problem.location.column): \(problem.message)"
        }
        #expect(problem(Array("one\nZoë \u{0}".utf8)) == "2:5: NUL byte (U+0000): text files hold none; is this a binary file?")
        #expect(problem(Array("one\r\ntwo\rdé".utf8) + [0xE9]) == "3:3: invalid UTF-8 (byte 0xE9); save the file as UTF-8")
        #expect(problem(Array("ok ".utf8) + [0xF0, 0x9F]) == "1:4: invalid UTF-8 (byte 0xF0); save the file as UTF-8")
        #expect(problem(Array("%PDF-1.7".utf8)) == "1:1: binary file (a PDF document), not UTF-8 text; images and other files go in `assets/`")
    }
}

/// The front matter fences, found in a file's bytes as in its text.
@Suite struct FrontMatterSplitTests {
    @Test func bytesAndTextSplitAlike() throws {
        let texts = [
            "---\ntitle: A\n---\nBody.\n",
            "---  \r\ntitle: B\r\n...\t\r\nBody.\r\n",
            "--- \ntitle: C\n---",
            "---\n---\n",
            "---\ntitle: Zoë\n----\nmore: x\n---\n# Heading\n",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            let ranges = try FrontMatterSplitter.split(bytes).get()
            let split = try FrontMatterSplitter.split(text).get()
            #expect(String(decoding: bytes[ranges.yaml], as: UTF8.self) == String(split.yaml))
            #expect(String(decoding: bytes[ranges.body], as: UTF8.self) == String(split.body))
            #expect(ranges.bodyFirstLine == split.bodyFirstLine)
        }
        let last = Array(texts[4].utf8)
        let ranges = try FrontMatterSplitter.split(last).get()
        #expect(String(decoding: last[ranges.yaml], as: UTF8.self) == "title: Zoë\n----\nmore: x\n")
        #expect(ranges.bodyFirstLine == 6)
    }

    @Test func missingAndUnclosed() {
        func failure(_ text: String) -> FrontMatterSplitter.Failure? {
            if case .failure(let failure) = FrontMatterSplitter.split(Array(text.utf8)) { return failure }
            return nil
        }
        #expect(failure("title: A\n") == .missing)
        #expect(failure("...\ntitle: A\n...\n") == .missing)
        #expect(failure("----\ntitle: A\n---\n") == .missing)
        #expect(failure("---\ntitle: A\n") == .unclosed)
        #expect(failure("") == .missing)
    }
}
