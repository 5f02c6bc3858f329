import WorkbookMarkdown

/// Checks of the personal layer against the workbook: stories (the evidence
/// stack, anchors, avoid phrases, authority labels, "we" over "I") and scores
/// (rubrics, dimensions, scales).
enum PersonalChecks {
    /// What stories are checked against that comes from the chapters alone:
    /// the avoid phrases, matched in one pass. Built before the stories are
    /// read (beside their loading), so it is its own step.
    struct AvoidPhrases: Sendable {
        /// The chapters' names and phrases, hashed: a live build's findings are
        /// reused while it is the same.
        let key: Int
        let matcher: PhraseMatcher
    }

    /// The chapters' avoid phrases, named where the author listed them
    /// (relative to the content folder).
    /// - Parameter cache: a live build's memo: the matcher is reused while the phrases are the same.
    static func avoidPhrases(of chapters: [Chapter], cache: BuildCache? = nil) -> AvoidPhrases {
        var hasher = Hasher()
        for chapter in chapters {
            hasher.combine(chapter.name)
            hasher.combine(chapter.avoidPhrasesHash)
        }
        let key = hasher.finalize()
        let make = {
            PhraseMatcher(
                chapters.lazy.flatMap { chapter in chapter.avoidPhrases.lazy.map { (chapter: chapter.name, phrase: $0) } },
                text: \.phrase.text, definedAt: { "chapters/\($0.chapter).md:\($0.phrase.location.line)" })
        }
        return AvoidPhrases(key: key, matcher: cache?.phraseMatcher(key: key, make) ?? make())
    }

    /// Stories get their findings filled in; returns every diagnostic.
    /// - Parameters:
    ///   - phrases: `avoidPhrases(of: chapters)`, made when not given.
    ///   - cache: a live build's memo: a story's findings are reused while its
    ///     text and the phrases are the same.
    static func check(
        _ personal: inout PersonalLayer, chapters: [Chapter], phrases: AvoidPhrases? = nil, cache: BuildCache? = nil
    ) -> [Diagnostic] {
        // The drills stories name and the rubrics scores name, found (only they
        // are looked up: a workbook has thousands).
        let named = Set(personal.stories.flatMap { $0.drills.map(\.id) })
        let scored = Set(personal.scores.map(\.rubric))
        var drills: Set<String> = []
        var rubrics: [String: Rubric] = [:]
        for chapter in chapters {
            // By index: only the id is read, not a copy of every drill and rubric.
            for i in chapter.drills.indices where named.contains(chapter.drills[i].id) { drills.insert(chapter.drills[i].id) }
            for i in chapter.rubrics.indices where scored.contains(chapter.rubrics[i].id) { rubrics[chapter.rubrics[i].id] = chapter.rubrics[i] }
        }
        let phrases = phrases ?? avoidPhrases(of: chapters, cache: cache)
        let (phrasesKey, matcher) = (phrases.key, phrases.matcher)
        var diagnostics: [Diagnostic] = []
        // Stories are matched against the phrases in parallel.
        let found = parallelMap(personal.stories) { story in
            cache?.findings.value(path: story.path, text: story.text, also: phrasesKey) { findings(story, matcher: matcher) }
                ?? findings(story, matcher: matcher)
        }
        for index in personal.stories.indices {
            var story = personal.stories[index]
            for drill in story.drills where !drills.contains(drill.id) {
                let all = Set(chapters.flatMap { $0.drills.map(\.id) })
                diagnostics.append(.error("story names unknown drill `\(drill.id)`\(suggestion(drill.id, in: all))", at: drill.location, path: story.path))
            }
            story.findings = found[index]
            diagnostics += story.findings
            personal.stories[index] = story
        }
        for entry in personal.scores {
            diagnostics += check(entry, rubrics: rubrics, path: personal.scoresPath ?? "") { Set(chapters.flatMap { $0.rubrics.map(\.id) }) }
        }
        return diagnostics
    }

    static func suggestion(_ id: String, in ids: Set<String>) -> String {
        guard let near = ids.sorted().first(where: { $0.isNear(id) }) else { return "" }
        return "; did you mean `\(near)`?"
    }

    /// The warnings a story's page and the inventory show.
    static func findings(_ story: Story, matcher: PhraseMatcher) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let body = SourceLocation(line: story.bodyLine, column: 1)
        let missing = Story.Part.allCases.filter { !story.parts.contains($0) }
        if !missing.isEmpty {
            let names = missing.map(\.rawValue).joined(separator: ", ")
            let headings = missing.map { "`## \($0.rawValue)`" }.joined(separator: ", ")
            out.append(.warning("story is missing part\(missing.count == 1 ? "" : "s") of the evidence stack: \(names); add \(headings)", at: body, path: story.path))
        }
        let anchors: [(String, String?)] = [("decision", story.anchors.decision), ("hands_on", story.anchors.handsOn), ("risk", story.anchors.risk)]
        for (key, value) in anchors where value == nil {
            out.append(.warning("story has no hands-on anchor `\(key)`: add it under `anchors:`", at: story.anchorsLocation, path: story.path))
        }
        for claim in story.claims where claim.authority == nil {
            out.append(.warning("claim \"\(claim.text)\" has no authority label: add `authority:` (decided, recommended, implemented, ...)", at: claim.location, path: story.path))
        }
        for match in matcher.matches(in: story.text) {
            out.append(.warning("story uses the avoid phrase \"\(match.phrase)\" (listed at \(match.definedAt))", at: match.location, path: story.path))
        }
        if story.weCount >= 3, story.weCount >= 3 * story.iCount {
            out.append(.warning("story says \"we\" \(story.weCount) times and \"I\" \(story.iCount) time\(story.iCount == 1 ? "" : "s"): say what you did yourself", at: body, path: story.path))
        }
        return out
    }

    /// - Parameters:
    ///   - rubrics: the rubrics score entries name, by id.
    ///   - allRubrics: every rubric's id, for the suggestion when the entry names none.
    static func check(_ entry: ScoreEntry, rubrics: [String: Rubric], path: String, allRubrics: () -> Set<String>) -> [Diagnostic] {
        guard let rubric = rubrics[entry.rubric] else {
            return [.error("score entry names unknown rubric `\(entry.rubric)`\(suggestion(entry.rubric, in: allRubrics()))", at: entry.location, path: path)]
        }
        var out: [Diagnostic] = []
        let names = Set(rubric.dimensions.map(\.name))
        for (dimension, value) in entry.scores {
            if !names.contains(dimension) {
                let list = rubric.dimensions.map { "`\($0.name)`" }.joined(separator: ", ")
                out.append(.error("rubric `\(rubric.id)` has no dimension `\(dimension)`; its dimensions: \(list)", at: entry.location, path: path))
            } else if !rubric.scale.contains(value) {
                out.append(.error("score \(value) for `\(dimension)` is outside the scale \(rubric.scale.lowerBound)-\(rubric.scale.upperBound) of rubric `\(rubric.id)`", at: entry.location, path: path))
            }
        }
        let scored = Set(entry.scores.map(\.dimension))
        let unscored = rubric.dimensions.map(\.name).filter { !scored.contains($0) }
        if !unscored.isEmpty {
            out.append(.error("score entry of \(entry.date) leaves \(unscored.map { "`\($0)`" }.joined(separator: ", ")) unscored; score every dimension of `\(rubric.id)`", at: entry.location, path: path))
        }
        return out
    }
}
