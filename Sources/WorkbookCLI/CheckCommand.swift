import ArgumentParser
import Foundation
import WorkbookTerminal
import Workbook

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the workbook and print every problem, without building.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var contentOptions: ContentOptions

    @Option(name: .long, help: "How to print diagnostics: text (as compilers do) or json.")
    var format: Format = .text

    func run() throws {
        let result = Build.check(Build.Options(contentPath: contentOptions.content, defaultThemePath: "", includeDrafts: contentOptions.drafts))
        switch format {
        case .json:
            print(DiagnosticFormatter.json(result.diagnostics))
        case .text:
            Terminal.printDiagnostics(result)
            let chapters = result.workbook?.chapters.count ?? 0
            let counts = DiagnosticFormatter.counts(errors: result.errorCount, warnings: result.warningCount)
            print("Checked \(chapters) chapter\(chapters == 1 ? "" : "s"): \(counts)")
        }
        Terminal.finish(status: result.errorCount > 0 ? 1 : 0)
    }
}
