import Foundation
import WorkbookMarkdown

/// One build or check, from a content folder to a site in memory: load,
/// check, render. Writing is the caller's step, so `serve` can reuse it.
public struct Build: Sendable {
    public struct Options: Sendable {
        public var contentPath: String
        /// A theme folder given on the command line; else `theme:` of workbook.yaml; else the default.
        public var themePath: String?
        public var defaultThemePath: String
        public var includeDrafts: Bool
        /// A team guide: nothing from the personal layer in any output file.
        public var guide: Bool
        /// Swift renderers for unchanged default templates (Theme.load); off only
        /// to show that they render what the templates render.
        public var nativeTemplates: Bool

        public init(
            contentPath: String, themePath: String? = nil, defaultThemePath: String, includeDrafts: Bool = false, guide: Bool = false,
            nativeTemplates: Bool = true
        ) {
            self.contentPath = contentPath
            self.themePath = themePath
            self.defaultThemePath = defaultThemePath
            self.includeDrafts = includeDrafts
            self.guide = guide
            self.nativeTemplates = nativeTemplates
        }
    }

    public struct Result: Sendable {
        public var site: Site?
        public var workbook: Workbook?
        public var diagnostics: [Diagnostic]
        /// File texts by path, for showing the lines diagnostics point at. A
        /// build without a cache has, of the chapters, only those that
        /// diagnostics point into (`LoadResult.sources`, `readAgain`).
        public var sources: [String: String]
        var resolver: LinkResolver?
        /// Loading's diagnostics and the theme's, apart (a live build patches them).
        var loadDiagnostics: [Diagnostic] = []
        var themeDiagnostics: [Diagnostic] = []
        var theme: Theme?

        public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    }

    /// Loads and checks, without rendering: `workbook check`.
    public static func check(_ options: Options, cache: BuildCache? = nil) -> Result {
        let loaded = WorkbookLoader.load(
            contentPath: options.contentPath, options: LoadOptions(includeDrafts: options.includeDrafts, guide: options.guide), cache: cache)
        return Result(site: nil, workbook: loaded.workbook, diagnostics: loaded.diagnostics, sources: loaded.sources, resolver: loaded.resolver)
    }

    /// Loads, checks and renders. No site when there are errors.
    /// - Parameter cache: a live build's memo (`LiveBuild`): unchanged chapters
    ///   are not parsed again and unchanged pages not rendered again.
    /// - Parameter progress: told each step and how many files it has done.
    public static func run(_ options: Options, cache: BuildCache? = nil, progress: BuildProgress? = nil) -> Result {
        var timer = PhaseTimer()
        progress?.begin(.load)
        var result = check(options, cache: cache)
        timer.mark("load and check")
        result.loadDiagnostics = result.diagnostics
        guard let workbook = result.workbook, result.errorCount == 0 else { return result }
        let themeOverride = options.themePath ?? workbook.settings.theme.flatMap { themeFolder(named: $0, content: options.contentPath) }
        let load = { Theme.load(defaultDirectory: options.defaultThemePath, override: themeOverride, native: options.nativeTemplates) }
        let (theme, problems) = cache.map { $0.theme(stamps: Theme.stamps(defaultDirectory: options.defaultThemePath, override: themeOverride), load) } ?? load()
        result.diagnostics += problems
        result.themeDiagnostics = problems
        guard let theme else { return result }
        result.theme = theme
        timer.mark("theme")
        let site = SiteBuilder.build(workbook, theme: theme, sources: result.sources, cache: cache, resolver: result.resolver, progress: progress)
        timer.mark("render")
        result.site = site
        let found = renderDiagnostics(workbook, site: site, sources: result.sources, cache: cache)
        result.diagnostics += found
        readAgain(Set(found.map(\.path)).intersection(workbook.chapters.map(\.path)).subtracting(result.sources.keys), into: &result)
        timer.mark("sheet fit")
        return result
    }

    /// The texts of chapters that rendering's diagnostics point into, which
    /// loading did not keep (`LoadResult.sources`), read again (as loading
    /// reads them: a regular file, checked) to show their lines.
    static func readAgain(_ paths: Set<String>, into result: inout Result) {
        for path in paths {
            guard case .success(let bytes) = ContentFolder.readRegularFile(path), case .success(let text) = TextCheck.text(bytes) else { continue }
            result.sources[path] = text
        }
    }

    /// What rendering finds: field references too long for their sheet, and a
    /// search index over 5 MB.
    static func renderDiagnostics(_ workbook: Workbook, site: Site, sources: [String: String], cache: BuildCache?) -> [Diagnostic] {
        var diagnostics = parallelMap(workbook.chapters) { chapter in
            let check = { SheetFit.overflowWarnings(chapter) }
            return cache?.sheetFit.value(path: chapter.path, text: sources[chapter.path] ?? "", check) ?? check()
        }.flatMap { $0 }
        if site.searchIndexSize > SearchIndex.warningSize {
            diagnostics.append(.warning(
                "the search index is \(Site.sizeLabel(site.searchIndexSize)), over 5 MB: a page loads it when its reader first searches; consider splitting long chapters' text out of the workbook",
                at: SourceLocation(line: 1, column: 1), path: SearchIndex.fileName))
        }
        return diagnostics
    }

    /// `theme: NAME` in workbook.yaml: `default` is the built-in theme; another
    /// name is a folder `Themes/NAME` beside the content folder, or a path.
    static func themeFolder(named name: String, content: String) -> String? {
        if name == "default" { return nil }
        if name.contains("/") { return name.hasPrefix("/") ? name : ContentFolder(path: content).displayPath(name) }
        let beside = URL(fileURLWithPath: content).standardized.deletingLastPathComponent().appendingPathComponent("Themes/\(name)").path
        return beside
    }
}

/// With `WORKBOOK_TIMING=1`, prints how long each phase of a build took (to standard error).
public struct PhaseTimer {
    public init() {}

    static let enabled = ProcessInfo.processInfo.environment["WORKBOOK_TIMING"] == "1"
    private let enabled = PhaseTimer.enabled
    private var last = DispatchTime.now().uptimeNanoseconds
    private var lastUsage = PhaseTimer.usage()

    /// Reports the phase since the last mark: wall time, the CPU time of all
    /// threads (twice the wall time when two cores were busy throughout), and
    /// page faults.
    public mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let usage = Self.usage()
        let cpu = (usage.cpuMicroseconds - lastUsage.cpuMicroseconds) / 1000
        FileHandle.standardError.write(
            Data("\(phase): \((now - last) / 1_000_000) ms, \(cpu) ms CPU, \(usage.faults - lastUsage.faults) page faults\n".utf8))
        last = now
        lastUsage = usage
    }

    /// The process's CPU time (user and system) and minor page faults so far:
    /// each fault is a first touch of a page of memory.
    private static func usage() -> (cpuMicroseconds: Int, faults: Int) {
        guard enabled else { return (0, 0) }
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func micro(_ t: timeval) -> Int { Int(t.tv_sec) * 1_000_000 + Int(t.tv_usec) }
        return (micro(usage.ru_utime) + micro(usage.ru_stime), Int(usage.ru_minflt))
    }

    /// Runs `body`; with timing on, reports it when it took 5 ms or more (a slow page).
    public static func slow<T>(_ what: String, _ body: () -> T) -> T {
        guard enabled else { return body() }
        let start = DispatchTime.now().uptimeNanoseconds
        let result = body()
        let ms = (DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        if ms >= 5 { FileHandle.standardError.write(Data("    \(what): \(ms) ms\n".utf8)) }
        return result
    }
}
