import Foundation
import Workbook
import WorkbookMarkdown
import WorkbookServe
import WorkbookTerminal

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
