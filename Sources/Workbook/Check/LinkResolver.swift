import WorkbookMarkdown

/// What a link in a chapter points to, independent of the page it is shown on.
public enum LinkTarget: Sendable, Hashable {
    /// Another site, or a `mailto:`: kept as written.
    case external(String)
    /// A chapter page, with an optional anchor.
    case chapter(name: String, anchor: String?)
    /// An id in the chapter the link is written in.
    case anchor(String)
    /// A file copied from the content folder, by its path in the site (`assets/x.png`).
    case file(String)
    /// Rendered as its text alone (a draft left out, a dangerous URL).
    case none
}

/// Resolves link destinations written in chapters: pure, so the checker and
/// every page renderer agree.
struct LinkResolver: Sendable {
    struct Problem: Error {
        var severity: Diagnostic.Severity
        var message: String
        /// What to render anyway (warnings only).
        var fallback: LinkTarget
    }

    let chapterIDs: [String: Set<String>]
    /// Ids of pages that are not link targets themselves (stories), by `stories/<name>`.
    let otherIDs: [String: Set<String>]
    let drafts: Set<String>
    let files: Set<String>

    init(chapters: [Chapter], drafts: Set<String>, assets: Set<String>, stories: [Story] = []) {
        var hasher = Hasher()
        for chapter in chapters {
            hasher.combine(chapter.name)
            hasher.combine(chapter.idsHash)
        }
        var ids: [String: Set<String>] = [:]
        for chapter in chapters { ids[chapter.name] = chapter.ids }
        self.chapterIDs = ids
        var other: [String: Set<String>] = [:]
        for story in stories { other["stories/" + story.name] = story.ids }
        self.otherIDs = other
        self.drafts = drafts
        self.files = assets
        for name in other.keys.sorted() {
            hasher.combine(name)
            hasher.combine(other[name])
        }
        hasher.combine(drafts)
        hasher.combine(assets)
        fingerprint = hasher.finalize()
    }

    /// Equal for two resolvers that resolve every link alike (within one process).
    let fingerprint: Int

    /// What the link check found each chapter's links lead to, by chapter name
    /// and destination, so that rendering does not resolve them again. Filled
    /// by a one-off build's loading (`WorkbookLoader`); empty in `serve`,
    /// where a chapter's check may be reused from before an edit.
    var resolved: [String: [String: LinkTarget]] = [:]


    /// Resolves a destination written in the page `name` of `directory` (`chapters` or `stories`).
    func resolve(_ destination: String, from name: String, in directory: String = "chapters") -> Result<LinkTarget, Problem> {
        if destination.isEmpty { return .success(.external("")) }
        if destination.hasPrefix("#") {
            let anchor = String(destination.dropFirst()).removingPercentEncodingSafely
            let ids = directory == "chapters" ? chapterIDs[name] : otherIDs[directory + "/" + name]
            guard ids?.contains(anchor) ?? false else {
                let what = directory == "chapters" ? "chapter" : "story"
                return .failure(Problem(severity: .error, message: "broken anchor `\(destination)`: this \(what) has no heading or block with id `\(anchor)`", fallback: .anchor(anchor)))
            }
            return .success(.anchor(anchor))
        }
        if Self.hasScheme(destination) || destination.hasPrefix("//") {
            if HTMLEscaping.isDangerous(destination) {
                let scheme = destination.prefix { $0 != ":" }
                return .failure(Problem(severity: .warning, message: "link to a `\(scheme):` URL dropped: it could run code in a reader's browser", fallback: .none))
            }
            return .success(.external(destination))
        }
        var pathPart = Substring(destination)
        var anchor: String?
        if let hash = Self.firstIndex(of: "#", in: pathPart) {
            anchor = String(pathPart[pathPart.index(after: hash)...]).removingPercentEncodingSafely
            pathPart = pathPart[..<hash]
        }
        if let query = Self.firstIndex(of: "?", in: pathPart) { pathPart = pathPart[..<query] }
        let decoded = String(pathPart).removingPercentEncodingSafely
        guard let path = Self.normalize(decoded, relativeTo: decoded.hasPrefix("/") ? "" : directory) else {
            return .failure(Problem(severity: .error, message: "broken link `\(destination)`: it leaves the workbook folder", fallback: .none))
        }
        if path.hasSuffix(".md") {
            guard path.hasPrefix("chapters/"), !path.withUTF8Bytes({ UnsafeBufferPointer(rebasing: $0["chapters/".utf8.count...]).contains(UInt8(ascii: "/")) }) else {
                return .failure(Problem(severity: .error, message: "broken link `\(destination)`: `\(path)` is not a chapter of this workbook", fallback: .none))
            }
            let name = String(path.dropFirst("chapters/".count).dropLast(3))
            if drafts.contains(name) {
                return .failure(Problem(severity: .warning, message: "link to draft chapter `\(path)`, which this build leaves out (build with --drafts to include it); shown as plain text", fallback: .none))
            }
            guard let ids = chapterIDs[name] else {
                return .failure(Problem(severity: .error, message: "broken link `\(destination)`: no chapter `\(path)`", fallback: .none))
            }
            if let anchor, !anchor.isEmpty, !ids.contains(anchor) {
                return .failure(Problem(severity: .error, message: "broken link `\(destination)`: `\(path)` has no heading or block with id `\(anchor)`", fallback: .chapter(name: name, anchor: anchor)))
            }
            return .success(.chapter(name: name, anchor: anchor.flatMap { $0.isEmpty ? nil : $0 }))
        }
        guard files.contains(path) else {
            return .failure(Problem(severity: .warning, message: "broken link `\(destination)`: no file `\(path)` in the workbook (files to link go in `assets/`)", fallback: .file(path)))
        }
        return .success(.file(path))
    }

    /// The target to render: the resolved one, or the fallback of a problem.
    func target(_ destination: String, from name: String, in directory: String = "chapters") -> LinkTarget {
        if directory == "chapters", let known = resolved[name]?[destination] { return known }
        return switch resolve(destination, from: name, in: directory) {
        case .success(let target): target
        case .failure(let problem): problem.fallback
        }
    }

    /// The first `character` (an ASCII one) of `s`, as `firstIndex(of:)` finds
    /// it: by bytes when the text is ASCII, where bytes are characters.
    static func firstIndex(of character: Unicode.Scalar, in s: Substring) -> Substring.Index? {
        // ASCII, most links: the bytes read in place (a Substring's UTF-8 view walks index by index).
        let byte = UInt8(ascii: character)
        if let ascii = s.utf8.withContiguousStorageIfAvailable({ bytes in (bytes.allSatisfy { $0 < 0x80 }, bytes.firstIndex(of: byte)) }), ascii.0 {
            return ascii.1.map { s.utf8.index(s.startIndex, offsetBy: $0) }
        }
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.utf8.firstIndex(of: byte) }
        return s.firstIndex(of: Character(character))
    }

    static func hasScheme(_ s: String) -> Bool {
        guard let colon = firstIndex(of: ":", in: Substring(s)), colon != s.startIndex else { return false }
        let scheme = s[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "." || $0 == "-") }
    }

    /// `../assets/x.png` from `chapters` → `assets/x.png`; nil when it climbs out.
    static func normalize(_ path: String, relativeTo base: String) -> String? {
        // One name, the usual case (`other.md`): nothing to resolve.
        if !path.containsByte(UInt8(ascii: "/")), !path.isEmpty, path != ".", path != ".." {
            return base.isEmpty ? path : base + "/" + path
        }
        var parts = base.isEmpty ? [] : base.split(separator: "/").map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}

extension String {
    /// Percent-decoded when valid, else unchanged.
    var removingPercentEncodingSafely: String {
        guard containsByte(UInt8(ascii: "%")) else { return self }
        return removingPercentEncoding ?? self
    }
}

import Foundation
