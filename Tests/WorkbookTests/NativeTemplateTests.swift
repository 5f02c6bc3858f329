import Foundation
import Testing
@testable import Workbook

/// The Swift renderers of default templates (Render/NativeTemplates) render
/// exactly what the template engine renders from the `.mustache` files, and
/// step aside for a theme that changes any template they stand in for.
@Suite struct NativeTemplateTests {
    static let workbooks: [(name: String, path: String, guide: Bool, drafts: Bool)] = [
        ("golden/blocks with drafts", Repo.fixture("golden/blocks"), false, true),
        ("golden/personal", Repo.fixture("golden/personal"), false, false),
        ("golden/personal as a guide", Repo.fixture("golden/personal"), true, false),
        ("xss", Repo.fixture("xss"), false, false),
        ("third-party", Repo.fixture("third-party"), false, false),
        ("Content", Repo.content, false, false),
    ]

    @Test(arguments: workbooks.indices)
    func nativeRenderersWriteTheTemplatesBytes(_ index: Int) throws {
        let workbook = Self.workbooks[index]
        try Self.compare(workbook.name, workbook.path, guide: workbook.guide, drafts: workbook.drafts)
    }

    /// The index's "No chapters yet."
    @Test func emptyWorkbook() throws {
        let folder = try TemporaryWorkbook(["workbook.yaml": "title: Empty\n"])
        defer { folder.remove() }
        try Self.compare("an empty workbook", folder.path)
    }

    /// A personal layer with no stories yet: the inventory's "No stories yet",
    /// a drills page with no drills and a dashboard with no rubrics.
    @Test func personalLayerWithoutStories() throws {
        let folder = try TemporaryWorkbook([
            "workbook.yaml": "title: Starting\n",
            "chapters/first.md": "---\ntitle: First\n---\n\nText.\n",
            "stories/scores.yaml": "[]\n",
        ])
        defer { folder.remove() }
        let site = try #require(buildSite(folder.path).site)
        #expect(site.text("stories/index.html")?.contains("<p>No stories yet: add Markdown files to <code>stories/</code>.</p>\n</main>") == true)
        #expect(site.text("drills.html")?.contains("</header>\n\n<p>This workbook has no drills yet.</p>\n</main>") == true)
        #expect(site.text("dashboard.html")?.contains("</header>\n\n<p>This workbook has no rubrics.</p>\n</main>") == true)
        try Self.compare("a personal layer without stories", folder.path)
    }

    /// The personal branches golden/personal leaves out: a story without
    /// claims, a failed gate with its reasons, a rubric with no scores.
    @Test func personalPagesBeyondTheGolden() throws {
        let folder = try TemporaryWorkbook(copying: ["workbook.yaml", "chapters/practice.md", "stories/retries.md", "stories/scores.yaml"], of: "golden/personal")
        defer { folder.remove() }
        try folder.edit("stories/scores.yaml") { $0 + "- rubric: attribution-check\n  date: 2026-03-10\n  scores: {Scope: 1, Attribution: 1}\n" }
        try folder.edit("chapters/practice.md") {
            $0 + "\n:::rubric[Unscored]\n| Dimension | 1 | 3 |\n|---|---|---|\n| Depth | a | b |\n\n- 1-3: Any.\n:::\n"
        }
        try folder.edit("stories/retries.md") { text in
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            var out: [Substring] = []
            var inClaims = false
            for line in lines {
                if line.hasPrefix("claims:") { inClaims = true; continue }
                if inClaims, line.hasPrefix(" ") { continue }
                inClaims = false
                out.append(line)
            }
            return out.joined(separator: "\n")
        }
        let result = buildSite(folder.path)
        let site = try #require(result.site)
        let story = try #require(site.text("stories/retries.html"))
        let dashboard = try #require(site.text("dashboard.html"))
        #expect(story.contains("<p>No claims listed.</p>"))
        #expect(dashboard.contains("<ul class=\"gate-reasons\">"))
        #expect(dashboard.contains("No self-scores yet for this rubric"))
        try Self.compare("personal pages beyond the golden", folder.path)
    }

    /// Builds `path` with and without the native renderers: the same pages, byte for byte.
    static func compare(_ name: String, _ path: String, guide: Bool = false, drafts: Bool = false) throws {
        func options(native: Bool) -> Build.Options {
            Build.Options(contentPath: path, defaultThemePath: Repo.defaultTheme, includeDrafts: drafts, guide: guide, nativeTemplates: native)
        }
        let native = Build.run(options(native: true))
        let engine = Build.run(options(native: false))
        #expect(native.theme?.native.keys.sorted() == NativeTemplates.all.keys.sorted(), "every native renderer is in use")
        #expect(engine.theme?.native.isEmpty == true)
        let nativeSite = try #require(native.site, "\(name) builds")
        let engineSite = try #require(engine.site)
        #expect(nativeSite.pages == engineSite.pages)
        for page in engineSite.pages {
            let difference = firstDifference(nativeSite.text(page) ?? "", engineSite.text(page) ?? "")
            #expect(difference == nil, "\(name): \(page)")
        }
    }

    /// Fails when a default template changes and its renderer does not: update
    /// the renderer to render what the template now does, then its digest.
    @Test(arguments: NativeTemplates.all.keys.sorted())
    func digestAndPartialsMatchTheTemplateFile(_ name: String) throws {
        let native = try #require(NativeTemplates.all[name])
        let text = try String(contentsOfFile: Repo.defaultTheme + "/templates/\(name).mustache", encoding: .utf8)
        let digest = NativeTemplates.digest(text)
        #expect(digest == native.digest, "\(name).mustache changed: its digest is now 0x\(String(digest, radix: 16))")
        let included = Set(Theme.partials(in: text).map(\.name))
        let dynamic = text.contains("{{>*partial}}") ? Set(BlockTemplates.blockPartials) : []
        #expect(Set(native.partials) == included.union(dynamic))
    }

    @Test func digestIsFNV1a() {
        #expect(NativeTemplates.digest("") == 0xcbf2_9ce4_8422_2325)
        #expect(NativeTemplates.digest("a") == 0xaf63_dc4c_8601_ec8c)
    }

    @Test func escapingMatchesTheTemplateEngine() {
        var out = HTMLOutput()
        out.appendEscaped("O'Neil <b> & \"q\" é")
        #expect(String(decoding: out.bytes(), as: UTF8.self) == "O&#39;Neil &lt;b&gt; &amp; &quot;q&quot; é")
        var plain = HTMLOutput()
        plain += "x"
        plain.appendEscaped("no markup")
        let plainBytes = plain.bytes()
        #expect(plainBytes == Array("xno markup".utf8))
        // Compared as whole characters, as the engine compares them: a quote
        // with a combining mark on it is no quote.
        var combined = HTMLOutput()
        let quoteWithMark = "\"\u{301}"
        combined.appendEscaped(quoteWithMark + "a\" <")
        let expected = quoteWithMark + "a&quot; &lt;"
        let combinedText = String(decoding: combined.bytes(), as: UTF8.self)
        #expect(combinedText == expected)
    }

    /// Escaping reads bytes until a character to escape stands next to a
    /// byte past ASCII, then reads characters from there: the result is the
    /// engine's, character by character, wherever the two meet.
    @Test func escapingByBytesAgreesWithCharacters() {
        func byCharacters(_ text: String) -> String {
            text.map { c in ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"][c] ?? String(c) }.joined()
        }
        let texts = [
            "", "'", "don't", "a<b>c", "x & y's \"z\"", "Zoë's <em>", "'\u{301}", "x'\u{301}y", "a<b '\u{301} c>d",
            "\u{600}<x", "é<", "<é", "日本'語", "&&&", "tail'", "'head", "\r\n'\r\n", "👩‍💻'", "'👩‍💻",
        ]
        for text in texts {
            var out = HTMLOutput()
            out.appendEscaped(text)
            #expect(String(decoding: out.bytes(), as: UTF8.self) == byCharacters(text), "\(text.debugDescription)")
        }
    }

    /// Overriding `block-callout` turns off every renderer that includes it,
    /// directly or through `block`; the rest stay in use.
    @Test func overridingAPartialHandsItsIncludersToTheEngine() throws {
        let theme = try TemporaryWorkbook([
            "templates/block-callout.mustache": "<aside class=\"mine\">{{kindLabel}}: {{#body}}{{>block}}{{/body}}</aside>\n"
        ])
        defer { theme.remove() }
        let result = buildSite(Repo.fixture("golden/blocks"), themePath: theme.path)
        let native = try #require(result.theme?.native)
        #expect(
            native.keys.sorted() == [
                "block-checklist", "block-matrix", "block-phrases", "block-rubric", "block-transcript", "chapter", "chapter-meta", "dashboard", "dashboard-rubric",
                "drills", "foot", "head", "index", "nav-chapter", "nav-part", "nav-sheets", "print", "print-chapter", "scorecard", "sidebar", "stories", "table",
            ])
        let site = try #require(result.site)
        let chapters = site.pages.filter { $0.hasPrefix("chapters/") }.compactMap { site.text($0) }.joined()
        #expect(chapters.contains("<aside class=\"mine\">Weak answer: "))
        #expect(!chapters.contains("data-block=\"callout\""))
    }

    /// A default template edited in place (an installed theme changed by hand)
    /// is rendered by the engine too.
    @Test func editedDefaultTemplateIsRenderedByTheEngine() throws {
        let folder = try TemporaryWorkbook([:])
        defer { folder.remove() }
        let copy = folder.path + "/default"
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repo.defaultTheme, toPath: copy)
        let table = copy + "/templates/table.mustache"
        let text = try String(contentsOfFile: table, encoding: .utf8)
        try (text.replacingOccurrences(of: "<table>", with: "<table class=\"edited\">")).write(toFile: table, atomically: true, encoding: .utf8)
        let result = Build.run(Build.Options(contentPath: Repo.fixture("golden/blocks"), defaultThemePath: copy))
        #expect(result.theme?.native["table"] == nil)
        #expect(result.theme?.native["block-matrix"] == nil)
        #expect(result.theme?.native["block-rubric"] != nil)
        let site = try #require(result.site)
        #expect(site.pages.compactMap { site.text($0) }.joined().contains("<table class=\"edited\">"))
    }

    /// Where the native page first differs from the engine's, with what follows in each; nil when equal.
    static func firstDifference(_ a: String, _ b: String) -> String? {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x == y { return nil }
        let n = zip(x, y).prefix { $0 == $1 }.count
        let context = { (bytes: [UInt8]) in String(decoding: bytes[n..<min(bytes.count, n + 80)], as: UTF8.self) }
        return "byte \(n): got \(context(x).debugDescription), template gives \(context(y).debugDescription)"
    }
}
