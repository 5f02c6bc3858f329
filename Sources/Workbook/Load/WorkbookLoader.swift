import WorkbookMarkdown

/// Options a build or check is run with.
public struct LoadOptions: Sendable {
    /// Include chapters marked `draft: true`.
    public var includeDrafts: Bool
    /// A team guide: leave the personal layer (`stories/`) out entirely, unread.
    public var guide: Bool

    public init(includeDrafts: Bool = false, guide: Bool = false) {
        self.includeDrafts = includeDrafts
        self.guide = guide
    }
}

/// The outcome of loading: the workbook (nil when it cannot be built at all),
/// every diagnostic, and the texts they point into.
public struct LoadResult: Sendable {
    public var workbook: Workbook?
    public var diagnostics: [Diagnostic]
    /// File texts by display path, for printing the source line under a
    /// diagnostic: every file's with a cache (a live build's memos are keyed
    /// by them), else the settings', the stories' and those of the chapters
    /// that diagnostics point into.
    public var sources: [String: String]
    /// Where the workbook's links lead (the pages reuse it).
    var resolver: LinkResolver?

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Loads and checks a content folder: settings, chapters (parsed in
/// parallel), order, drafts, ids and links.
public enum WorkbookLoader {
    /// - Parameter cache: a live build's memo; parses and link checks of
    ///   unchanged chapters are reused from it.
    public static func load(contentPath: String, options: LoadOptions = LoadOptions(), cache: BuildCache? = nil) -> LoadResult {
        var timer = PhaseTimer()
        let folder = ContentFolder(path: contentPath, files: cache?.files)
        var diagnostics: [Diagnostic] = []
        var sources: [String: String] = [:]
        let settingsPath = folder.displayPath("workbook.yaml")
        guard folder.exists else {
            let problem = Diagnostic.error("content folder `\(contentPath)` does not exist; pass another with `--content DIR`", at: SourceLocation(line: 1, column: 1), path: contentPath)
            return LoadResult(workbook: nil, diagnostics: [problem], sources: [:])
        }
        var settings: Settings?
        switch folder.read("workbook.yaml") {
        case .file(let file):
            let text = file.text
            sources[file.displayPath] = text
            let (read, problems) = SettingsReader.read(text, path: file.displayPath)
            settings = read
            diagnostics += problems
        case .missing:
            diagnostics.append(.error("missing workbook.yaml: every workbook needs one, with at least `title:`", at: SourceLocation(line: 1, column: 1), path: settingsPath))
        case .unusable(let problem, let text):
            diagnostics.append(problem)
            sources[problem.path] = text
        }

        timer.mark("  settings")
        // In parallel: checking that each file is UTF-8 text is as much work as reading it.
        let reads = parallelMap(folder.markdownFiles(in: "chapters")) { folder.read($0) }
        timer.mark("  read chapters")
        let files = reads.compactMap(\.file)
        // A live build keys its memos by every text; otherwise only the texts
        // that diagnostics point into are made (at the end).
        if cache != nil {
            for file in files { sources[file.displayPath] = file.text }
        }
        for case .unusable(let problem, let text) in reads {
            diagnostics.append(problem)
            sources[problem.path] = text
        }
        if let problem = folder.notAFolder("chapters") { diagnostics.append(problem) }
        let read = parallelMap(files) { file in
            let name = String(file.relativePath.dropFirst("chapters/".count).dropLast(3))
            guard let cache else { return ChapterReader.read(file.bytes, path: file.displayPath, name: name) }
            return cache.parses.value(path: file.displayPath, text: file.text) { ChapterReader.read(file.bytes, path: file.displayPath, name: name) }
        }
        timer.mark("  parse chapters")
        var chapters: [(relative: String, chapter: Chapter)] = []
        for (file, (chapter, problems)) in zip(files, read) {
            diagnostics += problems
            if let chapter { chapters.append((file.relativePath, chapter)) }
        }
        if reads.isEmpty {
            diagnostics.append(.warning("no chapters: add Markdown files to `\(folder.displayPath("chapters"))/`", at: SourceLocation(line: 1, column: 1), path: settingsPath))
        }

        let ordered = ChapterOrder.arrange(chapters, order: settings?.chapterOrder, settingsPath: settingsPath)
        diagnostics += ordered.diagnostics
        let drafts = Set(ordered.chapters.filter { $0.front.draft && !options.includeDrafts }.map(\.name))
        let included = ordered.chapters.filter { !drafts.contains($0.name) }
        let (assets, assetProblems) = folder.assetFiles()
        diagnostics += assetProblems

        timer.mark("  order")
        let checkIDs: @Sendable () -> [Diagnostic] = {
            guard let cache else { return IDChecker.check(included) }
            var ids = Hasher()
            for chapter in included {
                ids.combine(chapter.path)
                ids.combine(chapter.idsHash)
            }
            return cache.idCheck(key: ids.finalize()) { IDChecker.check(included) }
        }
        // On one thread, beside the stories' loading: the id check, and the
        // matcher of the chapters' avoid phrases that the stories are checked against.
        let hasPersonal = !options.guide && PersonalLoader.exists(in: folder)
        let besideStories: @Sendable () -> ([Diagnostic], PersonalChecks.AvoidPhrases?) = {
            (checkIDs(), hasPersonal ? PersonalChecks.avoidPhrases(of: included, cache: cache) : nil)
        }
        var personal: PersonalLayer?
        let ((idProblems, phrases), loadProblems) = concurrently(besideStories) { () -> [Diagnostic] in
            guard hasPersonal else { return [] }
            let (layer, problems) = PersonalLoader.load(folder, sources: &sources, cache: cache)
            personal = layer
            return problems
        }
        var personalProblems = loadProblems
        if personal != nil {
            personalProblems += PersonalChecks.check(&personal!, chapters: included, phrases: phrases, cache: cache)
        }
        diagnostics += idProblems + personalProblems
        timer.mark("  ids, stories and their checks")
        var resolver = LinkResolver(chapters: included, drafts: drafts, assets: Set(assets), stories: personal?.stories ?? [])
        if let cache {
            // A live build reuses a chapter's result while its text and the link
            // targets are the same.
            let linkSources = sources, checking = resolver
            diagnostics += parallelMap(included) { chapter in
                cache.links.value(path: chapter.path, text: linkSources[chapter.path] ?? "", also: checking.fingerprint) {
                    LinkChecker.check(chapter, resolver: checking).diagnostics
                }
            }.flatMap { $0 }
        } else {
            // Where each link leads is kept for rendering, which would resolve it again.
            let checking = resolver
            let checked = parallelMap(included) { LinkChecker.check($0, resolver: checking) }
            diagnostics += checked.flatMap(\.diagnostics)
            resolver.resolved = Dictionary(zip(included.map(\.name), checked.map(\.targets)), uniquingKeysWith: { a, _ in a })
        }
        timer.mark("  links")
        defer { timer.mark("  sort diagnostics") }
        for story in personal?.stories ?? [] {
            let check = {
                var problems: [Diagnostic] = []
                // Two strings captured, not the story (see LinkChecker).
                let name = story.name, path = story.path
                story.body.forEachLink { link in
                    if case .failure(let problem) = resolver.resolve(link.destination, from: name, in: "stories") {
                        problems.append(Diagnostic(problem.severity, problem.message, path: path, at: link.location))
                    }
                }
                return problems
            }
            diagnostics += cache?.links.value(path: story.path, text: story.text, also: resolver.fingerprint, check) ?? check()
        }

        timer.mark("  story links")
        diagnostics = Self.ordered(diagnostics)
        if cache == nil {
            let pointedAt = Set(diagnostics.map(\.path))
            for file in files where pointedAt.contains(file.displayPath) { sources[file.displayPath] = file.text }
        }
        guard let settings else { return LoadResult(workbook: nil, diagnostics: diagnostics, sources: sources) }
        let workbook = Workbook(settings: settings, chapters: included, assets: assets, contentPath: contentPath, drafts: drafts, personal: personal)
        return LoadResult(workbook: workbook, diagnostics: diagnostics, sources: sources, resolver: resolver)
    }
}

/// Reading order: the `chapters:` list of workbook.yaml when given, else by
/// `chapter:` number, then file name.
enum ChapterOrder {
    static func arrange(
        _ chapters: [(relative: String, chapter: Chapter)],
        order: [(path: String, location: SourceLocation)]?,
        settingsPath: String
    ) -> (chapters: [Chapter], diagnostics: [Diagnostic]) {
        let byNumber = chapters.sorted {
            ($0.chapter.front.number ?? Int.max, $0.relative) < ($1.chapter.front.number ?? Int.max, $1.relative)
        }.map(\.chapter)
        guard let order else { return (byNumber, []) }
        var diagnostics: [Diagnostic] = []
        var result: [Chapter] = []
        var placed: Set<String> = []
        let byPath = Dictionary(chapters.map { ($0.relative, $0.chapter) }, uniquingKeysWith: { a, _ in a })
        for entry in order {
            var key = entry.path
            if key.hasPrefix("./") { key.removeFirst(2) }
            if !key.hasPrefix("chapters/") { key = "chapters/" + key }
            guard let chapter = byPath[key] else {
                diagnostics.append(.error("`chapters:` lists `\(entry.path)`, which is not a chapter file of this workbook", at: entry.location, path: settingsPath))
                continue
            }
            guard !placed.contains(key) else {
                diagnostics.append(.error("`chapters:` lists `\(entry.path)` twice", at: entry.location, path: settingsPath))
                continue
            }
            placed.insert(key)
            result.append(chapter)
        }
        for chapter in byNumber where !placed.contains("chapters/\(chapter.name).md") {
            diagnostics.append(.warning("chapter is not listed in workbook.yaml `chapters:`; it comes after the listed ones", at: SourceLocation(line: 1, column: 1), path: chapter.path))
            result.append(chapter)
        }
        return (result, diagnostics)
    }
}

extension WorkbookLoader {
    /// Loading's diagnostics as reported: by file and position, errors before
    /// warnings at one place, at most `Limits.diagnosticsPerFile` per file.
    static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        Limits.capPerFile(diagnostics.sorted {
            ($0.path, $0.location, $0.severity == .warning ? 1 : 0, $0.message) < ($1.path, $1.location, $1.severity == .warning ? 1 : 0, $1.message)
        })
    }
}
