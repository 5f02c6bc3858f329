import WorkbookMarkdown

/// What the libFuzzer targets in `Fuzz/` run on each input, and what
/// `FuzzRegressionTests` replays on every crasher they found: the same code
/// path in both places. Each takes raw bytes, as a file on disk would hold them.
enum FuzzEntry {
    /// The directive and table layer: fences, pipe tables and inline snippets
    /// parsed, directives read into typed blocks, Markdown rendered to HTML.
    static func directives(_ bytes: [UInt8]) {
        // Raw bytes, not checked text: the Markdown layer must hold up on any input.
        let parsed = MarkdownParser.parse(bytes, firstLine: 4)
        var reader = DirectiveReader(path: "chapters/fuzz.md")
        var body = reader.read(parsed.blocks)
        reader.assignHeadingIDs(&body)
        _ = HTMLRenderer.html(parsed.blocks)
        _ = HTMLRenderer.html(parsed.blocks, options: HTMLRenderer.Options(unsafeHTML: true, idPrefix: "p--"))
    }

    /// Front matter and every YAML file: checked as a file is, then read as
    /// workbook.yaml, as stories/scores.yaml, as a chapter and as a story.
    static func frontMatter(_ bytes: [UInt8]) {
        guard case .success(let text) = TextCheck.text(bytes) else { return }
        _ = SettingsReader.read(text, path: "workbook.yaml")
        _ = ScoresReader.read(text, path: "stories/scores.yaml")
        _ = FrontMatterReader.read(Substring(text), path: "chapters/fuzz.md")
        if case .success(let split) = FrontMatterSplitter.split(text) {
            _ = FrontMatterReader.read(split.yaml, path: "chapters/fuzz.md")
        }
        _ = StoryReader.read(text, path: "stories/fuzz.md", name: "fuzz")
    }

    /// A whole chapter, as a build loads it: checked as a file, read (front
    /// matter, Markdown, directives), checked for ids and links, its
    /// diagnostics printed; rendered with `theme` when it has no errors.
    static func chapter(_ bytes: [UInt8], theme: Theme?) {
        let path = "chapters/fuzz.md"
        guard case .success(let checked) = TextCheck.check(bytes) else { return }
        let text = String(decoding: checked, as: UTF8.self)
        let (read, problems) = ChapterReader.read(checked, path: path, name: "fuzz")
        var diagnostics = problems
        if let read {
            let resolver = LinkResolver(chapters: [read], drafts: [], assets: ["assets/x.png"], stories: [])
            diagnostics += IDChecker.check([read]) + LinkChecker.check([read], resolver: resolver)
        }
        _ = DiagnosticFormatter.text(Limits.capPerFile(diagnostics), sources: [path: text])
        guard let chapter = read, let theme, !diagnostics.contains(where: { $0.severity == .error }) else { return }
        var settings = Settings(title: "Fuzz")
        settings.targetLevel = "Senior"
        let workbook = Workbook(
            settings: settings, chapters: [chapter], assets: ["assets/x.png"], contentPath: "/nonexistent",
            drafts: [], personal: nil)
        _ = SiteBuilder.build(workbook, theme: theme)
    }
}
