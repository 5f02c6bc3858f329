import Foundation
import WorkbookMarkdown

/// Writes a built site to disk: into a staging folder beside the output,
/// swapped in only once every file is written, so a failed write leaves the
/// previous output as it was.
public enum SiteWriter {
    /// The marker file that says a folder is `workbook` output.
    static let marker = ".workbook-output"

    /// Output folders that would put the user's files at risk.
    static func refusal(output: URL, content: URL) -> String? {
        let out = output.path
        let home = FileManager.default.homeDirectoryForCurrentUser.standardized.path
        if out == "/" { return "refusing to write the output to `/`" }
        if out == home { return "refusing to replace the home folder with the output" }
        if out == content.path || content.path.hasPrefix(out + "/") {
            return "refusing to write the output over the content folder or a folder that holds it"
        }
        return nil
    }

    public static func write(_ site: Site, to output: String, content: String) -> [Diagnostic] {
        let fm = FileManager.default
        let outputURL = URL(fileURLWithPath: output).standardized.resolvingSymlinksInPath()
        if let refusal = refusal(output: outputURL, content: URL(fileURLWithPath: content).standardized.resolvingSymlinksInPath()) {
            return [.error(refusal, at: SourceLocation(line: 1, column: 1), path: output)]
        }
        let parent = outputURL.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(outputURL.lastPathComponent).staging-\(getpid())")
        func failure(_ message: String) -> [Diagnostic] {
            try? fm.removeItem(at: staging)
            return [.error(message, at: SourceLocation(line: 1, column: 1), path: output)]
        }
        if let existing = try? fm.contentsOfDirectory(atPath: outputURL.path), !existing.isEmpty,
            !existing.contains(marker), existing != [".gitkeep"]
        {
            return failure("output folder `\(output)` is not empty and was not made by workbook; refusing to replace it (choose another with --output)")
        }
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            var folders: Set<String> = []
            for path in site.files.keys {
                let folder = SitePaths.directory(of: path)
                if !folder.isEmpty { folders.insert(folder) }
            }
            for folder in folders.sorted() {
                try fm.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            let files = site.files.sorted { $0.key < $1.key }
            let errors = parallelMap(files) { (path, content) -> String? in
                let target = staging.appendingPathComponent(path)
                do {
                    switch content {
                    case .bytes(let bytes): try Data(bytes).write(to: target)
                    case .copy(let source): try FileManager.default.copyItem(atPath: source, toPath: target.path)
                    }
                    return nil
                } catch {
                    return "cannot write `\(path)`: \(error.localizedDescription)"
                }
            }
            if let error = errors.compactMap({ $0 }).first { return failure(error) }
            try Data().write(to: staging.appendingPathComponent(marker))
            // A placeholder that keeps the folder in version control stays.
            let keep = outputURL.appendingPathComponent(".gitkeep")
            if fm.fileExists(atPath: keep.path) { try fm.copyItem(at: keep, to: staging.appendingPathComponent(".gitkeep")) }
            if fm.fileExists(atPath: outputURL.path) {
                let old = parent.appendingPathComponent(".\(outputURL.lastPathComponent).old-\(getpid())")
                try fm.moveItem(at: outputURL, to: old)
                try fm.moveItem(at: staging, to: outputURL)
                try? fm.removeItem(at: old)
            } else {
                try fm.moveItem(at: staging, to: outputURL)
            }
            return []
        } catch {
            return failure("cannot write the output: \(error.localizedDescription)")
        }
    }
}
