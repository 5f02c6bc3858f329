import WorkbookMarkdown

/// A loaded, checked workbook: settings and chapters in reading order.
public struct Workbook: Sendable {
    public var settings: Settings
    public var chapters: [Chapter]
    /// Files under `assets/`, relative to it.
    public var assets: [String]
    /// The content folder, as given.
    public var contentPath: String
    /// Names of draft chapters left out of this build.
    public var drafts: Set<String>
    /// Stories and self-scores; nil in guide builds and without `stories/`.
    public var personal: PersonalLayer?

    public func chapter(named name: String) -> Chapter? {
        chapters.first { $0.name == name }
    }
}
