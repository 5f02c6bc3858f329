import Foundation
import Testing
@testable import Workbook
import WorkbookMarkdown

/// The offline search index: entries per chapter, section and titled block,
/// written as a script that cannot close its own <script> element.
@Suite struct SearchIndexTests {
    @Test func entriesForSectionsAndBlocks() throws {
        let result = buildSite(Repo.fixture("golden/blocks"))
        let workbook = try #require(result.workbook)
        let entries = SearchIndex.entries(workbook)
        #expect(entries.map(\.url) == [
            "chapters/one.html", "chapters/one.html#scope", "chapters/one.html#levels", "chapters/one.html#scope-1",
            "chapters/one.html#quick-drill", "chapters/one.html#a-short-exchange",
            "chapters/two.html", "chapters/two.html#rubric-one", "chapters/two.html#rubric-two",
            "chapters/two.html#pocket-card",
        ])
        let drill = try #require(entries.first { $0.url.hasSuffix("#quick-drill") })
        #expect(drill == SearchIndex.Entry(title: "Quick drill", page: "Levels & Scope", url: "chapters/one.html#quick-drill", text: "Write three versions."))
        #expect(entries[0].text == "A matrix, a drill and a transcript. Intro paragraph with a link to two and a heading.")
    }

    /// The build writes entries straight as JSON; encoding the entries as
    /// values gives the same bytes.
    @Test func streamedScriptEqualsTheEntriesEncoded() throws {
        for folder in [Repo.fixture("golden/blocks"), Repo.fixture("golden/personal"), Repo.content] {
            let workbook = try #require(buildSite(folder).workbook)
            let streamed = Array(SearchIndex.script(workbook).joined())
            #expect(streamed == SearchIndex.script(SearchIndex.entries(workbook)), "\(folder)")
            #expect(streamed.count > 1_000)
        }
    }

    /// Escapes in every piece of an entry's text (paragraph, emphasis, code,
    /// cells, the summary) come out as encoding the entry as a value gives them.
    @Test func escapesAcrossAnEntrysPieces() throws {
        let markdown = """
            ---
            title: "Quotes \\"and\\" slashes"
            ---

            Say "hi" to a/b, then *C:\\path*, `</script>` and **x/"y"**.
            Tab\there; a line

            ## A "heading"

            | a/b | "c" |
            |---|---|
            | \\ | </p> |
            """
        let (parsed, problems) = ChapterReader.read(markdown, path: "chapters/q.md", name: "q")
        #expect(problems.filter { $0.severity == .error } == [])
        let chapter = try #require(parsed)
        let source = SearchIndex.Source(body: chapter.body, page: chapter.front.title, url: "chapters/q.html", intro: "a \"summary\"")
        let streamed = Array(SearchIndex.wrap([SearchIndex.fragment(source)]).joined())
        let entries = SearchIndex.entries(body: source.body, page: source.page, url: source.url, intro: source.intro)
        #expect(entries.count == 2)
        #expect(streamed == SearchIndex.script(entries))
        #expect(String(decoding: streamed, as: UTF8.self).contains(#"Say \"hi\" to a\/b"#))
    }

    @Test func scriptEscapesClosingTags() {
        let bytes = SearchIndex.script([SearchIndex.Entry(title: "</script><script>alert(1)</script>", page: "p", url: "u", text: "t")])
        let script = String(decoding: bytes, as: UTF8.self)
        #expect(!script.contains("</"))
        #expect(script == #"window.WORKBOOK_SEARCH = {"entries":[{"page":"p","text":"t","title":"<\/script><script>alert(1)<\/script>","url":"u"}]};"# + "\n")
    }

    @Test func guideBuildsIndexNoStories() throws {
        let personal = try #require(buildSite(Repo.content).site?.text("search-index.js"))
        let guide = try #require(buildSite(Repo.content, guide: true).site?.text("search-index.js"))
        #expect(personal.contains("stories\\/payment-retries.html"))
        #expect(!guide.contains("stories\\/"))
    }

    @Test func anIndexOverFiveMegabytesIsAWarning() throws {
        let paragraph = String(repeating: "Evidence over tenure, scope over title. ", count: 25) + "\n\n"
        let body = String(repeating: paragraph, count: 5_600)  // about 5.6 MB of text
        let folder = try TemporaryWorkbook(["workbook.yaml": "title: Big\n", "chapters/big.md": "---\ntitle: Big\n---\n" + body])
        defer { folder.remove() }
        let result = buildSite(folder.path)
        #expect(result.site?.searchIndexSize ?? 0 > SearchIndex.warningSize)
        let warning = try #require(result.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.path == "search-index.js")
        #expect(warning.message.hasPrefix("the search index is 5."))
        #expect(warning.message.hasSuffix(" MB, over 5 MB: a page loads it when its reader first searches; consider splitting long chapters' text out of the workbook"))
    }
}

/// The hand-written JSON writes what JSONEncoder writes, byte for byte.
@Suite struct SearchIndexJSONTests {
    @Test func stringsEncodeAsJSONEncoderDoes() throws {
        let controls = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
        let samples = ["", "plain words", "a \"quote\", a \\ and </script>", controls, "é — 日本 🙂 tab\there", "ends with /"]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for sample in samples {
            var ours: [UInt8] = []
            SearchIndex.appendJSONString(sample, to: &ours)
            let theirs = try encoder.encode([sample]).dropFirst().dropLast()
            #expect(String(decoding: ours, as: UTF8.self) == String(decoding: theirs, as: UTF8.self))
        }
    }
}
