import Foundation
import Testing
@testable import Workbook
import WorkbookMarkdown

/// A build without a cache makes, of the chapters, only the texts its
/// diagnostics show lines of (loading's from the bytes it read, rendering's
/// read again); a live build keeps every text, its memos' keys.
@Suite struct BuildSourcesTests {
    @Test func onlyTextsThatDiagnosticsPointIntoAreKept() throws {
        let items = (1...120).map { "- Point \($0): say what you decided, what you recommended and what you built.\n" }.joined()
        let folder = try TemporaryWorkbook([
            "workbook.yaml": "title: Texts\n",
            "chapters/clean.md": "---\ntitle: Clean\n---\nNothing to say.\n",
            "chapters/warned.md": "---\ntitle: Warned\nmood: calm\n---\nA key too many.\n",
            "chapters/sheets.md": "---\ntitle: Sheets\n---\n:::fieldref[Long card]{#long-card}\n\(items):::\n",
        ])
        defer { folder.remove() }
        let result = buildSite(folder.path)
        #expect(result.site != nil)
        let relative = { (path: String) in String(path.dropFirst(folder.path.count + 1)) }
        // Loading warned about warned.md; rendering about sheets.md, whose text was read again.
        #expect(Set(result.diagnostics.map { relative($0.path) }) == ["chapters/warned.md", "chapters/sheets.md"])
        #expect(Set(result.sources.keys.map(relative)) == ["workbook.yaml", "chapters/warned.md", "chapters/sheets.md"])
        let printed = DiagnosticFormatter.text(result.diagnostics, sources: result.sources)
        #expect(printed.contains("mood: calm"))
        #expect(printed.contains(":::fieldref[Long card]{#long-card}"))
    }

    @Test func checkingKeepsTheTextsOfChaptersWithDiagnostics() throws {
        let folder = try TemporaryWorkbook([
            "workbook.yaml": "title: Texts\n",
            "chapters/clean.md": "---\ntitle: Clean\n---\nNothing to say.\n",
            "chapters/linked.md": "---\ntitle: Linked\n---\nSee [the missing one](missing.md).\n",
            "stories/one.md": "---\ntitle: One\nscope: team\nshape: conflict\n---\nWhat happened.\n",
        ])
        defer { folder.remove() }
        let result = WorkbookLoader.load(contentPath: folder.path)
        let relative = { (path: String) in String(path.dropFirst(folder.path.count + 1)) }
        #expect(Set(result.diagnostics.filter { $0.path.hasSuffix(".md") && $0.path.contains("/chapters/") }.map { relative($0.path) }) == ["chapters/linked.md"])
        // The settings and stories always; of the chapters, the one a diagnostic points into.
        #expect(Set(result.sources.keys.map(relative)) == ["workbook.yaml", "stories/one.md", "chapters/linked.md"])
        #expect(result.sources[folder.path + "/chapters/linked.md"] == "---\ntitle: Linked\n---\nSee [the missing one](missing.md).\n")
    }

    @Test func aLiveBuildKeepsEveryText() throws {
        let folder = try TemporaryWorkbook(["workbook.yaml": "title: Texts\n", "chapters/clean.md": "---\ntitle: Clean\n---\nNothing to say.\n"])
        defer { folder.remove() }
        let result = Build.run(Build.Options(contentPath: folder.path, defaultThemePath: Repo.defaultTheme), cache: BuildCache())
        #expect(result.sources.keys.contains { $0.hasSuffix("chapters/clean.md") })
    }
}
