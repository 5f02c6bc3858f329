import Foundation
import WorkbookMarkdown

/// `serve`'s quick rebuild: when only chapter files changed, and nothing
/// other pages or checks use of those chapters changed with them (front
/// matter, reading time, ids, drills, rubrics, field references and avoid
/// phrases as shown elsewhere), the last good build is patched instead of
/// built again: the chapters are parsed and their links checked, their
/// bodies, pages and sheets rendered, and the pages made of every chapter
/// (print, drills, the search index) assembled again from cached sections.
/// Everything else (the other pages, the workbook-wide checks) is the last
/// build's. Anything else that changed, or any doubt, is a full rebuild: the
/// result is always what a full build makes of the same files
/// (LiveBuildEquivalenceTests).
struct ChapterPatch {
    /// The last good build.
    let result: Build.Result
    /// Each chapter's place in the workbook, by name.
    let chapterAt: [String: Int]
    /// The chapters folder, standardised, with a slash: what changed there is a chapter or does not count.
    let chaptersFolder: String
    /// The last build's view model sources, once a patch has made them.
    let pages: PageBuilder?

    init?(_ result: Build.Result) {
        guard let workbook = result.workbook, result.site != nil, result.theme != nil, result.resolver != nil else { return nil }
        var chapterAt: [String: Int] = [:]
        for (index, chapter) in workbook.chapters.enumerated() { chapterAt[chapter.name] = index }
        let folder = FileCache.absolute(ContentFolder(path: workbook.contentPath).displayPath("chapters")) + "/"
        self.init(result: result, chapterAt: chapterAt, chaptersFolder: folder, pages: nil)
    }

    private init(result: Build.Result, chapterAt: [String: Int], chaptersFolder: String, pages: PageBuilder?) {
        (self.result, self.chapterAt, self.chaptersFolder, self.pages) = (result, chapterAt, chaptersFolder, pages)
    }

    /// The build after the files at `changed` changed, or nil when only a full build can tell.
    func rebuild(changed: Set<String>, cache: BuildCache) -> (result: Build.Result, next: ChapterPatch)? {
        guard var workbook = result.workbook, let site = result.site, let theme = result.theme, var resolver = result.resolver,
            !changed.isEmpty,
            // Duplicate ids are reported with the other chapter's line; with
            // `chapters:` a chapter's own file can hold a warning about its place.
            !result.loadDiagnostics.contains(where: { $0.message.hasPrefix("duplicate id") }), workbook.settings.chapterOrder == nil
        else { return Self.full("the last build has duplicate ids or a `chapters:` order") }
        // Links kept from a one-off build's check would be stale for edited chapters.
        resolver.resolved = [:]
        var timer = PhaseTimer()
        var indices: [Int] = []
        for path in changed.map(FileCache.absolute) {
            let name = path.hasPrefix(chaptersFolder) && path.hasSuffix(".md") ? String(path.dropFirst(chaptersFolder.count).dropLast(3)) : nil
            if let name, let index = chapterAt[name] {
                indices.append(index)
                continue
            }
            // An editor's temporary file, gone again: not part of any build.
            let gone = !FileManager.default.fileExists(atPath: path)
            let stray = path.hasPrefix(chaptersFolder) && !path.dropFirst(chaptersFolder.count).contains("/") && !path.hasSuffix(".md")
            guard gone, stray else { return Self.full("\(path) is not a chapter of the last build") }
        }
        let folder = ContentFolder(path: workbook.contentPath, files: cache.files)
        var sources = result.sources
        var own: [Diagnostic] = []
        var paths: Set<String> = []
        for index in indices {
            let old = workbook.chapters[index]
            guard case .file(let file) = folder.read("chapters/\(old.name).md"), file.displayPath == old.path else { return Self.full("\(old.path) cannot be read") }
            let read = { ChapterReader.read(file.bytes, path: file.displayPath, name: old.name) }
            let (parsed, problems) = cache.parses.value(path: file.displayPath, text: file.text, read)
            guard let chapter = parsed, !problems.contains(where: { $0.severity == .error }) else { return Self.full("\(old.path) has errors") }
            guard Self.showsTheSame(old, chapter), avoidPhrasesAgree(old, chapter) else { return Self.full("other pages show what changed in \(old.path)") }
            let check = { LinkChecker.check([chapter], resolver: resolver) }
            let links = cache.links.value(path: chapter.path, text: file.text, also: resolver.fingerprint, check)
            guard !links.contains(where: { $0.severity == .error }) else { return Self.full("\(old.path) has a broken link") }
            own += problems + links
            guard own.filter({ $0.path == chapter.path }).count < Limits.diagnosticsPerFile,
                result.loadDiagnostics.filter({ $0.path == chapter.path }).count < Limits.diagnosticsPerFile
            else { return Self.full("\(old.path) has too many diagnostics") }
            workbook.chapters[index] = chapter
            sources[chapter.path] = file.text
            paths.insert(chapter.path)
        }

        timer.mark("  read, parse and check")
        let pages = (self.pages ?? PageBuilder(workbook: result.workbook!, generator: SiteBuilder.generator, resolver: resolver)).replacing(indices, in: workbook)
        let context = RenderContext(
            workbook: workbook, theme: theme, pages: pages, sources: sources, cache: cache, progress: nil,
            shared: SiteBuilder.sharedKey(workbook, theme: theme, resolver: resolver, sources: sources))
        timer.mark("  view models")
        // Bodies as they are needed: the other chapters' print sections are cached.
        let chapterJobs = context.chapterJobs { context.body($0) }
        let names = Set(indices.map { workbook.chapters[$0].name })
        var patched = site
        for job in context.workbookJobs(printSections: context.printSections()) + indices.map({ chapterJobs[$0] }) + context.sheetJobs(of: names) {
            let (path, content) = job()
            patched.files[path] = content
        }
        timer.mark("  pages")
        patched.files[SearchIndex.fileName] = context.searchIndex()
        timer.mark("  search index")

        var next = result
        next.workbook = workbook
        next.sources = sources
        next.site = patched
        next.loadDiagnostics = WorkbookLoader.ordered(result.loadDiagnostics.filter { !paths.contains($0.path) } + own)
        next.diagnostics = next.loadDiagnostics + result.themeDiagnostics
            + Build.renderDiagnostics(workbook, site: patched, sources: sources, cache: cache)
        timer.mark("  diagnostics")
        return (next, ChapterPatch(result: next, chapterAt: chapterAt, chaptersFolder: chaptersFolder, pages: pages))
    }

    /// The same avoid phrases; on other lines only when no story's finding
    /// cites them (a finding names the line a phrase is listed on).
    func avoidPhrasesAgree(_ old: Chapter, _ new: Chapter) -> Bool {
        guard old.avoidPhrases.map(\.text) == new.avoidPhrases.map(\.text) else { return false }
        if old.avoidPhrasesHash == new.avoidPhrasesHash { return true }
        let cited = "(listed at chapters/\(old.name).md:"
        return !(result.workbook?.personal?.stories ?? []).contains { $0.findings.contains { $0.message.contains(cited) } }
    }

    /// No patch; with `WORKBOOK_TIMING=1`, says why.
    private static func full(_ why: String) -> (result: Build.Result, next: ChapterPatch)? {
        if PhaseTimer.enabled { FileHandle.standardError.write(Data("full rebuild: \(why)\n".utf8)) }
        return nil
    }

    /// Whether every page but the chapter's own, and every check but its
    /// links, sees the same of `new` as of `old`.
    static func showsTheSame(_ old: Chapter, _ new: Chapter) -> Bool {
        old.name == new.name && old.front == new.front && old.minutes == new.minutes && old.ids == new.ids
            && old.drills.map(\.id) == new.drills.map(\.id) && old.drills.map(\.title) == new.drills.map(\.title)
            && old.drills.map(\.timebox) == new.drills.map(\.timebox)
            && old.fieldrefs.map(\.id) == new.fieldrefs.map(\.id) && old.fieldrefTitles == new.fieldrefTitles
            && old.rubrics.count == new.rubrics.count && zip(old.rubrics, new.rubrics).allSatisfy { $0.showsTheSame(as: $1) }
    }
}

extension Rubric {
    /// The same rubric wherever it is shown, wherever it is written.
    func showsTheSame(as other: Rubric) -> Bool {
        id == other.id && title == other.title && anchors == other.anchors && gate == other.gate && requirements == other.requirements
            && prose == other.prose
            && dimensions.map(\.name) == other.dimensions.map(\.name) && dimensions.map(\.descriptors) == other.dimensions.map(\.descriptors)
            && bands.map(\.range) == other.bands.map(\.range) && bands.map(\.text) == other.bands.map(\.text)
    }
}
