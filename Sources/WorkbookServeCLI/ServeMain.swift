import ArgumentParser
import Foundation
import Workbook
import WorkbookServe
import WorkbookTerminal

/// `workbook-serve`: the preview server, a binary of its own so that
/// `workbook build` does not load what the server links (FlyingFox brings in
/// FoundationNetworking and, with it, curl, TLS and Kerberos libraries: about
/// 10 ms of every start). `workbook serve` runs it with the options it parsed.
@main
struct ServeMain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbook serve",
        abstract: "Preview the workbook in a browser: rebuilt on every save, open pages reload themselves.",
        version: WorkbookVersion.current)

    @OptionGroup var options: ServeOptions

    func run() async throws {
        let content = options.contentOptions.content
        let build = Build.Options(
            contentPath: content, themePath: options.theme,
            defaultThemePath: try Terminal.defaultTheme(), includeDrafts: options.contentOptions.drafts, guide: options.guide)
        // Nothing to watch: better said now than served as an error page forever.
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: content, isDirectory: &isFolder), isFolder.boolValue else {
            Terminal.printError("workbook: error: content folder `\(content)` does not exist; pass another with `--content DIR`\n")
            throw ExitCode(1)
        }
        let report = ServeReport()
        let server = PreviewServer(configuration: .init(build: build, host: options.host, port: options.port)) { report.rebuilt($0) }
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
        let title = started.firstBuild.update.title ?? content
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
