import WorkbookMarkdown

/// Loads the personal layer: `stories/*.md` and `stories/scores.yaml`.
enum PersonalLoader {
    /// Whether the content folder may have a personal layer: it has `stories`.
    static func exists(in folder: ContentFolder) -> Bool {
        folder.contains("stories")
    }

    static func load(_ folder: ContentFolder, sources: inout [String: String], cache: BuildCache? = nil) -> (PersonalLayer?, [Diagnostic]) {
        let reads = parallelMap(folder.markdownFiles(in: "stories")) { folder.read($0) }
        // Each story's text made once: for its reading and for its diagnostics.
        let storyFiles = reads.compactMap(\.file).map { (file: $0, text: $0.text) }
        let scoresRead = folder.read("stories/scores.yaml")
        let scoresFile = scoresRead.file
        // Made once: for its reading and for its diagnostics.
        let scoresText = scoresFile?.text
        if case .missing = scoresRead, reads.isEmpty { return (nil, []) }
        var diagnostics: [Diagnostic] = []
        for (file, text) in storyFiles { sources[file.displayPath] = text }
        for case .unusable(let problem, let text) in reads + [scoresRead] {
            diagnostics.append(problem)
            sources[problem.path] = text
        }
        // scores.yaml is one file: read beside the stories.
        let (scoresResult, read) = concurrently({ scoresFile.map { readScores($0, text: scoresText ?? "", cache: cache) } }) {
            parallelMap(storyFiles) { readStory($0.file, text: $0.text, cache: cache) }
        }
        var stories: [Story] = []
        for (story, problems) in read {
            diagnostics += problems
            guard let story else { continue }
            if story.name == "index" {
                diagnostics.append(.error("a story cannot be named `index.md`: `stories/index.html` is the evidence inventory", at: SourceLocation(line: 1, column: 1), path: story.path))
                continue
            }
            stories.append(story)
        }
        var scores: [ScoreEntry] = []
        if let file = scoresFile, let (entries, problems) = scoresResult {
            sources[file.displayPath] = scoresText
            scores = entries
            diagnostics += problems
        }
        return (PersonalLayer(stories: stories, scores: scores, scoresPath: scoresFile?.displayPath), diagnostics)
    }

    private static func readStory(_ file: ContentFolder.File, text: String, cache: BuildCache?) -> (Story?, [Diagnostic]) {
        let read = { StoryReader.read(text, path: file.displayPath, name: String(file.relativePath.dropFirst("stories/".count).dropLast(3))) }
        return cache?.stories.value(path: file.displayPath, text: text, read) ?? read()
    }

    private static func readScores(_ file: ContentFolder.File, text: String, cache: BuildCache?) -> ([ScoreEntry], [Diagnostic]) {
        let read = { ScoresReader.read(text, path: file.displayPath) }
        return cache?.scores.value(path: file.displayPath, text: text, read) ?? read()
    }
}
