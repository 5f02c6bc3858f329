#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A document's UTF-8 bytes split into lines, with the file line number of its
/// first line (front matter comes before a chapter's Markdown).
struct SourceLines {
    let bytes: [UInt8]
    /// Byte ranges of the lines, without the line break (`\n`, `\r\n` or `\r`).
    let ranges: [Range<Int>]
    /// The file line number of `ranges[0]`.
    let firstLine: Int
    /// Whether `bytes` are known to be valid UTF-8 (they came from a String):
    /// so is every run of them cut at ASCII bytes.
    let isValidUTF8: Bool
    /// The last column worked out, so that positions met left to right along a
    /// long line cost no more than one pass over it.
    private let lastColumn = ColumnCache()

    private final class ColumnCache {
        var line = -1
        var byteOffset = 0
        var column = 1
    }

    init(_ bytes: [UInt8], firstLine: Int, isValidUTF8: Bool = false) {
        self.bytes = bytes
        self.firstLine = firstLine
        self.isValidUTF8 = isValidUTF8
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(bytes.count / 40 + 1)
        bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            let n = bytes.count
            var start = 0
            // Without a `\r`, lines end at each `\n`, found by memchr.
            if memchr(base, Int32(UInt8(ascii: "\r")), n) == nil {
                while start < n, let found = memchr(base + start, Int32(UInt8(ascii: "\n")), n - start) {
                    let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    ranges.append(start..<end)
                    start = end + 1
                }
            } else {
                // Line breaks as CommonMark reads them: `\n`, `\r\n`, and a lone `\r`.
                var i = 0
                while i < n {
                    let b = bytes[i]
                    if b > UInt8(ascii: "\r") {
                        i += 1
                        continue
                    }
                    if b == UInt8(ascii: "\n") {
                        ranges.append(start..<i)
                        start = i + 1
                    } else if b == UInt8(ascii: "\r") {
                        ranges.append(start..<i)
                        if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                        start = i + 1
                    }
                    i += 1
                }
            }
            if start < n {
                ranges.append(start..<n)
            }
        }
        self.ranges = ranges
    }

    var count: Int { ranges.count }

    subscript(index: Int) -> ArraySlice<UInt8> { bytes[ranges[index]] }

    /// Whether line `index` may be a code or directive fence: its first byte
    /// after spaces and tabs is a backtick, a tilde or a colon. Read in place:
    /// a slice of the line costs a retain, and nearly every line is text.
    func mayBeFence(_ index: Int) -> Bool {
        let range = ranges[index]
        var i = range.lowerBound
        while i < range.upperBound {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 {
                i += 1
                continue
            }
            return b == UInt8(ascii: "`") || b == UInt8(ascii: "~") || b == UInt8(ascii: ":")
        }
        return false
    }

    /// The file line number of line `index`.
    func lineNumber(_ index: Int) -> Int { firstLine + index }

    /// The location of the byte at `byteOffset` (0-based, within the line) of line `index`.
    func location(line index: Int, byteOffset: Int) -> SourceLocation {
        let range = ranges[index]
        let cache = lastColumn
        // Counted on from the last position when it is on this line, at or before this one.
        let cached = cache.line == index && byteOffset >= cache.byteOffset && cache.byteOffset <= range.count
        let from = cached ? cache.byteOffset : 0
        let end = min(max(byteOffset, 0), range.count)
        var column = cached ? cache.column : 1
        if end > from {
            column += bytes.withUnsafeBufferPointer { Self.scalarCount($0, range.lowerBound + from, range.lowerBound + end) }
        }
        if byteOffset >= 0, byteOffset <= range.count { (cache.line, cache.byteOffset, cache.column) = (index, byteOffset, column) }
        // Offsets past the end of the line (cmark reports some) keep counting.
        return SourceLocation(line: lineNumber(index), column: column + max(0, byteOffset - range.count))
    }

    /// The Unicode scalars in `bytes[from..<to]`: the bytes that are not
    /// continuation bytes (`10xxxxxx`), counted eight at a time.
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var continuations = 0
        var i = from
        while i + 8 <= to {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // A byte's high bit set and the bit below it clear.
            continuations += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            i += 8
        }
        while i < to {
            if bytes[i] & 0xC0 == 0x80 { continuations += 1 }
            i += 1
        }
        return to - from - continuations
    }
}

extension ArraySlice where Element == UInt8 {
    /// Leading spaces (tabs count as reaching the next multiple of 4, as CommonMark does).
    var indentation: Int {
        var width = 0
        for b in self {
            if b == UInt8(ascii: " ") { width += 1 } else if b == UInt8(ascii: "\t") { width += 4 - width % 4 } else { break }
        }
        return width
    }

    func trimmingSpaces() -> ArraySlice<UInt8> {
        var lo = startIndex
        var hi = endIndex
        while lo < hi, self[lo] == 0x20 || self[lo] == 0x09 { lo += 1 }
        while hi > lo, self[hi - 1] == 0x20 || self[hi - 1] == 0x09 { hi -= 1 }
        return self[lo..<hi]
    }

    var isBlank: Bool { trimmingSpaces().isEmpty }

    var string: String { String(decoding: self, as: UTF8.self) }
}
