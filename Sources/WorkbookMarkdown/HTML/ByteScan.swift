/// Finds the first byte of a set in UTF-8 text, eight bytes at a time: a
/// word holding none of the set is skipped with a few arithmetic steps (the
/// "has a zero byte" test on the word XORed with each byte of the set), and
/// only a word that may hold one is looked at byte by byte. Escaping HTML
/// and JSON spends most of its time looking at bytes that need nothing.
public enum ByteScan {
    /// Up to five bytes, and optionally every byte below 0x20.
    public struct Set: Sendable {
        @usableFromInline let controls: Bool
        /// The bytes (unused places repeat the first).
        @usableFromInline let c0, c1, c2, c3, c4: UInt8
        /// Each byte repeated in all eight lanes of a word (unused lanes repeat the first).
        @usableFromInline let b0, b1, b2, b3, b4: UInt64

        public init(_ bytes: [UInt8], controls: Bool = false) {
            precondition((1...5).contains(bytes.count))
            self.controls = controls
            func byte(_ k: Int) -> UInt8 { bytes[k < bytes.count ? k : 0] }
            (c0, c1, c2, c3, c4) = (byte(0), byte(1), byte(2), byte(3), byte(4))
            func lanes(_ k: Int) -> UInt64 { UInt64(byte(k)) &* 0x0101_0101_0101_0101 }
            (b0, b1, b2, b3, b4) = (lanes(0), lanes(1), lanes(2), lanes(3), lanes(4))
        }

        @inlinable @inline(__always) func contains(_ byte: UInt8) -> Bool {
            byte == c0 || byte == c1 || byte == c2 || byte == c3 || byte == c4 || (controls && byte < 0x20)
        }

        /// Whether any byte of `word` may be in the set (never false when one is).
        @inlinable @inline(__always) func mayHold(_ word: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            @inline(__always) func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
            var found = zeroByte(word ^ b0) | zeroByte(word ^ b1) | zeroByte(word ^ b2) | zeroByte(word ^ b3) | zeroByte(word ^ b4)
            // A byte below 0x20: the same test against 0x20 in every lane.
            if controls { found |= (word &- 0x2020_2020_2020_2020) & ~word & highs }
            return found != 0
        }
    }

    /// `&`, `<`, `>` and `"`: what HTML text and double-quoted attributes escape.
    public static let htmlText = Set([0x26, 0x3C, 0x3E, 0x22])

    /// The index of the first byte at or after `start` that is in `set`, or nil.
    /// Inlinable: escaping calls it for every short text (a title, a cell).
    @inlinable @inline(__always)
    public static func first(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ set: Set) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        var i = start
        while i + 8 <= n {
            if set.mayHold(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                for k in i..<(i + 8) where set.contains(base[k]) { return k }
            }
            i += 8
        }
        while i < n {
            if set.contains(base[i]) { return i }
            i += 1
        }
        return nil
    }
}

extension String {
    /// Calls `body` with the text's UTF-8 bytes where they are stored, as
    /// `withUTF8` does, but without the `var` copy `withUTF8` needs: that copy
    /// costs a retain and a release per call, and escaping calls it for every
    /// text of every page. Text not stored as UTF-8 (bridged) is copied first.
    @inlinable
    public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
