import Foundation
import WorkbookMarkdown

/// The disk side of loading: what is in a content folder, read into memory.
struct ContentFolder {
    /// The folder as given, used to name files in diagnostics.
    let path: String

    struct File {
        /// Relative to the content folder: `chapters/01-levels.md`.
        var relativePath: String
        /// As diagnostics name it: `Content/chapters/01-levels.md`.
        var displayPath: String
        var text: String
    }

    func displayPath(_ relative: String) -> String {
        path == "." || path.isEmpty ? relative : (path.hasSuffix("/") ? path + relative : path + "/" + relative)
    }

    var exists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    func read(_ relative: String) -> File? {
        guard let data = FileManager.default.contents(atPath: displayPath(relative)) else { return nil }
        return File(relativePath: relative, displayPath: displayPath(relative), text: String(decoding: data, as: UTF8.self))
    }

    /// `*.md` files directly in `folder`, sorted by name.
    func markdownFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: displayPath(folder))) ?? []
        return names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
    }

    /// Every file under `assets/`, relative to the content folder, sorted.
    func assetFiles() -> [String] {
        let root = displayPath("assets")
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        while let item = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue,
                !(item as NSString).lastPathComponent.hasPrefix(".")
            {
                files.append("assets/" + item)
            }
        }
        return files.sorted()
    }
}
