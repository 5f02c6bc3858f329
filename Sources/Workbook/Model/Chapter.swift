import WorkbookMarkdown

/// One chapter: its front matter and its body as typed blocks.
public struct Chapter: Sendable {
    /// Where the file is, as diagnostics name it (relative to the current folder).
    public var path: String
    /// The output name: the file name without `.md` (`chapters/<name>.html`).
    public var name: String
    public var front: FrontMatter
    public var body: [ChapterBlock]
    /// Every id in the page (headings and blocks), for anchor checks.
    public var ids: Set<String>
    public var wordCount: Int

    /// The reading time: `minutes:` from the front matter, or one minute per 200 words.
    public var minutes: Int {
        front.minutes ?? max(1, (wordCount + 199) / 200)
    }
}

/// A chapter's YAML front matter.
public struct FrontMatter: Sendable {
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
