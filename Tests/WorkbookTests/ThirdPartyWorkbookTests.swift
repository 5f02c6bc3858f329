import Foundation
import Testing
@testable import Workbook
import WorkbookMarkdown

/// A workbook written by someone else from FORMAT.md alone builds without
/// changes, and every fact in it appears in the output.
@Suite struct ThirdPartyWorkbookTests {
    struct Facts: Decodable {
        struct ChapterFact: Decodable {
            var file: String
            var title: String
            var output: String
        }

        struct BlockFact: Decodable {
            var type: String
            var id: String
            var chapter: String
            var minutes: String?
            var minTotal: Int?
            var maxTotal: Int?
            var bands: [String]?
            var gate: Int?
            var targetRow: String?
        }

        struct LinkFact: Decodable {
            var from: String
            var text: String
            var href: String
        }

        var chapters: [ChapterFact]
        var blocks: [BlockFact]
        var links: [LinkFact]
    }

    static let folder = Repo.fixture("third-party")
    static let facts: Facts = {
        let data = FileManager.default.contents(atPath: folder + "/facts.json")!
        return try! JSONDecoder().decode(Facts.self, from: data)
    }()

    let result = buildSite(ThirdPartyWorkbookTests.folder)

    func page(_ path: String) -> String {
        result.site?.text(path) ?? ""
    }

    @Test func buildsWithoutDiagnostics() {
        #expect(result.diagnostics.map(\.message) == [])
        #expect(result.site != nil)
    }

    @Test func chaptersInTheirOrderWithTitles() throws {
        let workbook = try #require(result.workbook)
        #expect(workbook.chapters.map { $0.name + ".md" } == Self.facts.chapters.map(\.file))
        for chapter in Self.facts.chapters {
            let html = page(chapter.output)
            #expect(html.contains(">\(HTMLEscaping.escape(chapter.title))</h1>"), "\(chapter.output) shows its title")
            #expect(page("index.html").contains(HTMLEscaping.escape(chapter.title)))
        }
    }

    @Test(arguments: facts.blocks.map(\.id))
    func blockAppearsWithItsHooks(_ id: String) throws {
        let fact = try #require(Self.facts.blocks.first { $0.id == id })
        let html = page("chapters/" + fact.chapter.dropLast(3) + ".html")
        let root = try #require(rootTag(of: id, in: html), "block \(id) is rendered")
        #expect(root.contains("data-block=\"\(fact.type)\""))
        if let minutes = fact.minutes {
            #expect(root.contains("data-minutes=\"\(minutes)\""))
            #expect(page("drills.html").contains("id=\"\(id)\""))
        }
        if let min = fact.minTotal, let max = fact.maxTotal {
            #expect(root.contains("data-min-total=\"\(min)\""))
            #expect(root.contains("data-max-total=\"\(max)\""))
            let card = page("scorecards/\(id).html")
            #expect(!card.isEmpty)
            for band in fact.bands ?? [] { #expect(card.contains(band), "scorecard shows band \(band)") }
            if let gate = fact.gate { #expect(card.contains(">\(gate)<") || card.contains(" \(gate) ")) }
        }
        if fact.type == "fieldref" {
            #expect(page("fieldrefs/\(id).html").contains("data-block=\"fieldref\""))
        }
        if let row = fact.targetRow {
            #expect(html.contains("class=\"is-target\""), "the row \(row) of target_level is highlighted")
        }
    }

    @Test func rubricTotalsMatchTheModel() throws {
        let workbook = try #require(result.workbook)
        var rubrics: [Rubric] = []
        for chapter in workbook.chapters {
            chapter.body.forEachBlock { if case .rubric(let r) = $0 { rubrics.append(r) } }
        }
        for fact in Self.facts.blocks where fact.type == "rubric" {
            let rubric = try #require(rubrics.first { $0.id == fact.id })
            #expect(rubric.minTotal == fact.minTotal)
            #expect(rubric.maxTotal == fact.maxTotal)
            #expect(rubric.bands.map(\.label) == fact.bands)
            #expect(rubric.gate == fact.gate)
        }
    }

    @Test func linksAreRewrittenToPages() {
        for link in Self.facts.links {
            let html = page("chapters/" + link.from.dropLast(3) + ".html")
            #expect(html.contains("href=\"\(link.href)\""), "\(link.from) links to \(link.href)")
        }
    }

    /// The opening tag of the element with `id`.
    func rootTag(of id: String, in html: String) -> String? {
        guard let at = html.range(of: "id=\"\(id)\"") else { return nil }
        let start = html[..<at.lowerBound].lastIndex(of: "<")!
        let end = html[at.upperBound...].firstIndex(of: ">")!
        return String(html[start...end])
    }
}
