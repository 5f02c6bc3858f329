import Foundation
import Testing

/// Runs the built `workbook` binary as a user would and checks exit status,
/// standard output and standard error.
@Suite(.serialized) struct CommandLineTests {
    static let repo: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The binary sits beside the test bundle in the build folder.
    static let binary: String = {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("workbook").path
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in folder: String, binary: String = binary, environment: [String: String]? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static let brokenDiagnostics = """
        broken/chapters/bad.md:4:5: error: broken link `nowhere.md`: no chapter `chapters/nowhere.md`
        See [the missing chapter](nowhere.md).
            ^
        broken/chapters/bad.md:6:4: error: unknown directive type `dril`; did you mean `drill`?
        :::dril[Typo in the type]{timebox=10m}
           ^
        broken/chapters/bad.md:10:1: warning: drill `no-timebox` has no timebox: add `{timebox=15m}`
        :::drill[No timebox]
        ^
        broken/workbook.yaml:2:1: warning: unknown key `colour` in workbook.yaml
        colour: blue
        ^

        """

    @Test func buildsTheSampleWorkbookFromAnotherFolder() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try Self.run(["build", "--content", Self.repo + "/Content", "--output", "site"], in: folder)
        #expect(run.status == 0)
        // The sample's only warnings are the deliberately weak story's six.
        #expect(run.stderr.components(separatedBy: ": warning: ").count - 1 == 6)
        #expect(!run.stderr.contains(": error: "))
        let pattern = #/^Wrote 18 pages to site with 6 warnings in \d+\.\d\d s \(search index \d+ KB\)\n$/#
        #expect(run.stdout.wholeMatch(of: pattern) != nil, "summary line: \(run.stdout)")
        for page in ["index.html", "print.html", "drills.html", "404.html", "chapters/01-levels.html", "scorecards/evidence-calibration.html", "fieldrefs/calibration-field-reference.html", "theme/style.css", "stories/index.html", "stories/payment-retries.html", "dashboard.html"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/site/" + page), "\(page) is written")
        }
    }

    @Test func checkPrintsPositionedDiagnosticsAndFails() throws {
        let run = try Self.run(["check", "--content", "broken"], in: Self.repo + "/Tests/Fixtures")
        #expect(run.status == 1)
        #expect(run.stderr == Self.brokenDiagnostics)
        #expect(run.stdout == "Checked 1 chapter: 2 errors, 2 warnings\n")
    }

    @Test func checkPrintsJSON() throws {
        let run = try Self.run(["check", "--content", "broken", "--format", "json"], in: Self.repo + "/Tests/Fixtures")
        #expect(run.status == 1)
        #expect(run.stderr == "")
        struct Report: Decodable {
            struct Entry: Decodable, Equatable {
                var severity: String
                var path: String
                var line: Int
                var column: Int
                var message: String
            }
            var diagnostics: [Entry]
            var errors: Int
            var warnings: Int
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(run.stdout.utf8))
        #expect(report.errors == 2)
        #expect(report.warnings == 2)
        #expect(report.diagnostics.first == Report.Entry(severity: "error", path: "broken/chapters/bad.md", line: 4, column: 5, message: "broken link `nowhere.md`: no chapter `chapters/nowhere.md`"))
    }

    @Test func failedBuildLeavesThePreviousOutput() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let good = try Self.run(["build", "--content", Self.repo + "/Content", "--output", folder + "/out"], in: folder)
        #expect(good.status == 0)
        let before = try String(contentsOfFile: folder + "/out/index.html", encoding: .utf8)
        let bad = try Self.run(["build", "--content", "broken", "--output", folder + "/out"], in: Self.repo + "/Tests/Fixtures")
        #expect(bad.status == 1)
        #expect(bad.stdout == "")
        #expect(bad.stderr == Self.brokenDiagnostics + "Build failed: 2 errors, 2 warnings; \(folder)/out was left as it was.\n")
        #expect(try String(contentsOfFile: folder + "/out/index.html", encoding: .utf8) == before)
    }

    @Test func refusesToWriteOverTheContent() throws {
        let run = try Self.run(["build", "--content", "Content", "--output", "."], in: Self.repo)
        #expect(run.status == 1)
        #expect(run.stderr.contains("\n.:1:1: error: refusing to write the output over the content folder or a folder that holds it\n"))
    }

    @Test func versionAndHelp() throws {
        let version = try Self.run(["--version"], in: Self.repo)
        #expect(version.stdout == "0.1.0\n")
        let help = try Self.run(["build", "--help"], in: Self.repo)
        #expect(help.status == 0)
        for option in ["--content", "--output", "--theme", "--guide", "--drafts"] {
            #expect(help.stdout.contains(option), "build --help lists \(option)")
        }
        let checkHelp = try Self.run(["check", "--help"], in: Self.repo)
        #expect(checkHelp.stdout.contains("--format"))
    }

    @Test func serveParsesItsOptionsThenRunsThePreviewServer() throws {
        let help = try Self.run(["serve", "--help"], in: Self.repo)
        #expect(help.status == 0)
        for option in ["--content", "--theme", "--host", "--port", "--guide", "--drafts"] {
            #expect(help.stdout.contains(option), "serve --help lists \(option)")
        }
        let bad = try Self.run(["serve", "--port", "http"], in: Self.repo)
        #expect(bad.status == 64)
        #expect(bad.stderr.hasPrefix("Error: The value 'http' is invalid for '--port <port>'"))
        // The same error once `workbook-serve` has the options: the port reached it.
        let missing = try Self.run(["serve", "--content", "/nonexistent/workbook", "--port", "0"], in: Self.repo)
        #expect(missing.status == 1)
        #expect(missing.stderr == "workbook: error: content folder `/nonexistent/workbook` does not exist; pass another with `--content DIR`\n")
    }

    @Test func serveWithoutThePreviewServerBinarySaysWhereItLooked() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Self.binary, toPath: folder + "/workbook")
        let run = try Self.run(["serve", "--content", Self.repo + "/Content"], in: folder, binary: folder + "/workbook")
        #expect(run.status == 1)
        #expect(run.stderr == "workbook: error: `serve` runs workbook-serve, which is not beside this binary in \(folder); build both with `swift build` or install both with `make install`\n")
    }

    /// What `serve` links (FoundationNetworking, and through it curl, TLS and
    /// Kerberos) stays out of `workbook`: it cost about 10 ms of every start.
    @Test func onlyThePreviewServerLoadsTheNetworkingLibraries() throws {
        func libraries(_ binary: String) throws -> String {
            // The dynamic loader lists what it would load, as `ldd` does.
            try Self.run([], in: Self.repo, binary: binary, environment: ["LD_TRACE_LOADED_OBJECTS": "1"]).stdout
        }
        let workbook = try libraries(Self.binary)
        let serve = try libraries(Self.binary + "-serve")
        #expect(workbook.contains("libFoundation.so"))
        #expect(!workbook.contains("libFoundationNetworking"))
        #expect(!workbook.contains("libcurl"))
        #expect(serve.contains("libFoundationNetworking"))
    }
}
