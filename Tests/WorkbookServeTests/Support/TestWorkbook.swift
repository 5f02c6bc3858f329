import Foundation
import Workbook

/// Paths of the repository, found from this file, so tests run from any folder.
enum Repo {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var defaultTheme: String { root + "/Themes/default" }

    /// The `workbook` binary, beside the test bundle in the build folder.
    static let binary: String = {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("workbook").path
    }()
}

/// A throwaway copy of the golden `blocks` workbook, with an asset and an
/// asset that is a symlink to a file outside the workbook.
struct TestWorkbook {
    let folder: String
    var content: String { folder + "/blocks" }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-serve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repo.root + "/Tests/Fixtures/golden/blocks", toPath: content)
        try? FileManager.default.removeItem(atPath: content + "/expected")
        try FileManager.default.createDirectory(atPath: content + "/assets", withIntermediateDirectories: true)
        try write("assets/note.txt", "an asset\n")
        try write("secret.txt", "outside the site\n", under: folder)
        try FileManager.default.createSymbolicLink(atPath: content + "/assets/leak.txt", withDestinationPath: folder + "/secret.txt")
    }

    func options(themePath: String? = nil) -> Build.Options {
        Build.Options(contentPath: content, themePath: themePath, defaultThemePath: Repo.defaultTheme)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: content + "/" + relative, encoding: .utf8)
    }

    func write(_ relative: String, _ text: String, under root: String? = nil) throws {
        let url = URL(fileURLWithPath: (root ?? content) + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Atomically, as editors save: the watcher never sees a half-written file.
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}
