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

        :::phrases[Never say]{kind=avoid}
        - "It just happened"
        :::

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
        // Each edit, and whether a patch of the last good build can show it
        // (only chapters changed, and nothing other pages show of them).
        let edits: [(step: String, file: String, patch: Bool, change: (String) -> String)] = [
            ("a body edit", "chapters/practice.md", true, { $0.replacingOccurrences(of: "Label each claim.", with: "Label every claim, twice.") }),
            ("a new link in the body", "chapters/practice.md", true, { $0.replacingOccurrences(of: "Label every claim, twice.", with: "Label every claim, twice; see [the card](second.md#card).") }),
            ("a field reference row", "chapters/second.md", true, { $0.replacingOccurrences(of: "Names the owner", with: "Names who decided") }),
            ("a new title", "chapters/practice.md", false, { $0.replacingOccurrences(of: "title: Practice", with: "title: Practice rounds") }),
            ("a drill renamed", "chapters/practice.md", false, { $0.replacingOccurrences(of: ":::drill[Authority audit]{timebox=10m}", with: ":::drill[Authority review]{#authority-audit timebox=5m}") }),
            ("a drill's text", "chapters/practice.md", true, { $0.replacingOccurrences(of: "Label every claim", with: "Label each claim") }),
            ("a rubric descriptor", "chapters/practice.md", false, { $0.replacingOccurrences(of: "| Scope | a | b | c |", with: "| Scope | a | b | exact scope |") }),
            ("an avoid phrase a story uses", "chapters/practice.md", false, { $0.replacingOccurrences(of: "- \"I was basically the manager.\"", with: "- \"I was basically the manager.\"\n- \"We had three pipelines\"") }),
            ("lines added above the blocks", "chapters/second.md", true, { $0.replacingOccurrences(of: "See [the audit]", with: "Intro.\n\nMore intro.\n\nSee [the audit]") }),
            ("lines added above avoid phrases", "chapters/practice.md", false, { $0.replacingOccurrences(of: ":::matrix[Levels]", with: "Intro.\n\n:::matrix[Levels]") }),
            ("a story edit", "stories/retries.md", false, { $0 + "\nI also wrote the runbook.\n" }),
            ("lines added above phrases no story uses", "chapters/second.md", true, { $0.replacingOccurrences(of: "See [the audit]", with: "One.\n\nTwo.\n\nSee [the audit]") }),
            ("a story uses that phrase", "stories/retries.md", false, { $0 + "\nIt just happened, I thought.\n" }),
            ("lines added above a phrase a story uses", "chapters/second.md", false, { $0.replacingOccurrences(of: "One.\n\nTwo.\n\n", with: "One.\n\n") }),
            ("a new score", "stories/scores.yaml", false, { $0 + "- rubric: attribution-check\n  date: 2026-03-10\n  scores: {Scope: 5, Attribution: 5}\n" }),
            ("the other chapter's title", "chapters/second.md", false, { $0.replacingOccurrences(of: "title: Second", with: "title: Second pass") }),
            ("a broken link", "chapters/second.md", false, { $0.replacingOccurrences(of: "practice.md#levels", with: "practice.md#nowhere") }),
            ("the link mended", "chapters/second.md", false, { $0.replacingOccurrences(of: "practice.md#nowhere", with: "practice.md#levels") }),
            ("a body edit after a full build", "chapters/second.md", true, { $0.replacingOccurrences(of: "Links back.", with: "Links back.") + "\nOne more line.\n" }),
            ("a story broken", "stories/roadmap.md", false, { $0.replacingOccurrences(of: "title:", with: "title: [unclosed") }),
            ("a body edit while the story is broken", "chapters/second.md", false, { $0.replacingOccurrences(of: "One more line.", with: "One more line, edited.") }),
            ("the story mended", "stories/roadmap.md", false, { $0.replacingOccurrences(of: "title: [unclosed", with: "title:") }),
            ("a body edit once all is well", "chapters/second.md", true, { $0.replacingOccurrences(of: "One more line, edited.", with: "One more line, edited twice.") }),
            ("a warning added", "chapters/second.md", true, { $0.replacingOccurrences(of: "See [the audit]", with: "See [a draft](../assets/missing.png) and [the audit]") }),
        ]
        for edit in edits {
            try folder.edit(edit.file, edit.change)
            compare(live.rebuild(changed: [folder.path + "/" + edit.file]), edit.step)
            #expect(live.patched == edit.patch, "\(edit.step)")
        }

        let third = folder.path + "/chapters/third.md"
        try Data("---\ntitle: Third\n---\nBack to [the second](second.md).\n".utf8).write(to: URL(fileURLWithPath: third))
        compare(live.rebuild(changed: [third]), "a chapter added")
        try FileManager.default.removeItem(atPath: third)
        compare(live.rebuild(changed: [third]), "a chapter removed")
    }
}
