import Foundation
import Testing

/// `workbook init` and `workbook new`: files that build cleanly, never an overwrite.
@Suite(.serialized) struct ScaffoldCommandTests {
    typealias CLI = CommandLineTests

    @Test func initCreatesAWorkbookThatBuildsWithoutWarnings() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let created = try CLI.run(["init", "wb"], in: folder)
        #expect(created.status == 0)
        #expect(created.stderr == "")
        #expect(created.stdout == """
            Created wb/workbook.yaml
            Created wb/chapters/01-levels.md
            Created wb/stories/first-story.md
            Created wb/stories/scores.yaml
            Build it with: workbook build --content wb

            """)
        let built = try CLI.run(["build", "--content", "wb", "--output", "out"], in: folder)
        #expect(built.stderr == "")
        #expect(built.stdout.hasPrefix("Wrote 10 pages to out with 0 warnings in "))
        let card = try String(contentsOfFile: folder + "/out/scorecards/calibration-check.html", encoding: .utf8)
        #expect(card.contains("data-total=\"6\" data-band=\"5-7\" data-gate=\"fail\""))
    }

    @Test func initNeverOverwrites() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/wb/chapters", withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: folder + "/wb/chapters/01-levels.md"))
        let again = try CLI.run(["init", "wb"], in: folder)
        #expect(again.status == 1)
        #expect(again.stdout == "")
        #expect(again.stderr == "wb/chapters/01-levels.md:1:1: error: file already exists; nothing was written (workbook never overwrites)\n")
        #expect(try String(contentsOfFile: folder + "/wb/chapters/01-levels.md", encoding: .utf8) == "mine\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/wb/workbook.yaml"))
    }

    @Test func newChapterAndStory() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try CLI.run(["init", "wb"], in: folder)
        let chapter = try CLI.run(["new", "chapter", "Senior vs. Staff!", "--content", "wb"], in: folder)
        #expect(chapter.stdout == "Created wb/chapters/senior-vs-staff.md\n")
        let text = try String(contentsOfFile: folder + "/wb/chapters/senior-vs-staff.md", encoding: .utf8)
        #expect(text.hasPrefix("---\ntitle: \"Senior vs. Staff!\"\nchapter: 2\n"))
        let story = try CLI.run(["new", "story", "Billing migration", "--content", "wb"], in: folder)
        #expect(story.stdout == "Created wb/stories/billing-migration.md\n")
        let built = try CLI.run(["build", "--content", "wb", "--output", "out"], in: folder)
        #expect(built.stderr == "")
        #expect(built.stdout.hasPrefix("Wrote 12 pages to out with 0 warnings in "))
        let twice = try CLI.run(["new", "story", "Billing migration", "--content", "wb"], in: folder)
        #expect(twice.status == 1)
        #expect(twice.stderr == "wb/stories/billing-migration.md:1:1: error: file already exists; nothing was written (workbook never overwrites)\n")
    }
}
