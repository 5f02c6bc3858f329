import WorkbookMarkdown

/// A block of a chapter body: plain Markdown, or one of the directive types
/// of the authoring format, as a typed value. Directive blocks are boxed
/// (`indirect`); Markdown, the commonest, is held in place.
public enum ChapterBlock: Sendable {
    case markdown(Block)
    indirect case matrix(Matrix)
    indirect case drill(Drill)
    indirect case rubric(Rubric)
    indirect case checklist(Checklist)
    indirect case transcript(Transcript)
    indirect case phrases(Phrases)
    indirect case callout(Callout)
    indirect case fieldref(FieldRef)
}

/// The directive types, by the name written after the colons.
public enum DirectiveType: String, Sendable, CaseIterable {
    case matrix, drill, rubric, checklist, transcript, phrases, callout, fieldref

    /// Ids of these are unique across the workbook: stories and scores refer to them.
    var hasWorkbookWideID: Bool {
        switch self {
        case .matrix, .drill, .rubric, .fieldref: true
        default: false
        }
    }

    var requiresTitle: Bool {
        switch self {
        case .matrix, .drill, .rubric, .phrases, .fieldref: true
        case .checklist, .transcript, .callout: false
        }
    }

    /// The attributes each type understands (besides `#id`).
    var attributes: [String] {
        switch self {
        case .drill: ["timebox"]
        case .rubric: ["gate", "require"]
        case .phrases, .callout: ["kind"]
        default: []
        }
    }

    /// Whether other directives may sit inside its body.
    var allowsNestedDirectives: Bool {
        switch self {
        case .drill, .callout, .fieldref: true
        default: false
        }
    }
}

/// `:::matrix` — a level comparison table, first column the row keys.
public struct Matrix: Sendable {
    public var id: String
    public var title: Inlines
    public var intro: [Block]
    public var table: Table
    public var outro: [Block]
    public var location: SourceLocation
}

/// `:::drill` — a timed exercise.
public struct Drill: Sendable {
    public var id: String
    public var title: Inlines
    public var timebox: Timebox?
    public var body: [ChapterBlock]
    public var location: SourceLocation
}

/// A drill's time limit, in seconds.
public struct Timebox: Sendable, Hashable {
    public var seconds: Int

    public init(seconds: Int) {
        self.seconds = seconds
    }

    /// Parses `15m`, `15` (minutes), `1h`, `1h30m`, `90s`.
    public init?(_ text: String) {
        var total = 0
        var number = ""
        var sawUnit = false
        for c in text.lowercased() where c != " " {
            if c.isASCII && c.isNumber {
                number.append(c)
                continue
            }
            guard let n = Int(number), n >= 0, n < 100_000 else { return nil }
            switch c {
            case "h": total += n * 3600
            case "m": total += n * 60
            case "s": total += n
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        if !number.isEmpty {
            guard !sawUnit, let n = Int(number), n < 100_000 else { return nil }
            total += n * 60
        }
        guard total > 0 else { return nil }
        seconds = total
    }

    /// Minutes as `data-minutes` gives them: "15", "1.5".
    public var minutesText: String {
        if seconds % 60 == 0 { return String(seconds / 60) }
        let tenths = (seconds * 10 + 30) / 60
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
    }

    /// "15 min", "1 h", "1 h 30 min", "90 s".
    public var label: String {
        if seconds % 60 != 0 { return "\(seconds) s" }
        let minutes = seconds / 60
        let h = minutes / 60, m = minutes % 60
        switch (h, m) {
        case (0, _): return "\(m) min"
        case (_, 0): return "\(h) h"
        default: return "\(h) h \(m) min"
        }
    }
}

/// `:::checklist` — items the reader ticks.
public struct Checklist: Sendable {
    public var id: String
    public var title: Inlines?
    public var items: [[Block]]
    public var location: SourceLocation
}

/// `:::transcript` — an interview exchange with annotations.
public struct Transcript: Sendable {
    public struct Turn: Sendable {
        public var speaker: String
        /// The words, one entry per paragraph.
        public var paragraphs: [Inlines]
        public var annotations: [Inlines]
    }

    public var id: String
    public var title: Inlines?
    public var turns: [Turn]
    public var location: SourceLocation
}

/// `:::phrases` — phrases to use, or to avoid.
public struct Phrases: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case safe, avoid
    }

    public struct Phrase: Sendable {
        public var content: Inlines
        /// The phrase as plain text, for matching against stories.
        public var text: String
        public var location: SourceLocation
    }

    public var id: String
    public var title: Inlines
    public var kind: Kind
    public var phrases: [Phrase]
    public var location: SourceLocation
}

/// `:::callout` — an aside.
public struct Callout: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case note, weak, better, tip, warning

        public var label: String {
            switch self {
            case .note: "Note"
            case .weak: "Weak answer"
            case .better: "Better answer"
            case .tip: "Tip"
            case .warning: "Warning"
            }
        }
    }

    public var id: String
    public var title: Inlines?
    public var kind: Kind
    public var body: [ChapterBlock]
    public var location: SourceLocation
}

/// `:::fieldref` — a one-page field reference, also printed as its own sheet.
public struct FieldRef: Sendable {
    public var id: String
    public var title: Inlines
    public var body: [ChapterBlock]
    public var location: SourceLocation
}
