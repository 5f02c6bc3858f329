#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns scanned segments into blocks: each Markdown run through cmark (with
/// pipe tables recognised in its paragraphs), each directive with its body.
struct BlockBuilder {
    let source: SourceLines
    /// Where the blocks' inlines will be read, once `inlines` is frozen into it.
    let store: InlineStore
    /// Every inline of the document so far.
    private(set) var inlines = InlineTable()
    /// Problems found while building: nesting past the limits.
    private(set) var diagnostics: [Diagnostic] = []

    init(source: SourceLines, store: InlineStore) {
        self.source = source
        self.store = store
        inlines.bytes.reserveCapacity(source.bytes.count)
        inlines.nodes.reserveCapacity(source.bytes.count / 32)
    }

    /// `depth`: how many directives the segments sit in.
    mutating func blocks(_ segments: [DirectiveScanner.Segment], depth: Int = 0) -> [Block] {
        var out: [Block] = []
        var titles = InlineBatch()
        var pending: [(position: Int, opened: DirectiveScanner.Opened, body: [Block], titleIndex: Int?)] = []
        for segment in segments {
            switch segment {
            case .markdown(let range):
                out.append(contentsOf: markdown(range, depth: depth))
            case .directive(let opened, let children):
                var titleIndex: Int?
                if let title = opened.fence.title {
                    titleIndex = titles.add(title.bytes, lineIndex: opened.lineIndex, byteOffset: title.offset, isValidUTF8: source.isValidUTF8)
                }
                pending.append((out.count, opened, blocks(children, depth: depth + 1), titleIndex))
                out.append(.thematicBreak)  // placeholder, replaced below
            }
        }
        let parsedTitles = titles.parse(in: source, store: store, table: &inlines, diagnostics: &diagnostics)
        for item in pending {
            let fence = item.opened.fence
            let directive = Directive(
                name: fence.name,
                title: item.titleIndex.map { parsedTitles[$0] },
                id: fence.id,
                idLocation: fence.idOffset.map { source.location(line: item.opened.lineIndex, byteOffset: $0) },
                attributes: fence.attributes.map {
                    Directive.Attribute(key: $0.key, value: $0.value, location: source.location(line: item.opened.lineIndex, byteOffset: $0.offset))
                },
                body: item.body,
                location: source.location(line: item.opened.lineIndex, byteOffset: item.opened.fenceOffset),
                nameLocation: source.location(line: item.opened.lineIndex, byteOffset: fence.nameOffset),
                fenceLength: fence.fenceLength)
            out[item.position] = .directive(directive)
        }
        return out
    }

    private mutating func markdown(_ range: Range<Int>, depth: Int) -> [Block] {
        guard !range.isEmpty else { return [] }
        let first = range.lowerBound
        let byteRange = source.ranges[first].lowerBound..<source.ranges[range.upperBound - 1].upperBound
        let source = self.source
        let store = self.store
        let (blocks, problems) = source.bytes.withUnsafeBufferPointer { all in
            let slice = UnsafeBufferPointer(rebasing: all[byteRange])
            return CommonMarkConverter.blocks(
                slice, validUTF8: source.isValidUTF8,
                position: { line, byteColumn in
                    let index = max(0, min(first + line - 1, source.count - 1))
                    return source.location(line: index, byteOffset: byteColumn - 1)
                },
                depth: depth,
                store: store,
                table: &inlines,
                paragraphHook: { startLine, endLine, startColumn, diagnostics, inlines in
                    Self.table(
                        in: source, lines: (first + startLine - 1)...(first + endLine - 1), startColumn: startColumn,
                        store: store, inlines: &inlines, diagnostics: &diagnostics)
                })
        }
        diagnostics += problems
        return blocks
    }

    /// The paragraph split into a paragraph (the lines before the table, if any)
    /// and a table, or nil when it holds no table.
    private static func table(
        in source: SourceLines, lines: ClosedRange<Int>, startColumn: Int,
        store: InlineStore, inlines table: inout InlineTable, diagnostics: inout [Diagnostic]
    ) -> [Block]? {
        guard lines.count >= 2 else { return nil }
        let found: (lines: [PipeTable.ParagraphLine], header: Int, alignments: [Table.Alignment])? = source.bytes.withUnsafeBufferPointer { bytes in
            // The paragraph's lines are one run of the document: one search for a `|`.
            let all = source.ranges[lines.lowerBound].lowerBound..<source.ranges[lines.upperBound].upperBound
            guard let base = bytes.baseAddress, memchr(base + all.lowerBound, Int32(UInt8(ascii: "|")), all.count) != nil else { return nil }
            let prefix = max(startColumn - 1, 0)
            var paragraphLines: [PipeTable.ParagraphLine] = []
            paragraphLines.reserveCapacity(lines.count)
            for (n, index) in lines.enumerated() {
                let line = source.ranges[index]
                var offset = 0
                if n == 0 {
                    offset = prefix
                } else {
                    // Strip container markers (list indentation, `>`) up to the paragraph's column.
                    while offset < prefix, offset < line.count {
                        let c = bytes[line.lowerBound + offset]
                        guard c == 0x20 || c == 0x09 || c == UInt8(ascii: ">") else { break }
                        offset += 1
                    }
                }
                paragraphLines.append(PipeTable.ParagraphLine(lineIndex: index, offset: offset))
            }
            guard let (header, alignments) = PipeTable.headerIndex(in: paragraphLines, source: source, bytes: bytes) else { return nil }
            return (paragraphLines, header, alignments)
        }
        guard let (paragraphLines, header, alignments) = found else { return nil }
        var out: [Block] = []
        if header > 0 {
            var batch = InlineBatch()
            // The lines before the table form a paragraph of their own.
            var joined: [UInt8] = []
            var starts: [(lineIndex: Int, byteOffset: Int)] = []
            source.bytes.withUnsafeBufferPointer { bytes in
                for line in paragraphLines[..<header] {
                    let content = PipeTable.trimmed(bytes, PipeTable.content(line, source))
                    if !starts.isEmpty { joined.append(UInt8(ascii: "\n")) }
                    starts.append((line.lineIndex, content.lowerBound - source.ranges[line.lineIndex].lowerBound))
                    joined.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[content]))
                }
            }
            _ = batch.add(
                joined[...], lineIndex: starts[0].lineIndex, byteOffset: starts[0].byteOffset,
                continuations: Array(starts.dropFirst()))
            let inlines = batch.parse(in: source, store: store, table: &table, diagnostics: &diagnostics)[0]
            out.append(.paragraph(inlines, source.location(line: paragraphLines[0].lineIndex, byteOffset: paragraphLines[0].offset)))
        }
        out.append(
            .table(
                PipeTable.table(
                    lines: paragraphLines[header...], alignments: alignments, source: source,
                    store: store, inlines: &table, diagnostics: &diagnostics)))
        return out
    }
}
