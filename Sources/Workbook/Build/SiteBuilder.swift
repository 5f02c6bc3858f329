import WorkbookMarkdown

/// Renders a checked workbook into a site in memory, pages in parallel.
public enum SiteBuilder {
    public static func build(_ workbook: Workbook, theme: Theme) -> Site {
        let pages = PageBuilder(workbook: workbook, generator: "workbook \(WorkbookVersion.current)")
        var jobs: [@Sendable () -> (String, String)] = [
            { (SitePaths.index, theme.render(pages.index(), template: "index")) },
            { (SitePaths.print, theme.render(pages.printPage(), template: "print")) },
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
        site.files[SearchIndex.fileName] = .bytes(SearchIndex.script(SearchIndex.entries(workbook)))
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
