import Foundation
import WorkbookMarkdown

/// What a live build keeps between rebuilds: each file's parse and checks,
/// and each page's bytes, with the inputs they came from. A rebuild after one
/// chapter changed parses that chapter again and renders the pages whose
/// inputs changed; the rest is reused.
public final class BuildCache: @unchecked Sendable {
    /// The inputs a page was rendered from: what every page shares (settings,
    /// theme, link targets), then what is the page's own.
    struct PageKey: Equatable {
        var shared: Int
        var own: [String]
    }

    private let lock = NSLock()
    /// A page's bytes (in one piece or more) with the inputs they came from,
    /// and the last build that looked it up.
    private final class Page {
        let key: PageKey
        let pieces: [[UInt8]]
        /// A section kept as runs of other arrays (`slices`).
        let slices: [ArraySlice<UInt8>]
        var build: Int

        init(key: PageKey, pieces: [[UInt8]] = [], slices: [ArraySlice<UInt8>] = [], build: Int) {
            (self.key, self.pieces, self.slices, self.build) = (key, pieces, slices, build)
        }
    }

    private var pages: [String: Page] = [:]
    /// Counts builds: a page looked up by the build under way carries its number.
    private var build = 0
    private var matcher: (key: Int, matcher: PhraseMatcher)?
    /// The key of the last duplicate-id check that found no duplicates.
    private var uniqueIDs: Int?
    private var theme: (stamps: [String], theme: Theme, diagnostics: [Diagnostic])?
    private(set) var rendered = 0
    /// The content folder's files, reused while unchanged on disk.
    let files = FileCache()

    public init() {}

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// What is computed from one file: parses, checks, and the strings pages are keyed by.
    let parses = MemoTable<(Chapter?, [Diagnostic])>()
    let stories = MemoTable<(Story?, [Diagnostic])>()
    let scores = MemoTable<([ScoreEntry], [Diagnostic])>()
    let links = MemoTable<[Diagnostic]>()
    let findings = MemoTable<[Diagnostic]>()
    let sheetFit = MemoTable<[Diagnostic]>()
    let summaries = MemoTable<String>()
    let sidebarItems = MemoTable<String>()

    private var tables: [() -> Void] {
        [parses.forgetUnused, stories.forgetUnused, scores.forgetUnused, links.forgetUnused, findings.forgetUnused,
         sheetFit.forgetUnused, summaries.forgetUnused, sidebarItems.forgetUnused]
    }

    /// The files something is remembered for (for tests).
    var rememberedPaths: Set<String> {
        parses.paths.union(stories.paths).union(scores.paths).union(links.paths).union(findings.paths)
            .union(sheetFit.paths).union(summaries.paths).union(sidebarItems.paths)
    }

    /// The theme, reused while none of its files changed (`stamps` describes them).
    func theme(stamps: [String], _ make: () -> (Theme?, [Diagnostic])) -> (Theme?, [Diagnostic]) {
        if let cached = locked({ theme }), cached.stamps == stamps { return (cached.theme, cached.diagnostics) }
        let (made, diagnostics) = make()
        locked { theme = made.map { (stamps, $0, diagnostics) } }
        return (made, diagnostics)
    }

    /// The avoid-phrase matcher, reused while the phrases (and where they are listed) are the same.
    func phraseMatcher(key: Int, _ make: () -> PhraseMatcher) -> PhraseMatcher {
        if let cached = locked({ matcher }), cached.key == key { return cached.matcher }
        let made = make()
        locked { matcher = (key, made) }
        return made
    }

    /// The duplicate-id check: no diagnostics while the chapters and their ids
    /// are those of a check that found none (`key`); otherwise run again, as
    /// duplicates are reported with their lines.
    func idCheck(key: Int, _ check: () -> [Diagnostic]) -> [Diagnostic] {
        if locked({ uniqueIDs }) == key { return [] }
        let diagnostics = check()
        locked { uniqueIDs = diagnostics.isEmpty ? key : nil }
        return diagnostics
    }

    /// A page's bytes, reused while its inputs are the same.
    func page(_ path: String, key: PageKey, _ make: () -> [UInt8]) -> [UInt8] {
        pieces(path, key: key) { [make()] }[0]
    }

    /// A page kept in pieces (the shell of a page of sections, split at its
    /// markers), reused while its inputs are the same: the same arrays each
    /// time, so comparing them with the last build's is quick.
    func pieces(_ path: String, key: PageKey, _ make: () -> [[UInt8]]) -> [[UInt8]] {
        cached(path, key: key, \.pieces) { Page(key: key, pieces: make(), build: 0) }
    }

    /// A section kept as runs of other arrays (a chapter's part of the print
    /// page, mostly runs of its body), reused while its inputs are the same.
    func slices(_ path: String, key: PageKey, _ make: () -> [ArraySlice<UInt8>]) -> [ArraySlice<UInt8>] {
        cached(path, key: key, \.slices) { Page(key: key, slices: make(), build: 0) }
    }

    /// The field of the page kept for `path` if its key matches; otherwise of the page `make` makes, kept.
    private func cached<T>(_ path: String, key: PageKey, _ field: KeyPath<Page, T>, _ make: () -> Page) -> T {
        let cached = locked { () -> Page? in
            let page = pages[path]
            page?.build = build
            return page
        }
        if let cached, cached.key == key { return cached[keyPath: field] }
        let page = PhaseTimer.slow("rendered \(path)", make)
        locked {
            page.build = build
            pages[path] = page
            rendered += 1
        }
        return page[keyPath: field]
    }

    /// Forgets pages that are no longer built; returns how many pages were
    /// rendered since the last call.
    /// - Parameter forgetUnused: forget the pages this build did not look up
    ///   (a build that stopped at errors looked up none, and forgets nothing).
    func finishBuild(forgetUnused: Bool) -> Int {
        locked {
            if forgetUnused {
                let current = build
                if pages.values.contains(where: { $0.build != current }) { pages = pages.filter { $0.value.build == current } }
                files.forgetUnread()
                for forget in tables { forget() }
            }
            build += 1
            defer { rendered = 0 }
            return rendered
        }
    }
}
