import WorkbookMarkdown

/// Builds the view model of every page from a checked workbook.
struct PageBuilder: Sendable {
    private(set) var workbook: Workbook
    let resolver: LinkResolver
    let generator: String

    /// Every rubric, field reference and drill, by its place in its chapter.
    private(set) var rubrics: [Placed<Rubric>]
    private(set) var fieldrefs: [Placed<FieldRef>]
    private(set) var drills: [Placed<Drill>]

    init(workbook: Workbook, generator: String, resolver: LinkResolver? = nil) {
        self.workbook = workbook
        self.resolver = resolver ?? LinkResolver(
            chapters: workbook.chapters, drafts: workbook.drafts, assets: Set(workbook.assets),
            stories: workbook.personal?.stories ?? [])
        self.generator = generator
        var rubrics: [Placed<Rubric>] = []
        var fieldrefs: [Placed<FieldRef>] = []
        var drills: [Placed<Drill>] = []
        for chapter in workbook.chapters {
            rubrics += chapter.rubrics.indices.map { Placed(chapter: chapter, index: $0) }
            fieldrefs += chapter.fieldrefs.indices.map { Placed(chapter: chapter, index: $0) }
            drills += chapter.drills.indices.map { Placed(chapter: chapter, index: $0) }
        }
        self.rubrics = rubrics
        self.fieldrefs = fieldrefs
        self.drills = drills
        drillChapters = workbook.chapters.filter { !$0.drills.isEmpty }
        let printed = self.resolver.chapterIDs
        printRebase = PrintRebase { printed[$0] != nil }
        // Only story pages look drills and rubrics up.
        let personal = workbook.personal != nil
        chapterOrder = personal ? Dictionary(workbook.chapters.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a }) : [:]
        drillsByID = personal ? Dictionary(drills.map { ($0.chapter.drills[$0.index].id, $0) }, uniquingKeysWith: { a, _ in a }) : [:]
        // Each chapter's own array, shared: no rubric is copied.
        var rubricsByChapter: [String: [Rubric]] = [:]
        if personal {
            for chapter in workbook.chapters where !chapter.rubrics.isEmpty { rubricsByChapter[chapter.name] = chapter.rubrics }
        }
        self.rubricsByChapter = rubricsByChapter
        var drillStories: [String: [StoryRef]] = [:]
        for story in workbook.personal?.stories ?? [] {
            for drill in story.drills { drillStories[drill.id, default: []].append(StoryRef(title: story.title, name: story.name)) }
        }
        self.drillStories = drillStories
        navigation = Dictionary(uniqueKeysWithValues: Self.pageFolders.map { ($0, Navigation(from: $0)) })
    }

    /// These view models' sources with the chapters at `indices` taken from
    /// `workbook`, whose other chapters are this one's and whose new chapters
    /// hold the drills, rubrics and field references the old ones held, by id
    /// and in order (ChapterPatch checks): a rebuild after an edit then costs
    /// no pass over every chapter's blocks.
    func replacing(_ indices: [Int], in workbook: Workbook) -> PageBuilder {
        var copy = self
        copy.workbook = workbook
        var replaced: [ObjectIdentifier: Chapter] = [:]
        for index in indices { replaced[ObjectIdentifier(self.workbook.chapters[index])] = workbook.chapters[index] }
        // The same places, in the new chapters: one reference each to copy.
        func swapped<T>(_ list: [Placed<T>]) -> [Placed<T>] {
            list.map { placed in replaced[ObjectIdentifier(placed.chapter)].map { Placed(chapter: $0, index: placed.index) } ?? placed }
        }
        copy.rubrics = swapped(rubrics)
        copy.fieldrefs = swapped(fieldrefs)
        copy.drills = swapped(drills)
        copy.drillChapters = drillChapters.map { replaced[ObjectIdentifier($0)] ?? $0 }
        if workbook.personal != nil {
            for new in replaced.values {
                for (n, drill) in new.drills.enumerated() { copy.drillsByID[drill.id] = Placed(chapter: new, index: n) }
                if !new.rubrics.isEmpty { copy.rubricsByChapter[new.name] = new.rubrics }
            }
        }
        return copy
    }

    /// Moves a chapter page's body onto the print page, which holds every chapter.
    let printRebase: PrintRebase
    /// Personal builds: every chapter's place in the workbook, by name.
    let chapterOrder: [String: Int]
    /// Personal builds: every drill by id, with its chapter; every chapter's rubrics by chapter name.
    private(set) var drillsByID: [String: Placed<Drill>]
    private(set) var rubricsByChapter: [String: [Rubric]]

    /// Personal builds: the stories that answer each drill.
    let drillStories: [String: [StoryRef]]

    var settings: Settings { workbook.settings }

    func context(page path: String, chapter: Chapter, anchorsInPage: Bool = false) -> BodyContext {
        BodyContext(
            pageDirectory: SitePaths.directory(of: path), chapter: chapter.name, anchorsInPage: anchorsInPage,
            resolver: resolver,
            unsafeHTML: settings.unsafeHTML, targetLevel: settings.targetLevel, drillStories: drillStories)
    }

    /// The links every page of one folder holds, the same for each of its pages.
    struct Navigation: Sendable {
        let root, home, drills, print, stories, dashboard: String

        init(from directory: String) {
            let url = { SitePaths.relative(from: directory, to: $0) }
            root = SitePaths.root(from: directory)
            home = url(SitePaths.index)
            drills = url(SitePaths.drills)
            print = url(SitePaths.print)
            stories = url(SitePaths.stories)
            dashboard = url(SitePaths.dashboard)
        }
    }

    /// The folders pages are written to: their navigation is made once
    /// (each page's had been six relative URLs, 0.5% of a build).
    private static let pageFolders = ["", "chapters", "scorecards", "fieldrefs", "stories"]
    private let navigation: [String: Navigation]

    func page(_ path: String, title: String, kind: String) -> PageVM {
        let directory = SitePaths.directory(of: path)
        let links = navigation[directory] ?? Navigation(from: directory)
        return PageVM(
            lang: settings.language,
            pageTitle: title == settings.title ? title : "\(title) · \(settings.title)",
            siteTitle: settings.title, root: links.root, paper: settings.paper.rawValue,
            pageKind: "page-\(kind)", path: SitePaths.url(path),
            homeURL: links.home, drillsURL: links.drills, printURL: links.print,
            isPersonal: workbook.personal != nil, storiesURL: links.stories, dashboardURL: links.dashboard,
            generator: generator)
    }

    func summary(_ chapter: Chapter, from directory: String) -> ChapterSummaryVM {
        let front = chapter.front
        return ChapterSummaryVM(
            title: front.title, url: SitePaths.relative(from: directory, to: SitePaths.chapter(chapter.name)),
            hasNumber: front.number != nil, number: front.number.map(String.init) ?? "",
            hasPart: front.part != nil, part: front.part ?? "",
            hasSummary: front.summary != nil, summary: front.summary ?? "",
            minutesLabel: "\(chapter.minutes) min",
            hasSkills: !front.skills.isEmpty, skills: front.skills,
            hasRounds: !front.rounds.isEmpty, rounds: front.rounds, isDraft: front.draft)
    }

    static func minutesLabel(_ seconds: Int) -> String {
        let minutes = (seconds + 59) / 60
        return minutes >= 60 ? "\(minutes / 60) h \(minutes % 60) min" : "\(minutes) min"
    }

    // MARK: Pages

    func index() -> IndexPageVM {
        let drills = self.drills
        let seconds = Self.seconds(drills)
        return IndexPageVM(
            page: page(SitePaths.index, title: settings.title, kind: "index"),
            title: settings.title, hasSubtitle: settings.subtitle != nil, subtitle: settings.subtitle ?? "",
            hasAuthor: settings.author != nil, author: settings.author ?? "",
            parts: workbook.chapters.groupedByPart.map { group in
                IndexPartVM(hasName: group.part != nil, name: group.part ?? "", chapters: group.chapters.map { summary($0, from: "") })
            },
            drillCount: drills.count, hasDrills: !drills.isEmpty, drillMinutes: Self.minutesLabel(seconds),
            scorecards: rubrics.map { LinkVM(title: $0.item.title.plainText, url: SitePaths.scorecard($0.item.id)) },
            hasScorecards: !rubrics.isEmpty,
            fieldrefs: fieldrefs.map { LinkVM(title: $0.item.title.plainText, url: SitePaths.fieldref($0.item.id)) },
            hasFieldrefs: !fieldrefs.isEmpty)
    }

    /// A chapter's body as its own page shows it; the print page shows the
    /// same HTML, rebased (`printRebase`).
    func chapterBody(_ index: Int) -> ChapterBodyVM {
        let chapter = workbook.chapters[index]
        return ChapterBodyVM(body: context(page: SitePaths.chapter(chapter.name), chapter: chapter, anchorsInPage: true).items(chapter.body))
    }

    /// - Parameter bodyHTML: the chapter's body, rendered from `chapterBody`.
    func chapterPage(_ index: Int, bodyHTML: String) -> ChapterPageVM {
        let chapter = workbook.chapters[index]
        let path = SitePaths.chapter(chapter.name)
        let toc: [TocEntryVM] = chapter.body.compactMap { block in
            guard case .markdown(.heading(let heading)) = block, (2...3).contains(heading.level) else { return nil }
            return TocEntryVM(title: heading.content.plainText, url: "#" + heading.id, level: heading.level)
        }
        let previous = index > 0 ? workbook.chapters[index - 1] : nil
        let next = index + 1 < workbook.chapters.count ? workbook.chapters[index + 1] : nil
        let link = { (c: Chapter?) in LinkVM(title: c?.front.title ?? "", url: c.map { SitePaths.relative(from: "chapters", to: SitePaths.chapter($0.name)) } ?? "") }
        return ChapterPageVM(
            page: page(path, title: chapter.front.title, kind: "chapter"),
            chapter: summary(chapter, from: "chapters"), hasToc: !toc.isEmpty, toc: toc,
            bodyHTML: bodyHTML,
            hasPrevious: previous != nil, previous: link(previous), hasNext: next != nil, next: link(next))
    }

    /// "Chapter 3": the chapter's `chapter:` number, else its place.
    func numberLabel(_ n: Int) -> String {
        "Chapter \(workbook.chapters[n].front.number ?? n + 1)"
    }

    /// One chapter of the print page, before its section is rendered.
    /// - Parameter bodyHTML: the body as the print page shows it (`printBody`);
    ///   a marker when the section is assembled around it, empty for the page's contents.
    func printChapter(_ n: Int, bodyHTML: String = "") -> PrintChapterVM {
        let chapter = workbook.chapters[n]
        return PrintChapterVM(
            id: chapter.name, numberLabel: numberLabel(n),
            chapter: summary(chapter, from: ""),
            bodyHTML: bodyHTML, html: "")
    }

    /// A chapter's body, rendered for its own page, as the print page shows it.
    func printBody(_ n: Int, bodyHTML: [UInt8]) -> [UInt8] {
        printRebase.rebase(bodyHTML, chapter: workbook.chapters[n].name)
    }

    /// Chapter `n`'s body as the print page shows it, in pieces of `bodyHTML` and rebased values.
    func printBodyPieces(_ n: Int, bodyHTML: [UInt8]) -> [ArraySlice<UInt8>] {
        printRebase.pieces(bodyHTML, chapter: workbook.chapters[n].name)
    }

    /// The print page around its chapters' rendered sections.
    func printPage(chapters: [PrintChapterVM]) -> PrintPageVM {
        PrintPageVM(
            page: page(SitePaths.print, title: "Print", kind: "print"),
            title: settings.title, hasSubtitle: settings.subtitle != nil, subtitle: settings.subtitle ?? "",
            hasAuthor: settings.author != nil, author: settings.author ?? "",
            chapters: chapters)
    }

    /// One chapter's drills on the drills page.
    func drillGroup(_ chapter: Chapter) -> DrillGroupVM {
        var drills: [DrillVM] = []
        let context = context(page: SitePaths.drills, chapter: chapter)
        let title = chapter.front.title
        chapter.body.forEachBlock { block in
            guard case .drill(let drill) = block else { return }
            var vm = context.drill(drill)
            vm.chapterTitle = title
            drills.append(vm)
        }
        return DrillGroupVM(chapterTitle: title, chapterURL: SitePaths.url(SitePaths.chapter(chapter.name)), drills: drills)
    }

    /// The chapters that hold drills, in order.
    private(set) var drillChapters: [Chapter]

    /// The drills page around its chapters' rendered sections.
    func drillsPage(groups: [SectionVM]) -> DrillsPageVM {
        let seconds = Self.seconds(drills)
        return DrillsPageVM(
            page: page(SitePaths.drills, title: "Drills", kind: "drills"), groups: groups, hasDrills: !drills.isEmpty,
            drillCount: drills.count, totalLabel: Self.minutesLabel(seconds))
    }

    /// Blank in guide builds and before any self-score; else the latest self-score marked.
    /// - Parameter lines: the scorecard's estimate (`Chapter.rubricLines`).
    func scorecard(_ rubric: Rubric, in chapter: Chapter, lines: Double) -> ScorecardPageVM {
        let path = SitePaths.scorecard(rubric.id)
        let context = context(page: path, chapter: chapter)
        let latest = workbook.personal?.latest(of: rubric.id)
        return ScorecardPageVM(
            page: page(path, title: rubric.title.plainText, kind: "scorecard"),
            rubric: context.rubric(rubric, marks: latest?.byDimension ?? [:]),
            chapterTitle: chapter.front.title,
            chapterURL: SitePaths.relative(from: "scorecards", to: SitePaths.chapter(chapter.name)) + "#" + rubric.id,
            fitClass: SheetFit.level(lines: lines, kind: .scorecard).fitClass,
            lines: Int(lines.rounded()),
            state: latest == nil ? "blank" : "filled", isFilled: latest != nil,
            score: latest.map { [context.summary($0, rubric: rubric)] } ?? [])
    }

    /// - Parameter lines: the sheet's estimate (`Chapter.fieldrefLines`).
    func fieldrefPage(_ fieldref: FieldRef, in chapter: Chapter, lines: Double) -> FieldRefPageVM {
        let path = SitePaths.fieldref(fieldref.id)
        return FieldRefPageVM(
            page: page(path, title: fieldref.title.plainText, kind: "fieldref"),
            fieldref: context(page: path, chapter: chapter).fieldref(fieldref),
            fitClass: SheetFit.level(lines: lines, kind: .fieldref).fitClass,
            lines: Int(lines.rounded()),
            chapterTitle: chapter.front.title,
            chapterURL: SitePaths.relative(from: "fieldrefs", to: SitePaths.chapter(chapter.name)) + "#" + fieldref.id)
    }

    func sidebarPage(_ sidebar: Sidebar) -> SidebarPageVM {
        SidebarPageVM(lang: settings.language, siteTitle: settings.title, html: sidebar.html)
    }

    func notFound() -> NotFoundPageVM {
        NotFoundPageVM(page: page(SitePaths.notFound, title: "Page not found", kind: "404"))
    }
}

extension PageBuilder {
    /// The drills' timeboxes, added up.
    static func seconds(_ drills: [Placed<Drill>]) -> Int {
        drills.reduce(0) { $0 + ($1.item.timebox?.seconds ?? 0) }
    }
}

/// A rubric, field reference or drill by its chapter and its place there.
/// Copying one is one reference: `serve` swaps an edited chapter into the
/// lists of every rubric, field reference and drill, and a copy of each
/// item (a rubric holds a dozen references) made that the patch's largest cost.
struct Placed<Item>: Sendable {
    let chapter: Chapter
    let index: Int
}

extension Placed where Item == Rubric {
    var item: Rubric { chapter.rubrics[index] }
}

extension Placed where Item == FieldRef {
    var item: FieldRef { chapter.fieldrefs[index] }
}

extension Placed where Item == Drill {
    var item: Drill { chapter.drills[index] }
}
