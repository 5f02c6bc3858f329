/// Where each page lives in the output, and relative URLs between them.
enum SitePaths {
    static let index = "index.html"
    static let print = "print.html"
    static let drills = "drills.html"
    static let notFound = "404.html"
    static func chapter(_ name: String) -> String { "chapters/\(name).html" }
    static func scorecard(_ id: String) -> String { "scorecards/\(id).html" }
    static func fieldref(_ id: String) -> String { "fieldrefs/\(id).html" }
    static let stories = "stories/index.html"
    static let dashboard = "dashboard.html"
    static func story(_ name: String) -> String { "stories/\(name).html" }

    /// The folder of a site path: `chapters` for `chapters/x.html`, "" for `index.html`.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// The prefix from a page in `directory` to the site root: "" or "../" per level.
    static func root(from directory: String) -> String {
        directory.isEmpty ? "" : String(repeating: "../", count: directory.split(separator: "/").count)
    }

    /// A relative URL from a page in `directory` to `path`, so the site works
    /// opened from disk and under any sub-path.
    static func relative(from directory: String, to path: String) -> String {
        if !directory.isEmpty, path.hasPrefix(directory + "/") { return String(path.dropFirst(directory.count + 1)) }
        return root(from: directory) + path
    }
}
