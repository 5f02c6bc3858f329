import Testing
@testable import Workbook
import WorkbookMarkdown

/// Links between chapters: resolution, checking and the href each page gets.
@Suite struct LinkResolverTests {
    static func chapter(_ name: String, ids: Set<String>) -> Chapter {
        Chapter(path: "c/\(name).md", name: name, front: FrontMatter(title: name), body: [], ids: ids, wordCount: 0)
    }

    let resolver = LinkResolver(
        chapters: [chapter("01-levels", ids: ["scope", "level-comparison"]), chapter("02-evidence", ids: ["rubric"])],
        drafts: ["03-draft"], assets: ["assets/chart.png"])

    func resolve(_ destination: String) -> String {
        switch resolver.resolve(destination, from: "01-levels") {
        case .success(let target): "\(target)"
        case .failure(let problem): "\(problem.severity): \(problem.message)"
        }
    }

    @Test func resolvesTargets() {
        #expect(resolve("02-evidence.md") == "chapter(name: \"02-evidence\", anchor: nil)")
        #expect(resolve("02-evidence.md#rubric") == "chapter(name: \"02-evidence\", anchor: Optional(\"rubric\"))")
        #expect(resolve("./02-evidence.md#rubric") == "chapter(name: \"02-evidence\", anchor: Optional(\"rubric\"))")
        #expect(resolve("../chapters/02-evidence.md") == "chapter(name: \"02-evidence\", anchor: nil)")
        #expect(resolve("/chapters/02-evidence.md") == "chapter(name: \"02-evidence\", anchor: nil)")
        #expect(resolve("#scope") == "anchor(\"scope\")")
        #expect(resolve("../assets/chart.png") == "file(\"assets/chart.png\")")
        #expect(resolve("https://example.com/x.md") == "external(\"https://example.com/x.md\")")
        #expect(resolve("mailto:a@b.c") == "external(\"mailto:a@b.c\")")
    }

    /// The byte searches (ASCII text) find what the character searches find;
    /// a `:` or `#` that a combining mark joins is not one.
    @Test func searchesAgreeWithCharacters() {
        for text in ["02-evidence.md#rubric", "a?b#c", "no-marks", "", "ä.md#x", "a:\u{301}b", "#\u{301}x#y", "https://x", "ab:cd"] {
            for mark in [":", "#", "?"] as [Unicode.Scalar] {
                #expect(LinkResolver.firstIndex(of: mark, in: Substring(text)) == text.firstIndex(of: Character(mark)), "\(text) \(mark)")
                // A slice that starts past the first byte, as the path part of a link is.
                let tail = ("z#" + text).dropFirst(2)
                #expect(LinkResolver.firstIndex(of: mark, in: tail) == tail.firstIndex(of: Character(mark)), "\(text) \(mark) in a slice")
            }
        }
        #expect(!LinkResolver.hasScheme("a:\u{301}b"))
        #expect(LinkResolver.hasScheme("mailto:a@b.c"))
        #expect(LinkResolver.normalize("x.md", relativeTo: "chapters") == "chapters/x.md")
        #expect(LinkResolver.normalize("x.md", relativeTo: "") == "x.md")
        #expect(LinkResolver.normalize("..", relativeTo: "chapters") == "")
        #expect(LinkResolver.normalize(".", relativeTo: "chapters") == "chapters")
        #expect(LinkResolver.normalize("..", relativeTo: "") == nil)
    }

    @Test func reportsProblems() {
        #expect(resolve("05-nope.md") == "error: broken link `05-nope.md`: no chapter `chapters/05-nope.md`")
        #expect(resolve("02-evidence.md#nope") == "error: broken link `02-evidence.md#nope`: `chapters/02-evidence.md` has no heading or block with id `nope`")
        #expect(resolve("#nope") == "error: broken anchor `#nope`: this chapter has no heading or block with id `nope`")
        #expect(resolve("../../secret.md") == "error: broken link `../../secret.md`: it leaves the workbook folder")
        #expect(resolve("../stories/a.md") == "error: broken link `../stories/a.md`: `stories/a.md` is not a chapter of this workbook")
        #expect(resolve("03-draft.md") == "warning: link to draft chapter `chapters/03-draft.md`, which this build leaves out (build with --drafts to include it); shown as plain text")
        #expect(resolve("../assets/missing.png") == "warning: broken link `../assets/missing.png`: no file `assets/missing.png` in the workbook (files to link go in `assets/`)")
        #expect(resolve("javascript:alert(1)") == "warning: link to a `javascript:` URL dropped: it could run code in a reader's browser")
    }

    func context(page: String, ownPage: Bool = false) -> BodyContext {
        BodyContext(
            pageDirectory: SitePaths.directory(of: page), chapter: "01-levels", anchorsInPage: ownPage,
            resolver: resolver, unsafeHTML: false, targetLevel: nil)
    }

    @Test func hrefsDependOnThePage() {
        let toRubric = LinkTarget.chapter(name: "02-evidence", anchor: "rubric")
        #expect(context(page: "chapters/01-levels.html", ownPage: true).href(for: toRubric) == "02-evidence.html#rubric")
        #expect(context(page: "drills.html").href(for: toRubric) == "chapters/02-evidence.html#rubric")
        #expect(context(page: "scorecards/x.html").href(for: toRubric) == "../chapters/02-evidence.html#rubric")
        #expect(context(page: "chapters/01-levels.html", ownPage: true).href(for: .anchor("scope")) == "#scope")
        #expect(context(page: "fieldrefs/card.html").href(for: .anchor("scope")) == "../chapters/01-levels.html#scope")
        #expect(context(page: "fieldrefs/card.html").href(for: .file("assets/chart.png")) == "../assets/chart.png")
        #expect(context(page: "index.html").href(for: .none) == nil)
    }

    /// Loading keeps where each chapter link leads, for rendering: what it kept
    /// is what resolving again gives, broken links' fallbacks included.
    @Test func keptTargetsAreTheResolvedOnes() throws {
        var links = 0
        for folder in [Repo.fixture("golden/blocks"), Repo.fixture("golden/personal"), Repo.fixture("xss"), Repo.content] {
            let loaded = WorkbookLoader.load(contentPath: folder)
            let workbook = try #require(loaded.workbook)
            let resolver = try #require(loaded.resolver)
            var fresh = resolver
            fresh.resolved = [:]
            for chapter in workbook.chapters {
                #expect(resolver.resolved[chapter.name]?.count == Set(chapter.links.map(\.destination)).count)
                for link in chapter.links {
                    #expect(resolver.target(link.destination, from: chapter.name) == fresh.target(link.destination, from: chapter.name))
                    links += 1
                }
            }
        }
        #expect(links > 30)
    }

    @Test func sitePaths() {
        #expect(SitePaths.relative(from: "chapters", to: "chapters/a.html") == "a.html")
        #expect(SitePaths.relative(from: "chapters", to: "index.html") == "../index.html")
        #expect(SitePaths.relative(from: "", to: "chapters/a.html") == "chapters/a.html")
        #expect(SitePaths.root(from: "scorecards") == "../")
        #expect(SitePaths.root(from: "") == "")
        #expect(SitePaths.root(from: "a/b") == "../../")
        #expect(SitePaths.root(from: "/a//b/") == "../../")
    }

    /// A site path keeps letters, digits, `-._~/!$&'()*+,;=@` and non-ASCII
    /// bytes; every other byte is percent-encoded, each control byte too.
    @Test func sitePathURLsEncodeEveryOtherByte() {
        #expect(SitePaths.url("chapters/a-b_c.d~e.html") == "chapters/a-b_c.d~e.html")
        #expect(SitePaths.url("x/!$&'()*+,;=@AZaz09é.html") == "x/!$&'()*+,;=@AZaz09é.html")
        #expect(SitePaths.url("a b:c#d?e%f\"g<h>i[j]k^l`m{n|o}p\u{7F}q\tr.html") == "a%20b%3Ac%23d%3Fe%25f%22g%3Ch%3Ei%5Bj%5Dk%5El%60m%7Bn%7Co%7Dp%7Fq%09r.html")
        // Every ASCII byte: 79 are kept as they are (62 letters and digits, 17 marks), 49 are encoded.
        let ascii = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        #expect(SitePaths.url(ascii).utf8.count == 79 + 49 * 3)
    }
}
