import WorkbookMarkdown

/// How chapter content is shown on one page: where the page is (for relative
/// URLs) and which chapter the content comes from. The print page shows each
/// chapter page's body, moved by `PrintRebase`. A class: the view models of a
/// body pass it to every block they render.
final class BodyContext: Sendable {
    /// Where links on the page point.
    struct Links: Sendable {
        /// The page's folder in the site: "", `chapters`, `scorecards`, `fieldrefs`.
        var pageDirectory: String
        /// The chapter the content is written in.
        var chapter: String
        /// True on the chapter's own page: `#anchor` links stay in the page.
        var anchorsInPage: Bool
        var resolver: LinkResolver
        /// The folder of the source file: `chapters`, or `stories` for a story page.
        var sourceDirectory: String

        func url(_ sitePath: String) -> String { SitePaths.relative(from: pageDirectory, to: sitePath) }

        /// The href for a link written in the chapter, on this page; nil for text only.
        func href(for target: LinkTarget) -> String? {
            switch target {
            case .external(let url): return url
            case .none: return nil
            case .file(let path): return url(path)
            case .anchor(let anchor):
                return anchorsInPage ? "#\(anchor)" : url("\(sourceDirectory)/\(chapter).html") + "#\(anchor)"
            case .chapter(let name, let anchor):
                // From a chapter page (most links) the page is a sibling: `relative` would give the same.
                var href = pageDirectory == "chapters" ? SitePaths.url(name + ".html") : url(SitePaths.chapter(name))
                if let anchor {
                    href.reserveCapacity(href.utf8.count + 1 + anchor.utf8.count)
                    href += "#"
                    href += anchor
                }
                return href
            }
        }
    }

    let links: Links
    let unsafeHTML: Bool
    let targetLevel: String?
    /// Personal builds: the stories that answer each drill, by drill id.
    let drillStories: [String: [StoryRef]]
    /// How the Markdown renderer writes this page's links: made once.
    let htmlOptions: HTMLRenderer.Options

    init(
        pageDirectory: String, chapter: String, anchorsInPage: Bool, resolver: LinkResolver, unsafeHTML: Bool, targetLevel: String?,
        drillStories: [String: [StoryRef]] = [:], sourceDirectory: String = "chapters"
    ) {
        let links = Links(pageDirectory: pageDirectory, chapter: chapter, anchorsInPage: anchorsInPage, resolver: resolver, sourceDirectory: sourceDirectory)
        self.links = links
        self.unsafeHTML = unsafeHTML
        self.targetLevel = targetLevel
        self.drillStories = drillStories
        htmlOptions = HTMLRenderer.Options(unsafeHTML: unsafeHTML) { link, _ in
            links.href(for: links.resolver.target(link.destination, from: links.chapter, in: links.sourceDirectory))
        }
    }

    var pageDirectory: String { links.pageDirectory }
    var chapter: String { links.chapter }
    var root: String { SitePaths.root(from: links.pageDirectory) }

    func url(_ sitePath: String) -> String { links.url(sitePath) }

    /// The href for a link written in the chapter, on this page; nil for text only.
    func href(for target: LinkTarget) -> String? { links.href(for: target) }

    func html(_ blocks: [Block]) -> String { HTMLRenderer.html(blocks, options: htmlOptions) }
    /// Inline HTML: plain text (most cells and titles) is its own (`HTMLRenderer.plainHTML`).
    func html(_ inlines: Inlines) -> String { HTMLRenderer.html(inlines, options: htmlOptions) }
}

/// A story as other pages link to it.
struct StoryRef: Sendable, Hashable {
    var title: String
    var name: String
}
