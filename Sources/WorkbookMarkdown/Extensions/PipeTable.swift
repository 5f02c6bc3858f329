/// GitHub-style pipe tables, recognised from the source lines of a paragraph
/// (cmark itself reads a table as a paragraph).
enum PipeTable {
    /// A table row split into cells: each cell's trimmed bytes and byte offset in the line.
    struct SplitRow {
        var cells: [SplitCell]
    }

    struct SplitCell {
        var bytes: ArraySlice<UInt8>
        var offset: Int
    }

    /// Splits a row on unescaped `|`, dropping one leading and one trailing pipe.
    static func split(_ line: ArraySlice<UInt8>) -> SplitRow {
        let trimmed = line.trimmingSpaces()
        var lo = trimmed.startIndex
        var hi = trimmed.endIndex
        if lo < hi, trimmed[lo] == UInt8(ascii: "|") { lo += 1 }
        if hi > lo, trimmed[hi - 1] == UInt8(ascii: "|"), !isEscaped(trimmed, hi - 1) { hi -= 1 }
        var cells: [SplitCell] = []
        cells.reserveCapacity(8)
        var cellStart = lo
        var i = lo
        while i <= hi {
            if i == hi || (trimmed[i] == UInt8(ascii: "|") && !isEscaped(trimmed, i)) {
                let cell = trimmed[cellStart..<i].trimmingSpaces()
                cells.append(SplitCell(bytes: cell, offset: cell.startIndex - line.startIndex))
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
        for cell in split(line).cells.lazy.map(\.bytes) {
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

    /// A cell's text as written, kept in the document's store: the bytes of its
    /// text node when the cell is plain text (`InlineBatch.isPlain`, most
    /// cells), a copy otherwise.
    private static func sourceText(
        of bytes: ArraySlice<UInt8>, content: Inlines, isPlain: Bool, store: InlineStore, inlines: inout InlineTable
    ) -> StoredText {
        if bytes.isEmpty { return StoredText() }
        if isPlain {
            let node = inlines.nodes[Int(content.lower)]
            return StoredText(store: store, start: node.start, length: node.length)
        }
        let start = inlines.bytes.count
        inlines.bytes.append(contentsOf: bytes)
        return StoredText(store: store, start: Int32(start), length: Int32(bytes.count))
    }

    /// Builds the table from the header line to the end of the paragraph.
    static func table(
        lines: ArraySlice<ParagraphLine>, alignments: [Table.Alignment], source: SourceLines,
        store: InlineStore, inlines: inout InlineTable, diagnostics: inout [Diagnostic]
    ) -> Table {
        /// A cell before its inlines are parsed: its snippet in the batch (-1 for
        /// a missing cell), its text as written (`\|` unescaped) and its byte offset in the line.
        struct PendingCell {
            var index: Int
            var bytes: ArraySlice<UInt8>
            var offset: Int
        }
        var batch = InlineBatch()
        batch.reserveCapacity(lines.count * alignments.count)
        var pending: [PendingCell] = []
        pending.reserveCapacity(lines.count * alignments.count)
        for (n, line) in lines.enumerated() where n != 1 {
            let split = split(content(line, source))
            for column in 0..<alignments.count {
                if column < split.cells.count {
                    let cell = split.cells[column]
                    let offset = line.offset + cell.offset
                    let (text, removed) = unescapePipes(cell.bytes)
                    let index = batch.add(text, lineIndex: line.lineIndex, byteOffset: offset, removed: removed, isValidUTF8: source.isValidUTF8)
                    pending.append(PendingCell(index: index, bytes: text, offset: offset))
                } else {
                    pending.append(PendingCell(index: -1, bytes: [], offset: source[line.lineIndex].count))
                }
            }
        }
        let parsed = batch.parse(in: source, store: store, table: &inlines, diagnostics: &diagnostics)
        let rowOffset = lines[lines.startIndex].offset
        func row(_ r: Int, line: ParagraphLine) -> Table.Row {
            var cells: [Table.Cell] = []
            cells.reserveCapacity(alignments.count)
            for cell in pending[(r * alignments.count)..<((r + 1) * alignments.count)] {
                let content = cell.index >= 0 ? parsed[cell.index] : Inlines()
                cells.append(
                    Table.Cell(
                        content: content,
                        sourceText: sourceText(
                            of: cell.bytes, content: content, isPlain: cell.index >= 0 && batch.isPlain(cell.index), store: store,
                            inlines: &inlines),
                        location: source.location(line: line.lineIndex, byteOffset: cell.offset)))
            }
            return Table.Row(cells: cells, location: source.location(line: line.lineIndex, byteOffset: rowOffset))
        }
        var rows: [Table.Row] = []
        rows.reserveCapacity(lines.count - 2)
        let header = row(0, line: lines[lines.startIndex])
        for (r, line) in lines.dropFirst(2).enumerated() {
            rows.append(row(r + 1, line: line))
        }
        return Table(alignments: alignments, header: header, rows: rows, location: header.location)
    }
}
