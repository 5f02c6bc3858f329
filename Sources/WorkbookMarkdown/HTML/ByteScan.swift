/// Finds the first byte of a set in UTF-8 text, sixteen bytes at a time: a
/// block holding none of the set is skipped with one vector comparison per
/// byte of the set, and only a block that holds one is looked at byte by
/// byte. Escaping HTML and JSON spends most of its time looking at bytes that
/// need nothing (three times faster than eight bytes at a time in a word, on
/// chapter text).
public enum ByteScan {
    /// Up to five ASCII bytes, and optionally every byte below 0x20.
    public struct Set: Sendable {
        @usableFromInline let controls: Bool
        /// The bytes (unused places repeat the first).
        @usableFromInline let c0, c1, c2, c3, c4: UInt8
        /// The members as bits: bytes 0-63, then 64-127 (a short text is
        /// looked at byte by byte, one bit test a byte).
        @usableFromInline let low, high: UInt64

        public init(_ bytes: [UInt8], controls: Bool = false) {
            precondition((1...5).contains(bytes.count) && bytes.allSatisfy { $0 < 0x80 })
            self.controls = controls
            func byte(_ k: Int) -> UInt8 { bytes[k < bytes.count ? k : 0] }
            (c0, c1, c2, c3, c4) = (byte(0), byte(1), byte(2), byte(3), byte(4))
            var (low, high): (UInt64, UInt64) = (controls ? 0xFFFF_FFFF : 0, 0)
            for b in bytes {
                if b < 64 { low |= 1 << b } else { high |= 1 << (b - 64) }
            }
            (self.low, self.high) = (low, high)
        }

        @inlinable @inline(__always) func contains(_ byte: UInt8) -> Bool {
            byte < 64 ? (low >> byte) & 1 != 0 : byte < 128 && (high >> (byte & 63)) & 1 != 0
        }
    }

    /// `&`, `<`, `>` and `"`: what HTML text and double-quoted attributes escape.
    public static let htmlText = Set([0x26, 0x3C, 0x3E, 0x22])

    /// The first lane that is set, or nil: the mask's two halves as words
    /// (a lane is a byte of all ones), then the lowest set bit.
    @inlinable @inline(__always)
    static func firstLane(_ mask: SIMDMask<SIMD16<Int8>>) -> Int? {
        #if _endian(little)
        let halves = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        if halves[0] != 0 { return halves[0].trailingZeroBitCount >> 3 }
        if halves[1] != 0 { return 8 + (halves[1].trailingZeroBitCount >> 3) }
        return nil
        #else
        return (0..<16).first { mask[$0] }
        #endif
    }

    /// The index of the first byte at or after `start` that is in `set`, or nil.
    /// Inlinable: escaping calls it for every short text (a title, a cell).
    /// A text of sixteen bytes or more is read in blocks, the last of which
    /// overlaps the one before it rather than leaving a tail to read byte by byte.
    @inlinable @inline(__always)
    public static func first(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ set: Set) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        var i = start
        if i + 16 <= n {
            let v0 = SIMD16<UInt8>(repeating: set.c0), v1 = SIMD16<UInt8>(repeating: set.c1)
            let v2 = SIMD16<UInt8>(repeating: set.c2), v3 = SIMD16<UInt8>(repeating: set.c3)
            let v4 = SIMD16<UInt8>(repeating: set.c4), space = SIMD16<UInt8>(repeating: 0x20)
            /// The first byte of the set among the sixteen at `at`, as an offset from `at`.
            func hit(_ at: Int) -> Int? {
                let v = raw.loadUnaligned(fromByteOffset: at, as: SIMD16<UInt8>.self)
                var found = (v .== v0) .| (v .== v1) .| (v .== v2) .| (v .== v3) .| (v .== v4)
                if set.controls { found = found .| (v .< space) }
                return firstLane(found)
            }
            while i + 16 <= n {
                if let lane = hit(i) { return i + lane }
                i += 16
            }
            // The last bytes, in the block that ends with them: it starts before
            // `i`, and the bytes before `i` are none of the set.
            if i < n, let lane = hit(n - 16) { return n - 16 + lane }
            return nil
        }
        while i < n {
            if set.contains(base[i]) { return i }
            i += 1
        }
        return nil
    }
}

extension String {
    /// Whether the text's UTF-8 holds `byte`, read in place (`utf8.contains`
    /// walks the view's iterator, about 25 instructions a byte).
    @inlinable
    public func containsByte(_ byte: UInt8) -> Bool {
        withUTF8Bytes { $0.contains(byte) }
    }

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
