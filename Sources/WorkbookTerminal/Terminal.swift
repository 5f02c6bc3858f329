import ArgumentParser
import Foundation
import Workbook

/// The terminal side of the commands: messages, diagnostics and the theme
/// found beside the binary.
public enum Terminal {
    public static func printError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// A line on standard output, unbuffered even into a pipe: whoever
    /// started `serve` waits for its URL.
    public static func printLine(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    public static func printDiagnostics(_ result: Build.Result) {
        printError(DiagnosticFormatter.text(result.diagnostics, sources: result.sources))
    }

    /// The default theme, found from the binary's own location.
    public static func defaultTheme() throws -> String {
        if let path = ThemeLocator.defaultTheme(executablePath: CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0] : Self.executablePath()) {
            return path
        }
        printError("workbook: error: cannot find the default theme (Themes/default) beside the workbook binary; pass one with --theme DIR\n")
        throw ExitCode(1)
    }

    /// Ends a finished command at once, with `status`: the model and pages it
    /// holds (hundreds of megabytes for a thousand chapters) are left to the
    /// system rather than freed object by object, as compilers do at exit.
    public static func finish(status: Int32 = 0) -> Never {
        fflush(nil)
        exit(status)
    }

    public static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
