import WorkbookMarkdown

/// The personal pages: the evidence inventory, one page per story, and the
/// dashboard of self-scores. Built only when the workbook has a personal layer.
extension PageBuilder {
    func storiesPage(_ personal: PersonalLayer) -> StoriesPageVM {
        let rows = personal.stories.map { story -> StoryRowVM in
            let authorities = Story.Authority.allCases.filter { a in story.claims.contains { $0.authority == a } }.map(\.rawValue)
            let anchors = [story.anchors.decision, story.anchors.handsOn, story.anchors.risk].compactMap { $0 }.count
            let warnings = story.findings.count
            return StoryRowVM(
                title: story.title, url: SitePaths.relative(from: "stories", to: SitePaths.story(story.name)),
                when: story.when ?? "", scope: story.scope.rawValue,
                scopeRank: Story.Scope.allCases.firstIndex(of: story.scope) ?? 0,
                shape: story.shape.rawValue, shapeRank: Story.Shape.allCases.firstIndex(of: story.shape) ?? 0,
                authorities: authorities.isEmpty ? "none" : authorities.joined(separator: ", "),
                anchorsLabel: "\(anchors) of 3", anchorCount: anchors, warningCount: warnings,
                checksLabel: warnings == 0 ? "OK" : "\(warnings) warning\(warnings == 1 ? "" : "s")", isClean: warnings == 0)
        }
        return StoriesPageVM(page: page(SitePaths.stories, title: "Evidence inventory", kind: "stories"), hasStories: !rows.isEmpty, rows: rows)
    }

    func storyPage(_ story: Story) -> StoryPageVM {
        let path = SitePaths.story(story.name)
        let context = BodyContext(
            pageDirectory: "stories", chapter: story.name, anchorsInPage: true, resolver: resolver,
            unsafeHTML: settings.unsafeHTML, targetLevel: settings.targetLevel, drillStories: drillStories, sourceDirectory: "stories")
        let drillLinks = story.drills.compactMap { ref -> LinkVM? in
            guard let placed = drillsByID[ref.id] else { return nil }
            let (drill, chapter) = (placed.item, placed.chapter)
            return LinkVM(title: drill.title.plainText, url: context.url(SitePaths.chapter(chapter.name)) + "#" + drill.id)
        }
        // The rubrics to score the story against: those of the chapters its drills are in.
        var chapters: [String] = []
        for ref in story.drills {
            if let name = drillsByID[ref.id]?.chapter.name, !chapters.contains(name) { chapters.append(name) }
        }
        let rubricLinks = chapters.sorted { chapterOrder[$0] ?? 0 < chapterOrder[$1] ?? 0 }.flatMap { rubricsByChapter[$0] ?? [] }
            .map { LinkVM(title: $0.title.plainText, url: context.url(SitePaths.scorecard($0.id))) }
        let anchors = [("Decision", story.anchors.decision), ("Hands-on", story.anchors.handsOn), ("Risk", story.anchors.risk)]
        return StoryPageVM(
            page: page(path, title: story.title, kind: "story"), title: story.title,
            hasWhen: story.when != nil, when: story.when ?? "", scope: story.scope.rawValue, shape: story.shape.rawValue,
            claims: story.claims.map { ClaimVM(text: $0.text, hasAuthority: $0.authority != nil, authority: $0.authority?.rawValue ?? "") },
            hasClaims: !story.claims.isEmpty,
            anchors: anchors.map { StoryAnchorVM(label: $0.0, text: $0.1 ?? "missing", isMissing: $0.1 == nil) },
            metrics: story.metrics, hasMetrics: !story.metrics.isEmpty,
            drills: drillLinks, hasDrills: !drillLinks.isEmpty, rubrics: rubricLinks, hasRubrics: !rubricLinks.isEmpty,
            findings: story.findings.map { FindingVM(messageHTML: Self.messageHTML($0.message), place: "line \($0.location.line)") },
            hasFindings: !story.findings.isEmpty,
            personCounts: "I \(story.iCount) · we \(story.weCount)",
            body: context.items(story.body))
    }

    /// A diagnostic message for a page: escaped, with its `code` spans marked up.
    static func messageHTML(_ message: String) -> String {
        let parts = HTMLEscaping.escape(message).split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count % 2 == 1 else { return HTMLEscaping.escape(message) }
        return parts.enumerated().map { $0.offset % 2 == 1 ? "<code>\($0.element)</code>" : String($0.element) }.joined()
    }

    /// The dashboard around its rubrics' rendered sections.
    func dashboard(sections: [SectionVM]) -> DashboardPageVM {
        DashboardPageVM(page: page(SitePaths.dashboard, title: "Dashboard", kind: "dashboard"), rubrics: sections, hasRubrics: !sections.isEmpty)
    }

    /// One rubric's section of the dashboard (the `n`th rubric of the workbook).
    func dashboardRubric(_ n: Int, personal: PersonalLayer) -> DashboardRubricVM {
        let (rubric, chapter) = (rubrics[n].item, rubrics[n].chapter)
        let context = context(page: SitePaths.dashboard, chapter: chapter)
        let history = personal.history(of: rubric.id)
        let summaries = history.map { context.summary($0, rubric: rubric) }
        let latest = history.last
        let minimums = Dictionary(rubric.requirements.map { ($0.dimension, $0.minimum) }, uniquingKeysWith: { a, _ in a })
        let radar = latest.map { entry in
            let scores = entry.byDimension
            return RadarChart(
                title: "Latest scores: \(rubric.title.plainText)",
                axes: rubric.dimensions.map { RadarChart.Axis(label: $0.name, value: scores[$0.name] ?? rubric.scale.lowerBound, minimum: minimums[$0.name]) },
                scale: rubric.scale, idPrefix: "radar-\(rubric.id)-"
            ).svg()
        }
        let line = history.isEmpty ? nil : LineChart(
            title: "Totals over time: \(rubric.title.plainText)",
            points: history.map { LineChart.Point(label: $0.date, value: $0.total) },
            range: rubric.minTotal...rubric.maxTotal,
            bands: rubric.bands.map { LineChart.Band(range: $0.range, label: $0.text.plainText) },
            gate: rubric.gate, idPrefix: "line-\(rubric.id)-"
        ).svg()
        return DashboardRubricVM(
            id: rubric.id, title: rubric.title.plainText, scorecardURL: SitePaths.scorecard(rubric.id),
            hasScores: latest != nil, latest: summaries.last ?? ScoreSummaryVM.none,
            radarSVG: radar ?? "", lineSVG: line ?? "", history: summaries.reversed())
    }
}

extension BodyContext {
    /// A self-score's total, band and gate outcome.
    func summary(_ entry: ScoreEntry, rubric: Rubric) -> ScoreSummaryVM {
        let band = rubric.band(for: entry.total)
        let outcome = rubric.gateOutcome(scores: entry.byDimension)
        var reasons: [String] = []
        if case .fail(let why) = outcome { reasons = why }
        return ScoreSummaryVM(
            date: entry.date, total: entry.total, maxTotal: rubric.maxTotal,
            band: band?.label ?? "", bandHTML: band.map { html($0.text) } ?? "",
            gate: outcome.label, gatePassed: outcome == .pass, gateFailed: !reasons.isEmpty,
            reasons: reasons, hasReasons: !reasons.isEmpty, hasNote: entry.note != nil, note: entry.note ?? "")
    }
}

extension ScoreSummaryVM {
    static let none = ScoreSummaryVM(
        date: "", total: 0, maxTotal: 0, band: "", bandHTML: "", gate: "none", gatePassed: false, gateFailed: false,
        reasons: [], hasReasons: false, hasNote: false, note: "")
}
