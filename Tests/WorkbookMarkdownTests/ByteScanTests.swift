import Testing
@testable import WorkbookMarkdown

/// The sixteen-bytes-at-a-time search finds what a byte-by-byte search finds.
@Suite struct ByteScanTests {
    /// Every byte of the sets, their neighbours, and bytes of other characters.
    static let alphabet: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x25, 0x26, 0x27, 0x2F, 0x3B, 0x3C, 0x3D, 0x3E, 0x5C, 0x61, 0x7F, 0x80, 0xA6, 0xBC, 0xC3, 0xFF]

    @Test func findsTheFirstByteOfEachSet() {
        let sets: [(ByteScan.Set, (UInt8) -> Bool)] = [
            (ByteScan.htmlText, { [0x26, 0x3C, 0x3E, 0x22].contains($0) }),
            (ByteScan.Set([0x3C, 0x3E, 0x26, 0x22, 0x27]), { [0x3C, 0x3E, 0x26, 0x22, 0x27].contains($0) }),
            (ByteScan.Set([0x22, 0x5C, 0x2F], controls: true), { $0 < 0x20 || [0x22, 0x5C, 0x2F].contains($0) }),
            (ByteScan.Set([0x3C]), { $0 == 0x3C }),
        ]
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40, 50] {
            for _ in 0..<200 {
                // Mostly plain letters, so that finds land at every offset within a block.
                let bytes = (0..<length).map { _ in Int.random(in: 0..<6, using: &generator) == 0 ? Self.alphabet.randomElement(using: &generator)! : 0x61 }
                bytes.withUnsafeBufferPointer { buffer in
                    for (set, isMember) in sets {
                        for start in 0...length {
                            let expected = bytes[start...].firstIndex(where: isMember)
                            #expect(ByteScan.first(in: buffer, from: start, set) == expected, "\(bytes) from \(start)")
                        }
                    }
                }
            }
        }
    }

    @Test func escapingMatchesAByteByByteEscaper() {
        func reference(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        let pieces = ["a", "bc", "&", "<", ">", "\"", "'", "é", "日本", "🙂", " ", "\n", "plain words"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0..<30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(HTMLEscaping.escape(text) == reference(text), "\(text)")
            #expect(HTMLEscaping.needsEscaping(text) == (reference(text) != text))
        }
    }
}

extension ByteScanTests {
    /// `containsByte` reads a text's bytes in place, small (stored inline) or
    /// not, and agrees with a walk of its UTF-8 view.
    @Test func containsByteAgreesWithTheUTF8View() {
        let texts = ["", "a", "a/b", "%20", "no slash here, just a long enough text", "é/ü", String(repeating: "x", count: 100) + "%"]
        for text in texts {
            for byte in [UInt8(ascii: "/"), UInt8(ascii: "%"), UInt8(ascii: "x"), 0xC3] {
                #expect(text.containsByte(byte) == text.utf8.contains(byte), "\(text) \(byte)")
            }
        }
        #expect("a/b".containsByte(UInt8(ascii: "/")))
        #expect(!"".containsByte(0))
    }
}
