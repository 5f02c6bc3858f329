import ArgumentParser
import Dispatch
import Foundation
import WorkbookTerminal
import Workbook

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the workbook into HTML pages.")

    @OptionGroup var contentOptions: ContentOptions

    @Option(name: .long, help: "Where to write the site. Replaced as a whole when the build succeeds.")
    var output: String = "Output"

    @Option(name: .long, help: "A theme folder; templates and files it lacks come from the default theme.")
    var theme: String?

    @Flag(name: .long, help: "Build a shareable team guide: leave the personal layer (stories/) out.")
    var guide = false

    func run() throws {
        let start = DispatchTime.now()
        let line = ProgressLine()
        let signals = SignalWatch(output: output, progress: line)
        defer { withExtendedLifetime(signals) {} }
        let options = Build.Options(
            contentPath: contentOptions.content, themePath: theme,
            defaultThemePath: try Terminal.defaultTheme(), includeDrafts: contentOptions.drafts, guide: guide)
        var result = Build.run(options, progress: line.progress)
        var timer = PhaseTimer()
        let environment = ProcessInfo.processInfo.environment
        if let site = result.site {
            // Tests only: hold the build between rendering and writing, so a signal
            // lands before the write however fast the machine builds.
            if let pause = UInt32(environment["WORKBOOK_TEST_PAUSE_BEFORE_WRITE_US"] ?? "") { usleep(pause) }
            result.diagnostics += SiteWriter.write(
                site, to: output, content: contentOptions.content, interruption: signals.interruption,
                // Tests only: slow the write down so an interruption lands while it is under way.
                pauseAfterEachFile: UInt32(environment["WORKBOOK_TEST_WRITE_PAUSE_US"] ?? "") ?? 0,
                progress: line.progress)
        }
        line.stop()
        if signals.interruption.isRequested { signals.exitInterrupted() }
        timer.mark("write")
        Terminal.printDiagnostics(result)
        let counts = DiagnosticFormatter.counts(errors: result.errorCount, warnings: result.warningCount)
        guard result.errorCount == 0, let site = result.site else {
            Terminal.printError("Build failed: \(counts); \(output) was left as it was.\n")
            throw ExitCode(1)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let warnings = result.warningCount
        print("Wrote \(site.pageCount) pages to \(output) with \(warnings) warning\(warnings == 1 ? "" : "s") in \(String(format: "%.2f", seconds)) s (search index \(Site.sizeLabel(site.searchIndexSize)))")
        Terminal.finish()
    }
}
