import Foundation
import Testing

/// `workbook build` shows its progress on a terminal once it has run for a
/// second, and clears the line before its summary; never when its output is
/// not a terminal.
@Suite(.serialized) struct ProgressLineTests {
    typealias CLI = CommandLineTests

    /// Runs the build under `script`, which gives it a terminal; writing is
    /// slowed so the build lasts more than a second.
    @Test func aSlowBuildShowsItsProgressOnATerminal() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let command = "WORKBOOK_TEST_WRITE_PAUSE_US=80000 '\(CLI.binary)' build --content '\(CLI.repo)/Content' --output out"
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let clear = "\r\u{1B}[2K"
        #expect(text.contains(clear + "Writing "), "the line shows the writing step: \(text.debugDescription)")
        #expect(text.contains(#/Writing \d+ of \d+ files/#))
        // Cleared before anything else is printed: the diagnostics, then the summary.
        let last = try #require(text.range(of: clear, options: .backwards))
        let after = text[last.upperBound...]
        #expect(after.hasPrefix(CLI.repo + "/Content/stories/platform-roadmap.md:"))
        #expect(after.contains("Wrote ") && !after.contains("Writing"))
    }

    @Test func noProgressWhenTheOutputIsNotATerminal() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let build = try OutputSafetyTests.start(
            ["build", "--content", CLI.repo + "/Content", "--output", "out"], in: folder, environment: ["WORKBOOK_TEST_WRITE_PAUSE_US": "80000"])
        let stderr = String(decoding: build.err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        build.process.waitUntilExit()
        #expect(build.process.terminationStatus == 0)
        #expect(!stderr.contains("\u{1B}[2K"))
        #expect(!stderr.contains("Writing"))
    }
}
