import Foundation
import Testing
@testable import Workbook
import WorkbookMarkdown

/// A small workbook written to a fresh temporary folder, loaded, then removed:
/// the input of one malformed-input case and the diagnostics it gave.
struct MalformedInput {
    /// The content folder; diagnostics name files under it.
    let root: String
    let result: LoadResult

    var diagnostics: [Diagnostic] { result.diagnostics }

    /// - Parameters:
    ///   - workbook: the text of `workbook.yaml`, or nil to leave it out.
    ///   - chapters: file name in `chapters/` → text.
    ///   - files: any other file, by path relative to the content folder.
    init(
        workbook: String? = "title: Test workbook\n", chapters: [String: String], files: [String: String] = [:],
        drafts: Bool = false
    ) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("workbook-malformed-\(UUID().uuidString)").path
        var all = files
        if let workbook { all["workbook.yaml"] = workbook }
        for (name, text) in chapters { all["chapters/" + name] = text }
        try FileManager.default.createDirectory(atPath: root + "/chapters", withIntermediateDirectories: true)
        for (relative, text) in all {
            let url = URL(fileURLWithPath: root + "/" + relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        // Loading reads everything into memory: the folder is not needed afterwards.
        defer { try? FileManager.default.removeItem(atPath: root) }
        result = WorkbookLoader.load(contentPath: root, options: LoadOptions(includeDrafts: drafts))
    }

    /// One chapter, `chapters/a.md`, in the default workbook.
    init(chapter: String) throws {
        try self.init(chapters: ["a.md": chapter])
    }

    func error(_ file: String, _ line: Int, _ column: Int, _ message: String) -> Diagnostic {
        .error(message, at: WorkbookMarkdown.SourceLocation(line: line, column: column), path: root + "/" + file)
    }

    func warning(_ file: String, _ line: Int, _ column: Int, _ message: String) -> Diagnostic {
        .warning(message, at: WorkbookMarkdown.SourceLocation(line: line, column: column), path: root + "/" + file)
    }

    /// `path:line:col: severity: message`, the path relative to the fixture, for failure output.
    func describe(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { d in
            let path = d.path.hasPrefix(root + "/") ? String(d.path.dropFirst(root.count + 1)) : d.path
            return "  \(path):\(d.location.line):\(d.location.column): \(d.severity.rawValue): \(d.message)"
        }.joined(separator: "\n")
    }

    /// Expects exactly `expected`, in order; on a mismatch prints both lists readably.
    func expect(_ expected: [Diagnostic], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard diagnostics != expected else { return }
        Issue.record(
            "diagnostics differ\nexpected:\n\(describe(expected))\nactual:\n\(describe(diagnostics))",
            sourceLocation: sourceLocation)
    }
}

extension MalformedInput {
    /// A chapter with a valid front matter before `body`: the body starts on line 4.
    static func chapter(_ body: String, title: String = "Chapter") -> String {
        "---\ntitle: \(title)\n---\n" + body
    }
}
