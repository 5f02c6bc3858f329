/// GitHub-style pipe tables, recognised from the source lines of a paragraph
/// (cmark itself reads a table as a paragraph).
enum PipeTable {
    /// A table row split into cells: each cell's trimmed bytes and byte offset in the line.
    struct SplitRow {
        var cells: [(bytes: ArraySlice<UInt8>, offset: Int)]
    }

    /// Splits a row on unescaped `|`, dropping one leading and one trailing pipe.
    static func split(_ line: ArraySlice<UInt8>) -> SplitRow {
        let trimmed = line.trimmingSpaces()
        var lo = trimmed.startIndex
        var hi = trimmed.endIndex
        if lo < hi, trimmed[lo] == UInt8(ascii: "|") { lo += 1 }
        if hi > lo, trimmed[hi - 1] == UInt8(ascii: "|"), !isEscaped(trimmed, hi - 1) { hi -= 1 }
        var cells: [(ArraySlice<UInt8>, Int)] = []
        cells.reserveCapacity(8)
        var cellStart = lo
        var i = lo
        while i <= hi {
            if i == hi || (trimmed[i] == UInt8(ascii: "|") && !isEscaped(trimmed, i)) {
                let cell = trimmed[cellStart..<i].trimmingSpaces()
                cells.append((cell, cell.startIndex - line.startIndex))
                cellStart = i + 1
            }
            i += 1
        }
        return SplitRow(cells: cells)
    }

    private static func isEscaped(_ bytes: ArraySlice<UInt8>, _ index: Int) -> Bool {
        var backslashes = 0
        var i = index - 1
        while i >= bytes.startIndex, bytes[i] == UInt8(ascii: "\\") {
            backslashes += 1
            i -= 1
        }
        return backslashes % 2 == 1
    }

    /// The column alignments if `line` is a delimiter row (`| :--- | ---: |`), else nil.
    static func delimiterRow(_ line: ArraySlice<UInt8>) -> [Table.Alignment]? {
        guard line.contains(UInt8(ascii: "|")) else { return nil }
        var alignments: [Table.Alignment] = []
        for (cell, _) in split(line).cells {
            guard !cell.isEmpty else { return nil }
            let left = cell.first == UInt8(ascii: ":")
            let right = cell.count > 1 && cell.last == UInt8(ascii: ":")
            let dashes = cell.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            switch (left, right) {
            case (true, true): alignments.append(.center)
            case (true, false): alignments.append(.left)
            case (false, true): alignments.append(.right)
            case (false, false): alignments.append(.none)
            }
        }
        return alignments
    }

    /// Removes `\` before `|`: a literal bar inside a cell. Also returns the
    /// offsets in the result before which a `\` was removed (for source locations).
    static func unescapePipes(_ bytes: ArraySlice<UInt8>) -> (bytes: ArraySlice<UInt8>, removed: [Int]) {
        guard bytes.contains(UInt8(ascii: "|")) else { return (bytes, []) }
        var out: [UInt8] = []
        var removed: [Int] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.endIndex, bytes[i + 1] == UInt8(ascii: "|") {
                removed.append(out.count)
                out.append(UInt8(ascii: "|"))
                i += 2
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return (out[...], removed)
    }

    /// Lines of a paragraph with their container prefix (list indentation,
    /// `>` markers) removed: `lineIndex` into the source and the content's byte offset.
    struct ParagraphLine {
        var lineIndex: Int
        var offset: Int
    }

    /// Finds a table in a paragraph's lines. Returns the index of the header
    /// line within `lines`, or nil.
    static func headerIndex(in lines: [ParagraphLine], source: SourceLines) -> (Int, [Table.Alignment])? {
        guard lines.count >= 2 else { return nil }
        for k in 0..<(lines.count - 1) {
            let headerLine = content(lines[k], source)
            guard let alignments = delimiterRow(content(lines[k + 1], source)) else { continue }
            if split(headerLine).cells.count == alignments.count { return (k, alignments) }
        }
        return nil
    }

    static func content(_ line: ParagraphLine, _ source: SourceLines) -> ArraySlice<UInt8> {
        let full = source[line.lineIndex]
        return full[(full.startIndex + min(line.offset, full.count))...]
    }

    /// Builds the table from the header line to the end of the paragraph.
    static func table(
        lines: ArraySlice<ParagraphLine>, alignments: [Table.Alignment], source: SourceLines,
        diagnostics: inout [Diagnostic]
    ) -> Table {
        var batch = InlineBatch()
        batch.reserveCapacity(lines.count * alignments.count)
        var rows: [(lineIndex: Int, cells: [(index: Int, source: String, offset: Int)])] = []
        rows.reserveCapacity(lines.count)
        for (n, line) in lines.enumerated() where n != 1 {
            let full = source[line.lineIndex]
            let split = split(content(line, source))
            var cells: [(Int, String, Int)] = []
            cells.reserveCapacity(alignments.count)
            for column in 0..<alignments.count {
                if column < split.cells.count {
                    let (bytes, offsetInContent) = split.cells[column]
                    let offset = line.offset + offsetInContent
                    let (text, removed) = unescapePipes(bytes)
                    let source = text.string
                    let index = batch.add(text, lineIndex: line.lineIndex, byteOffset: offset, removed: removed, decoded: source)
                    cells.append((index, source, offset))
                } else {
                    cells.append((-1, "", full.count))
                }
            }
            rows.append((line.lineIndex, cells))
        }
        let parsed = batch.parse(in: source, diagnostics: &diagnostics)
        func row(_ r: (lineIndex: Int, cells: [(index: Int, source: String, offset: Int)])) -> Table.Row {
            Table.Row(
                cells: r.cells.map { cell in
                    Table.Cell(
                        content: cell.index >= 0 ? parsed[cell.index] : [],
                        source: cell.source,
                        location: source.location(line: r.lineIndex, byteOffset: cell.offset))
                },
                location: source.location(line: r.lineIndex, byteOffset: lines[lines.startIndex].offset))
        }
        let header = row(rows[0])
        return Table(
            alignments: alignments, header: header, rows: rows.dropFirst().map(row),
            location: header.location)
    }
}
