import Testing
@testable import WorkbookMarkdown

/// InlineBatch: many one-line snippets parsed as inline Markdown in one cmark call.
@Suite struct InlineBatchTests {
    /// Where a leading block marker is escaped (nil: the snippet cannot start a block).
    @Test(arguments: [
        ("# h", 0), ("#", 0), ("###### six", 0), ("####### seven", nil), ("#tag", nil),
        ("- x", 0), ("-", 0), ("-x", nil), ("--", nil), ("---", 0), ("- - -", 0),
        ("+ x", 0), ("* x", 0), ("*emph*", nil), ("**strong** x", nil), ("***", 0),
        ("_ _ _", 0), ("__init__", nil), ("_x_", nil),
        ("1. x", 1), ("1.", 1), ("1.x", nil), ("12) x", 2), ("123456789. x", 9), ("1234567890. x", nil), ("3 apples", nil),
        ("> q", 0), (">q", 0),
        ("[x]: y", 0), ("[x] y", nil), ("[link](u): x", nil),
        ("~~~", 0), ("~~~ a`b", 0), ("~~", nil), ("```", 0), ("```` info", 0), ("``", nil), ("`code`", nil),
        ("```a```", nil), ("``` a`", nil), ("<div>", nil),
        ("text", nil), ("", nil),
    ] as [(String, Int?)])
    func blockMarkerPosition(_ snippet: String, _ expected: Int?) {
        let bytes = Array(snippet.utf8)
        #expect(InlineBatch.blockMarkerPosition(bytes[...]) == expected)
    }

    /// The position is an index of the slice, not an offset from its start.
    @Test func blockMarkerPositionInASlice() {
        let bytes = Array("| 12. x |".utf8)
        #expect(InlineBatch.blockMarkerPosition(bytes[2..<7]) == 4)
    }

    @Test func appendEscaped() {
        var buffer: [UInt8] = []
        #expect(InlineBatch.appendEscaped(Array("2. x".utf8)[...], to: &buffer) == 1)
        #expect(InlineBatch.appendEscaped(Array(" plain".utf8)[...], to: &buffer) == 0)
        #expect(String(decoding: buffer, as: UTF8.self) == #"2\. x plain"#)
    }

    /// Snippets parse independently and in order; empty snippets give no inlines;
    /// link locations map back to the source line and column.
    @Test func parseMapsLocations() {
        let text = "ab [l](u) | > [m](v) | | 1. *e* [n](w)\n"
        let source = SourceLines(Array(text.utf8), firstLine: 7)
        var batch = InlineBatch()
        let line = source[0]
        func add(_ from: Int, _ to: Int) -> Int {
            batch.add(line[from..<to], lineIndex: 0, byteOffset: from)
        }
        #expect(add(3, 9) == 0)  // [l](u)
        #expect(add(12, 20) == 1)  // > [m](v)
        #expect(add(23, 23) == 2)  // (empty)
        #expect(add(25, 38) == 3)  // 1. *e* [n](w)
        let parsed = batch.parse(in: source)
        #expect(parsed.count == 4)
        #expect(parsed.map { HTMLRenderer.html($0) } == [
            #"<a href="u">l</a>"#, #"&gt; <a href="v">m</a>"#, "", #"1. <em>e</em> <a href="w">n</a>"#,
        ])
        func linkLocation(_ inlines: Inlines) -> WorkbookMarkdown.SourceLocation? {
            for inline in inlines { if case .link(let link, _) = inline { return link.location } }
            return nil
        }
        #expect(parsed.map(linkLocation) == [MD.loc(7, 4), MD.loc(7, 15), nil, MD.loc(7, 33)])
    }

    /// Plain snippets are taken as they are, and cmark reads every one of them
    /// the same: each of these parsed both ways gives the same inlines.
    @Test func plainSnippetsReadAsCmarkReadsThem() {
        let snippets = [
            "Owns the rollout", "Feature", "Staff", "3 apples", "1. x", "12) y", "- x", "-", "+ x", "+", "# h", "#", "> q", "---", "===",
            "~~~", "```", "1234567890. x", "a  b", "é 日本 — “quoted” 'single'", "x | y", "50%", "a=b; c:d", "(parens) {braces} #tag",
            "**bold**", "*e*", "_u_", "a_b", "`code`", "[l](u)", "![i](u)", "<b>x</b>", "a & b", "&amp;", "back\\slash", "\\# h",
            " leading", "trailing ", "\ttab", "", "https://example.com/a_b", "100!", "1.", "123456789.",
        ]
        let text = snippets.joined(separator: "\u{1}")
        let source = SourceLines(Array(text.utf8), firstLine: 1)
        func parse(_ asIs: Bool) -> [Inlines] {
            var batch = InlineBatch()
            batch.takesPlainTextAsIs = asIs
            var start = 0
            for snippet in snippets {
                _ = batch.add(source[0][start..<(start + snippet.utf8.count)], lineIndex: 0, byteOffset: start)
                start += snippet.utf8.count + 1
            }
            return batch.parse(in: source)
        }
        let plain = parse(true), cmark = parse(false)
        for (n, snippet) in snippets.enumerated() {
            #expect(plain[n] == cmark[n], "\(snippet.debugDescription)")
        }
        #expect(InlineBatch.isPlainText(Array("Owns the rollout".utf8)[...], isValidUTF8: false))
        #expect(InlineBatch.isPlainText(Array("é 日本".utf8)[...], isValidUTF8: false))
        #expect(!InlineBatch.isPlainText(Array("**bold**".utf8)[...], isValidUTF8: true))
        #expect(!InlineBatch.isPlainText(Array(" leading".utf8)[...], isValidUTF8: true))
        // Bytes not known to be valid are checked: invalid UTF-8 goes to cmark, which repairs it.
        #expect(!InlineBatch.isPlainText([0x61, 0xFF, 0x62][...], isValidUTF8: false))
    }

    /// A snippet starting with `<` gets a placeholder letter instead of an escape.
    @Test func appendEscapedAngleBracket() {
        var buffer: [UInt8] = []
        #expect(InlineBatch.appendEscaped(Array("<!-- x".utf8)[...], to: &buffer) == 1)
        #expect(String(decoding: buffer, as: UTF8.self) == "x<!-- x")
    }

    /// Snippets that would open an HTML block running past the blank line
    /// (`<!--`, `<pre>`, `<script>`) stay inline and do not swallow the next snippets.
    @Test func angleBracketSnippetsStayInline() {
        let text = "<!-- open|<pre>|<script>|**next**|<b>x</b>|<https://a.example>"
        let source = SourceLines(Array(text.utf8), firstLine: 1)
        var batch = InlineBatch()
        var start = 0
        for part in text.split(separator: "|", omittingEmptySubsequences: false) {
            _ = batch.add(source[0][start..<(start + part.utf8.count)], lineIndex: 0, byteOffset: start)
            start += part.utf8.count + 1
        }
        let parsed = batch.parse(in: source)
        #expect(parsed.map { HTMLRenderer.html($0, options: .init(unsafeHTML: true)) } == [
            "&lt;!-- open", "<pre>", "<script>", "<strong>next</strong>", "<b>x</b>",
            #"<a href="https://a.example">https://a.example</a>"#,
        ])
        #expect(parsed[0] == [.text("<!-- open")])
        #expect(parsed[4] == [.html("<b>"), .text("x"), .html("</b>")])
    }

    /// Removed bytes (the `\` of `\|`) are counted back into link columns.
    @Test func removedBytesShiftLocations() {
        let text = #"a \| b \| [l](u)"#
        let source = SourceLines(Array(text.utf8), firstLine: 1)
        var batch = InlineBatch()
        let (bytes, removed) = PipeTable.unescapePipes(source[0][...])
        #expect(String(decoding: bytes, as: UTF8.self) == "a | b | [l](u)")
        #expect(removed == [2, 6])
        _ = batch.add(bytes, lineIndex: 0, byteOffset: 0, removed: removed)
        guard case .link(let link, _)? = batch.parse(in: source)[0].last else {
            Issue.record("expected a link")
            return
        }
        #expect(link.location == MD.loc(1, 11))
    }

    /// A snippet of several lines maps each line back to where it starts in the file.
    @Test func multiLineSnippetLocations() {
        let text = "  one [a](a)\n>   two [b](b)\nthree\n"
        let source = SourceLines(Array(text.utf8), firstLine: 20)
        var batch = InlineBatch()
        let joined = Array("one [a](a)\ntwo [b](b)".utf8)
        #expect(batch.add(joined[...], lineIndex: 0, byteOffset: 2, continuations: [(1, 4)]) == 0)
        #expect(batch.add(source[2], lineIndex: 2, byteOffset: 0) == 1)
        let parsed = batch.parse(in: source)
        let options = HTMLRenderer.Options(resolveLink: { link, _ in "\(link.location)" })
        #expect(parsed.map { HTMLRenderer.html($0, options: options) } == [
            "one <a href=\"20:7\">a</a>\ntwo <a href=\"21:9\">b</a>", "three",
        ])
    }

    @Test func emptyBatch() {
        let source = SourceLines([], firstLine: 1)
        #expect(InlineBatch().parse(in: source).isEmpty)
    }
}
