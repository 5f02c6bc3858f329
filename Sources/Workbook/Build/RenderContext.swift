import WorkbookMarkdown

/// What every page of one build is rendered with: the workbook, the theme,
/// the view models, and (in `serve`) the cache that reuses a page while its
/// inputs are the same: what every page shares (`shared`), and what is the
/// page's own. A class: thousands of page jobs hold it, and a reference is
/// one retain where a copy of every field was dozens.
final class RenderContext: Sendable {
    let workbook: Workbook
    let theme: Theme
    let pages: PageBuilder
    /// File texts by path, as loading read them (pages are keyed by them).
    let sources: [String: String]
    let cache: BuildCache?
    let progress: BuildProgress?
    /// Settings, theme, link targets and which stories answer which drills.
    let shared: Int

    init(workbook: Workbook, theme: Theme, pages: PageBuilder, sources: [String: String], cache: BuildCache?, progress: BuildProgress?, shared: Int) {
        self.workbook = workbook
        self.theme = theme
        self.pages = pages
        self.sources = sources
        self.cache = cache
        self.progress = progress
        self.shared = shared
    }

    /// A page's job: its path and how to render it.
    typealias Job = @Sendable () -> (String, Site.Content)

    func text(_ chapter: Chapter) -> String { sources[chapter.path] ?? "" }

    /// Renders through the cache when there is one; `own` is what the file depends on besides `shared`.
    func cachedBytes(_ path: String, _ own: [String], _ make: () -> [UInt8]) -> [UInt8] {
        guard let cache else { return make() }
        return cache.page(path, key: BuildCache.PageKey(shared: shared, own: own), make)
    }

    /// What the theme's `template` renders from `viewModel`, through the cache.
    func rendered<Model>(_ path: String, _ own: [String], template: String, _ viewModel: () -> Model) -> [UInt8] {
        cachedBytes(path, own) { theme.renderBytes(viewModel(), template: template) }
    }

    /// A page rendered from the theme's `template`, through the cache.
    func page<Model>(_ path: String, _ own: [String], template: String, _ viewModel: () -> Model) -> Site.Content {
        .bytes(rendered(path, own, template: template, viewModel))
    }

    /// What a chapter shows of itself on other pages, as one string, kept in
    /// `table` while its text is the same.
    func shown(_ table: KeyPath<BuildCache, MemoTable<String>>, _ chapter: Chapter, _ make: () -> String) -> String {
        cache?[keyPath: table].value(path: chapter.path, text: text(chapter), make) ?? make()
    }

    /// Sections rendered in parallel, each through the cache, counted as done.
    func sections<T: Sendable, Section: Sendable>(_ items: [T], _ render: @Sendable (T) -> Section) -> [Section] {
        parallelMap(items) { item in
            defer { progress?.advance() }
            return render(item)
        }
    }

    /// A page of sections: its shell (the page with a marker for each section,
    /// split at them) is cached by `own`, what the page shows besides the sections.
    func assembled(_ path: String, _ own: [String], _ sections: [[UInt8]], _ render: (_ html: (Int) -> String) -> [UInt8]) -> Site.Content {
        assembled(path, own, pieces: sections.map { [$0[...]] }, render)
    }

    /// A page of sections that are themselves in pieces (the print page's chapters).
    func assembled(_ path: String, _ own: [String], pieces sections: [[ArraySlice<UInt8>]], _ render: (_ html: (Int) -> String) -> [UInt8]) -> Site.Content {
        func split() -> [[UInt8]] { Sections.split(render { _ in Sections.marker }) }
        let shell = cache?.pieces(path, key: BuildCache.PageKey(shared: shared, own: own), split) ?? split()
        let parts = Sections.assemble(pieces: sections, shell: shell, render: render)
        return parts.count == 1 ? .bytes(Array(parts[0])) : .parts(parts)
    }

    /// Pieces through the cache, as `cachedBytes` keeps bytes.
    func cachedPieces(_ path: String, _ own: [String], _ make: () -> [ArraySlice<UInt8>]) -> [ArraySlice<UInt8>] {
        guard let cache else { return make() }
        return cache.slices(path, key: BuildCache.PageKey(shared: shared, own: own), make)
    }
}
