import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file the site copies as it is (an asset, a theme file), read for a
/// request. Only if, with every symlink resolved, it is still inside the
/// folder it is copied from: a symlink in `assets/` pointing out of it is
/// never served.
enum CopiedFile {
    static func read(_ source: String, sitePath: String) -> [UInt8]? {
        guard let resolved = resolve(source, sitePath: sitePath), let data = FileManager.default.contents(atPath: resolved) else { return nil }
        return Array(data)
    }

    /// The file's real path, or nil when it escapes its folder or does not exist.
    static func resolve(_ source: String, sitePath: String) -> String? {
        guard let real = realPath(source), let root = realPath(folder(of: source, sitePath: sitePath)) else { return nil }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return real.hasPrefix(prefix) ? real : nil
    }

    /// The folder the site copies from: `Content/assets` for `assets/a/b.png`
    /// from `Content/assets/a/b.png`, `Themes/default/static` for `theme/style.css`.
    static func folder(of source: String, sitePath: String) -> String {
        let inside = sitePath.split(separator: "/", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
        if !inside.isEmpty, source.hasSuffix("/" + inside) {
            return String(source.dropLast(inside.count + 1))
        }
        return (source as NSString).deletingLastPathComponent
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
