/// Tracks fenced code blocks line by line, so that colon lines inside them
/// stay literal text.
struct CodeFence {
    let character: UInt8
    let length: Int
    let lineIndex: Int

    /// The fence a line opens, if it is an opening code fence.
    static func opening(_ line: ArraySlice<UInt8>, lineIndex: Int) -> CodeFence? {
        guard line.indentation <= 3 else { return nil }
        let trimmed = line.trimmingSpaces()
        guard let first = trimmed.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return nil }
        let run = trimmed.prefix { $0 == first }.count
        guard run >= 3 else { return nil }
        if first == UInt8(ascii: "`"), trimmed.dropFirst(run).contains(UInt8(ascii: "`")) { return nil }
        return CodeFence(character: first, length: run, lineIndex: lineIndex)
    }

    func isClosed(by line: ArraySlice<UInt8>) -> Bool {
        guard line.indentation <= 3 else { return false }
        let trimmed = line.trimmingSpaces()
        let run = trimmed.prefix { $0 == character }.count
        return run >= length && run == trimmed.count
    }
}
