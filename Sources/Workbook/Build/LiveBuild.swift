import Foundation
import WorkbookMarkdown

/// A build kept in memory between rebuilds, for `serve`: after files change,
/// it rebuilds and says which pages changed. A failed rebuild keeps the last
/// good site.
public final class LiveBuild: @unchecked Sendable {
    public struct Update: Sendable {
        /// The site to serve: the new one, or the last good one when this build has errors.
        public var site: Site?
        /// Site paths whose content changed since the previous good build.
        public var changedPaths: Set<String>
        public var diagnostics: [Diagnostic]
        public var sources: [String: String]
        /// The workbook's title, from workbook.yaml (the last one read when this build could not read it).
        public var title: String?
        /// The folders this build reads: the content folder, then the theme folders.
        /// `serve` watches them; a change to `theme:` in workbook.yaml changes them.
        public var inputFolders: [String]

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    private let options: Build.Options
    private let lock = NSLock()
    private var lastGood: Site?
    private var lastTitle: String?
    /// Parses, link checks and pages of the previous builds, reused when their inputs are unchanged.
    private let cache = BuildCache()
    /// The last good build, to patch when only chapters changed (ChapterPatch).
    private var patch: ChapterPatch?
    /// Whether the last rebuild patched the build before it (for tests).
    private(set) var patched = false
    /// How many pages the last rebuild rendered (the rest were reused).
    public private(set) var pagesRendered = 0

    public init(options: Build.Options) {
        self.options = options
    }

    /// Builds everything.
    public func build() -> Update {
        rebuild(changed: [])
    }

    /// Rebuilds after the files at `changed` were created, modified or deleted.
    public func rebuild(changed: Set<String>) -> Update {
        lock.lock()
        defer { lock.unlock() }
        var timer = PhaseTimer()
        cache.files.forget(changed)
        let result: Build.Result
        if let patchedBuild = patch?.rebuild(changed: changed, cache: cache) {
            result = patchedBuild.result
            patch = patchedBuild.next
            patched = true
            timer.mark("patch")
            // What the patch did not look up is still the workbook's.
            pagesRendered = cache.finishBuild(forgetUnused: false)
        } else {
            result = Build.run(options, cache: cache)
            patched = false
            timer.mark("build")
            pagesRendered = cache.finishBuild(forgetUnused: result.site != nil)
            timer.mark("forget unused pages")
            // A failed build leaves files a patch of the last good one would not see.
            patch = result.errorCount == 0 ? ChapterPatch(result) : nil
        }
        if let title = result.workbook?.settings.title { lastTitle = title }
        let folders = inputFolders(themeSetting: result.workbook?.settings.theme)
        guard let site = result.site, result.errorCount == 0 else {
            return Update(site: lastGood, changedPaths: [], diagnostics: result.diagnostics, sources: result.sources, title: lastTitle, inputFolders: folders)
        }
        // A copied file keeps the same `.copy(from:)` when only its bytes change.
        let changedPaths = Self.difference(lastGood, site).union(Self.copies(in: site, from: changed))
        timer.mark("changed pages")
        lastGood = site
        return Update(site: site, changedPaths: changedPaths, diagnostics: result.diagnostics, sources: result.sources, title: lastTitle, inputFolders: folders)
    }

    private func inputFolders(themeSetting: String?) -> [String] {
        let override = options.themePath ?? themeSetting.flatMap { Build.themeFolder(named: $0, content: options.contentPath) }
        return [options.contentPath] + (override.map { [$0] } ?? []) + [options.defaultThemePath]
    }

    /// Site paths of the files copied from one of the `changed` source files.
    static func copies(in site: Site, from changed: Set<String>) -> Set<String> {
        guard !changed.isEmpty else { return [] }
        let sources = Set(changed.map(FileCache.absolute))
        var paths: Set<String> = []
        for (path, content) in site.files {
            if case .copy(let source) = content, sources.contains(FileCache.absolute(source)) { paths.insert(path) }
        }
        return paths
    }


    static func difference(_ old: Site?, _ new: Site) -> Set<String> {
        guard let old else { return Set(new.files.keys) }
        var changed: Set<String> = []
        for (path, content) in new.files where old.files[path] != content { changed.insert(path) }
        for path in old.files.keys where new.files[path] == nil { changed.insert(path) }
        return changed
    }
}
