import Foundation
import Testing
@testable import Workbook
import WorkbookMarkdown

/// `--guide` leaves the personal layer out entirely: a unique token in every
/// personal field appears in no output file. The same build without `--guide`
/// shows the token, so the test can fail.
@Suite struct GuideLeakTests {
    static let token = "ZQXLEAK"

    static func leakyWorkbook() throws -> TemporaryWorkbook {
        let t = token
        let story = """
            ---
            title: Title \(t)1
            when: 2025-03
            scope: team
            shape: senior
            claims:
              - text: Claim \(t)2
                authority: decided
              - text: Unlabelled claim \(t)3
            anchors:
              decision: Decision \(t)4
              hands_on: Hands-on \(t)5
              risk: Risk \(t)6
            metrics: ["Metric \(t)7"]
            drills: [authority-audit]
            ---
            ## Problem

            Body text \(t)8, and I was basically the manager.

            ## Decision \(t)9

            I decided.
            """
        return try personalWorkbook(
            stories: ["story-\(t.lowercased())10.md": story],
            scores: "- rubric: check\n  date: 2026-11-01\n  scores: {Scope: 3, Attribution: 4}\n  note: Note \(t)11\n")
    }

    /// Every output file's bytes, copies read from disk.
    static func allOutput(_ site: Site) -> [(String, String)] {
        site.files.map { path, content in
            switch content {
            case .bytes, .parts: return (path, String(decoding: content.inMemory ?? [], as: UTF8.self))
            case .copy(let source): return (path, String(decoding: FileManager.default.contents(atPath: source) ?? Data(), as: UTF8.self))
            }
        }
    }

    @Test func guideBuildHoldsNoPersonalData() throws {
        let folder = try Self.leakyWorkbook()
        defer { folder.remove() }
        let guide = Build.run(Build.Options(contentPath: folder.path, defaultThemePath: Repo.defaultTheme, guide: true))
        let site = try #require(guide.site)
        #expect(guide.diagnostics.map(\.message) == [])
        for (path, text) in Self.allOutput(site) {
            #expect(!text.contains(Self.token), "\(path) leaks personal data")
            #expect(!path.contains(Self.token.lowercased()), "\(path) is named after a story")
        }
        #expect(site.files["stories/index.html"] == nil)
        #expect(site.files["dashboard.html"] == nil)
        let card = try #require(site.text("scorecards/check.html"))
        #expect(card.contains("data-state=\"blank\""))
        #expect(!card.contains("data-total"))
    }

    @Test func personalBuildShowsEveryToken() throws {
        let folder = try Self.leakyWorkbook()
        defer { folder.remove() }
        let personal = buildSite(folder.path)
        let site = try #require(personal.site)
        let everything = Self.allOutput(site).map(\.1).joined()
        for n in 1...11 where n != 10 {
            #expect(everything.contains("\(Self.token)\(n)"), "token \(n) is shown in a personal build")
        }
        #expect(site.files["stories/story-\(Self.token.lowercased())10.html"] != nil)
    }
}

/// Story and score strings are inert text in every page.
@Suite struct PersonalEscapingTests {
    @Test func hostileStringsAreEscaped() throws {
        let script = "<script>alert(1)</script>"
        let attribute = "\" onmouseover=\"x"
        let text = story(title: "T \(script)", claims: "  - text: 'C \(attribute)'\n    authority: decided\n")
            .replacingOccurrences(of: "I did the problem part myself.", with: "Body \(script) and \(attribute).")
        let folder = try personalWorkbook(
            stories: ["x.md": text],
            scores: "- rubric: check\n  date: 2026-11-01\n  scores: {Scope: 3, Attribution: 4}\n  note: '\(script) \(attribute)'\n")
        defer { folder.remove() }
        let site = try #require(buildSite(folder.path).site)
        for page in site.pages {
            let html = try #require(site.text(page))
            #expect(!html.contains(script), "\(page) has a live script tag")
            #expect(!html.contains(attribute), "\(page) has a live attribute")
        }
        let storyPage = try #require(site.text("stories/x.html"))
        #expect(storyPage.contains("T &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(storyPage.contains("C &quot; onmouseover=&quot;x"))
        #expect(storyPage.contains("Body <!-- raw HTML omitted -->alert(1)<!-- raw HTML omitted --> and &quot; onmouseover=&quot;x."))
        #expect(site.text("dashboard.html")?.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot; onmouseover=&quot;x") == true)
    }
}

/// The sample workbook's self-scores give the hand-computed totals, bands and
/// gate outcomes, on the scorecards and the dashboard.
@Suite struct SampleScoresTests {
    struct Fact: Decodable {
        var rubric: String
        var date: String
        var total: Int
        var band: String
        var gate: String
        var latest: Bool
    }

    static let facts: [Fact] = {
        let data = FileManager.default.contents(atPath: Repo.fixture("sample-scores.json"))!
        return try! JSONDecoder().decode([Fact].self, from: data)
    }()

    let result = buildSite(Repo.content)

    @Test func modelMatchesHandComputedValues() throws {
        let workbook = try #require(result.workbook)
        let personal = try #require(workbook.personal)
        var rubrics: [String: Rubric] = [:]
        for chapter in workbook.chapters {
            chapter.body.forEachBlock { if case .rubric(let r) = $0 { rubrics[r.id] = r } }
        }
        #expect(personal.scores.count == Self.facts.count)
        for fact in Self.facts {
            let entry = try #require(personal.scores.first { $0.rubric == fact.rubric && $0.date == fact.date })
            let rubric = try #require(rubrics[fact.rubric])
            #expect(entry.total == fact.total, "\(fact.rubric) \(fact.date)")
            #expect(rubric.band(for: entry.total)?.label == fact.band)
            #expect(rubric.gateOutcome(scores: entry.byDimension).label == fact.gate)
        }
    }

    @Test func scorecardsShowTheLatestScore() throws {
        let site = try #require(result.site)
        for fact in Self.facts where fact.latest {
            let card = try #require(site.text("scorecards/\(fact.rubric).html"))
            #expect(card.contains("data-state=\"filled\""))
            #expect(card.contains("data-total=\"\(fact.total)\" data-band=\"\(fact.band)\" data-gate=\"\(fact.gate)\""), "\(fact.rubric)")
        }
    }

    @Test func dashboardShowsTheLatestOfEveryRubric() throws {
        let dashboard = try #require(result.site?.text("dashboard.html"))
        for fact in Self.facts where fact.latest {
            #expect(dashboard.contains("data-total=\"\(fact.total)\" data-band=\"\(fact.band)\" data-gate=\"\(fact.gate)\""))
        }
        #expect(dashboard.components(separatedBy: "<svg").count - 1 == 2 * Set(Self.facts.map(\.rubric)).count)
    }

    @Test func theWeakStoryGivesTheSampleItsOnlyWarnings() throws {
        struct Expected: Decodable {
            var story: String
            var check: String
            var detail: String
            var storyLine: Int?
        }
        let data = try #require(FileManager.default.contents(atPath: Repo.fixture("sample-story-checks.json")))
        let expected = try JSONDecoder().decode([Expected].self, from: data)
        let warnings = result.diagnostics.filter { $0.severity == .warning }
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(warnings.count == expected.count)
        #expect(Set(warnings.map(\.path)) == [Repo.content + "/stories/platform-roadmap.md"])
        for item in expected {
            let match = warnings.contains { w in
                switch item.check {
                case "missing-section": w.message.contains("evidence stack: \(item.detail);")
                case "missing-anchor": w.message.contains("anchor `\(item.detail)`")
                case "avoid-phrase": w.message.contains("\"\(item.detail)\"") && w.location.line == item.storyLine
                case "unlabelled-claim": w.message.contains("\"\(item.detail)\" has no authority")
                case "we-over-i":
                    w.message.contains("\"we\" \(item.detail.split(separator: " ")[1].dropLast()) times and \"I\" \(item.detail.split(separator: " ")[3]) time")
                default: false
                }
            }
            #expect(match, "expected warning \(item.check): \(item.detail)")
        }
    }

    @Test func drillsListTheStoriesThatAnswerThem() throws {
        let chapter = try #require(result.site?.text("chapters/02-evidence.html"))
        #expect(chapter.contains("<a href=\"../stories/platform-roadmap.html\">Platform strategy and roadmap</a>"))
    }
}
