import WorkbookMarkdown

/// Builds the view models of a chapter body: Markdown runs rendered to HTML,
/// each directive as its block's view model.
extension BodyContext {
    func items(_ body: [ChapterBlock]) -> [BodyItemVM] {
        var items: [BodyItemVM] = []
        var run: [Block] = []
        // The Markdown before a block goes into the block's item: one item
        // (three lookups) where an item for each was five.
        func flush() -> HTMLBytes {
            defer { run.removeAll() }
            return HTMLBytes(bytes: run.isEmpty ? [] : HTMLRenderer.htmlBytes(run, options: htmlOptions))
        }
        for block in body {
            if case .markdown(let markdown) = block {
                run.append(markdown)
                continue
            }
            let before = flush()
            let vm: any BlockVM
            switch block {
            case .markdown: continue  // (collected into runs above)
            case .matrix(let m): vm = matrix(m)
            case .drill(let d): vm = drill(d)
            case .rubric(let r): vm = rubric(r)
            case .checklist(let c): vm = checklist(c)
            case .transcript(let t): vm = transcript(t)
            case .phrases(let p): vm = phrases(p)
            case .callout(let c): vm = callout(c)
            case .fieldref(let f): vm = fieldref(f)
            }
            items.append(BodyItemVM(html: before, block: [vm], partial: vm.partial))
        }
        if !run.isEmpty { items.append(BodyItemVM(html: flush(), block: [], partial: "")) }
        return items
    }

    func table(_ table: Table, rowHeaders: Bool) -> TableVM {
        func alignClass(_ column: Int) -> String {
            switch table.alignments[column] {
            case .none: ""
            case .left: "align-left"
            case .center: "align-center"
            case .right: "align-right"
            }
        }
        let target = targetLevel.map(Self.normalizedKey)
        return TableVM(
            head: table.header.cells.enumerated().map { CellVM(html: html($1.content), alignClass: alignClass($0), hasAlign: !alignClass($0).isEmpty) },
            rows: table.rows.map { row in
                let cells = row.cells.enumerated().map { CellVM(html: html($1.content), alignClass: alignClass($0), hasAlign: !alignClass($0).isEmpty) }
                return RowVM(
                    rowHeader: rowHeaders ? Array(cells.prefix(1)) : [], cells: rowHeaders ? Array(cells.dropFirst()) : cells,
                    isTarget: target != nil && Self.normalizedKey(row.cells[0].content.plainText) == target)
            })
    }

    /// Lowercased, runs of spaces and tabs as one space, none at the ends.
    /// ASCII (every row of most matrices) is done in one pass over the bytes.
    static func normalizedKey(_ s: String) -> String {
        let ascii: String? = s.withUTF8Bytes { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var space = false
            for byte in bytes {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                    space = !out.isEmpty
                    continue
                }
                if space {
                    out.append(UInt8(ascii: " "))
                    space = false
                }
                out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
            return String(decoding: out, as: UTF8.self)
        }
        return ascii ?? s.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    func matrix(_ m: Matrix) -> MatrixVM {
        MatrixVM(id: m.id, titleHTML: html(m.title), introHTML: html(m.intro), table: table(m.table, rowHeaders: true), outroHTML: html(m.outro))
    }

    func drill(_ d: Drill) -> DrillVM {
        DrillVM(
            id: d.id, titleHTML: html(d.title), hasTimebox: d.timebox != nil,
            minutes: d.timebox?.minutesText ?? "", seconds: d.timebox?.seconds ?? 0,
            timeboxLabel: d.timebox?.label ?? "", body: items(d.body),
            chapterTitle: "", chapterURL: url(SitePaths.chapter(chapter)) + "#" + d.id,
            hasStories: !(drillStories[d.id]?.isEmpty ?? true),
            stories: (drillStories[d.id] ?? []).map { LinkVM(title: $0.title, url: url(SitePaths.story($0.name))) })
    }

    func rubric(_ r: Rubric, marks: [String: Int] = [:]) -> RubricVM {
        let anchorValues = Set(r.anchors.map(\.value))
        let minimums = Dictionary(r.requirements.map { ($0.dimension, $0.minimum) }, uniquingKeysWith: { a, _ in a })
        return RubricVM(
            id: r.id, titleHTML: html(r.title),
            anchors: r.anchors.map { AnchorVM(value: $0.value, hasLabel: $0.label != nil, label: $0.label ?? "") },
            dimensions: r.dimensions.map { dimension in
                // Looked up once a dimension, not once a box.
                let mark = marks.isEmpty ? nil : marks[dimension.name]
                let minimum = minimums.isEmpty ? nil : minimums[dimension.name]
                return DimensionVM(
                    name: dimension.name,
                    descriptors: zip(r.anchors, dimension.descriptors).map { DescriptorVM(value: $0.value, html: html($1)) },
                    boxes: r.scale.map { ScoreBoxVM(value: $0, isAnchor: anchorValues.contains($0), isMarked: mark == $0) },
                    hasMinimum: minimum != nil, minimum: minimum ?? 0)
            },
            scale: Array(r.scale), scaleLabel: "\(r.scale.lowerBound)-\(r.scale.upperBound)",
            minTotal: r.minTotal, maxTotal: r.maxTotal,
            bands: r.bands.map { BandVM(range: $0.label, min: $0.range.lowerBound, max: $0.range.upperBound, textHTML: html($0.text)) },
            hasGate: r.gate != nil, gate: r.gate ?? 0,
            hasRequirements: !r.requirements.isEmpty,
            requirements: r.requirements.map { RequirementVM(dimension: $0.dimension, minimum: $0.minimum) },
            proseHTML: html(r.prose), scorecardURL: url(SitePaths.scorecard(r.id)))
    }

    func checklist(_ c: Checklist) -> ChecklistVM {
        let base = c.id
        let options = htmlOptions
        return ChecklistVM(
            id: base, hasTitle: c.title != nil, titleHTML: c.title.map(html) ?? "",
            items: c.items.enumerated().map { n, blocks in
                ChecklistItemVM(id: "\(base)-\(n + 1)", html: Self.itemHTML(blocks, options: options))
            })
    }

    /// A list item's content as a tight list shows it: a lone paragraph without `<p>`.
    static func itemHTML(_ blocks: [Block], options: HTMLRenderer.Options) -> String {
        if blocks.count == 1, case .paragraph(let content, _) = blocks[0] {
            return HTMLRenderer.html(content, options: options)
        }
        return HTMLRenderer.html(blocks, options: options)
    }

    func transcript(_ t: Transcript) -> TranscriptVM {
        TranscriptVM(
            id: t.id, hasTitle: t.title != nil, titleHTML: t.title.map(html) ?? "",
            turns: t.turns.map { turn in
                TurnVM(
                    speaker: turn.speaker,
                    html: turn.paragraphs.map { "<p>" + html($0) + "</p>" }.joined(separator: "\n"),
                    hasAnnotations: !turn.annotations.isEmpty,
                    annotations: turn.annotations.map { AnnotationVM(html: html($0)) })
            })
    }

    func phrases(_ p: Phrases) -> PhrasesVM {
        PhrasesVM(
            id: p.id, titleHTML: html(p.title), kind: p.kind.rawValue, isAvoid: p.kind == .avoid,
            phrases: p.phrases.map { PhraseVM(html: html($0.content)) })
    }

    func callout(_ c: Callout) -> CalloutVM {
        CalloutVM(
            id: c.id, kind: c.kind.rawValue, kindLabel: c.kind.label, hasTitle: c.title != nil,
            titleHTML: c.title.map(html) ?? "", body: items(c.body))
    }

    func fieldref(_ f: FieldRef) -> FieldRefVM {
        FieldRefVM(id: f.id, titleHTML: html(f.title), body: items(f.body), sheetURL: url(SitePaths.fieldref(f.id)))
    }
}
