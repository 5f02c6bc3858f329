import WorkbookMarkdown

/// One chapter: its front matter and its body as typed blocks. Read once and
/// never changed, it is a class: the build passes chapters to thousands of
/// pages, checks and closures, and a reference costs one retain where a copy
/// of every field cost a dozen.
public final class Chapter: Sendable {
    /// Where the file is, as diagnostics name it (relative to the current folder).
    public let path: String
    /// The output name: the file name without `.md` (`chapters/<name>.html`).
    public let name: String
    public let front: FrontMatter
    public let body: [ChapterBlock]
    /// Every id in the page (headings and blocks), for anchor checks.
    public let ids: Set<String>
    public let wordCount: Int
    /// The chapter's drills, rubrics, field references and avoid phrases, at
    /// any depth, in order: found once when the chapter is read, so checks and
    /// pages across a workbook do not walk every chapter's blocks again.
    public let drills: [Drill]
    public let rubrics: [Rubric]
    public let fieldrefs: [FieldRef]
    public let avoidPhrases: [Phrases.Phrase]
    /// Every link and image in the chapter, in order, for the link checks.
    public let links: [Link]
    /// Equal for two chapters with the same avoid phrases on the same lines (within one process).
    let avoidPhrasesHash: Int
    /// Equal for two chapters with the same ids (within one process).
    let idsHash: Int
    /// Matrices, drills, rubrics and field references: their ids are unique across the workbook.
    let workbookWideIDs: [(kind: String, id: String, location: SourceLocation)]
    /// The titles of the rubrics' scorecards and the field references' sheets, as text.
    let scorecardTitles: [String]
    let fieldrefTitles: [String]
    /// How many printed lines each rubric's scorecard and each field
    /// reference's sheet takes (`SheetFit`), by index in `rubrics` and
    /// `fieldrefs`: estimated once for the overflow warnings and the pages.
    let rubricLines: [Double]
    let fieldrefLines: [Double]

    public init(path: String, name: String, front: FrontMatter, body: [ChapterBlock], ids: Set<String>, wordCount: Int) {
        self.path = path
        self.name = name
        self.front = front
        self.body = body
        self.ids = ids
        self.wordCount = wordCount
        var drills: [Drill] = [], rubrics: [Rubric] = [], fieldrefs: [FieldRef] = [], avoid: [Phrases.Phrase] = []
        var wide: [(kind: String, id: String, location: SourceLocation)] = []
        body.forEachBlock { block in
            switch block {
            case .drill(let d): drills.append(d)
            case .rubric(let r): rubrics.append(r)
            case .fieldref(let f): fieldrefs.append(f)
            case .phrases(let p) where p.kind == .avoid: avoid += p.phrases
            default: break
            }
            if let (kind, id, location) = block.workbookWideID { wide.append((kind, id, location)) }
        }
        (self.drills, self.rubrics, self.fieldrefs, self.avoidPhrases, self.workbookWideIDs) = (drills, rubrics, fieldrefs, avoid, wide)
        scorecardTitles = rubrics.map(\.title.plainText)
        fieldrefTitles = fieldrefs.map(\.title.plainText)
        rubricLines = rubrics.map(SheetFit.lines)
        fieldrefLines = fieldrefs.map(SheetFit.lines)
        var links: [Link] = []
        body.forEachLink { links.append($0) }
        self.links = links
        var hasher = Hasher()
        for phrase in avoid {
            hasher.combine(phrase.text)
            hasher.combine(phrase.location.line)
        }
        avoidPhrasesHash = hasher.finalize()
        idsHash = ids.hashValue
    }

    /// The reading time: `minutes:` from the front matter, or one minute per 200 words.
    public var minutes: Int {
        front.minutes ?? max(1, (wordCount + 199) / 200)
    }
}

/// A chapter's YAML front matter.
public struct FrontMatter: Sendable, Equatable {
    public var title: String
    public var number: Int?
    public var part: String?
    public var summary: String?
    public var skills: [String] = []
    public var rounds: [String] = []
    public var minutes: Int?
    public var draft: Bool = false

    public init(title: String) {
        self.title = title
    }
}

extension Array where Element == Chapter {
    /// Consecutive chapters with the same `part:` form a group; chapters
    /// without one form groups without a name. The index and the sidebar show these.
    var groupedByPart: [(part: String?, chapters: [Chapter])] {
        var groups: [(part: String?, chapters: [Chapter])] = []
        for chapter in self {
            if let last = groups.last, last.part == chapter.front.part {
                groups[groups.count - 1].chapters.append(chapter)
            } else {
                groups.append((chapter.front.part, [chapter]))
            }
        }
        return groups
    }
}
