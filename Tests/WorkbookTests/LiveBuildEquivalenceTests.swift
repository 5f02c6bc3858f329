import Foundation
import Testing
@testable import Workbook
import WorkbookMarkdown

/// What `serve` shows after an edit is what `workbook build` makes of the same
/// files: after each edit of a series, the live build's files and diagnostics
/// equal those of a fresh build without a cache.
@Suite struct LiveBuildEquivalenceTests {
    static let second = """
        ---
        title: Second
        chapter: 2
        summary: Links back.
        ---
        See [the audit](practice.md#authority-audit) and [levels](practice.md#levels).

        ::::fieldref[Card]
        | Say | Why |
        |---|---|
        | "I decided" | Names the owner |
        ::::

        """

    static func files(_ site: Site) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for (path, content) in site.files {
            switch content {
            case .bytes(let bytes): files[path] = bytes
            case .parts(let parts): files[path] = Array(parts.joined())
            case .copy(let source): files[path] = Array("copy of \(source)".utf8)
            }
        }
        return files
    }

    static func lines(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.path):\($0.location.line):\($0.location.column): \($0.severity) \($0.message)" }
    }

    @Test func everyRebuildEqualsAFullBuild() throws {
        let folder = try TemporaryWorkbook(
            copying: ["workbook.yaml", "chapters/practice.md", "stories/retries.md", "stories/roadmap.md", "stories/scores.yaml"], of: "golden/personal")
        defer { folder.remove() }
        try Data(Self.second.utf8).write(to: URL(fileURLWithPath: folder.path + "/chapters/second.md"))
        let options = Build.Options(contentPath: folder.path, defaultThemePath: Repo.defaultTheme)
        let live = LiveBuild(options: options)

        func compare(_ update: LiveBuild.Update, _ step: String) {
            let full = Build.run(options)
            #expect(Self.lines(update.diagnostics) == Self.lines(full.diagnostics), "\(step)")
            guard full.errorCount == 0, let fullSite = full.site else { return }
            let shown = Self.files(try! #require(update.site)), built = Self.files(fullSite)
            #expect(shown.keys.sorted() == built.keys.sorted(), "\(step)")
            for (path, bytes) in built where shown[path] != bytes {
                Issue.record("after \(step): \(path) differs from a full build")
            }
        }

        compare(live.build(), "the first build")
        let edits: [(step: String, file: String, change: (String) -> String)] = [
            ("a body edit", "chapters/practice.md", { $0.replacingOccurrences(of: "Label each claim.", with: "Label every claim, twice.") }),
            ("a new title", "chapters/practice.md", { $0.replacingOccurrences(of: "title: Practice", with: "title: Practice rounds") }),
            ("a drill renamed", "chapters/practice.md", { $0.replacingOccurrences(of: ":::drill[Authority audit]{timebox=10m}", with: ":::drill[Authority review]{#authority-audit timebox=5m}") }),
            ("a rubric descriptor", "chapters/practice.md", { $0.replacingOccurrences(of: "| Scope | a | b | c |", with: "| Scope | a | b | exact scope |") }),
            ("an avoid phrase a story uses", "chapters/practice.md", { $0.replacingOccurrences(of: "- \"I was basically the manager.\"", with: "- \"I was basically the manager.\"\n- \"We had three pipelines\"") }),
            ("lines added above the blocks", "chapters/practice.md", { $0.replacingOccurrences(of: ":::matrix[Levels]", with: "Intro.\n\nMore intro.\n\n:::matrix[Levels]") }),
            ("a story edit", "stories/retries.md", { $0 + "\nI also wrote the runbook.\n" }),
            ("a new score", "stories/scores.yaml", { $0 + "- rubric: attribution-check\n  date: 2026-03-10\n  scores: {Scope: 5, Attribution: 5}\n" }),
            ("the other chapter", "chapters/second.md", { $0.replacingOccurrences(of: "title: Second", with: "title: Second pass") }),
            ("a broken link", "chapters/second.md", { $0.replacingOccurrences(of: "practice.md#levels", with: "practice.md#nowhere") }),
            ("the link mended", "chapters/second.md", { $0.replacingOccurrences(of: "practice.md#nowhere", with: "practice.md#levels") }),
        ]
        for edit in edits {
            try folder.edit(edit.file, edit.change)
            compare(live.rebuild(changed: [folder.path + "/" + edit.file]), edit.step)
        }

        let third = folder.path + "/chapters/third.md"
        try Data("---\ntitle: Third\n---\nBack to [the second](second.md).\n".utf8).write(to: URL(fileURLWithPath: third))
        compare(live.rebuild(changed: [third]), "a chapter added")
        try FileManager.default.removeItem(atPath: third)
        compare(live.rebuild(changed: [third]), "a chapter removed")
    }
}
