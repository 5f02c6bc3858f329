import WorkbookMarkdown

/// How chapter content is shown on one page: where the page is (for relative
/// URLs) and which chapter the content comes from. The print page shows each
/// chapter page's body, moved by `PrintRebase`.
struct BodyContext: Sendable {
    /// The page's folder in the site: "", `chapters`, `scorecards`, `fieldrefs`.
    var pageDirectory: String
    /// The chapter the content is written in.
    var chapter: String
    /// True on the chapter's own page: `#anchor` links stay in the page.
    var anchorsInPage: Bool
    var resolver: LinkResolver
    var unsafeHTML: Bool
    var targetLevel: String?
    /// Personal builds: the stories that answer each drill, by drill id.
    var drillStories: [String: [StoryRef]] = [:]
    /// The folder of the source file: `chapters`, or `stories` for a story page.
    var sourceDirectory: String = "chapters"

    var root: String { SitePaths.root(from: pageDirectory) }

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
            let page = url(SitePaths.chapter(name))
            return anchor.map { page + "#" + $0 } ?? page
        }
    }

    var htmlOptions: HTMLRenderer.Options {
        let context = self
        return HTMLRenderer.Options(unsafeHTML: unsafeHTML) { link, _ in
            context.href(for: context.resolver.target(link.destination, from: context.chapter, in: context.sourceDirectory))
        }
    }

    func html(_ blocks: [Block]) -> String { HTMLRenderer.html(blocks, options: htmlOptions) }
    /// Plain text (most cells and titles) is its own HTML: no options, whose
    /// link closure holds a copy of this context, are made for it.
    func html(_ inlines: [Inline]) -> String { HTMLRenderer.plainHTML(inlines) ?? HTMLRenderer.html(inlines, options: htmlOptions) }
}

/// A story as other pages link to it.
struct StoryRef: Sendable, Hashable {
    var title: String
    var name: String
}
