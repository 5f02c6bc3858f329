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

    /// Appends the letter lowercased (one or more scalars).
    static func appendLowercased(_ scalar: Unicode.Scalar, to word: inout String) {
        if scalar.isASCII {
            word.unicodeScalars.append(scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(UInt8(scalar.value | 0x20)) : scalar)
        } else {
            word.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
        }
    }
}
