/// A block of a Markdown document, copied out of cmark and extended with pipe
/// tables and directives. The larger payloads are boxed (`indirect`), so a
/// paragraph, the commonest block, costs no allocation: its inlines live in
/// the document's `InlineStore`.
public enum Block: Sendable, Hashable {
    case paragraph(Inlines, SourceLocation)
    indirect case heading(Heading)
    case blockQuote([Block])
    indirect case list(List)
    case codeBlock(info: String, literal: String)
    /// Raw block HTML: dropped at render time unless unsafe HTML is allowed.
    case html(String)
    case thematicBreak
    indirect case table(Table)
    indirect case directive(Directive)
}

public struct Heading: Sendable, Hashable {
    public var level: Int
    public var content: Inlines
    /// Assigned after parsing, once every id of the page is known (see `Slugger`).
    public var id: String
    public var location: SourceLocation

    public init(level: Int, content: Inlines, id: String = "", location: SourceLocation) {
        self.level = level
        self.content = content
        self.id = id
        self.location = location
    }
}

public struct List: Sendable, Hashable {
    public var isOrdered: Bool
    public var start: Int
    public var isTight: Bool
    public var items: [[Block]]
    public var location: SourceLocation

    public init(isOrdered: Bool, start: Int, isTight: Bool, items: [[Block]], location: SourceLocation) {
        self.isOrdered = isOrdered
        self.start = start
        self.isTight = isTight
        self.items = items
        self.location = location
    }
}

/// A GitHub-style pipe table recognised from the source lines of a paragraph.
public struct Table: Sendable, Hashable {
    public enum Alignment: Sendable, Hashable {
        case none, left, center, right
    }

    public struct Cell: Sendable, Hashable {
        public var content: Inlines
        /// The cell's text as written, trimmed, with `\|` turned into `|`.
        public var source: String { sourceText.string }
        let sourceText: StoredText
        public var location: SourceLocation

        public init(content: Inlines, source: String, location: SourceLocation) {
            self.init(content: content, sourceText: StoredText(source), location: location)
        }

        init(content: Inlines, sourceText: StoredText, location: SourceLocation) {
            self.content = content
            self.sourceText = sourceText
            self.location = location
        }
    }

    public struct Row: Sendable, Hashable {
        public var cells: [Cell]
        public var location: SourceLocation

        public init(cells: [Cell], location: SourceLocation) {
            self.cells = cells
            self.location = location
        }
    }

    public var alignments: [Alignment]
    public var header: Row
    public var rows: [Row]
    public var location: SourceLocation

    public init(alignments: [Alignment], header: Row, rows: [Row], location: SourceLocation) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
        self.location = location
    }
}
