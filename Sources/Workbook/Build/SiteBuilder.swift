import WorkbookMarkdown

/// Renders a checked workbook into a site in memory, pages in parallel.
public enum SiteBuilder {
    /// - Parameters:
    ///   - sources: file texts by path, as loading read them (pages are cached by them).
    ///   - cache: a live build's memo: pages whose inputs did not change are reused.
    public static func build(_ workbook: Workbook, theme: Theme, sources: [String: String] = [:], cache: BuildCache? = nil) -> Site {
        build(workbook, theme: theme, sources: sources, cache: cache, resolver: nil, progress: nil)
    }

    /// - Parameters:
    ///   - resolver: the workbook's links as loading resolved them; made again when not given.
    ///   - progress: told how many of the site's rendered files are done.
    static func build(
        _ workbook: Workbook, theme: Theme, sources: [String: String], cache: BuildCache?, resolver: LinkResolver?, progress: BuildProgress?
    ) -> Site {
        var timer = PhaseTimer()
        let pages = PageBuilder(workbook: workbook, generator: generator, resolver: resolver)
        progress?.begin(.render, total: renderedCount(workbook, pages))
        let context = RenderContext(
            workbook: workbook, theme: theme, pages: pages, sources: sources, cache: cache, progress: progress,
            shared: sharedKey(workbook, theme: theme, resolver: pages.resolver, sources: sources))
        timer.mark("  view models")
        let rendered = context.chapterRenders()
        timer.mark("  chapter renders")
        var jobs = context.workbookJobs(printSections: rendered.map(\.printSection))
        timer.mark("  drills sections")
        jobs += context.chapterJobs { rendered[$0].body } + context.sheetJobs()
        if let personal = workbook.personal { jobs += context.personalJobs(personal) }
        timer.mark("  dashboard sections")
        var site = Site()
        site.files.reserveCapacity(jobs.count + 1 + theme.staticFiles.count + workbook.assets.count)
        site.files[SearchIndex.fileName] = context.searchIndex(chapters: rendered.map(\.searchEntries))
        progress?.advance()
        timer.mark("  search index")
        for (path, content) in parallelMap(jobs, { job in
            defer { progress?.advance() }
            return job()
        }) {
            site.files[path] = content
        }
        timer.mark("  pages")
        for (path, source) in theme.staticFiles {
            site.files[path] = .copy(from: source)
        }
        let folder = ContentFolder(path: workbook.contentPath)
        for asset in workbook.assets {
            site.files[asset] = .copy(from: folder.displayPath(asset))
        }
        return site
    }

    /// What pages name as their generator.
    static let generator = "workbook \(WorkbookVersion.current)"

    /// How many files and sections a build renders: chapter bodies, print and
    /// drills sections, dashboard sections, the search index, then every page and the sidebar.
    static func renderedCount(_ workbook: Workbook, _ pages: PageBuilder) -> Int {
        let sections = 2 * workbook.chapters.count + pages.drillChapters.count
        let fixed = 7  // search index, index, print, drills, 404, sidebar.js, sidebar.html
        let sheets = pages.rubrics.count + pages.fieldrefs.count
        let personal = workbook.personal.map { 2 + $0.stories.count + pages.rubrics.count } ?? 0
        return sections + fixed + workbook.chapters.count + sheets + personal
    }

    /// What every cached page depends on: settings, theme, link targets, and
    /// which stories answer which drills.
    static func sharedKey(_ workbook: Workbook, theme: Theme, resolver: LinkResolver, sources: [String: String]) -> Int {
        var hasher = Hasher()
        hasher.combine(sources[ContentFolder(path: workbook.contentPath).displayPath("workbook.yaml")])
        hasher.combine(theme.fingerprint)
        hasher.combine(resolver.fingerprint)
        hasher.combine(workbook.personal == nil)
        for story in workbook.personal?.stories ?? [] {
            hasher.combine(story.name)
            hasher.combine(story.title)
            hasher.combine(story.drills.map(\.id))
        }
        return hasher.finalize()
    }
}
