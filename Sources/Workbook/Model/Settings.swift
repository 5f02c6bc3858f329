import WorkbookMarkdown

/// `workbook.yaml`.
public struct Settings: Sendable {
    public enum Paper: String, Sendable, CaseIterable {
        case letter, a4
    }

    public var title: String
    public var subtitle: String?
    public var author: String?
    public var language: String
    public var paper: Paper
    public var targetLevel: String?
    public var theme: String?
    public var unsafeHTML: Bool
    /// The explicit chapter order, as written (paths relative to the content folder).
    public var chapterOrder: [(path: String, location: SourceLocation)]?

    public init(title: String) {
        self.title = title
        self.language = "en"
        self.paper = .letter
        self.unsafeHTML = false
    }
}
