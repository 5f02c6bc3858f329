import WorkbookMarkdown

/// Letters of words for the story checks (avoid phrases, "I" and "we"):
/// ASCII, most of any text, is classified and lowercased without Unicode
/// property lookups or a String per letter.
enum WordLetters {
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A : scalar.properties.isAlphabetic
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar.value >= 0x30 && scalar.value <= 0x39 : scalar.properties.numericType != nil
    }

    /// Appends the letter lowercased (one or more scalars) as UTF-8: a word
    /// is gathered as bytes, in a buffer reused from word to word, and made a
    /// String once. Inlined: a story's every letter passes through it.
    @inline(__always)
    static func appendLowercased(_ scalar: Unicode.Scalar, to word: inout ByteBuffer) {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            word.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        } else {
            word.append(String(scalar).lowercased())
        }
    }
}
