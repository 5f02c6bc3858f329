/// GitHub-style pipe tables, recognised from the source lines of a paragraph
/// (cmark itself reads a table as a paragraph). Rows are read in place, as
/// byte ranges of the document: a table of 25 cells made about 250 reference
/// count changes when each cell was an `ArraySlice` copied from step to step.
enum PipeTable {
    /// Splits the row at `line` (a range of `bytes`) on unescaped `|`, dropping
    /// one leading and one trailing pipe: each cell's bytes, trimmed, as a range
    /// of `bytes`, into `cells` (emptied first). Returns whether a cell holds
    /// an escaped pipe (`\|`), which `unescapePipes` takes out.
    @discardableResult
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, into cells: inout [Range<Int>]) -> Bool {
        cells.removeAll(keepingCapacity: true)
        let trimmed = trimmed(bytes, line)
        var lo = trimmed.lowerBound
        var hi = trimmed.upperBound
        var escapedPipe = false
        if lo < hi, bytes[lo] == UInt8(ascii: "|") { lo += 1 }
        if hi > lo, bytes[hi - 1] == UInt8(ascii: "|") {
            if isEscaped(bytes, hi - 1, from: trimmed.lowerBound) { escapedPipe = true } else { hi -= 1 }
        }
        var cellStart = lo
        var i = lo
        while i <= hi {
            if i == hi {
                cells.append(self.trimmed(bytes, cellStart..<i))
            } else if bytes[i] == UInt8(ascii: "|") {
                if isEscaped(bytes, i, from: trimmed.lowerBound) {
                    escapedPipe = true
                } else {
                    cells.append(self.trimmed(bytes, cellStart..<i))
                    cellStart = i + 1
                }
            }
            i += 1
        }
        return escapedPipe
    }

    /// `range` without spaces and tabs at either end.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound
        var hi = range.upperBound
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
        return lo..<hi
    }

    /// Whether the byte at `index` follows an odd number of backslashes (counted back to `start`).
    private static func isEscaped(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, from start: Int) -> Bool {
        var backslashes = 0
        var i = index - 1
        while i >= start, bytes[i] == UInt8(ascii: "\\") {
            backslashes += 1
            i -= 1
        }
        return backslashes % 2 == 1
    }

    /// The column alignments if the row at `line` is a delimiter row (`| :--- | ---: |`), else nil.
    static func delimiterRow(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> [Table.Alignment]? {
        guard UnsafeBufferPointer(rebasing: bytes[line]).contains(UInt8(ascii: "|")) else { return nil }
        var cells: [Range<Int>] = []
        split(bytes, line, into: &cells)
        var alignments: [Table.Alignment] = []
        alignments.reserveCapacity(cells.count)
        for cell in cells {
            guard !cell.isEmpty else { return nil }
            let left = bytes[cell.lowerBound] == UInt8(ascii: ":")
            let right = cell.count > 1 && bytes[cell.upperBound - 1] == UInt8(ascii: ":")
            let dashes = (cell.lowerBound + (left ? 1 : 0))..<(cell.upperBound - (right ? 1 : 0))
            guard !dashes.isEmpty, dashes.allSatisfy({ bytes[$0] == UInt8(ascii: "-") }) else { return nil }
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
    private static let pipe = ByteScan.Set([UInt8(ascii: "|")])

    static func unescapePipes(_ bytes: ArraySlice<UInt8>) -> (bytes: ArraySlice<UInt8>, removed: [Int]) {
        // Most cells hold no pipe at all: found sixteen bytes at a time.
        guard bytes.withUnsafeBufferPointer({ ByteScan.first(in: $0, from: 0, Self.pipe) != nil }) else { return (bytes, []) }
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
    static func headerIndex(in lines: [ParagraphLine], source: SourceLines, bytes: UnsafeBufferPointer<UInt8>) -> (Int, [Table.Alignment])? {
        guard lines.count >= 2 else { return nil }
        var cells: [Range<Int>] = []
        for k in 0..<(lines.count - 1) {
            guard let alignments = delimiterRow(bytes, content(lines[k + 1], source)) else { continue }
            split(bytes, content(lines[k], source), into: &cells)
            if cells.count == alignments.count { return (k, alignments) }
        }
        return nil
    }

    /// The line's content, after its container prefix, as a range of the document's bytes.
    static func content(_ line: ParagraphLine, _ source: SourceLines) -> Range<Int> {
        let full = source.ranges[line.lineIndex]
        return (full.lowerBound + min(line.offset, full.count))..<full.upperBound
    }

    /// Builds the table from the header line to the end of the paragraph.
    static func table(
        lines: ArraySlice<ParagraphLine>, alignments: [Table.Alignment], source: SourceLines,
        store: InlineStore, inlines: inout InlineTable, diagnostics: inout [Diagnostic]
    ) -> Table {
        /// A cell before its inlines are parsed: its snippet in the batch (-1 for
        /// a missing cell), its bytes as a range of the document, where its text
        /// with `\|` unescaped is in `unescapedTexts` (-1 when it had none), and
        /// its byte offset in the line. Only numbers: copying one retains nothing.
        struct PendingCell {
            var index: Int
            var range: Range<Int>
            var unescaped: Int
            var offset: Int
        }
        var unescapedTexts: [ArraySlice<UInt8>] = []
        let columns = alignments.count
        var batch = InlineBatch()
        batch.reserveCapacity(lines.count * columns)
        var pending: [PendingCell] = []
        pending.reserveCapacity(lines.count * columns)
        source.bytes.withUnsafeBufferPointer { bytes in
            var cells: [Range<Int>] = []
            cells.reserveCapacity(columns + 1)
            for (n, line) in lines.enumerated() where n != 1 {
                let lineRange = source.ranges[line.lineIndex]
                let escapedPipe = split(bytes, content(line, source), into: &cells)
                for column in 0..<columns {
                    guard column < cells.count else {
                        pending.append(PendingCell(index: -1, range: 0..<0, unescaped: -1, offset: lineRange.count))
                        continue
                    }
                    let cell = cells[column]
                    let offset = cell.lowerBound - lineRange.lowerBound
                    let (text, removed) = escapedPipe ? unescapePipes(source.bytes[cell]) : (source.bytes[cell], [])
                    let index = batch.add(
                        text, lineIndex: line.lineIndex, byteOffset: offset, removed: removed, isValidUTF8: source.isValidUTF8)
                    var unescaped = -1
                    if !removed.isEmpty {
                        unescaped = unescapedTexts.count
                        unescapedTexts.append(text)
                    }
                    pending.append(PendingCell(index: index, range: cell, unescaped: unescaped, offset: offset))
                }
            }
        }
        let parsed = batch.parse(in: source, store: store, table: &inlines, diagnostics: &diagnostics)
        let rowOffset = lines[lines.startIndex].offset
        func row(_ r: Int, line: ParagraphLine) -> Table.Row {
            var cells: [Table.Cell] = []
            cells.reserveCapacity(columns)
            for k in (r * columns)..<((r + 1) * columns) {
                let cell = pending[k]
                guard cell.index >= 0 else {
                    cells.append(Table.Cell(content: Inlines(), sourceText: StoredText(), location: source.location(line: line.lineIndex, byteOffset: cell.offset)))
                    continue
                }
                let content = parsed[cell.index]
                // The text as written, kept in the document's store: a plain
                // cell's is its text node's bytes; another's is copied there.
                let sourceText: StoredText
                if cell.range.isEmpty {
                    sourceText = StoredText()
                } else if batch.isPlain(cell.index) {
                    let node = inlines.nodes[Int(content.lower)]
                    sourceText = StoredText(store: store, start: node.start, length: node.length)
                } else {
                    let start = inlines.bytes.count
                    inlines.bytes.append(contentsOf: cell.unescaped >= 0 ? unescapedTexts[cell.unescaped] : source.bytes[cell.range])
                    sourceText = StoredText(store: store, start: Int32(start), length: Int32(inlines.bytes.count - start))
                }
                cells.append(Table.Cell(content: content, sourceText: sourceText, location: source.location(line: line.lineIndex, byteOffset: cell.offset)))
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
