import ArgumentParser
import Foundation
import WorkbookTerminal

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `workbook serve` parses its options here, then becomes `workbook-serve`
/// (the preview server, beside this binary) with them: the server's libraries
/// are loaded only by the command that serves.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the workbook in a browser: rebuilt on every save, open pages reload themselves.")

    @OptionGroup var options: ServeOptions

    static let helperName = "workbook-serve"

    func run() throws {
        let folders = Self.binaryFolders()
        guard let helper = folders.lazy.map({ $0 + "/" + Self.helperName }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            Terminal.printError("workbook: error: `serve` runs \(Self.helperName), which is not beside this binary in \(folders[0]); build both with `swift build` or install both with `make install`\n")
            throw ExitCode(1)
        }
        let arguments = [helper] + options.arguments
        fflush(nil)
        var pointers = arguments.map { strdup($0) } + [nil]
        execv(helper, &pointers)
        // Only on failure.
        let reason = String(cString: strerror(errno))
        Terminal.printError("workbook: error: cannot run \(helper): \(reason)\n")
        throw ExitCode(1)
    }

    /// Where `workbook-serve` may be: beside the binary as it was called (the
    /// rule the default theme follows too), then beside the file it resolves to.
    static func binaryFolders() -> [String] {
        var folders: [String] = []
        let called = CommandLine.arguments[0]
        if called.hasPrefix("/") { folders.append((called as NSString).deletingLastPathComponent) }
        let resolved = (Terminal.executablePath() as NSString).deletingLastPathComponent
        if !folders.contains(resolved) { folders.append(resolved) }
        return folders
    }
}
