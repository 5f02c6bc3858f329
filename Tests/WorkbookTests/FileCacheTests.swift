import Foundation
import Testing
@testable import Workbook

/// A live build reads again only the files that changed on disk.
@Suite struct FileCacheTests {
    func replace(_ file: String, _ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(old))
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: URL(fileURLWithPath: file))
    }

    /// The blocks workbook, built once with a fresh cache.
    func built() throws -> (TemporaryWorkbook, BuildCache, Build.Options) {
        let folder = try TemporaryWorkbook.blocks()
        let cache = BuildCache()
        let options = Build.Options(contentPath: folder.path, defaultThemePath: Repo.defaultTheme)
        _ = Build.run(options, cache: cache)
        return (folder, cache, options)
    }

    @Test func aRebuildReadsOnlyTheEditedFile() throws {
        let (folder, cache, options) = try built()
        defer { folder.remove() }
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

    @Test func aDeletedChapterIsForgotten() throws {
        let (folder, cache, options) = try built()
        defer { folder.remove() }
        let three = folder.path + "/chapters/three.md"
        _ = cache.finishBuild(forgetUnused: true)
        #expect(cache.rememberedPaths.contains(three))
        try FileManager.default.removeItem(atPath: three)
        let result = Build.run(options, cache: cache)
        let site = try #require(result.site, "\(result.diagnostics.map(\.message))")
        #expect(site.files["chapters/one.html"] != nil)
        _ = cache.finishBuild(forgetUnused: true)
        #expect(!cache.rememberedPaths.contains(three))
        #expect(!cache.files.paths.contains(three))
        #expect(cache.files.paths.contains(folder.path + "/chapters/one.md"))
        #expect(cache.rememberedPaths.contains(folder.path + "/chapters/one.md"))
    }

    @Test func anEditNobodyReportedIsStillSeen() throws {
        let (folder, cache, options) = try built()
        defer { folder.remove() }
        let file = folder.path + "/chapters/one.md"
        // The same size, and the modification time put back: the change time still moves.
        let modified = try #require(try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date)
        try replace(file, "Intro paragraph", "Intro Paragraph")
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file)
        let result = Build.run(options, cache: cache)
        #expect(result.site?.text("chapters/one.html")?.contains("Intro Paragraph") == true)
    }

    @Test func aReportedFileIsReadAgainWhateverItsStamp() throws {
        let folder = try TemporaryWorkbook.blocks()
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
