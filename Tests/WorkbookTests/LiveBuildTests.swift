import Foundation
import Testing
@testable import Workbook

/// A live build (serve) parses and renders again only what an edit affects.
@Suite struct LiveBuildTests {
    @Test func editingOneChapterRendersOnlyItsPages() throws {
        let folder = try TemporaryWorkbook.blocks()
        defer { folder.remove() }
        let live = LiveBuild(options: Build.Options(contentPath: folder.path, defaultThemePath: Repo.defaultTheme))
        let first = live.build()
        #expect(!first.hasErrors)
        let cachedPages = live.pagesRendered
        // 2 chapter bodies, the 2 chapter pages around them, their 2 print sections
        // and 2 search fragments, the drills
        // page's section of the chapter with drills, two scorecards, a field reference
        // sheet, 404, the index, print and drills pages, and the sidebar's lists,
        // script and page
        #expect(cachedPages == 19)

        try folder.edit("chapters/one.md") { $0.replacingOccurrences(of: "Intro paragraph", with: "Opening paragraph") }
        let second = live.rebuild(changed: [folder.path + "/chapters/one.md"])
        #expect(!second.hasErrors)
        // The chapter's body, page, print section, drills section and search fragment;
        // the print and drills pages are their cached shells with the sections
        // spliced in, and the index (no summary changed) is not rendered again.
        #expect(live.pagesRendered == 5)
        #expect(second.changedPaths == ["chapters/one.html", "print.html", "search-index.js"])
        #expect(second.site?.text("chapters/one.html")?.contains("Opening paragraph") == true)

        try folder.edit("chapters/one.md") { $0.replacingOccurrences(of: "title: Levels & Scope", with: "title: Levels and Scope") }
        let third = live.rebuild(changed: [folder.path + "/chapters/one.md"])
        // A new title is in the chapter's own five items, the print page's contents,
        // the index, the next chapter's pager and the sidebar's lists, script and page.
        #expect(live.pagesRendered == 11)
        #expect(third.changedPaths == ["chapters/one.html", "chapters/two.html", "drills.html", "index.html", "print.html", "search-index.js", "sidebar.html", "sidebar.js"])
    }

    @Test func personalPagesFollowTheChaptersTheyShow() throws {
        let folder = try TemporaryWorkbook(
            copying: ["workbook.yaml", "chapters/practice.md", "stories/retries.md", "stories/roadmap.md", "stories/scores.yaml"], of: "golden/personal")
        defer { folder.remove() }
        let live = LiveBuild(options: Build.Options(contentPath: folder.path, defaultThemePath: Repo.defaultTheme))
        #expect(!live.build().hasErrors)

        // Both stories answer the drill: its new title is on both their pages.
        try folder.edit("chapters/practice.md") { $0.replacingOccurrences(of: ":::drill[Authority audit]{timebox=10m}", with: ":::drill[Authority review]{#authority-audit timebox=10m}") }
        let renamed = live.rebuild(changed: [folder.path + "/chapters/practice.md"])
        #expect(renamed.site?.text("stories/retries.html")?.contains("Authority review") == true)
        #expect(renamed.site?.text("stories/roadmap.html")?.contains("Authority review") == true)
        #expect(renamed.changedPaths.isSuperset(of: ["stories/retries.html", "stories/roadmap.html", "drills.html"]))

        // A story's own edit re-renders its page, its search entries and the list
        // (whose row is unchanged), not the other story's page.
        try folder.edit("stories/retries.md") { $0 + "\nOne more sentence I wrote.\n" }
        let edited = live.rebuild(changed: [folder.path + "/stories/retries.md"])
        #expect(edited.changedPaths == ["stories/retries.html", "search-index.js"])
        #expect(live.pagesRendered == 3)
    }

    @Test func anErrorKeepsTheLastGoodSite() throws {
        let folder = try TemporaryWorkbook.blocks()
        defer { folder.remove() }
        let live = LiveBuild(options: Build.Options(contentPath: folder.path, defaultThemePath: Repo.defaultTheme))
        let good = live.build()
        try folder.edit("chapters/two.md") { $0.replacingOccurrences(of: ":::checklist[", with: ":::checklst[") }
        let broken = live.rebuild(changed: [folder.path + "/chapters/two.md"])
        #expect(broken.hasErrors)
        #expect(broken.diagnostics.first { $0.severity == .error }?.message == "unknown directive type `checklst`; did you mean `checklist`?")
        #expect(broken.site?.text("chapters/two.html") == good.site?.text("chapters/two.html"))
        #expect(broken.changedPaths.isEmpty)
    }

    /// A check that found no duplicate ids is reused while no chapter's ids
    /// change; one that found some is run again, so its lines stay right.
    @Test func duplicateIDsAreFoundAcrossRebuilds() throws {
        let folder = try TemporaryWorkbook.blocks()
        defer { folder.remove() }
        let live = LiveBuild(options: Build.Options(contentPath: folder.path, defaultThemePath: Repo.defaultTheme))
        #expect(!live.build().hasErrors)
        let two = folder.path + "/chapters/two.md"
        func duplicates(_ update: LiveBuild.Update) -> [String] {
            update.diagnostics.filter { $0.message.hasPrefix("duplicate id") }.map { "\($0.location.line): \($0.message)" }
        }
        let message = "duplicate id `levels`: the matrix at \(folder.path)/chapters/one.md:13 has it too; ids of matrices, drills, rubrics and field references are unique across the workbook"

        try folder.edit("chapters/two.md") { $0 + "\n:::matrix[Copy]{#levels}\n| A | B |\n|---|---|\n| 1 | 2 |\n:::\n" }
        let added = live.rebuild(changed: [two])
        let line = try #require(added.sources[two]).split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(":::matrix[Copy]") }! + 1
        #expect(duplicates(added) == ["\(line): \(message)"])

        try folder.edit("chapters/two.md") { $0.replacingOccurrences(of: ":::rubric[Rubric one]", with: "\n:::rubric[Rubric one]") }
        #expect(duplicates(live.rebuild(changed: [two])) == ["\(line + 1): \(message)"])

        try folder.edit("chapters/two.md") { $0.replacingOccurrences(of: "{#levels}", with: "{#levels-copy}") }
        let fixed = live.rebuild(changed: [two])
        #expect(duplicates(fixed).isEmpty)
        #expect(!fixed.hasErrors)
    }
}
