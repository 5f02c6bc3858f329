import Foundation
import Testing
@testable import Workbook

/// A live build reads again only the files that changed on disk.
@Suite struct FileCacheTests {
    func copyOfBlocks() throws -> TemporaryWorkbook {
        let source = Repo.fixture("golden/blocks")
        var files: [String: String] = [:]
        for path in ["workbook.yaml", "chapters/one.md", "chapters/two.md", "chapters/three.md"] {
            files[path] = try String(contentsOfFile: source + "/" + path, encoding: .utf8)
        }
        return try TemporaryWorkbook(files)
    }

    func replace(_ file: String, _ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(old))
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: URL(fileURLWithPath: file))
    }

    @Test func aRebuildReadsOnlyTheEditedFile() throws {
        let folder = try copyOfBlocks()
        defer { folder.remove() }
        let cache = BuildCache()
        let options = Build.Options(contentPath: folder.path, defaultThemePath: Repo.defaultTheme)
        _ = Build.run(options, cache: cache)
        // workbook.yaml and three chapters
        #expect(cache.files.diskReads == 4)
        let file = folder.path + "/chapters/one.md"
        try replace(file, "Intro paragraph", "Opening paragraph")
        cache.files.forget([file])
        let result = Build.run(options, cache: cache)
        #expect(cache.files.diskReads == 5)
        #expect(result.site?.text("chapters/one.html")?.contains("Opening paragraph") == true)
        _ = Build.run(options, cache: cache)
        #expect(cache.files.diskReads == 5, "nothing changed: nothing is read")
    }

    @Test func anEditNobodyReportedIsStillSeen() throws {
        let folder = try copyOfBlocks()
        defer { folder.remove() }
        let cache = BuildCache()
        let options = Build.Options(contentPath: folder.path, defaultThemePath: Repo.defaultTheme)
        _ = Build.run(options, cache: cache)
        let file = folder.path + "/chapters/one.md"
        // The same size, and the modification time put back: the change time still moves.
        let modified = try #require(try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date)
        try replace(file, "Intro paragraph", "Intro Paragraph")
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file)
        let result = Build.run(options, cache: cache)
        #expect(result.site?.text("chapters/one.html")?.contains("Intro Paragraph") == true)
    }

    @Test func aReportedFileIsReadAgainWhateverItsStamp() throws {
        let folder = try copyOfBlocks()
        defer { folder.remove() }
        let files = FileCache()
        let path = folder.path + "/chapters/one.md"
        var reads = 0
        let read = { () -> ContentFolder.Read in
            reads += 1
            return .missing
        }
        _ = files.read(path, read)
        _ = files.read(path, read)
        #expect(reads == 1)
        // Named as a watcher names it: absolute, possibly not standardized.
        files.forget([folder.path + "/chapters/./../chapters/one.md"])
        _ = files.read(path, read)
        #expect(reads == 2)
        files.forget([folder.path + "/chapters/two.md"])
        _ = files.read(path, read)
        #expect(reads == 2)
    }
}
