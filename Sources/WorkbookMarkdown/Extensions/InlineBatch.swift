/// Parses many one-line snippets (table cells, directive titles) as inline
/// Markdown with one cmark call: snippet k goes on line 2k+1, so blank lines
/// keep them apart, and a leading character that would open a block (`# `,
/// `- `, `> `, `1. `, ...) is backslash-escaped so the snippet stays inline.
struct InlineBatch {
    struct Snippet {
        var bytes: ArraySlice<UInt8>
        /// Where the snippet's first byte is in the file, and the line it is on.
        var lineIndex: Int
        var byteOffset: Int
    }

    private(set) var snippets: [Snippet] = []

    mutating func add(_ bytes: ArraySlice<UInt8>, lineIndex: Int, byteOffset: Int) -> Int {
        snippets.append(Snippet(bytes: bytes, lineIndex: lineIndex, byteOffset: byteOffset))
        return snippets.count - 1
    }

    /// The inlines of every snippet, in the order they were added.
    func parse(in source: SourceLines) -> [[Inline]] {
        var results = [[Inline]](repeating: [], count: snippets.count)
        guard !snippets.isEmpty else { return results }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(snippets.reduce(0) { $0 + $1.bytes.count + 3 })
        var shifts = [Int](repeating: 0, count: snippets.count)
        for (k, snippet) in snippets.enumerated() {
            shifts[k] = Self.appendEscaped(snippet.bytes, to: &buffer)
            buffer.append(UInt8(ascii: "\n"))
            buffer.append(UInt8(ascii: "\n"))
        }
        let parsed = buffer.withUnsafeBufferPointer { pointer in
            CommonMarkConverter.topLevelInlines(pointer) { line, byteColumn in
                let k = min(max((line - 1) / 2, 0), snippets.count - 1)
                let snippet = snippets[k]
                let offset = snippet.byteOffset + max(byteColumn - 1 - shifts[k], 0)
                return source.location(line: snippet.lineIndex, byteOffset: offset)
            }
        }
        for (line, inlines) in parsed {
            let k = (line - 1) / 2
            if k < results.count { results[k] += inlines }
        }
        return results
    }

    /// Appends `bytes`, escaping a leading block marker; returns how many bytes were inserted.
    static func appendEscaped(_ bytes: ArraySlice<UInt8>, to buffer: inout [UInt8]) -> Int {
        guard let escapeAt = blockMarkerPosition(bytes) else {
            buffer.append(contentsOf: bytes)
            return 0
        }
        buffer.append(contentsOf: bytes[bytes.startIndex..<escapeAt])
        buffer.append(UInt8(ascii: "\\"))
        buffer.append(contentsOf: bytes[escapeAt...])
        return 1
    }

    /// The index of the character to escape so that `bytes` cannot start a block, if any.
    static func blockMarkerPosition(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard let first = bytes.first else { return nil }
        let start = bytes.startIndex
        func isSpaceOrEnd(_ i: Int) -> Bool { i >= bytes.endIndex || bytes[i] == 0x20 || bytes[i] == 0x09 }
        switch first {
        case UInt8(ascii: ">"):
            return start
        case UInt8(ascii: "#"):
            var i = start
            while i < bytes.endIndex, bytes[i] == UInt8(ascii: "#") { i += 1 }
            return i - start <= 6 && isSpaceOrEnd(i) ? start : nil
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "_"):
            if first != UInt8(ascii: "_"), isSpaceOrEnd(start + 1) { return start }
            // A thematic break: three or more of the same character, spaces allowed.
            let marks = bytes.filter { $0 == first }.count
            let onlyMarks = bytes.allSatisfy { $0 == first || $0 == 0x20 || $0 == 0x09 }
            return marks >= 3 && onlyMarks ? start : nil
        case UInt8(ascii: "`"), UInt8(ascii: "~"):
            return bytes.prefix(3).allSatisfy { $0 == first } && bytes.count >= 3 ? start : nil
        case UInt8(ascii: "["):
            // A link reference definition: `[label]: destination`.
            if let close = bytes.firstIndex(of: UInt8(ascii: "]")), close + 1 < bytes.endIndex, bytes[close + 1] == UInt8(ascii: ":") {
                return start
            }
            return nil
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            var i = start
            while i < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
            guard i - start <= 9, i < bytes.endIndex, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ")"), isSpaceOrEnd(i + 1) else {
                return nil
            }
            return i
        default:
            return nil
        }
    }
}
