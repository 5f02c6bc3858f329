import Foundation
import Testing
@testable import Workbook
import WorkbookMarkdown

/// Paths of the repository, found from this file, so tests run from any folder.
enum Repo {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var defaultTheme: String { root + "/Themes/default" }
    static var content: String { root + "/Content" }
    static func fixture(_ name: String) -> String { root + "/Tests/Fixtures/" + name }
}

/// Builds a content folder in memory with the default theme.
func buildSite(_ contentPath: String, themePath: String? = nil, drafts: Bool = false, guide: Bool = false) -> Build.Result {
    Build.run(Build.Options(contentPath: contentPath, themePath: themePath, defaultThemePath: Repo.defaultTheme, includeDrafts: drafts, guide: guide))
}

/// A throwaway workbook on disk: `files` maps paths relative to the folder to their text.
struct TemporaryWorkbook {
    let path: String

    init(_ files: [String: String]) throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("workbook-test-\(UUID().uuidString)").path
        for (relative, text) in files {
            let url = URL(fileURLWithPath: path + "/" + relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// A copy of some files of a fixture workbook (`golden/blocks`, ...).
    init(copying paths: [String], of fixture: String) throws {
        var files: [String: String] = [:]
        for relative in paths {
            files[relative] = try String(contentsOfFile: Repo.fixture(fixture) + "/" + relative, encoding: .utf8)
        }
        try self.init(files)
    }

    /// The `golden/blocks` workbook: three chapters.
    static func blocks() throws -> TemporaryWorkbook {
        try TemporaryWorkbook(copying: ["workbook.yaml", "chapters/one.md", "chapters/two.md", "chapters/three.md"], of: "golden/blocks")
    }

    /// Replaces the text of one of its files.
    func edit(_ relative: String, _ change: (String) -> String) throws {
        let file = path + "/" + relative
        try Data(change(try String(contentsOfFile: file, encoding: .utf8)).utf8).write(to: URL(fileURLWithPath: file))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The inside of `<main ...>...</main>`, where a page's content is.
func mainContent(_ html: String) -> String {
    guard let open = html.range(of: "<main"), let start = html[open.upperBound...].range(of: ">"),
        let close = html.range(of: "</main>", options: .backwards)
    else { return html }
    return String(html[start.upperBound..<close.lowerBound])
}
