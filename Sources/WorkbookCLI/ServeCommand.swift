import ArgumentParser
import Foundation
import Workbook
import WorkbookMarkdown
import WorkbookServe

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the workbook in a browser: rebuilt on every save, open pages reload themselves.")

    @OptionGroup var contentOptions: ContentOptions

    @Option(name: .long, help: "A theme folder; templates and files it lacks come from the default theme.")
    var theme: String?

    @Option(name: .long, help: "The address to listen on. The default serves this machine only.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on.")
    var port: UInt16 = 8080

    @Flag(name: .long, help: "Preview the shareable team guide: leave the personal layer (stories/) out.")
    var guide = false

    func run() async throws {
        let options = Build.Options(
            contentPath: contentOptions.content, themePath: theme,
            defaultThemePath: try Terminal.defaultTheme(), includeDrafts: contentOptions.drafts, guide: guide)
        // Nothing to watch: better said now than served as an error page forever.
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentOptions.content, isDirectory: &isFolder), isFolder.boolValue else {
            Terminal.printError("workbook: error: content folder `\(contentOptions.content)` does not exist; pass another with `--content DIR`\n")
            throw ExitCode(1)
        }
        let report = ServeReport()
        let server = PreviewServer(configuration: .init(build: options, host: host, port: port)) { report.rebuilt($0) }
        let started: PreviewServer.Started
        do {
            started = try await server.start()
        } catch let error as ServeError {
            Terminal.printError("workbook: error: \(Self.message(for: error))\n")
            throw ExitCode(1)
        }
        // Before the URL is out: from then on a Ctrl-C is a clean stop.
        let signals = StopSignals { _, count in
            // A second Ctrl-C does not wait for the clean stop.
            if count > 1 { Foundation.exit(130) }
            Task { await server.stop() }
        }
        defer { signals.cancel() }
        report.built(started.firstBuild)
        let title = started.firstBuild.update.title ?? contentOptions.content
        Terminal.printLine("Serving \(title) at \(started.url.absoluteString) (Ctrl-C to stop)")
        do {
            try await server.run()
        } catch {
            Terminal.printError("workbook: error: the server stopped: \(error.localizedDescription)\n")
            throw ExitCode(1)
        }
    }

    static func message(for error: ServeError) -> String {
        switch error {
        case .portInUse(let port): "port \(port) is in use; pass another with --port"
        case .invalidHost(let host): "--host `\(host)` is not an IP address to listen on; use 127.0.0.1 (this machine only), ::1 or 0.0.0.0"
        default: error.description
        }
    }
}

/// The terminal side of `serve`: one line per rebuild, diagnostics as `build` prints them.
final class ServeReport: @unchecked Sendable {
    private let lock = NSLock()
    /// Warnings already printed, so a rebuild prints only new ones.
    private var printed: Set<Diagnostic> = []
    private var hasServedPages = false

    func built(_ first: PreviewServer.Rebuild) {
        lock.withLock {
            printNewDiagnostics(first.update)
            hasServedPages = first.update.site != nil
            if first.update.hasErrors { printFailure(first.update) }
        }
    }

    func rebuilt(_ rebuild: PreviewServer.Rebuild) {
        lock.withLock {
            let update = rebuild.update
            printNewDiagnostics(update)
            guard !update.hasErrors else { return printFailure(update) }
            hasServedPages = true
            let pages = rebuild.changedPages.count
            let others = update.changedPaths.count - pages
            let milliseconds = Int((rebuild.duration / .milliseconds(1)).rounded())
            var line = "Rebuilt \(pages) page\(pages == 1 ? "" : "s")"
            if others > 0 { line += " and \(others) other file\(others == 1 ? "" : "s")" }
            Terminal.printLine(line + " in \(milliseconds) ms")
        }
    }

    private func printNewDiagnostics(_ update: LiveBuild.Update) {
        let errors = update.diagnostics.filter { $0.severity == .error }
        let warnings = update.diagnostics.filter { $0.severity != .error }
        for diagnostic in errors + warnings.filter({ !printed.contains($0) }) {
            Terminal.printError(DiagnosticFormatter.text(diagnostic, sources: update.sources))
        }
        printed = Set(warnings)
    }

    private func printFailure(_ update: LiveBuild.Update) {
        let counts = DiagnosticFormatter.counts(errors: update.diagnostics.count { $0.severity == .error }, warnings: update.diagnostics.count { $0.severity != .error })
        let serving = hasServedPages ? "still serving the last good pages" : "the pages will appear once it builds"
        Terminal.printError("Build failed: \(counts); \(serving)\n")
    }
}

extension Terminal {
    /// A line on standard output, unbuffered even into a pipe: whoever
    /// started `serve` waits for its URL.
    static func printLine(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
