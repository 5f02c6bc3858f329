/// `stories/index.html`: the evidence inventory, one row per story.
struct StoriesPageVM: Sendable {
    var page: PageVM
    var hasStories: Bool
    var rows: [StoryRowVM]
}

struct StoryRowVM: Sendable {
    var title: String
    var url: String
    var when: String
    var scope: String
    /// Sort keys: scope and shape by size, not by name.
    var scopeRank: Int
    var shape: String
    var shapeRank: Int
    /// The distinct authority labels of its claims, e.g. "decided, implemented".
    var authorities: String
    /// "3 of 3"
    var anchorsLabel: String
    var anchorCount: Int
    var warningCount: Int
    /// "OK" or "3 warnings"
    var checksLabel: String
    var isClean: Bool
}

/// `stories/<name>.html`
struct StoryPageVM: Sendable {
    var page: PageVM
    var title: String
    var hasWhen: Bool
    var when: String
    var scope: String
    var shape: String
    var claims: [ClaimVM]
    var hasClaims: Bool
    var anchors: [StoryAnchorVM]
    var metrics: [String]
    var hasMetrics: Bool
    var drills: [LinkVM]
    var hasDrills: Bool
    var rubrics: [LinkVM]
    var hasRubrics: Bool
    var findings: [FindingVM]
    var hasFindings: Bool
    /// "I 14 · we 3"
    var personCounts: String
    var body: [BodyItemVM]
}

struct ClaimVM: Sendable {
    var text: String
    var hasAuthority: Bool
    var authority: String
}

struct StoryAnchorVM: Sendable {
    /// "Decision", "Hands-on", "Risk"
    var label: String
    var text: String
    var isMissing: Bool
}

struct FindingVM: Sendable {
    /// The message, escaped, with `code` spans as `<code>`.
    var messageHTML: String
    /// "line 12"
    var place: String
}

/// `dashboard.html`: per rubric the latest total, band and gate, and charts.
struct DashboardPageVM: Sendable {
    var page: PageVM
    /// Each rubric's section, rendered by `dashboard-rubric`.
    var rubrics: [SectionVM]
    var hasRubrics: Bool
}

struct DashboardRubricVM: Sendable {
    var id: String
    var title: String
    var scorecardURL: String
    var hasScores: Bool
    var latest: ScoreSummaryVM
    /// Inline SVG, built in Swift.
    var radarSVG: String
    var lineSVG: String
    var history: [ScoreSummaryVM]
}

/// One self-score: its total, band and gate outcome.
struct ScoreSummaryVM: Sendable {
    var date: String
    var total: Int
    var maxTotal: Int
    /// "A-B", as in `data-band`; "" when no band matches.
    var band: String
    var bandHTML: String
    /// `pass`, `fail` or `none`, as in `data-gate`.
    var gate: String
    var gatePassed: Bool
    var gateFailed: Bool
    /// Why the gate failed: "total 20 is below the pass mark 22", ...
    var reasons: [String]
    var hasReasons: Bool
    var hasNote: Bool
    var note: String
}
