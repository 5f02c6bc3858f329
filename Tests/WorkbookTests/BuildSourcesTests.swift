import Foundation
import Testing
@testable import Workbook
import WorkbookMarkdown

/// A build without a cache lets the Markdown texts go once they are parsed,
/// but keeps (or reads again) those its diagnostics show lines of.
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
        // Loading warned about warned.md; rendering about sheets.md, whose text was let go and read again.
        #expect(Set(result.diagnostics.map { relative($0.path) }) == ["chapters/warned.md", "chapters/sheets.md"])
        #expect(Set(result.sources.keys.map(relative)) == ["workbook.yaml", "chapters/warned.md", "chapters/sheets.md"])
        let printed = DiagnosticFormatter.text(result.diagnostics, sources: result.sources)
        #expect(printed.contains("mood: calm"))
        #expect(printed.contains(":::fieldref[Long card]{#long-card}"))
    }

    @Test func aLiveBuildKeepsEveryText() throws {
        let folder = try TemporaryWorkbook(["workbook.yaml": "title: Texts\n", "chapters/clean.md": "---\ntitle: Clean\n---\nNothing to say.\n"])
        defer { folder.remove() }
        let result = Build.run(Build.Options(contentPath: folder.path, defaultThemePath: Repo.defaultTheme), cache: BuildCache())
        #expect(result.sources.keys.contains { $0.hasSuffix("chapters/clean.md") })
    }
}
