import ArgumentParser
import Foundation
import Workbook
import WorkbookMarkdown

@main
struct WorkbookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbook",
        abstract: "Build calibration workbooks: Markdown chapters in, a browsable HTML workbook out.",
        version: WorkbookVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, InitCommand.self, NewCommand.self]
    )
}

/// Options shared by the commands that read a content folder.
struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: "The workbook folder (holds workbook.yaml and chapters/).")
    var content: String = "Content"

    @Flag(name: .long, help: "Include chapters marked `draft: true`.")
    var drafts = false
}

enum Terminal {
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func printDiagnostics(_ result: Build.Result) {
        printError(DiagnosticFormatter.text(result.diagnostics, sources: result.sources))
    }

    /// The default theme, found from the binary's own location.
    static func defaultTheme() throws -> String {
        if let path = ThemeLocator.defaultTheme(executablePath: CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0] : Self.executablePath()) {
            return path
        }
        printError("workbook: error: cannot find the default theme (Themes/default) beside the workbook binary; pass one with --theme DIR\n")
        throw ExitCode(1)
    }

    /// Ends a finished command at once, with `status`: the model and pages it
    /// holds (hundreds of megabytes for a thousand chapters) are left to the
    /// system rather than freed object by object, as compilers do at exit.
    static func finish(status: Int32 = 0) -> Never {
        fflush(nil)
        exit(status)
    }

    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
