import Foundation

extension StringProtocol {
    /// The text without leading and trailing spaces: the scalars of
    /// Foundation's `CharacterSet.whitespaces` (tab, U+0020, U+00A0, U+3000,
    /// ...); newlines stay. Foundation's `trimmingCharacters(in:)` bridges every
    /// string to NSString and back, which showed up in profiles of reading a
    /// thousand chapters; here ASCII, nearly all of it, is checked directly.
    public var trimmingSpaces: String { trimming(Self.isSpace) }

    /// The text without leading and trailing white space or line breaks:
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, ASCII checked directly.
    public var trimmingWhitespaceAndNewlines: String { trimming(Self.isWhitespaceOrNewline) }

    /// The text without the scalars at either end for which `trimmed` holds:
    /// `trimmingCharacters(in:)` without making a `CharacterSet` or bridging.
    public func trimming(_ trimmed: (Unicode.Scalar) -> Bool) -> String {
        // Ends that are ASCII are tested as bytes (a byte below 0x80 is a whole
        // scalar in UTF-8): no scalar is decoded and nothing is copied but
        // the result. A non-ASCII scalar at an end is read as scalars below.
        let ascii: String?? = utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var lo = 0, hi = bytes.count
            while lo < hi, bytes[lo] < 0x80, trimmed(Unicode.Scalar(bytes[lo])) { lo += 1 }
            while hi > lo, bytes[hi - 1] < 0x80, trimmed(Unicode.Scalar(bytes[hi - 1])) { hi -= 1 }
            guard lo == hi || (bytes[lo] < 0x80 && bytes[hi - 1] < 0x80) else { return nil }
            return lo == 0 && hi == bytes.count ? String(self) : String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
        }
        if let ascii, let ascii { return ascii }
        let text = String(self)
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !trimmed($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !trimmed($0) })!
        // Most texts have nothing to trim; the rest is copied as bytes (a
        // String made from a run of scalars appends them one at a time).
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(Substring(scalars[first...last]))
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || scalar == "\t" : CharacterSet.whitespaces.contains(scalar)
    }

    private static func isWhitespaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D) : CharacterSet.whitespacesAndNewlines.contains(scalar)
    }
}
