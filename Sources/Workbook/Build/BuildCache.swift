import Foundation
import WorkbookMarkdown

/// What a live build keeps between rebuilds: each chapter's parse, each
/// chapter's link checks and each page's bytes, with the inputs they came
/// from. A rebuild after one chapter changed parses that chapter again and
/// renders the pages whose inputs changed; the rest is reused.
public final class BuildCache: @unchecked Sendable {
    /// The inputs a page was rendered from: what every page shares (settings,
    /// theme, link targets), then what is the page's own.
    struct PageKey: Equatable {
        var shared: Int
        var own: [String]
    }

    private let lock = NSLock()
    private var parses: [String: (text: String, result: (Chapter?, [Diagnostic]))] = [:]
    private var links: [String: (text: String, targets: Int, diagnostics: [Diagnostic])] = [:]
    private var pages: [String: (key: PageKey, bytes: [UInt8])] = [:]
    private var stories: [String: (text: String, result: (Story?, [Diagnostic]))] = [:]
    private var matcher: (key: Int, matcher: PhraseMatcher)?
    private var chapterDiagnostics: [String: (text: String, diagnostics: [Diagnostic])] = [:]
    private var findings: [String: (text: String, phrases: Int, findings: [Diagnostic])] = [:]
    private(set) var rendered = 0
    /// The content folder's files, reused while unchanged on disk.
    let files = FileCache()

    public init() {}

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// A chapter's parse, reused while its text is the same.
    func parse(path: String, text: String, _ make: () -> (Chapter?, [Diagnostic])) -> (Chapter?, [Diagnostic]) {
        if let cached = locked({ parses[path] }), cached.text == text { return cached.result }
        let result = make()
        locked { parses[path] = (text, result) }
        return result
    }

    /// A story's parse, reused while its text is the same.
    func story(path: String, text: String, _ make: () -> (Story?, [Diagnostic])) -> (Story?, [Diagnostic]) {
        if let cached = locked({ stories[path] }), cached.text == text { return cached.result }
        let result = make()
        locked { stories[path] = (text, result) }
        return result
    }

    /// A chapter's link diagnostics, reused while its text and the set of link
    /// targets (every chapter's ids, drafts, files) are the same.
    func links(path: String, text: String, targets: Int, _ make: () -> [Diagnostic]) -> [Diagnostic] {
        if let cached = locked({ links[path] }), cached.text == text, cached.targets == targets { return cached.diagnostics }
        let result = make()
        locked { links[path] = (text, targets, result) }
        return result
    }

    /// Diagnostics that depend on one file alone (`what` names the check), reused while its text is the same.
    func diagnostics(_ what: String, path: String, text: String, _ make: () -> [Diagnostic]) -> [Diagnostic] {
        let key = what + "\u{1}" + path
        if let cached = locked({ chapterDiagnostics[key] }), cached.text == text { return cached.diagnostics }
        let made = make()
        locked { chapterDiagnostics[key] = (text, made) }
        return made
    }

    /// The avoid-phrase matcher, reused while the phrases (and where they are listed) are the same.
    func phraseMatcher(key: Int, _ make: () -> PhraseMatcher) -> PhraseMatcher {
        if let cached = locked({ matcher }), cached.key == key { return cached.matcher }
        let made = make()
        locked { matcher = (key, made) }
        return made
    }

    /// A story's findings, reused while its text and the avoid phrases are the same.
    func findings(path: String, text: String, phrases: Int, _ make: () -> [Diagnostic]) -> [Diagnostic] {
        if let cached = locked({ findings[path] }), cached.text == text, cached.phrases == phrases { return cached.findings }
        let made = make()
        locked { findings[path] = (text, phrases, made) }
        return made
    }

    /// A page's bytes, reused while its inputs are the same.
    func page(_ path: String, key: PageKey, _ make: () -> [UInt8]) -> [UInt8] {
        if let cached = locked({ pages[path] }), cached.key == key { return cached.bytes }
        let bytes = PhaseTimer.slow("rendered \(path)", make)
        locked {
            pages[path] = (key, bytes)
            rendered += 1
        }
        return bytes
    }

    /// Forgets pages that are no longer built; returns how many pages were
    /// rendered since the last call.
    func finishBuild(keeping paths: Set<String>) -> Int {
        locked {
            pages = pages.filter { paths.contains($0.key) }
            defer { rendered = 0 }
            return rendered
        }
    }
}
