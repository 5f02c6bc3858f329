import Foundation
import Testing
@testable import Workbook
import WorkbookMarkdown

#if canImport(Glibc)
import Glibc
#endif

// Bad input is a diagnostic, never a crash or a hang. Each case writes a small
// workbook (bytes, links, folders, FIFOs), loads or builds it, and expects
// exactly the diagnostics an author gets, within a loose time bound: machines
// are noisy, the bound only says "no hang". The limits are in `Limits` and
// `MarkdownLimits`, and in docs/authoring.md ("Limits").

/// One bad-input case: files written to a fresh folder, loaded (or built with
/// a theme), the folder removed; the diagnostics and how long it took.
struct BadInput {
    /// Loose: a case that would hang or go quadratic takes far longer.
    static let bound: Double = 10

    let root: String
    let diagnostics: [Diagnostic]
    let seconds: Double
    let result: LoadResult?
    let build: Build.Result?

    /// - Parameters:
    ///   - files: path relative to the content folder → bytes.
    ///   - prepare: runs after the files are written (symbolic links, FIFOs, permissions).
    ///   - themeFiles: when given, a theme folder with these files is made and the workbook built with it.
    init(
        _ files: [String: [UInt8]], workbook: String? = "title: Test workbook\n",
        prepare: (String) throws -> Void = { _ in }, theme themeFiles: [String: String]? = nil, defaultTheme: String? = nil
    ) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-bad-\(UUID().uuidString)").path
        root = base + "/content"
        var all = files
        if let workbook, all["workbook.yaml"] == nil { all["workbook.yaml"] = Array(workbook.utf8) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer {
            // Make everything removable again, even what a case made unreadable.
            _ = try? Process.run(URL(fileURLWithPath: "/bin/chmod"), arguments: ["-R", "u+rwx", base]).waitUntilExit()
            try? FileManager.default.removeItem(atPath: base)
        }
        for (relative, bytes) in all {
            let url = URL(fileURLWithPath: root + "/" + relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        try prepare(root)
        var themePath: String?
        if let themeFiles {
            themePath = base + "/theme"
            for (relative, text) in themeFiles {
                let url = URL(fileURLWithPath: themePath! + "/" + relative)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
        }
        let start = DispatchTime.now()
        if themeFiles != nil || defaultTheme != nil {
            let built = Build.run(Build.Options(contentPath: root, themePath: themePath, defaultThemePath: defaultTheme ?? Repo.defaultTheme))
            build = built
            result = nil
            diagnostics = built.diagnostics
        } else {
            let loaded = WorkbookLoader.load(contentPath: root)
            result = loaded
            build = nil
            diagnostics = loaded.diagnostics
        }
        seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// One chapter, `chapters/a.md`.
    init(chapter bytes: [UInt8]) throws {
        try self.init(["chapters/a.md": bytes])
    }

    init(chapter text: String) throws {
        try self.init(chapter: Array(text.utf8))
    }

    /// `path:line:col: severity: message`, paths relative to the content folder.
    func describe(_ list: [Diagnostic]) -> [String] {
        list.map { d in
            let path = d.path.hasPrefix(root + "/") ? String(d.path.dropFirst(root.count + 1)) : d.path
            return "\(path):\(d.location.line):\(d.location.column): \(d.severity.rawValue): \(d.message)"
        }
    }

    /// Expects exactly `expected` (as `describe` writes them), in order, and the time bound.
    func expect(_ expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(describe(diagnostics) == expected, sourceLocation: sourceLocation)
        #expect(seconds < Self.bound, "took \(seconds) s", sourceLocation: sourceLocation)
    }
}

extension BadInput {
    /// A chapter whose body starts on line 4.
    static func chapter(_ body: String) -> [UInt8] {
        Array("---\ntitle: Chapter\n---\n".utf8) + Array(body.utf8)
    }

    static func chapter(bytes body: [UInt8]) -> [UInt8] {
        Array("---\ntitle: Chapter\n---\n".utf8) + body
    }

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]

    /// "Billion laughs": nine levels of nine aliases, 9^9 strings if expanded.
    static let aliasBomb = """
        lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        l1: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        l2: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        l3: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        l4: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        l5: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        l6: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        l7: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        l8: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]

        """

    static var isRoot: Bool { getuid() == 0 }

    static let blockNesting = "nesting deeper than 64 levels: directives, block quotes and lists may nest at most 64 deep"
    static let inlineNesting = "nesting deeper than 64 levels: emphasis, links and images may nest at most 64 deep"
    static let yamlNesting = "nesting deeper than 64 levels: YAML lists and mappings may nest at most 64 deep"
    static let alias = "YAML aliases (`*name`) are not supported: write the value out in full"
}

@Suite("Bad input: encodings and text")
struct BadInputTextTests {
    @Test func invalidUTF8InAChapter() throws {
        let w = try BadInput(chapter: BadInput.chapter(bytes: Array("Caf".utf8) + [0xE9] + Array(" au lait.\n".utf8)))
        w.expect(["chapters/a.md:4:4: error: invalid UTF-8 (byte 0xE9); save the file as UTF-8"])
        #expect(w.result?.sources[w.root + "/chapters/a.md"]?.contains("Caf\u{FFFD} au lait.") == true)
    }

    @Test func invalidUTF8ColumnCountsCharacters() throws {
        let w = try BadInput(chapter: BadInput.chapter(bytes: Array("naïve → ".utf8) + [0xFF] + Array("\n".utf8)))
        w.expect(["chapters/a.md:4:9: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8"])
    }

    @Test func truncatedSequenceAtTheEnd() throws {
        let w = try BadInput(chapter: BadInput.chapter(bytes: Array("Text.\nEnds in €".utf8).dropLast()))
        w.expect(["chapters/a.md:5:9: error: invalid UTF-8 (byte 0xE2); save the file as UTF-8"])
    }

    @Test func overlongEncodingAndSurrogate() throws {
        let overlong = try BadInput(chapter: BadInput.chapter(bytes: [0x41, 0xC0, 0xAF, 0x0A]))
        overlong.expect(["chapters/a.md:4:2: error: invalid UTF-8 (byte 0xC0); save the file as UTF-8"])
        let surrogate = try BadInput(chapter: BadInput.chapter(bytes: [0x41, 0x42, 0xED, 0xA0, 0x80, 0x0A]))
        surrogate.expect(["chapters/a.md:4:3: error: invalid UTF-8 (byte 0xED); save the file as UTF-8"])
    }

    @Test func invalidUTF8InWorkbookYAML() throws {
        let w = try BadInput(["workbook.yaml": Array("title: Caf".utf8) + [0xE9] + [0x0A], "chapters/a.md": BadInput.chapter("Text.\n")])
        w.expect(["workbook.yaml:1:11: error: invalid UTF-8 (byte 0xE9); save the file as UTF-8"])
        #expect(w.result?.workbook == nil)
    }

    @Test func invalidUTF8InFrontMatter() throws {
        let w = try BadInput(chapter: Array("---\ntitle: ".utf8) + [0xC3] + Array("\n---\nText.\n".utf8))
        w.expect(["chapters/a.md:2:8: error: invalid UTF-8 (byte 0xC3); save the file as UTF-8"])
    }

    @Test func invalidUTF8InAStoryAndInScores() throws {
        let w = try BadInput([
            "chapters/a.md": BadInput.chapter("Text.\n"),
            "stories/s.md": Array("---\ntitle: S\n---\n".utf8) + [0x80] + [0x0A],
            "stories/scores.yaml": Array("- rubric: r\n  note: ".utf8) + [0xFE] + [0x0A],
        ])
        w.expect([
            "stories/s.md:4:1: error: invalid UTF-8 (byte 0x80); save the file as UTF-8",
            "stories/scores.yaml:2:9: error: invalid UTF-8 (byte 0xFE); save the file as UTF-8",
        ])
    }

    @Test func nulByteInAChapter() throws {
        let w = try BadInput(chapter: BadInput.chapter(bytes: Array("One\nA".utf8) + [0] + Array("B\n".utf8)))
        w.expect(["chapters/a.md:5:2: error: NUL byte (U+0000): text files hold none; is this a binary file?"])
    }

    @Test func nulByteInWorkbookYAML() throws {
        let w = try BadInput(["workbook.yaml": Array("title: T\nauthor: A".utf8) + [0] + [0x0A], "chapters/a.md": BadInput.chapter("Text.\n")])
        w.expect(["workbook.yaml:2:10: error: NUL byte (U+0000): text files hold none; is this a binary file?"])
    }

    @Test func pngRenamedToMarkdown() throws {
        let w = try BadInput(["chapters/a.md": BadInput.chapter("Text.\n"), "chapters/diagram.md": BadInput.png])
        w.expect(["chapters/diagram.md:1:1: error: binary file (a PNG image), not UTF-8 text; images and other files go in `assets/`"])
    }

    @Test func pdfAndZipRenamed() throws {
        let w = try BadInput([
            "chapters/a.md": Array("%PDF-1.7\n".utf8) + [0xE2, 0xE3, 0xCF, 0xD3],
            "chapters/b.md": [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00],
        ])
        w.expect([
            "chapters/a.md:1:1: error: binary file (a PDF document), not UTF-8 text; images and other files go in `assets/`",
            "chapters/b.md:1:1: error: binary file (a ZIP archive or an Office document), not UTF-8 text; images and other files go in `assets/`",
        ])
    }

    @Test func utf16Text() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "---\ntitle: T\n---\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let w = try BadInput(chapter: bytes)
        w.expect(["chapters/a.md:1:1: error: UTF-16 text: save the file as UTF-8"])
    }

    @Test func emptyAndBlankChapters() throws {
        let w = try BadInput(["chapters/a.md": [], "chapters/b.md": Array("\n  \n\t\n".utf8)])
        let message = "error: the file is empty: a chapter starts with front matter: a `---` line, `title: ...`, and a closing `---`"
        w.expect(["chapters/a.md:1:1: " + message, "chapters/b.md:1:1: " + message])
    }

    @Test func emptyWorkbookYAML() throws {
        let w = try BadInput(["workbook.yaml": [], "chapters/a.md": BadInput.chapter("Text.\n")])
        w.expect(["workbook.yaml:1:1: error: workbook.yaml is empty"])
    }

    @Test func emptyStoryAndEmptyScores() throws {
        let w = try BadInput(["chapters/a.md": BadInput.chapter("Text.\n"), "stories/s.md": [], "stories/scores.yaml": []])
        w.expect(["stories/s.md:1:1: error: the file is empty: a story starts with front matter: a `---` line, `title: ...`, and a closing `---`"])
    }

    @Test func frontMatterOnly() throws {
        let w = try BadInput(chapter: Array("---\ntitle: Only front matter\n---\n".utf8))
        w.expect([])
        #expect(w.result?.workbook?.chapters.first?.body.isEmpty == true)
    }

    @Test func byteOrderMarkAtTheStart() throws {
        let w = try BadInput([
            "workbook.yaml": [0xEF, 0xBB, 0xBF] + Array("title: T\ncolour: blue\n".utf8),
            "chapters/a.md": [0xEF, 0xBB, 0xBF] + BadInput.chapter("See [this](#nowhere).\n"),
        ])
        w.expect([
            "chapters/a.md:4:5: error: broken anchor `#nowhere`: this chapter has no heading or block with id `nowhere`",
            "workbook.yaml:2:1: warning: unknown key `colour` in workbook.yaml",
        ])
        #expect(w.result?.workbook?.chapters.first?.front.title == "Chapter")
    }

    @Test func windowsLineEndingsThroughout() throws {
        let text = """
            ---
            title: CRLF
            ---
            :::drill[Practice]{timebox=10m}
            | A | B |
            |---|---|
            | 1 | [x](#missing) |
            :::

            """.replacingOccurrences(of: "\n", with: "\r\n")
        let w = try BadInput(chapter: text)
        w.expect(["chapters/a.md:7:7: error: broken anchor `#missing`: this chapter has no heading or block with id `missing`"])
        guard case .drill(let drill)? = w.result?.workbook?.chapters.first?.body.first else {
            Issue.record("the drill is read")
            return
        }
        #expect(drill.timebox?.seconds == 600)
    }

    @Test func oldMacLineEndings() throws {
        let w = try BadInput(chapter: "---\rtitle: CR\r---\rOne.\r\rSee [x](#nope).\r")
        w.expect(["chapters/a.md:6:5: error: broken anchor `#nope`: this chapter has no heading or block with id `nope`"])
        #expect(w.result?.workbook?.chapters.first?.front.title == "CR")
    }
}

@Suite("Bad input: sizes", .serialized)
struct BadInputSizeTests {
    @Test func fiftyMegabyteChapterIsOverTheLimit() throws {
        let line = Array("Some words in a paragraph of a very large chapter.\n\n".utf8)
        var bytes = BadInput.chapter("")
        bytes.reserveCapacity(50 * 1024 * 1024 + 100)
        while bytes.count < 50 * 1024 * 1024 { bytes += line }
        let w = try BadInput(chapter: bytes)
        w.expect(["chapters/a.md:1:1: error: this file is 50.0 MB, over the limit of 10 MB per file"])
    }

    @Test func oversizedYAMLFiles() throws {
        let big = "title: T\n" + String(repeating: "# a comment line of YAML that goes on\n", count: 300_000)
        let w = try BadInput(["workbook.yaml": Array(big.utf8), "chapters/a.md": BadInput.chapter("Text.\n"), "stories/scores.yaml": Array(big.utf8)])
        w.expect([
            "stories/scores.yaml:1:1: error: this file is 10.9 MB, over the limit of 10 MB per file",
            "workbook.yaml:1:1: error: this file is 10.9 MB, over the limit of 10 MB per file",
        ])
    }

    @Test func aVeryLongLine() throws {
        let w = try BadInput(chapter: BadInput.chapter(String(repeating: "word ", count: 400_000) + "\n"))
        w.expect([])
    }

    @Test func aLongLineWithManyLinksIsLinear() throws {
        // 100,000 links on one line, each broken: positions along the line and the
        // diagnostics stay linear, and at most 100 are listed.
        let w = try BadInput(chapter: BadInput.chapter(String(repeating: "`c` [l](#x) ", count: 100_000) + "\n"))
        #expect(w.diagnostics.count == 101)
        #expect(w.describe(Array(w.diagnostics.prefix(2))) == [
            "chapters/a.md:4:5: error: broken anchor `#x`: this chapter has no heading or block with id `x`",
            "chapters/a.md:4:17: error: broken anchor `#x`: this chapter has no heading or block with id `x`",
        ])
        #expect(w.describe([w.diagnostics[100]]) == [
            "chapters/a.md:4:1205: error: too many problems in this file: 99900 more errors not shown (at most 100 are listed per file)"
        ])
        #expect(w.seconds < BadInput.bound)
        let printed = try #require(w.result).sources
        let text = DiagnosticFormatter.text(w.diagnostics, sources: printed)
        #expect(text.split(separator: "\n").allSatisfy { $0.unicodeScalars.count < 400 }, "long source lines are shown cut")
    }

    @Test func aFloodOfStrayClosingFences() throws {
        let w = try BadInput(chapter: BadInput.chapter(String(repeating: ":::\n", count: 100_000)))
        #expect(w.diagnostics.count == 101)
        #expect(w.describe([w.diagnostics[0], w.diagnostics[100]]) == [
            "chapters/a.md:4:1: error: closing fence `:::` has no open directive to close",
            "chapters/a.md:104:1: error: too many problems in this file: 99900 more errors not shown (at most 100 are listed per file)",
        ])
        #expect(w.seconds < BadInput.bound)
    }

    @Test func hundredThousandRowTable() throws {
        var body = "| Key | Value |\n|---|---|\n"
        for i in 0..<100_000 { body += "| row \(i) | **v\(i)** `c` |\n" }
        let w = try BadInput(chapter: BadInput.chapter(body))
        w.expect([])
        guard case .markdown(.table(let table))? = w.result?.workbook?.chapters.first?.body.first else {
            Issue.record("the table is read")
            return
        }
        #expect(table.rows.count == 100_000)
        #expect(table.rows.last?.location == SourceLocation(line: 100_005, column: 1))
    }

    @Test func hundredThousandRowRubricIsOverTheLimit() throws {
        var body = ":::rubric[Huge]\n| Dimension | 1 | 5 |\n|---|---|---|\n"
        for i in 0..<100_000 { body += "| D\(i) | weak | strong |\n" }
        body += "\n- 100000-500000: All\n:::\n"
        let w = try BadInput(chapter: BadInput.chapter(body))
        w.expect(["chapters/a.md:5:1: error: this rubric has 400001 possible totals (100000 dimensions scored 1 to 5); a rubric may have at most 100000"])
    }

    @Test func aRubricWithOneHundredThousandBands() throws {
        // Coverage is counted through differences: bands times totals would take hours.
        let body = ":::rubric[Wide]\n| Dimension | 0 | 1 |\n|---|---|---|\n| A | x | y |\n\n" + String(repeating: "- 0-999999: Band\n", count: 100_000) + ":::\n"
        let w = try BadInput(chapter: BadInput.chapter(body))
        #expect(w.diagnostics.count == 101)
        #expect(w.describe(Array(w.diagnostics.prefix(2))) == [
            "chapters/a.md:9:1: error: score bands overlap: totals 0-1 fall in more than one band",
            "chapters/a.md:9:3: error: score band `0-999999` goes outside the possible totals 0-1 (1 dimension scored 0 to 1)",
        ])
        #expect(w.seconds < BadInput.bound)
    }

    @Test func aLargeRubricWithScoresBuilds() throws {
        let n = 5_000
        var body = ":::rubric[Large]{#large gate=10}\n| Dimension | 0 | 1 |\n|---|---|---|\n"
        for i in 0..<n { body += "| D\(i) | a | b |\n" }
        body += "\n- 0-\(n): All\n:::\n"
        let scores = (0..<n).map { "D\($0): \($0 % 2)" }.joined(separator: ", ")
        let w = try BadInput(
            ["chapters/a.md": BadInput.chapter(body), "stories/scores.yaml": Array("- rubric: large\n  date: 2025-01-01\n  scores: {\(scores)}\n".utf8)],
            defaultTheme: Repo.defaultTheme)
        #expect(w.build?.errorCount == 0)
        #expect(w.build?.site?.files["dashboard.html"] != nil)
        #expect(w.seconds < BadInput.bound, "took \(w.seconds) s")
    }

    @Test func rubricAnchorOutOfRange() throws {
        let w = try BadInput(chapter: BadInput.chapter(":::rubric[R]\n| Dimension | 1 | 9223372036854775807 |\n|---|---|---|\n| A | x | y |\n\n- 1-2: B\n:::\n"))
        w.expect(["chapters/a.md:5:19: error: score anchor 9223372036854775807 is outside -1000 to 1000"])
    }

    @Test func hundredThousandEqualHeadings() throws {
        let w = try BadInput(chapter: BadInput.chapter(String(repeating: "## Same\n\n", count: 100_000)))
        w.expect([])
        guard case .markdown(.heading(let last))? = w.result?.workbook?.chapters.first?.body.last else {
            Issue.record("the headings are read")
            return
        }
        #expect(last.id == "same-99999")
    }
}

@Suite("Bad input: nesting")
struct BadInputNestingTests {
    @Test func directivesTenThousandDeep() throws {
        let w = try BadInput(chapter: BadInput.chapter(String(repeating: ":::callout\n", count: 10_000) + "Deep.\n" + String(repeating: ":::\n", count: 10_000)))
        w.expect(["chapters/a.md:68:1: error: " + BadInput.blockNesting])
    }

    @Test func directivesDeepWithLongerOuterFences() throws {
        var body = ""
        for depth in 0..<100 { body += String(repeating: ":", count: 103 - depth) + "callout\n" }
        body += "Deep.\n"
        for depth in (0..<100).reversed() { body += String(repeating: ":", count: 103 - depth) + "\n" }
        let w = try BadInput(chapter: BadInput.chapter(body))
        w.expect(["chapters/a.md:68:1: error: " + BadInput.blockNesting])
    }

    @Test func unclosedDirectivesTenThousandDeep() throws {
        let w = try BadInput(chapter: BadInput.chapter(String(repeating: ":::callout\n", count: 10_000)))
        #expect(w.diagnostics.count == 65)
        #expect(w.describe([w.diagnostics[0], w.diagnostics[64]]) == [
            "chapters/a.md:4:1: error: unclosed directive `callout`: no closing `:::` before the end of the file",
            "chapters/a.md:68:1: error: " + BadInput.blockNesting,
        ])
        #expect(w.seconds < BadInput.bound)
    }

    @Test func blockQuotesTenThousandDeep() throws {
        let w = try BadInput(chapter: BadInput.chapter(String(repeating: "> ", count: 10_000) + "Deep.\n"))
        w.expect(["chapters/a.md:4:129: error: " + BadInput.blockNesting])
    }

    @Test func bulletListsTenThousandDeep() throws {
        let w = try BadInput(chapter: BadInput.chapter(String(repeating: "- ", count: 10_000) + "Deep.\n"))
        w.expect(["chapters/a.md:4:129: error: " + BadInput.blockNesting])
    }

    @Test func orderedListsTenThousandDeep() throws {
        let w = try BadInput(chapter: BadInput.chapter(String(repeating: "1. ", count: 10_000) + "Deep.\n"))
        w.expect(["chapters/a.md:4:193: error: " + BadInput.blockNesting])
    }

    @Test func listsAndQuotesMixed() throws {
        let w = try BadInput(chapter: BadInput.chapter(String(repeating: "- > ", count: 5_000) + "Deep.\n"))
        w.expect(["chapters/a.md:4:129: error: " + BadInput.blockNesting])
    }

    @Test func directivesAndQuotesShareOneBudget() throws {
        let body = String(repeating: ":::callout\n", count: 60) + String(repeating: "> ", count: 10) + "Deep.\n" + String(repeating: ":::\n", count: 60)
        let w = try BadInput(chapter: BadInput.chapter(body))
        w.expect(["chapters/a.md:64:9: error: " + BadInput.blockNesting])
    }

    @Test func emphasisTenThousandDeep() throws {
        let w = try BadInput(chapter: BadInput.chapter(String(repeating: "*a ", count: 10_000) + "x" + String(repeating: " a*", count: 10_000) + "\n"))
        w.expect(["chapters/a.md:4:193: error: " + BadInput.inlineNesting])
    }

    @Test func strongEmphasisTenThousandDeep() throws {
        let w = try BadInput(chapter: BadInput.chapter(String(repeating: "**", count: 10_000) + "x" + String(repeating: "**", count: 10_000) + "\n"))
        #expect(w.describe(w.diagnostics).map { $0.hasSuffix(BadInput.inlineNesting) } == [true])
        #expect(w.seconds < BadInput.bound)
    }

    @Test func nestedImagesTenThousandDeep() throws {
        let w = try BadInput([
            "chapters/a.md": BadInput.chapter(String(repeating: "![", count: 10_000) + "x" + String(repeating: "](../assets/i.png)", count: 10_000) + "\n"),
            "assets/i.png": BadInput.png,
        ])
        w.expect(["chapters/a.md:4:129: error: " + BadInput.inlineNesting])
    }

    @Test func deepNestingInATableCell() throws {
        let cell = String(repeating: "*a ", count: 5_000) + "x" + String(repeating: " a*", count: 5_000)
        let w = try BadInput(chapter: BadInput.chapter("| A | B |\n|---|---|\n| \(cell) | y |\n"))
        w.expect(["chapters/a.md:6:195: error: " + BadInput.inlineNesting])
    }

    @Test func deepNestingInADirectiveTitle() throws {
        let title = String(repeating: "*a ", count: 2_000) + "x" + String(repeating: " a*", count: 2_000)
        let w = try BadInput(chapter: BadInput.chapter(":::drill[\(title)]{timebox=1m}\nDo it.\n:::\n"))
        w.expect(["chapters/a.md:4:202: error: " + BadInput.inlineNesting])
    }
}

@Suite("Bad input: YAML")
struct BadInputYAMLTests {
    @Test func billionLaughsInWorkbookYAML() throws {
        let w = try BadInput(["workbook.yaml": Array(("title: T\n" + BadInput.aliasBomb).utf8), "chapters/a.md": BadInput.chapter("Text.\n")])
        w.expect(["workbook.yaml:3:9: error: " + BadInput.alias])
    }

    @Test func billionLaughsInFrontMatter() throws {
        let w = try BadInput(chapter: Array(("---\ntitle: T\n" + BadInput.aliasBomb + "---\nText.\n").utf8))
        w.expect(["chapters/a.md:4:9: error: " + BadInput.alias])
    }

    @Test func billionLaughsInScoresAndInAStory() throws {
        let w = try BadInput([
            "chapters/a.md": BadInput.chapter("Text.\n"),
            "stories/scores.yaml": Array(("- rubric: r\n  date: 2026-01-01\n  scores: {A: 1}\n  note: &n x\n- rubric: *n\n").utf8),
            "stories/s.md": Array(("---\ntitle: S\n" + BadInput.aliasBomb + "---\nBody.\n").utf8),
        ])
        w.expect([
            "stories/s.md:4:9: error: " + BadInput.alias,
            "stories/scores.yaml:5:11: error: " + BadInput.alias,
        ])
    }

    @Test func aliasBombAsAMappingKey() throws {
        // Yams would hash this key to find duplicates: 9^9 nodes.
        let w = try BadInput(["workbook.yaml": Array(("title: T\n" + BadInput.aliasBomb + "? *i\n: 1\n").utf8), "chapters/a.md": BadInput.chapter("Text.\n")])
        w.expect(["workbook.yaml:3:9: error: " + BadInput.alias])
    }

    @Test func mergeKeysUseAliases() throws {
        let w = try BadInput(chapter: Array("---\ntitle: T\nbase: &b {part: P}\nmore:\n  <<: *b\n---\nText.\n".utf8))
        w.expect(["chapters/a.md:5:7: error: " + BadInput.alias])
    }

    @Test func flowListsTenThousandDeep() throws {
        let w = try BadInput(["workbook.yaml": Array(("title: T\nchapters: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n").utf8), "chapters/a.md": BadInput.chapter("Text.\n")])
        // libyaml has scanned the whole flow ahead and stops at the second `[`.
        w.expect(["workbook.yaml:2:12: error: " + BadInput.yamlNesting])
    }

    @Test func blockListsTenThousandDeep() throws {
        let w = try BadInput(chapter: Array(("---\ntitle: T\nskills:\n" + String(repeating: "- ", count: 10_000) + "x\n---\nText.\n").utf8))
        w.expect(["chapters/a.md:4:127: error: " + BadInput.yamlNesting])
    }

    /// The guard parses only text that could hold an alias or nest past the
    /// limit; the least text that nests 65 deep has 65 indicators.
    @Test func guardSkipsOnlyTextThatCannotNestOrAlias() {
        #expect(!YAMLGuard.mayHoldAliasOrDeepNesting("title: T\nskills: [a, b]\ndraft: true\n"))
        #expect(YAMLGuard.mayHoldAliasOrDeepNesting("title: *t\n"))
        #expect(YAMLGuard.mayHoldAliasOrDeepNesting(String(repeating: "[", count: 65)))
        #expect(YAMLGuard.mayHoldAliasOrDeepNesting(String(repeating: "- ", count: 65) + "x"))
        #expect(!YAMLGuard.mayHoldAliasOrDeepNesting(String(repeating: "- ", count: 64) + "x"))
        #expect(YAMLGuard.check(String(repeating: "- ", count: 64) + "x", path: "a.yaml", lineOffset: 0) == nil)
        #expect(YAMLGuard.check(String(repeating: "- ", count: 65) + "x", path: "a.yaml", lineOffset: 0)?.message == BadInput.yamlNesting)
    }

    @Test func mappingsNestedByIndentation() throws {
        var yaml = "title: T\nnested:\n"
        for depth in 0..<100 { yaml += String(repeating: " ", count: depth + 1) + "k\(depth):\n" }
        let w = try BadInput(["workbook.yaml": Array(yaml.utf8), "chapters/a.md": BadInput.chapter("Text.\n")])
        w.expect(["workbook.yaml:66:65: error: " + BadInput.yamlNesting])
    }
}

@Suite("Bad input: files and folders")
struct BadInputFileTests {
    @Test func symbolicLinkLoopInChapters() throws {
        let w = try BadInput(["chapters/a.md": BadInput.chapter("Text.\n")]) { root in
            try FileManager.default.createSymbolicLink(atPath: root + "/chapters/loop.md", withDestinationPath: "loop.md")
            try FileManager.default.createSymbolicLink(atPath: root + "/chapters/ping.md", withDestinationPath: "pong.md")
            try FileManager.default.createSymbolicLink(atPath: root + "/chapters/pong.md", withDestinationPath: "ping.md")
        }
        let loop = "error: cannot read: a symbolic link loop (too many levels of symbolic links)"
        w.expect(["chapters/loop.md:1:1: " + loop, "chapters/ping.md:1:1: " + loop, "chapters/pong.md:1:1: " + loop])
    }

    @Test func danglingSymbolicLink() throws {
        let w = try BadInput(["chapters/a.md": BadInput.chapter("Text.\n")]) { root in
            try FileManager.default.createSymbolicLink(atPath: root + "/chapters/gone.md", withDestinationPath: "../drafts/gone.md")
        }
        w.expect(["chapters/gone.md:1:1: error: cannot read: a symbolic link to `../drafts/gone.md`, which does not exist"])
    }

    @Test func symbolicLinkLoopsInAssets() throws {
        let w = try BadInput(["chapters/a.md": BadInput.chapter("Text.\n"), "assets/img/a.png": BadInput.png]) { root in
            try FileManager.default.createSymbolicLink(atPath: root + "/assets/img/again", withDestinationPath: ".")
            try FileManager.default.createSymbolicLink(atPath: root + "/assets/img/up", withDestinationPath: "..")
            try FileManager.default.createSymbolicLink(atPath: root + "/assets/self.png", withDestinationPath: "self.png")
        }
        w.expect([
            "assets/img/again:1:1: error: a symbolic link loop: this folder leads back to a folder that holds it",
            "assets/img/up:1:1: error: a symbolic link loop: this folder leads back to a folder that holds it",
            "assets/self.png:1:1: error: cannot read: a symbolic link loop (too many levels of symbolic links)",
        ])
        #expect(w.result?.workbook?.assets == ["assets/img/a.png"])
    }

    @Test func symbolicLinkedAssetIsCopiedAsAFile() throws {
        let folder = try TemporaryWorkbook([
            "content/workbook.yaml": "title: T\n", "content/chapters/a.md": "---\ntitle: A\n---\n![d](../assets/d.png)\n",
            "outside/real.png": "PNGDATA",
        ])
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path + "/content/assets", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/content/assets/d.png", withDestinationPath: folder.path + "/outside/real.png")
        let site = try #require(buildSite(folder.path + "/content").site)
        #expect(SiteWriter.write(site, to: folder.path + "/out", content: folder.path + "/content").isEmpty)
        let copied = try FileManager.default.attributesOfItem(atPath: folder.path + "/out/assets/d.png")
        #expect(copied[.type] as? FileAttributeType == .typeRegular)
        #expect(try String(contentsOfFile: folder.path + "/out/assets/d.png", encoding: .utf8) == "PNGDATA")
    }

    @Test func aChapterThatIsAFolder() throws {
        let w = try BadInput(["chapters/a.md": BadInput.chapter("Text.\n"), "chapters/x.md/notes.txt": Array("x".utf8)])
        w.expect(["chapters/x.md:1:1: error: this is a folder, not a file"])
    }

    @Test func chaptersIsAFileAndWorkbookYAMLIsAFolder() throws {
        let w = try BadInput(["chapters": Array("not a folder".utf8), "workbook.yaml/x": Array("y".utf8)], workbook: nil)
        w.expect([
            "chapters:1:1: error: `chapters` is a file; it must be a folder",
            "workbook.yaml:1:1: error: this is a folder, not a file",
            "workbook.yaml:1:1: warning: no chapters: add Markdown files to `\(w.root)/chapters/`",
        ])
    }

    @Test func unreadableFiles() throws {
        let w = try BadInput(["chapters/a.md": BadInput.chapter("Text.\n"), "chapters/secret.md": BadInput.chapter("Hidden.\n")]) { root in
            chmod(root + "/chapters/secret.md", 0)
        }
        if BadInput.isRoot {
            // root reads anything: the same code path is covered by `aChapterThatIsAFolder`.
            w.expect([])
        } else {
            w.expect(["chapters/secret.md:1:1: error: cannot read: permission denied"])
        }
    }

    @Test func aFIFONeverHangsTheBuild() throws {
        let w = try BadInput(["chapters/a.md": BadInput.chapter("Text.\n"), "assets/keep.txt": Array("k".utf8)]) { root in
            #expect(mkfifo(root + "/chapters/pipe.md", 0o644) == 0)
            #expect(mkfifo(root + "/assets/pipe", 0o644) == 0)
            try FileManager.default.createDirectory(atPath: root + "/stories", withIntermediateDirectories: true)
            #expect(mkfifo(root + "/stories/scores.yaml", 0o644) == 0)
        }
        w.expect([
            "assets/pipe:1:1: error: this is not a regular file (a FIFO, socket or device); only regular files are copied",
            "chapters/pipe.md:1:1: error: this is not a regular file (a FIFO, socket or device); only regular files are read",
            "stories/scores.yaml:1:1: error: this is not a regular file (a FIFO, socket or device); only regular files are read",
        ])
    }

    @Test func missingPageTemplate() throws {
        let theme = try TemporaryWorkbook([:])
        defer { theme.remove() }
        try FileManager.default.copyItem(atPath: Repo.defaultTheme, toPath: theme.path + "/default")
        try FileManager.default.removeItem(atPath: theme.path + "/default/templates/chapter.mustache")
        let w = try BadInput(["chapters/a.md": BadInput.chapter("Text.\n")], defaultTheme: theme.path + "/default")
        #expect(w.describe(w.diagnostics) == ["\(theme.path)/default/templates/chapter.mustache:1:1: error: the theme has no `chapter.mustache` template"])
        #expect(w.build?.site == nil)
        #expect(w.seconds < BadInput.bound)
    }

    @Test func missingPartial() throws {
        let w = try BadInput(
            ["chapters/a.md": BadInput.chapter("Text.\n")],
            theme: ["templates/chapter.mustache": "{{#page}}{{>head}}{{/page}}\n<main>\n  {{>sidebr}}\n</main>\n"])
        let path = try #require(w.diagnostics.first?.path)
        #expect(path.hasSuffix("/theme/templates/chapter.mustache"))
        #expect(w.diagnostics.map { "\($0.location): \($0.message)" } == ["3:3: template includes `{{>sidebr}}`, but the theme has no `sidebr.mustache`"])
        #expect(w.build?.site == nil)
        #expect(w.seconds < BadInput.bound)
    }
}
