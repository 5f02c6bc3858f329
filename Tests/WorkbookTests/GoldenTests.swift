import Foundation
import Testing
@testable import Workbook

/// Golden fixtures: each workbook under Tests/Fixtures/golden/ builds to the
/// `<main>` content stored in its `expected/` folder, with the diagnostics in
/// `expected/diagnostics.txt`. Re-record after a
/// deliberate change with `WORKBOOK_RECORD=1 swift test --filter Golden`, then
/// review the diff.
@Suite struct GoldenTests {
    static let fixtures = ["blocks", "personal"]
    static let record = ProcessInfo.processInfo.environment["WORKBOOK_RECORD"] == "1"

    @Test(arguments: fixtures)
    func pagesMatchExpected(_ name: String) throws {
        let folder = Repo.fixture("golden/" + name)
        let result = buildSite(folder)
        let site = try #require(result.site)
        let expected = folder + "/expected"
        let diagnostics = result.diagnostics.map { DiagnosticFormatter.text($0, sources: result.sources) }.joined()
            .replacingOccurrences(of: folder + "/", with: "")
        if Self.record {
            try FileManager.default.createDirectory(atPath: expected, withIntermediateDirectories: true)
            try Data(diagnostics.utf8).write(to: URL(fileURLWithPath: expected + "/diagnostics.txt"))
        } else {
            let golden = FileManager.default.contents(atPath: expected + "/diagnostics.txt").map { String(decoding: $0, as: UTF8.self) }
            #expect(diagnostics == golden, "diagnostics differ from expected/diagnostics.txt")
        }
        for page in site.pages {
            let actual = mainContent(site.text(page) ?? "")
            let file = expected + "/" + page
            if Self.record {
                try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: URL(fileURLWithPath: file))
                continue
            }
            let golden = try #require(FileManager.default.contents(atPath: file), "missing golden file \(file); record with WORKBOOK_RECORD=1")
            #expect(actual == String(decoding: golden, as: UTF8.self), "\(page) differs from \(file)")
        }
        if !Self.record {
            // No stale golden files: every expected page is still built.
            let enumerator = FileManager.default.enumerator(atPath: expected)
            var recorded: [String] = []
            while let item = enumerator?.nextObject() as? String {
                if item.hasSuffix(".html") { recorded.append(item) }
            }
            #expect(recorded.sorted() == site.pages)
            #expect(site.pageCount == recorded.count)
        }
    }
}
