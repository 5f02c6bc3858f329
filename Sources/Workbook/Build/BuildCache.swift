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
    private var pages: [String: (key: PageKey, bytes: [UInt8])] = [:]
    private var matcher: (key: Int, matcher: PhraseMatcher)?
    private var memos: [String: (text: String, also: Int, value: any Sendable)] = [:]
    /// Pages and memos looked up by the build under way: the others (a
    /// deleted chapter's) are forgotten when it ends.
    private var used: Set<String> = []
    private var usedMemos: Set<String> = []
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

    /// Something computed from one file (`what` names it: its parse, its link
    /// checks, ...), reused while the file's text is the same, and `also`, a
    /// fingerprint of anything else it depends on (the link targets, the avoid
    /// phrases).
    func memo<T: Sendable>(_ what: String, path: String, text: String, also: Int = 0, _ make: () -> T) -> T {
        let key = what + "\u{1}" + path
        if let cached = locked({ usedMemos.insert(key); return memos[key] }), cached.text == text, cached.also == also,
            let value = cached.value as? T
        {
            return value
        }
        let made = make()
        locked { memos[key] = (text, also, made) }
        return made
    }

    /// The files something is remembered for (for tests).
    var rememberedPaths: Set<String> {
        locked { Set(memos.keys.map { String($0.split(separator: "\u{1}", maxSplits: 1)[1]) }) }
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

    /// A page's bytes, reused while its inputs are the same.
    func page(_ path: String, key: PageKey, _ make: () -> [UInt8]) -> [UInt8] {
        if let cached = locked({ used.insert(path); return pages[path] }), cached.key == key { return cached.bytes }
        let bytes = PhaseTimer.slow("rendered \(path)", make)
        locked {
            pages[path] = (key, bytes)
            rendered += 1
        }
        return bytes
    }

    /// Forgets pages that are no longer built; returns how many pages were
    /// rendered since the last call.
    /// - Parameter forgetUnused: forget the pages this build did not look up
    ///   (a build that stopped at errors looked up none, and forgets nothing).
    func finishBuild(forgetUnused: Bool) -> Int {
        locked {
            if forgetUnused, used.count < pages.count { pages = pages.filter { used.contains($0.key) } }
            if forgetUnused, usedMemos.count < memos.count { memos = memos.filter { usedMemos.contains($0.key) } }
            if forgetUnused { files.forgetUnread() }
            used.removeAll(keepingCapacity: true)
            usedMemos.removeAll(keepingCapacity: true)
            defer { rendered = 0 }
            return rendered
        }
    }
}
