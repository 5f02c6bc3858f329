import WorkbookMarkdown

/// One evidence story from `stories/<name>.md`: personal, left out of guide builds.
public struct Story: Sendable {
    public enum Scope: String, Sendable, CaseIterable {
        case task, project, team, multiTeam = "multi-team", org
    }

    public enum Shape: String, Sendable, CaseIterable {
        case mid, senior, staff, techLead = "tech-lead", manager
    }

    public enum Authority: String, Sendable, CaseIterable {
        case decided, recommended, implemented, reviewed, coordinated, influenced, documented, escalated, supported
    }

    public struct Claim: Sendable {
        public var text: String
        public var authority: Authority?
        public var location: SourceLocation
    }

    /// The hands-on anchors: a decision, hands-on work, a risk managed.
    public struct Anchors: Sendable {
        public var decision: String?
        public var handsOn: String?
        public var risk: String?
    }

    /// The parts of the evidence stack, found by heading.
    public enum Part: String, Sendable, CaseIterable {
        case problem = "Problem", decision = "Decision", risk = "Risk", delivery = "Delivery"
        case impact = "Impact", leverage = "Leverage", reflection = "Reflection"
    }

    public var path: String
    /// The file name without `.md`: `stories/<name>.html`.
    public var name: String
    public var title: String
    public var when: String?
    public var scope: Scope
    public var shape: Shape
    public var claims: [Claim]
    public var anchors: Anchors
    public var metrics: [String]
    /// Drill ids the story answers, with where each is written.
    public var drills: [(id: String, location: SourceLocation)]
    public var body: [ChapterBlock]
    /// Every id in the story's page.
    public var ids: Set<String>
    /// The parts of the evidence stack its headings cover.
    public var parts: Set<Part>
    /// Counts of first-person singular and plural words in the body.
    public var iCount: Int
    public var weCount: Int
    /// The warnings the story checks found, kept for its page and the inventory.
    public var findings: [Diagnostic]
    /// The file's text, for finding avoid phrases with their positions.
    public var text: String
    /// Where the Markdown body starts.
    public var bodyLine: Int
    /// The `anchors:` key, or the title when there is none: where a missing anchor is reported.
    public var anchorsLocation: SourceLocation
}

/// One dated self-score against a rubric, from `stories/scores.yaml`.
public struct ScoreEntry: Sendable {
    public var rubric: String
    /// `YYYY-MM-DD`: sorts as text.
    public var date: String
    /// Dimension name → score, in the order written.
    public var scores: [(dimension: String, value: Int)]
    public var note: String?
    public var location: SourceLocation

    public var total: Int { scores.reduce(0) { $0 + $1.value } }

    /// Everything the entry shows, as one string: pages showing it are
    /// rendered again when it changes.
    var shown: String {
        ([date] + scores.map { "\($0.dimension)\u{2}\($0.value)" } + [note ?? "\u{3}"]).joined(separator: "\u{1}")
    }

    public var byDimension: [String: Int] {
        Dictionary(scores.map { ($0.dimension, $0.value) }, uniquingKeysWith: { a, _ in a })
    }
}

/// The personal layer: stories and scores. Absent in guide builds.
public struct PersonalLayer: Sendable {
    public var stories: [Story]
    public var scores: [ScoreEntry] {
        didSet { histories = Self.histories(scores) }
    }
    public var scoresPath: String?
    /// Each rubric's entries, oldest first: pages ask for thousands of rubrics.
    private var histories: [String: [ScoreEntry]]

    public init(stories: [Story], scores: [ScoreEntry], scoresPath: String?) {
        self.stories = stories
        self.scores = scores
        self.scoresPath = scoresPath
        histories = Self.histories(scores)
    }

    private static func histories(_ scores: [ScoreEntry]) -> [String: [ScoreEntry]] {
        Dictionary(grouping: scores, by: \.rubric).mapValues { $0.sorted { $0.date < $1.date } }
    }

    /// The entries of one rubric, oldest first.
    public func history(of rubric: String) -> [ScoreEntry] {
        histories[rubric] ?? []
    }

    public func latest(of rubric: String) -> ScoreEntry? {
        history(of: rubric).last
    }
}
