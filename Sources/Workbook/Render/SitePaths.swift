import WorkbookMarkdown

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
        // By bytes, as the file system splits paths (and without walking Characters).
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// The prefix from a page in `directory` to the site root: "" or "../" per level.
    static func root(from directory: String) -> String {
        // One `../` per name in the path (empty names, as in `a//b`, skipped).
        var names = 0
        var previous = UInt8(ascii: "/")
        for byte in directory.utf8 {
            if previous == UInt8(ascii: "/"), byte != UInt8(ascii: "/") { names += 1 }
            previous = byte
        }
        switch names {
        case 0: return ""
        case 1: return "../"
        default: return String(repeating: "../", count: names)
        }
    }

    /// A relative URL from a page in `directory` to `path`, so the site works
    /// opened from disk and under any sub-path.
    static func relative(from directory: String, to path: String) -> String {
        if !directory.isEmpty, path.hasPrefix(directory + "/") { return url(String(path.dropFirst(directory.count + 1))) }
        return root(from: directory) + url(path)
    }

    /// A site path as a URL path: file names come from the author, and a `:`
    /// in one would read as a scheme (`javascript:x.html`), a `#` or `?` would
    /// cut the path; such bytes are percent-encoded.
    static func url(_ path: String) -> String {
        // The table and the bytes read in place: a closure per byte of `utf8` was 1% of a build.
        let safe = path.withUTF8Bytes { bytes in urlSafe.withUnsafeBufferPointer { table in bytes.allSatisfy { table[Int($0)] } } }
        if safe { return path }
        var out: [UInt8] = []
        let hex = Array("0123456789ABCDEF".utf8)
        for b in path.utf8 {
            if isURLSafe(b) {
                out.append(b)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Letters, digits, `-._~/!$&'()*+,;=@`, and any byte of a non-ASCII character.
    private static func isURLSafe(_ b: UInt8) -> Bool { urlSafe[Int(b)] }

    /// `isURLSafe` by byte: every link and navigation URL of every page passes
    /// through `url`, and searching the punctuation for each byte was 1% of a build.
    private static let urlSafe: [Bool] = (0...255).map { (b: Int) in
        b >= 0x80 || (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
            || "-._~/!$&'()*+,;=@".utf8.contains(UInt8(b))
    }
}
