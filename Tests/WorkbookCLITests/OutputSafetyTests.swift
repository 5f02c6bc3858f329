import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The output folder as the real binary leaves it: a build that is
/// interrupted (Ctrl-C), killed, or runs out of space leaves the previous
/// output byte for byte; refused folders are left alone; the same input
/// builds byte-identical output.
@Suite(.serialized) struct OutputSafetyTests {
    typealias CLI = CommandLineTests

    /// A workbook that takes a while to write: 300 chapters and 40 MB of assets.
    /// `title` is on every page, so two titles give two different outputs.
    static func bigWorkbook(at path: String, title: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: path + "/chapters", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: path + "/assets", withIntermediateDirectories: true)
        try Data("title: \(title)\n".utf8).write(to: URL(fileURLWithPath: path + "/workbook.yaml"))
        let body = String(repeating: "## Section\n\nSome text in a section of a long chapter.\n\n", count: 40)
        for n in 0..<300 {
            try Data("---\ntitle: Chapter \(n)\n---\n\(body)".utf8).write(to: URL(fileURLWithPath: path + "/chapters/c\(n).md"))
        }
        var blob = [UInt8](repeating: 0, count: 1_000_000)
        for n in 0..<40 {
            for i in stride(from: 0, to: blob.count, by: 997) { blob[i] = UInt8((i + n) & 0xFF) }
            try Data(blob).write(to: URL(fileURLWithPath: path + "/assets/blob\(n).bin"))
        }
    }

    /// Every file under `folder`, by relative path, with its bytes.
    static func snapshot(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder))
        while let item = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[item] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + item))
            }
        }
        return files
    }

    struct Started {
        let process: Process
        let out: Pipe
        let err: Pipe

        func finish() -> CLI.Run {
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return CLI.Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
        }
    }

    static func start(_ arguments: [String], in folder: String, executable: String = CLI.binary, environment: [String: String] = [:]) throws -> Started {
        let process = Process()
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return Started(process: process, out: out, err: err)
    }

    /// Waits until the build has a staging folder beside `out`: it is writing.
    static func waitForStaging(in folder: String, of process: Process) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            if names.contains(where: { $0.hasPrefix(".out.staging-") }) { return true }
            usleep(500)
        }
        return false
    }

    /// A first build of the big workbook (title "First"), then the content
    /// changed (title "Second"): returns the folder and the first output.
    static func builtOnce() throws -> (folder: String, before: [String: Data]) {
        let folder = try CLI.temporaryFolder()
        try bigWorkbook(at: folder + "/content", title: "First")
        let first = try CLI.run(["build", "--content", "content", "--output", "out"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try snapshot(folder + "/out")
        #expect(before.count > 340)
        try Data("title: Second\n".utf8).write(to: URL(fileURLWithPath: folder + "/content/workbook.yaml"))
        return (folder, before)
    }

    @Test func ctrlCWhileWritingLeavesTheOldOutput() throws {
        let (folder, before) = try Self.builtOnce()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 2 ms after each file: the write lasts long enough for the signal to land in it.
        let build = try Self.start(["build", "--content", "content", "--output", "out"], in: folder, environment: ["WORKBOOK_TEST_WRITE_PAUSE_US": "2000"])
        #expect(Self.waitForStaging(in: folder, of: build.process), "the build got to writing")
        kill(build.process.processIdentifier, SIGINT)
        let run = build.finish()
        #expect(run.status == 130)
        #expect(run.stderr.hasSuffix("\nInterrupted: out was left as it was.\n"), "\(run.stderr)")
        #expect(try Self.snapshot(folder + "/out") == before, "the old output, byte for byte")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["content", "out"], "no staging folder is left")
    }

    /// Ctrl-C while loading or rendering. The build is held 5 s before its
    /// write: without that, a fast machine had written and swapped the new
    /// output within the 300 ms the test waits.
    @Test func ctrlCBeforeTheWriteLeavesTheOldOutput() throws {
        let (folder, before) = try Self.builtOnce()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let build = try Self.start(
            ["build", "--content", "content", "--output", "out"], in: folder, environment: ["WORKBOOK_TEST_PAUSE_BEFORE_WRITE_US": "5000000"])
        usleep(300_000)
        kill(build.process.processIdentifier, SIGINT)
        let run = build.finish()
        // On a slow machine the signal can come before the handler is set up: then it ends the process at once.
        #expect(run.status == 130 || (build.process.terminationReason == .uncaughtSignal && run.status == SIGINT), "\(run.status)")
        #expect(try Self.snapshot(folder + "/out") == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["content", "out"])
    }

    @Test func aKilledBuildLeavesTheOldOutputAndTheNextBuildTidiesUp() throws {
        let (folder, before) = try Self.builtOnce()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let build = try Self.start(["build", "--content", "content", "--output", "out"], in: folder, environment: ["WORKBOOK_TEST_WRITE_PAUSE_US": "2000"])
        #expect(Self.waitForStaging(in: folder, of: build.process))
        kill(build.process.processIdentifier, SIGKILL)
        let run = build.finish()
        #expect(build.process.terminationReason == .uncaughtSignal)
        #expect(run.status == SIGKILL)
        #expect(try Self.snapshot(folder + "/out") == before, "a kill can leave a staging folder, never a broken output")
        let next = try CLI.run(["build", "--content", "content", "--output", "out"], in: folder)
        #expect(next.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["content", "out"], "the abandoned staging folder is removed")
        #expect(try Self.snapshot(folder + "/out")["index.html"] != before["index.html"])
    }

    @Test func aFullDiskLeavesTheOldOutput() throws {
        let (folder, before) = try Self.builtOnce()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A 2 MB cap on every file written stands in for a full disk (EFBIG, like ENOSPC).
        try Data(count: 3_000_000).write(to: URL(fileURLWithPath: folder + "/content/assets/big.bin"))
        let build = try Self.start(
            ["-c", "trap '' XFSZ; ulimit -f 2048; exec \"$0\" build --content content --output out", CLI.binary], in: folder, executable: "/bin/sh")
        let run = build.finish()
        #expect(run.status == 1)
        #expect(run.stderr.contains("out:1:1: error: cannot write `assets/big.bin`"), "\(run.stderr)")
        #expect(run.stderr.hasSuffix("out was left as it was.\n"))
        #expect(try Self.snapshot(folder + "/out") == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["content", "out"])
    }

    @Test func aTemplateErrorLeavesTheOldOutput() throws {
        let (folder, before) = try Self.builtOnce()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/theme/templates", withIntermediateDirectories: true)
        try Data("{{#page}}\n".utf8).write(to: URL(fileURLWithPath: folder + "/theme/templates/index.mustache"))
        let run = try CLI.run(["build", "--content", "content", "--output", "out", "--theme", "theme"], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("theme/templates/index.mustache:"))
        #expect(try Self.snapshot(folder + "/out") == before)
    }

    @Test func refusedOutputFoldersAreLeftAlone() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/home/me", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/mine", withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: URL(fileURLWithPath: folder + "/mine/notes.txt"))
        try Data("a file".utf8).write(to: URL(fileURLWithPath: folder + "/file.txt"))
        let content = CLI.repo + "/Content"
        let cases: [(output: String, message: String)] = [
            ("/", "refusing to write the output to `/`"),
            (folder + "/home/me", "refusing to replace the home folder with the output"),
            (folder + "/home", "refusing to write the output over a folder that holds the home folder"),
            (content, "refusing to write the output over the content folder or a folder that holds it"),
            (CLI.repo, "refusing to write the output over the content folder or a folder that holds it"),
            (folder + "/mine", "output folder `\(folder)/mine` is not empty and was not made by workbook; refusing to replace it (choose another with --output)"),
            (folder + "/file.txt", "`\(folder)/file.txt` is a file, not a folder; refusing to replace it (choose another with --output)"),
        ]
        let before = try Self.snapshot(folder)
        for (output, message) in cases {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["build", "--content", content, "--output", output]
            process.environment = ProcessInfo.processInfo.environment.merging(["HOME": folder + "/home/me"]) { $1 }
            let err = Pipe()
            process.standardOutput = Pipe()
            process.standardError = err
            try process.run()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 1, "\(output)")
            #expect(stderr.contains("\(output):1:1: error: \(message)\n"), "\(output): \(stderr)")
        }
        #expect(try Self.snapshot(folder) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["file.txt", "home", "mine"])
    }

    /// Two processes hash with different seeds: any output that followed a
    /// Set's or a Dictionary's order, or held a time, would differ.
    @Test func theSameInputBuildsByteIdenticalOutput() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for guide in [false, true] {
            var outputs: [[String: Data]] = []
            for n in 0..<2 {
                let out = folder + "/\(guide ? "guide" : "personal")-\(n)"
                let run = try CLI.run(["build", "--content", CLI.repo + "/Content", "--output", out] + (guide ? ["--guide"] : []), in: folder)
                #expect(run.status == 0)
                outputs.append(try Self.snapshot(out))
            }
            #expect(outputs[0].keys.sorted() == outputs[1].keys.sorted(), "the same files")
            #expect(outputs[0].count > (guide ? 15 : 20))
            for (path, bytes) in outputs[0] {
                #expect(outputs[1][path] == bytes, "\(path) is byte-identical")
            }
        }
    }
}
