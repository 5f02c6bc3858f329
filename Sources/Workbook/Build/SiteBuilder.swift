import WorkbookMarkdown

/// Renders a checked workbook into a site in memory, pages in parallel.
public enum SiteBuilder {
    public static func build(_ workbook: Workbook, theme: Theme) -> Site {
        let folders = ["", "chapters", "scorecards", "fieldrefs"] + (workbook.personal == nil ? [] : ["stories"])
        var scorecards: [(title: String, id: String)] = []
        var fieldrefs: [(title: String, id: String)] = []
        for chapter in workbook.chapters {
            chapter.body.forEachBlock { block in
                if case .rubric(let r) = block { scorecards.append((r.title.plainText, r.id)) }
                if case .fieldref(let f) = block { fieldrefs.append((f.title.plainText, f.id)) }
            }
        }
        let nav = NavFragments(chapters: workbook.chapters, sheets: (scorecards, fieldrefs), folders: folders, theme: theme)
        let pages = PageBuilder(workbook: workbook, generator: "workbook \(WorkbookVersion.current)", nav: nav)
        // Print sections render in parallel, then the print page around them.
        let printChapters = parallelMap(Array(workbook.chapters.indices)) { n in
            var vm = pages.printChapter(n)
            vm.html = theme.render(vm, template: "print-chapter")
            vm.body = []
            return vm
        }
        var jobs: [@Sendable () -> (String, String)] = [
            { (SitePaths.index, theme.render(pages.index(), template: "index")) },
            { (SitePaths.print, theme.render(pages.printPage(chapters: printChapters), template: "print")) },
            { (SitePaths.drills, theme.render(pages.drillsPage(), template: "drills")) },
            { (SitePaths.notFound, theme.render(pages.notFound(), template: "404")) },
        ]
        for index in workbook.chapters.indices {
            jobs.append { (SitePaths.chapter(workbook.chapters[index].name), theme.render(pages.chapterPage(index), template: "chapter")) }
        }
        for (rubric, chapter) in pages.rubrics {
            jobs.append { (SitePaths.scorecard(rubric.id), theme.render(pages.scorecard(rubric, in: chapter), template: "scorecard")) }
        }
        for (fieldref, chapter) in pages.fieldrefs {
            jobs.append { (SitePaths.fieldref(fieldref.id), theme.render(pages.fieldrefPage(fieldref, in: chapter), template: "fieldref")) }
        }
        if let personal = workbook.personal {
            jobs.append { (SitePaths.stories, theme.render(pages.storiesPage(personal), template: "stories")) }
            jobs.append { (SitePaths.dashboard, theme.render(pages.dashboard(personal), template: "dashboard")) }
            for story in personal.stories {
                jobs.append { (SitePaths.story(story.name), theme.render(pages.storyPage(story), template: "story")) }
            }
        }
        var site = Site()
        site.files[SearchIndex.fileName] = .bytes(SearchIndex.script(workbook))
        for (path, html) in parallelMap(jobs, { $0() }) {
            site.files[path] = .bytes(Array(html.utf8))
        }
        for (path, source) in theme.staticFiles {
            site.files[path] = .copy(from: source)
        }
        let folder = ContentFolder(path: workbook.contentPath)
        for asset in workbook.assets {
            site.files[asset] = .copy(from: folder.displayPath(asset))
        }
        return site
    }
}
