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

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    private let options: Build.Options
    private let lock = NSLock()
    private var lastGood: Site?

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
        let result = Build.run(options)
        guard let site = result.site, result.errorCount == 0 else {
            return Update(site: lastGood, changedPaths: [], diagnostics: result.diagnostics, sources: result.sources)
        }
        let changedPaths = Self.difference(lastGood, site)
        lastGood = site
        return Update(site: site, changedPaths: changedPaths, diagnostics: result.diagnostics, sources: result.sources)
    }

    static func difference(_ old: Site?, _ new: Site) -> Set<String> {
        guard let old else { return Set(new.files.keys) }
        var changed: Set<String> = []
        for (path, content) in new.files where old.files[path] != content { changed.insert(path) }
        for path in old.files.keys where new.files[path] == nil { changed.insert(path) }
        return changed
    }
}
