import WorkbookMarkdown

/// The site's files as jobs, each with what it depends on: a page is rendered
/// again only when its inputs changed. A chapter page or sheet depends on its
/// chapter (and what all pages share); the index and the print page's shell
/// (its contents) on every chapter's summary. The print, drills and dashboard
/// pages are shells with cached sections between their pieces.
extension RenderContext {
    /// Chapter `n`'s body, rendered once for its page and the print page.
    func body(_ n: Int) -> [UInt8] {
        let chapter = workbook.chapters[n]
        return rendered("chapter-body/" + chapter.name, [text(chapter)], template: "chapter-body") { pages.chapterBody(n) }
    }

    /// What is rendered from each chapter's text: its body, its section of
    /// the print page and its search entries.
    struct ChapterRender: Sendable {
        var body: [UInt8]
        var printSection: [ArraySlice<UInt8>]
        var searchEntries: [UInt8]
    }

    /// Every chapter's body, print section and search entries, in parallel:
    /// each job renders all three from one chapter in turn, while its syntax
    /// tree and body are still in the core's cache.
    func chapterRenders() -> [ChapterRender] {
        let numberLabels = workbook.chapters.indices.map(pages.numberLabel)
        let search = SearchIndex.sources(workbook)
        return parallelMap(Array(workbook.chapters.indices)) { n in
            let body = body(n)
            progress?.advance()
            let printSection = printSection(n, body: { body }, numberLabel: numberLabels[n])
            progress?.advance()
            let searchEntries = searchEntries(search[n], key: n)
            return ChapterRender(body: body, printSection: printSection, searchEntries: searchEntries)
        }
    }

    /// Every chapter's section of the print page, in parallel, bodies made only
    /// for sections not in the cache.
    func printSections() -> [[ArraySlice<UInt8>]] {
        let numberLabels = workbook.chapters.indices.map(pages.numberLabel)
        return sections(Array(workbook.chapters.indices)) { n in printSection(n, body: { body(n) }, numberLabel: numberLabels[n]) }
    }

    /// Chapter `n`'s section of the print page, around its body rebased, in
    /// pieces: most are runs of the body's own bytes, which the chapter page
    /// shows too (`PrintRebase.pieces`), so the print page copies none of them.
    func printSection(_ n: Int, body: () -> [UInt8], numberLabel: String) -> [ArraySlice<UInt8>] {
        let chapter = workbook.chapters[n]
        return cachedPieces("print-chapter/" + chapter.name, [text(chapter), numberLabel]) {
            // The body's bytes go into the section as they are, not through the template.
            func render(_ html: (Int) -> String) -> [UInt8] { theme.renderBytes(pages.printChapter(n, bodyHTML: html(0)), template: "print-chapter") }
            let shell = Sections.split(render { _ in Sections.marker })
            let bodyHTML = body()
            guard shell.count == 2 else { return [Sections.joined(Sections.assemble([pages.printBody(n, bodyHTML: bodyHTML)], render: render))[...]] }
            return [shell[0][...]] + pages.printBodyPieces(n, bodyHTML: bodyHTML) + [shell[1][...]]
        }
    }

    /// The pages about the workbook as a whole: index, print, drills, 404 and
    /// the sidebar's files. Their sections are rendered here, in parallel.
    /// - Parameter printSections: each chapter's section of the print page (`printSection`).
    func workbookJobs(printSections: [[ArraySlice<UInt8>]]) -> [Job] {
        let chapters = workbook.chapters
        // What the sidebar shows: every chapter's place and title, and its sheets.
        let sidebarInputs = parallelMap(chapters) { chapter in
            shown(\.sidebarItems, chapter) {
                (["\(chapter.name)\u{1}\(chapter.front.title)\u{1}\(chapter.front.number ?? -1)\u{1}\(chapter.front.part ?? "")"]
                    + chapter.rubrics.indices.map { "\u{2}\(chapter.rubrics[$0].id)\u{1}\(chapter.scorecardTitles[$0])" }
                    + chapter.fieldrefs.indices.map { "\u{3}\(chapter.fieldrefs[$0].id)\u{1}\(chapter.fieldrefTitles[$0])" }).joined()
            }
        }
        let drillsSummary = "\(pages.drills.count) \(PageBuilder.seconds(pages.drills))"
        let summaries = parallelMap(chapters) { chapter in
            shown(\.summaries, chapter) {
                let front = chapter.front
                return [chapter.name, front.title, "\(front.number ?? -1)", front.part ?? "\u{2}", front.summary ?? "\u{2}", "\(chapter.minutes)",
                    front.skills.joined(separator: "\u{3}"), front.rounds.joined(separator: "\u{3}"), "\(front.draft)"].joined(separator: "\u{1}")
            }
        } + [drillsSummary] + sidebarInputs

        let numberLabels = chapters.indices.map(pages.numberLabel)
        let drillSections = sections(pages.drillChapters) { chapter in
            rendered("drill-group/" + chapter.name, [text(chapter)], template: "drill-group") { pages.drillGroup(chapter) }
        }
        // The sidebar's lists, rendered once for its script and its page.
        let lists = cachedBytes("sidebar/lists", sidebarInputs) {
            Array(Sidebar(chapters: chapters, sheets: Sidebar.SheetList(chapters), theme: theme).html.utf8)
        }
        let sidebar = Sidebar(html: String(decoding: lists, as: UTF8.self))
        return [
            { [self] in (SitePaths.index, page(SitePaths.index, summaries, template: "index") { pages.index() }) },
            { [self] in (SitePaths.print, assembled(SitePaths.print, summaries + numberLabels, pieces: printSections) { html in
                let vms = chapters.indices.map { pages.printChapter($0) }
                return theme.renderBytes(pages.printPage(chapters: Sections.filled(vms, \.html, html)), template: "print")
            }) },
            { [self] in (SitePaths.drills, assembled(SitePaths.drills, [drillsSummary, "\(drillSections.count)"], drillSections) { html in
                theme.renderBytes(pages.drillsPage(groups: drillSections.indices.map { SectionVM(html: html($0)) }), template: "drills")
            }) },
            { [self] in (SitePaths.notFound, page(SitePaths.notFound, [], template: "404") { pages.notFound() }) },
            { [self] in (Sidebar.scriptPath, .bytes(cachedBytes(Sidebar.scriptPath, sidebarInputs) { sidebar.script })) },
            { [self] in (Sidebar.pagePath, page(Sidebar.pagePath, sidebarInputs, template: "sidebar-page") { pages.sidebarPage(sidebar) }) },
        ]
    }

    /// Each chapter's page; the pager shows the neighbours' titles.
    func chapterJobs(body: @escaping @Sendable (Int) -> [UInt8]) -> [Job] {
        let chapters = workbook.chapters
        return chapters.indices.map { index in
            let chapter = chapters[index]
            let path = SitePaths.chapter(chapter.name)
            let neighbours = [index - 1, index + 1].map { chapters.indices.contains($0) ? chapters[$0].front.title : "\u{1}" }
            // The body's bytes go into the page as they are, not through the template.
            return { [self] in (path, assembled(path, [text(chapter)] + neighbours, [body(index)]) { html in
                theme.renderBytes(pages.chapterPage(index, bodyHTML: html(0)), template: "chapter")
            }) }
        }
    }

    /// Each scorecard (filled from the latest self-score) and field reference
    /// sheet; only those of `chapters` when given.
    func sheetJobs(of chapters: Set<String>? = nil) -> [Job] {
        let rubrics = chapters.map { names in pages.rubrics.filter { names.contains($0.chapter.name) } } ?? pages.rubrics
        let fieldrefs = chapters.map { names in pages.fieldrefs.filter { names.contains($0.chapter.name) } } ?? pages.fieldrefs
        // Only ids are read here, on one thread; each job reads its rubric or field reference itself.
        let scorecards: [Job] = rubrics.map { placed in
            let id = placed.chapter.rubrics[placed.index].id
            let path = SitePaths.scorecard(id)
            let latest = workbook.personal?.latest(of: id)?.shown ?? ""
            return { [self] in
                let (rubric, chapter, lines) = (placed.item, placed.chapter, placed.chapter.rubricLines[placed.index])
                return (path, page(path, [text(chapter), latest], template: "scorecard") { pages.scorecard(rubric, in: chapter, lines: lines) })
            }
        }
        let sheets: [Job] = fieldrefs.map { placed in
            let path = SitePaths.fieldref(placed.chapter.fieldrefs[placed.index].id)
            return { [self] in
                let (fieldref, chapter, lines) = (placed.item, placed.chapter, placed.chapter.fieldrefLines[placed.index])
                return (path, page(path, [text(chapter)], template: "fieldref") { pages.fieldrefPage(fieldref, in: chapter, lines: lines) })
            }
        }
        return scorecards + sheets
    }

    /// The evidence inventory, each story's page and the dashboard. They
    /// depend on their stories and scores, and on the chapters they show: a
    /// story page on the chapters of the drills it answers, a dashboard
    /// section on its rubric's chapter.
    func personalJobs(_ personal: PersonalLayer) -> [Job] {
        let holding = Dictionary(pages.drills.map { ($0.item.id, $0.chapter) }, uniquingKeysWith: { a, _ in a })
        let inventory = personal.stories.flatMap { [$0.text, "\($0.findings.count)"] }
        let dashboardSections = sections(Array(pages.rubrics.indices)) { n in
            let (rubric, chapter) = (pages.rubrics[n].item, pages.rubrics[n].chapter)
            let history = personal.history(of: rubric.id).map(\.shown)
            return rendered("dashboard-rubric/" + rubric.id, [text(chapter)] + history, template: "dashboard-rubric") {
                pages.dashboardRubric(n, personal: personal)
            }
        }
        var jobs: [Job] = [
            { [self] in (SitePaths.stories, page(SitePaths.stories, inventory, template: "stories") { pages.storiesPage(personal) }) },
            { [self] in (SitePaths.dashboard, assembled(SitePaths.dashboard, ["\(dashboardSections.count)"], dashboardSections) { html in
                theme.renderBytes(pages.dashboard(sections: dashboardSections.indices.map { SectionVM(html: html($0)) }), template: "dashboard")
            }) },
        ]
        for story in personal.stories {
            let path = SitePaths.story(story.name)
            let inputs = [story.text] + story.findings.map(\.message) + story.drills.map { holding[$0.id].map(text) ?? "" }
            jobs.append { [self] in (path, page(path, inputs, template: "story") { pages.storyPage(story) }) }
        }
        return jobs
    }

    /// The search entries of the nth source (chapters, then stories), through the cache.
    func searchEntries(_ source: SearchIndex.Source, key n: Int) -> [UInt8] {
        let chapters = workbook.chapters
        let make = { SearchIndex.fragment(source) }
        if n < chapters.count { return cachedBytes("search/" + chapters[n].name, [text(chapters[n])], make) }
        let story = workbook.personal!.stories[n - chapters.count]
        return cachedBytes("search/story/" + story.name, [story.text], make)
    }

    /// `search-index.js`: the chapters' entries as given (by `chapterRenders`),
    /// then the stories'; all of them through the cache when not given.
    func searchIndex(chapters: [[UInt8]]? = nil) -> Site.Content {
        let sources = SearchIndex.sources(workbook)
        let made = chapters ?? []
        let rest = parallelMap(Array(made.count..<sources.count)) { searchEntries(sources[$0], key: $0) }
        return .parts(SearchIndex.wrap(made + rest).map { $0[...] })
    }
}
