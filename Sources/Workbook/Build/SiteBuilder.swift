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
        let sheets = Sidebar.SheetList(workbook.chapters)
        timer.mark("  sheets")
        @Sendable func text(_ chapter: Chapter) -> String { sources[chapter.path] ?? "" }
        /// What a chapter shows of itself on other pages, as one string per use (cached by its text).
        func shown(_ table: KeyPath<BuildCache, MemoTable<String>>, _ chapter: Chapter, _ make: () -> String) -> String {
            cache?[keyPath: table].value(path: chapter.path, text: text(chapter), make) ?? make()
        }
        // What the sidebar shows: every chapter's place and title, every sheet.
        let sidebarInputs = workbook.chapters.map { chapter in
            shown(\.sidebarItems, chapter) { "\(chapter.name)\u{1}\(chapter.front.title)\u{1}\(chapter.front.number ?? -1)\u{1}\(chapter.front.part ?? "")" }
        } + ["\u{2}"] + sheets.scorecards.map { "\($0.id)\u{1}\($0.title)" } + ["\u{2}"] + sheets.fieldrefs.map { "\($0.id)\u{1}\($0.title)" }
        timer.mark("  sidebar inputs")
        let pages = PageBuilder(workbook: workbook, generator: "workbook \(WorkbookVersion.current)", resolver: resolver)
        timer.mark("  page builder")
        progress?.begin(.render, total: renderedCount(workbook, pages))
        let shared = sharedKey(workbook, theme: theme, resolver: pages.resolver, sources: sources)
        /// Renders through the cache when there is one; `own` is what the page depends on besides `shared`.
        @Sendable func cachedBytes(_ path: String, _ own: [String], _ make: () -> [UInt8]) -> [UInt8] {
            guard let cache else { return make() }
            return cache.page(path, key: BuildCache.PageKey(shared: shared, own: own), make)
        }
        @Sendable func cached(_ path: String, _ own: [String], _ make: () -> String) -> [UInt8] {
            cachedBytes(path, own) { Array(make().utf8) }
        }
        timer.mark("  shared key")
        // Print sections render in parallel (and are cached), then the print page around them.
        let numberLabels = workbook.chapters.indices.map(pages.numberLabel)
        let printSections = parallelMap(Array(workbook.chapters.indices)) { n in
            defer { progress?.advance() }
            return cached("print-chapter/" + workbook.chapters[n].name, [text(workbook.chapters[n]), numberLabels[n]]) {
                theme.render(pages.printChapter(n), template: "print-chapter")
            }
        }
        // So do the drills page's chapter sections.
        let drillSections = parallelMap(pages.drillChapters) { chapter in
            defer { progress?.advance() }
            return cached("drill-group/" + chapter.name, [text(chapter)]) { theme.render(pages.drillGroup(chapter), template: "drill-group") }
        }
        timer.mark("  print and drill sections")
        // Pages are rendered again only when their inputs changed: a chapter
        // page or sheet when its chapter or what all pages share changed; the
        // index and the print page's shell (its contents) when any chapter's
        // summary did. The print, drills and dashboard pages are their shells
        // with the (cached) sections between the pieces.
        let summaries = workbook.chapters.map { chapter in
            shown(\.summaries, chapter) {
                let front = chapter.front
                return [chapter.name, front.title, "\(front.number ?? -1)", front.part ?? "\u{2}", front.summary ?? "\u{2}", "\(chapter.minutes)",
                    front.skills.joined(separator: "\u{3}"), front.rounds.joined(separator: "\u{3}"), "\(front.draft)"].joined(separator: "\u{1}")
            }
        } + ["\(pages.drills.count) \(pages.drills.reduce(0) { $0 + ($1.0.timebox?.seconds ?? 0) })"] + sidebarInputs
        timer.mark("  summary keys")
        /// A page of sections: its shell (the page with a marker for each section)
        /// is cached by `own`, what the page shows besides the sections.
        @Sendable func assembled(_ path: String, _ own: [String], _ sections: [[UInt8]], _ render: (_ html: (Int) -> String) -> String) -> Site.Content {
            let shell = cachedBytes(path, own) { Array(render { _ in Sections.marker }.utf8) }
            let parts = Sections.assemble(sections, shell: shell, render: render)
            return parts.count == 1 ? .bytes(parts[0]) : .parts(parts)
        }
        // The sidebar's lists, rendered once for its script and its page.
        let sidebarLists = cachedBytes("sidebar/lists", sidebarInputs) { Array(Sidebar(chapters: workbook.chapters, sheets: sheets, theme: theme).html.utf8) }
        @Sendable func sidebar() -> Sidebar { Sidebar(html: String(decoding: sidebarLists, as: UTF8.self)) }
        let drillsSummary = "\(pages.drills.count) \(pages.drills.reduce(0) { $0 + ($1.0.timebox?.seconds ?? 0) })"
        var jobs: [@Sendable () -> (String, Site.Content)] = [
            { (SitePaths.index, .bytes(cached(SitePaths.index, summaries) { theme.render(pages.index(), template: "index") })) },
            { (SitePaths.print, assembled(SitePaths.print, summaries + numberLabels, printSections) { html in
                let chapters = workbook.chapters.indices.map { pages.printChapter($0, withBody: false) }
                return theme.render(pages.printPage(chapters: Sections.filled(chapters, \.html, html)), template: "print")
            }) },
            { (SitePaths.drills, assembled(SitePaths.drills, [drillsSummary, "\(drillSections.count)"], drillSections) { html in
                theme.render(pages.drillsPage(groups: drillSections.indices.map { SectionVM(html: html($0)) }), template: "drills")
            }) },
            { (SitePaths.notFound, .bytes(cached(SitePaths.notFound, []) { theme.render(pages.notFound(), template: "404") })) },
            { (Sidebar.scriptPath, .bytes(cachedBytes(Sidebar.scriptPath, sidebarInputs) { sidebar().script })) },
            { (Sidebar.pagePath, .bytes(cached(Sidebar.pagePath, sidebarInputs) { theme.render(pages.sidebarPage(sidebar()), template: "sidebar-page") })) },
        ]
        for index in workbook.chapters.indices {
            let chapter = workbook.chapters[index]
            let path = SitePaths.chapter(chapter.name)
            // The pager shows the neighbours' titles.
            let neighbours = [index - 1, index + 1].map { workbook.chapters.indices.contains($0) ? workbook.chapters[$0].front.title : "\u{1}" }
            jobs.append { (path, .bytes(cached(path, [text(chapter)] + neighbours) { theme.render(pages.chapterPage(index), template: "chapter") })) }
        }
        timer.mark("  chapter jobs")
        for (rubric, chapter) in pages.rubrics {
            let path = SitePaths.scorecard(rubric.id)
            let latest = workbook.personal?.latest(of: rubric.id).map { "\($0.date) \($0.scores) \($0.note ?? "")" } ?? ""
            jobs.append { (path, .bytes(cached(path, [text(chapter), latest]) { theme.render(pages.scorecard(rubric, in: chapter), template: "scorecard") })) }
        }
        for (fieldref, chapter) in pages.fieldrefs {
            let path = SitePaths.fieldref(fieldref.id)
            jobs.append { (path, .bytes(cached(path, [text(chapter)]) { theme.render(pages.fieldrefPage(fieldref, in: chapter), template: "fieldref") })) }
        }
        timer.mark("  sheet jobs")
        if let personal = workbook.personal {
            // Personal pages depend on their stories and scores, and on the
            // chapters they show: a story page on the chapters of the drills it
            // answers, a dashboard section on its rubric's chapter.
            let holding = Dictionary(pages.drills.map { ($0.0.id, $0.1) }, uniquingKeysWith: { a, _ in a })
            let stories = personal.stories.flatMap { [$0.text, "\($0.findings.count)"] }
            jobs.append { (SitePaths.stories, .bytes(cached(SitePaths.stories, stories) { theme.render(pages.storiesPage(personal), template: "stories") })) }
            let dashboardSections = parallelMap(Array(pages.rubrics.indices)) { n in
                defer { progress?.advance() }
                let (rubric, chapter) = pages.rubrics[n]
                let history = personal.history(of: rubric.id).map { "\($0.date) \($0.scores) \($0.note ?? "")" }
                return cached("dashboard-rubric/" + rubric.id, [text(chapter)] + history) { theme.render(pages.dashboardRubric(n, personal: personal), template: "dashboard-rubric") }
            }
            jobs.append { (SitePaths.dashboard, assembled(SitePaths.dashboard, ["\(dashboardSections.count)"], dashboardSections) { html in
                theme.render(pages.dashboard(sections: dashboardSections.indices.map { SectionVM(html: html($0)) }), template: "dashboard")
            }) }
            for story in personal.stories {
                let path = SitePaths.story(story.name)
                let inputs = [story.text] + story.findings.map(\.message) + story.drills.map { holding[$0.id].map(text) ?? "" }
                jobs.append { (path, .bytes(cached(path, inputs) { theme.render(pages.storyPage(story), template: "story") })) }
            }
        }
        timer.mark("  personal jobs")
        var site = Site()
        let stories = workbook.personal?.stories ?? []
        site.files[SearchIndex.fileName] = .parts(SearchIndex.script(workbook) { n, make in
            if n < workbook.chapters.count { return cachedBytes("search/" + workbook.chapters[n].name, [text(workbook.chapters[n])], make) }
            let story = stories[n - workbook.chapters.count]
            return cachedBytes("search/story/" + story.name, [story.text], make)
        })
        timer.mark("  search index")
        progress?.advance()
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

    /// How many files and sections a build renders: print and drills sections,
    /// dashboard sections, the search index, then every page and the sidebar.
    static func renderedCount(_ workbook: Workbook, _ pages: PageBuilder) -> Int {
        let sections = workbook.chapters.count + pages.drillChapters.count
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
