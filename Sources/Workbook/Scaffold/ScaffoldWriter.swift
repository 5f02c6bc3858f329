import Foundation
import WorkbookMarkdown

/// Writes scaffold files into a content folder, all or nothing: when any of
/// them exists already, nothing is written.
public enum ScaffoldWriter {
    public static func write(_ files: [Scaffold.File], into folder: String) -> (written: [String], diagnostics: [Diagnostic]) {
        let content = ContentFolder(path: folder)
        let existing = files.map { content.displayPath($0.path) }.filter { FileManager.default.fileExists(atPath: $0) }
        guard existing.isEmpty else {
            return ([], existing.map { .error("\($0.hasSuffix("workbook.yaml") ? "a workbook already exists here" : "file already exists"); nothing was written (workbook never overwrites)", at: SourceLocation(line: 1, column: 1), path: $0) })
        }
        var written: [String] = []
        for file in files {
            let path = content.displayPath(file.path)
            do {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
                written.append(path)
            } catch {
                return (written, [.error("cannot write: \(error.localizedDescription)", at: SourceLocation(line: 1, column: 1), path: path)])
            }
        }
        return (written, [])
    }

    /// The next chapter number: one more than the highest `chapter:` in the folder.
    public static func nextChapterNumber(in folder: String) -> Int {
        let content = ContentFolder(path: folder)
        var highest = 0
        for path in content.markdownFiles(in: "chapters") {
            guard let file = content.read(path).file, case .success(let split) = FrontMatterSplitter.split(file.text) else { continue }
            for line in split.yaml.split(separator: "\n") where line.hasPrefix("chapter:") {
                highest = max(highest, Int(line.dropFirst("chapter:".count).trimmingSpaces) ?? 0)
            }
        }
        return highest + 1
    }
}
