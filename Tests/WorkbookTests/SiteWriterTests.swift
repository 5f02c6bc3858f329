import Foundation
import Testing
@testable import Workbook

/// Writing a site: staged and swapped in whole, marked as workbook's own,
/// never over a folder workbook did not make.
@Suite struct SiteWriterTests {
    func site(_ text: String) -> Site {
        var site = Site()
        site.files["index.html"] = .bytes(Array(text.utf8))
        site.files["chapters/a.html"] = .bytes(Array("a".utf8))
        return site
    }

    @Test func replacesItsOwnOutputAndKeepsThePlaceholder() throws {
        let folder = try TemporaryWorkbook(["content/workbook.yaml": "title: T\n", "out/.gitkeep": ""])
        defer { folder.remove() }
        let out = folder.path + "/out"
        #expect(SiteWriter.write(site("one"), to: out, content: folder.path + "/content").isEmpty)
        #expect(SiteWriter.write(site("two"), to: out, content: folder.path + "/content").isEmpty)
        #expect(try String(contentsOfFile: out + "/index.html", encoding: .utf8) == "two")
        let listing = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(listing == [".gitkeep", ".workbook-output", "chapters", "index.html"])
        // No staging folder is left beside the output.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["content", "out"])
    }

    /// Threads write a folder each, and each file at the root on its own,
    /// the costliest first (bytes, plus 16 KB a file for its creation).
    @Test func writeGroupsLargestFirst() {
        var site = Site()
        site.files["print.html"] = .bytes([UInt8](repeating: 0x61, count: 100_000))
        site.files["index.html"] = .bytes([0x61])
        site.files["404.html"] = .bytes([0x61])
        for n in 0..<3 { site.files["chapters/\(n).html"] = .bytes([UInt8](repeating: 0x61, count: 10_000)) }
        site.files["scorecards/s.html"] = .parts([[0x61], [0x62]])
        let groups = SiteWriter.writeGroups(site).map { $0.map(\.0).sorted() }
        #expect(groups == [["print.html"], ["chapters/0.html", "chapters/1.html", "chapters/2.html"], ["scorecards/s.html"], ["404.html"], ["index.html"]])
    }

    /// A file of many parts is written whole, in order, also when the system
    /// writes less than it was given.
    @Test func manyPartsAreWrittenWhole() throws {
        let folder = try TemporaryWorkbook([:])
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        // Parts are runs of larger arrays, as the print page's are of chapter bodies: more than the 256 of one `writev`.
        let parts = (0..<600).map { n -> ArraySlice<UInt8> in
            let whole = [UInt8](repeating: UInt8(n % 251), count: 2 + (n * 977) % 9_000)
            return n % 7 == 0 ? whole[1..<1] : whole[1..<(whole.count - 1)]
        }
        let expected = Array(parts.joined())
        try SiteWriter.writeFile(parts, to: folder.path + "/file.html")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/file.html")) == Data(expected))

        // After a short write, the rest follows from where it stopped: at any byte.
        for skipped in [0, 1, 976, 977, 5_000, expected.count / 2, expected.count - 1, expected.count] {
            let path = folder.path + "/rest-\(skipped)"
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            #expect(fd >= 0)
            _ = expected.withUnsafeBytes { write(fd, $0.baseAddress!, skipped) }
            try SiteWriter.writeRemainder(parts[...], skipping: skipped, fd: fd, path: path)
            close(fd)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected), "after \(skipped)")
        }
    }

    @Test func refusesAFolderItDidNotMake() throws {
        let folder = try TemporaryWorkbook(["content/workbook.yaml": "title: T\n", "notes/todo.txt": "mine"])
        defer { folder.remove() }
        let problems = SiteWriter.write(site("x"), to: folder.path + "/notes", content: folder.path + "/content")
        #expect(problems.map(\.message) == ["output folder `\(folder.path)/notes` is not empty and was not made by workbook; refusing to replace it (choose another with --output)"])
        #expect(try String(contentsOfFile: folder.path + "/notes/todo.txt", encoding: .utf8) == "mine")
    }

    @Test func refusesTheContentFolderAndItsParents() throws {
        let folder = try TemporaryWorkbook(["content/workbook.yaml": "title: T\n"])
        defer { folder.remove() }
        for target in [folder.path + "/content", folder.path, "/"] {
            let problems = SiteWriter.write(site("x"), to: target, content: folder.path + "/content")
            #expect(problems.count == 1, "\(target) is refused")
        }
        #expect(FileManager.default.fileExists(atPath: folder.path + "/content/workbook.yaml"))
    }

    // Each refused output folder: the exact error, and nothing written or deleted.

    @Test func refusesTheRoot() throws {
        let folder = try TemporaryWorkbook(["content/workbook.yaml": "title: T\n"])
        defer { folder.remove() }
        let problems = SiteWriter.write(site("x"), to: "/", content: folder.path + "/content")
        #expect(problems.map(\.message) == ["refusing to write the output to `/`"])
        #expect(!FileManager.default.fileExists(atPath: "/.workbook-output"))
    }

    @Test func refusesTheHomeFolder() throws {
        let folder = try TemporaryWorkbook(["content/workbook.yaml": "title: T\n"])
        defer { folder.remove() }
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        let before = try FileManager.default.contentsOfDirectory(atPath: home).sorted()
        let problems = SiteWriter.write(site("x"), to: home, content: folder.path + "/content")
        #expect(problems.map(\.message) == [home == "/" ? "refusing to write the output to `/`" : "refusing to replace the home folder with the output"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: home).sorted() == before)
    }

    @Test func refusesAFolderThatHoldsTheHomeFolder() throws {
        let folder = try TemporaryWorkbook(["content/workbook.yaml": "title: T\n", "users/me/notes.txt": "mine"])
        defer { folder.remove() }
        let url = { (path: String) in URL(fileURLWithPath: path) }
        let content = url(folder.path + "/content")
        #expect(SiteWriter.refusal(output: url(folder.path + "/users"), content: content, homes: [folder.path + "/users/me"]) == "refusing to write the output over a folder that holds the home folder")
        #expect(SiteWriter.refusal(output: url(folder.path + "/users/me"), content: content, homes: [folder.path + "/users/me"]) == "refusing to replace the home folder with the output")
        #expect(SiteWriter.refusal(output: url(folder.path + "/users/me/site"), content: content, homes: [folder.path + "/users/me"]) == nil)
    }

    @Test func refusesTheContentFolderThroughASymbolicLink() throws {
        let folder = try TemporaryWorkbook(["content/workbook.yaml": "title: T\n"])
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link", withDestinationPath: folder.path + "/content")
        let problems = SiteWriter.write(site("x"), to: folder.path + "/link", content: folder.path + "/content")
        #expect(problems.map(\.message) == ["refusing to write the output over the content folder or a folder that holds it"])
        let grandparent = SiteWriter.write(site("x"), to: URL(fileURLWithPath: folder.path).deletingLastPathComponent().path, content: folder.path + "/content")
        #expect(grandparent.map(\.message) == ["refusing to write the output over the content folder or a folder that holds it"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/content") == ["workbook.yaml"])
    }

    @Test func refusesAFile() throws {
        let folder = try TemporaryWorkbook(["content/workbook.yaml": "title: T\n", "site.html": "mine"])
        defer { folder.remove() }
        let problems = SiteWriter.write(site("x"), to: folder.path + "/site.html", content: folder.path + "/content")
        #expect(problems.map(\.message) == ["`\(folder.path)/site.html` is a file, not a folder; refusing to replace it (choose another with --output)"])
        #expect(try String(contentsOfFile: folder.path + "/site.html", encoding: .utf8) == "mine")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["content", "site.html"])
    }

    @Test func refusesAFolderWithOnlyHiddenFilesItDidNotMake() throws {
        let folder = try TemporaryWorkbook(["content/workbook.yaml": "title: T\n", "repo/.git/HEAD": "ref"])
        defer { folder.remove() }
        let problems = SiteWriter.write(site("x"), to: folder.path + "/repo", content: folder.path + "/content")
        #expect(problems.count == 1)
        #expect(try String(contentsOfFile: folder.path + "/repo/.git/HEAD", encoding: .utf8) == "ref")
    }

    @Test func aFailedWriteLeavesTheOldOutputAndNoStagingFolder() throws {
        let folder = try TemporaryWorkbook(["content/workbook.yaml": "title: T\n"])
        defer { folder.remove() }
        let out = folder.path + "/out"
        #expect(SiteWriter.write(site("one"), to: out, content: folder.path + "/content").isEmpty)
        var broken = site("two")
        broken.files["theme/missing.css"] = .copy(from: folder.path + "/no-such-file.css")
        let problems = SiteWriter.write(broken, to: out, content: folder.path + "/content")
        #expect(problems.count == 1)
        #expect(problems.first?.message.hasPrefix("cannot write `theme/missing.css`") == true)
        #expect(try String(contentsOfFile: out + "/index.html", encoding: .utf8) == "one")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["content", "out"])
    }

    @Test func anInterruptedWriteLeavesTheOldOutput() throws {
        let folder = try TemporaryWorkbook(["content/workbook.yaml": "title: T\n"])
        defer { folder.remove() }
        let out = folder.path + "/out"
        #expect(SiteWriter.write(site("one"), to: out, content: folder.path + "/content").isEmpty)
        let interruption = Interruption()
        #expect(interruption.request() == false)
        let problems = SiteWriter.write(site("two"), to: out, content: folder.path + "/content", interruption: interruption)
        #expect(problems.map(\.message) == ["the build was interrupted; `\(out)` was left as it was"])
        #expect(try String(contentsOfFile: out + "/index.html", encoding: .utf8) == "one")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["content", "out"])
    }

    @Test func abandonedStagingFoldersAreRemovedOnlyWhenMarkedAndDead() throws {
        let folder = try TemporaryWorkbook([
            "content/workbook.yaml": "title: T\n",
            // A build killed long ago (no such process): ours, removed.
            ".out.staging-999999999/.workbook-output": "", ".out.staging-999999999/index.html": "old",
            // Not marked: not ours, kept.
            ".out.staging-999999998/notes.txt": "mine",
        ])
        defer { folder.remove() }
        // Killed between making the folder and marking it: empty, removed.
        try FileManager.default.createDirectory(atPath: folder.path + "/.out.staging-999999997", withIntermediateDirectories: true)
        #expect(SiteWriter.write(site("one"), to: folder.path + "/out", content: folder.path + "/content").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".out.staging-999999998", "content", "out"])
    }
}
