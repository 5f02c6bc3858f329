/// `index.html`: the cover and the table of contents.
struct IndexPageVM: Sendable {
    var page: PageVM
    var title: String
    var hasSubtitle: Bool
    var subtitle: String
    var hasAuthor: Bool
    var author: String
    var parts: [IndexPartVM]
    var drillCount: Int
    var hasDrills: Bool
    var drillMinutes: String
    var scorecards: [LinkVM]
    var hasScorecards: Bool
    var fieldrefs: [LinkVM]
    var hasFieldrefs: Bool
}

struct IndexPartVM: Sendable {
    var hasName: Bool
    var name: String
    var chapters: [ChapterSummaryVM]
}

/// A chapter's front matter, as shown on the index and at the top of its page.
struct ChapterSummaryVM: Sendable {
    var title: String
    var url: String
    var hasNumber: Bool
    var number: String
    var hasPart: Bool
    var part: String
    var hasSummary: Bool
    var summary: String
    /// Reading time, e.g. "12 min".
    var minutesLabel: String
    var hasSkills: Bool
    var skills: [String]
    var hasRounds: Bool
    var rounds: [String]
    var isDraft: Bool
}

/// `chapters/<name>.html`.
/// A chapter's body, rendered on its own by `chapter-body`: the chapter
/// page and the print page show the same HTML.
struct ChapterBodyVM: Sendable {
    var body: [BodyItemVM]
}

struct ChapterPageVM: Sendable {
    var page: PageVM
    var chapter: ChapterSummaryVM
    var hasToc: Bool
    var toc: [TocEntryVM]
    /// The body, rendered by `chapter-body` once for this page and the print page.
    var bodyHTML: String
    var hasPrevious: Bool
    var previous: LinkVM
    var hasNext: Bool
    var next: LinkVM
}

struct TocEntryVM: Sendable {
    var title: String
    /// "#id"
    var url: String
    /// 2 for `##`, 3 for `###`, ...
    var level: Int
}

/// `print.html`: every chapter, each starting on a new page.
struct PrintPageVM: Sendable {
    var page: PageVM
    var title: String
    var hasSubtitle: Bool
    var subtitle: String
    var hasAuthor: Bool
    var author: String
    var chapters: [PrintChapterVM]
}

struct PrintChapterVM: Sendable {
    /// The id of the chapter's section element; in-page links point here.
    var id: String
    /// "Chapter 3" (its `chapter:` number) or "Chapter 3" by position.
    var numberLabel: String
    var chapter: ChapterSummaryVM
    /// The chapter page's body, its ids and links moved onto the print page (PrintRebase).
    var bodyHTML: String
    /// The section, rendered by `print-chapter` (chapters render in parallel).
    var html: String
}

/// `drills.html`: every drill, grouped by chapter, as a practice plan.
struct DrillsPageVM: Sendable {
    var page: PageVM
    /// Each chapter's drills, rendered by `drill-group`.
    var groups: [SectionVM]
    var hasDrills: Bool
    var drillCount: Int
    var totalLabel: String
}

/// One chapter's drills on the drills page.
struct DrillGroupVM: Sendable {
    var chapterTitle: String
    var chapterURL: String
    var drills: [DrillVM]
}

/// A section of a page, rendered on its own (in parallel, and cached in `serve`).
struct SectionVM: Sendable {
    var html: String
}

/// `scorecards/<rubric-id>.html`: a one-page printable scorecard.
struct ScorecardPageVM: Sendable {
    var page: PageVM
    var rubric: RubricVM
    var chapterTitle: String
    var chapterURL: String
    /// `fit-0` (roomy) to `fit-3` (tightest): how much the sheet is compressed to print on one page.
    var fitClass: String
    /// The estimated length in lines of standard text, as `data-lines`.
    var lines: Int
    /// `blank` (guide builds, or no self-score yet) or `filled` (the latest self-score marked).
    var state: String
    var isFilled: Bool
    /// The latest self-score, when filled.
    var score: [ScoreSummaryVM]
}

/// `fieldrefs/<id>.html`: a one-page printable sheet.
struct FieldRefPageVM: Sendable {
    var page: PageVM
    var fieldref: FieldRefVM
    /// `fit-0` (roomy) to `fit-3` (tightest).
    var fitClass: String
    var lines: Int
    var chapterTitle: String
    var chapterURL: String
}

/// `404.html`.
struct NotFoundPageVM: Sendable {
    var page: PageVM
}
