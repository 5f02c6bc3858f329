/// A document's UTF-8 bytes split into lines, with the file line number of its
/// first line (front matter comes before a chapter's Markdown).
struct SourceLines {
    let bytes: [UInt8]
    /// Byte ranges of the lines, without the line break (`\n` or `\r\n`).
    let ranges: [Range<Int>]
    /// The file line number of `ranges[0]`.
    let firstLine: Int

    init(_ bytes: [UInt8], firstLine: Int) {
        self.bytes = bytes
        self.firstLine = firstLine
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(bytes.count / 40 + 1)
        var start = 0
        var i = 0
        let n = bytes.count
        while i < n {
            if bytes[i] == UInt8(ascii: "\n") {
                var end = i
                if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                ranges.append(start..<end)
                start = i + 1
            }
            i += 1
        }
        if start < n {
            var end = n
            if bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            ranges.append(start..<end)
        }
        self.ranges = ranges
    }

    var count: Int { ranges.count }

    subscript(index: Int) -> ArraySlice<UInt8> { bytes[ranges[index]] }

    /// The file line number of line `index`.
    func lineNumber(_ index: Int) -> Int { firstLine + index }

    /// The location of the byte at `byteOffset` (0-based, within the line) of line `index`.
    func location(line index: Int, byteOffset: Int) -> SourceLocation {
        SourceLocation(line: lineNumber(index), column: Self.column(of: self[index], byteOffset: byteOffset))
    }

    /// The 1-based Unicode scalar column of a byte offset within a line.
    static func column(of line: ArraySlice<UInt8>, byteOffset: Int) -> Int {
        var column = 1
        var i = line.startIndex
        let end = min(line.startIndex + max(byteOffset, 0), line.endIndex)
        while i < end {
            if line[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        // Offsets past the end of the line (cmark reports some) keep counting.
        return column + max(0, line.startIndex + byteOffset - line.endIndex)
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
