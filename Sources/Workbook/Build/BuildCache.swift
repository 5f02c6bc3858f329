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
    private(set) var rendered = 0

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

    /// A page's bytes, reused while its inputs are the same.
    func page(_ path: String, key: PageKey, _ make: () -> String) -> [UInt8] {
        if let cached = locked({ pages[path] }), cached.key == key { return cached.bytes }
        let bytes = Array(make().utf8)
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
