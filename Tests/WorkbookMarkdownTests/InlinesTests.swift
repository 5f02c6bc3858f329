import Testing
@testable import WorkbookMarkdown

/// Inlines: a run of sibling inlines in a document's flat inline table.
@Suite struct InlinesTests {
    private func paragraphs(_ markdown: String) -> [Inlines] {
        MarkdownParser.parse(markdown).blocks.compactMap {
            if case .paragraph(let content, _) = $0 { content } else { nil }
        }
    }

    private let here = SourceLocation(line: 1, column: 1)

    /// What the parser stores reads back as the inlines written by hand, nesting included.
    @Test func parsedInlinesReadAsWritten() {
        let content = paragraphs("Say *it `x` **twice***\\\nthen [go](a.md \"T\") ![alt *b*](i.png) <br>")[0]
        let link = Link(destination: "a.md", title: "T", location: here)
        let image = Link(destination: "i.png", title: "", location: here)
        let expected: Inlines = [
            .text("Say "), .emphasis([.text("it "), .code("x"), .text(" "), .strong([.text("twice")])]), .lineBreak,
            .text("then "), .link(link, [.text("go")]), .text(" "), .image(image, alt: [.text("alt "), .emphasis([.text("b")])]),
            .text(" "), .html("<br>"),
        ]
        #expect(Array(content).count == 9)
        #expect(content.count == 9)
        // Links compare with their locations: read them apart.
        var destinations: [String] = []
        content.forEachLink { destinations.append($0.destination) }
        #expect(destinations == ["a.md", "i.png"])
        #expect(content.plainText == expected.plainText)
        #expect(content.plainText == "Say it x twice then go alt b ")
        #expect(HTMLRenderer.html(content) == HTMLRenderer.html(expected))
        #expect(Array(content.droppingFirst()).first == .emphasis([.text("it "), .code("x"), .text(" "), .strong([.text("twice")])]))
        #expect(content.last == .html("<br>"))
    }

    /// Each run of inlines gives its own links only, nested ones included,
    /// in the order written; a hand-built or shortened run finds its links too.
    @Test func linksOfEachRunInOrder() {
        func destinations(_ inlines: Inlines) -> [String] {
            var found: [String] = []
            inlines.forEachLink { found.append($0.destination) }
            return found
        }
        let parsed = paragraphs("[a](1) text\n\nnone here\n\n*[b](2) ![c *[d](4)*](3)* [e](5)\n\nAda: [f](6)")
        #expect(parsed.map(destinations) == [["1"], [], ["2", "3", "4", "5"], ["6"]])
        #expect(destinations(parsed[2].droppingFirst()) == ["5"])
        #expect(destinations(parsed[3].droppingLeadingText(bytes: 5)) == ["6"])
        let link = Link(destination: "7", title: "", location: here)
        #expect(destinations([.text("x "), .emphasis([.link(link, [.text("g")])])]) == ["7"])
    }

    /// Equal inlines are equal whichever store holds them, and hash alike.
    @Test func equalityIsByContent() {
        let parsed = paragraphs("a *b* c\n\na *b* c")
        #expect(parsed[0] == parsed[1])
        #expect(parsed[0].hashValue == parsed[1].hashValue)
        let written: Inlines = [.text("a "), .emphasis([.text("b")]), .text(" c")]
        #expect(parsed[0] == written)
        #expect(parsed[0] != [.text("a "), .emphasis([.text("b")])])
        #expect(parsed[0] != [.text("a "), .strong([.text("b")]), .text(" c")])
        #expect(Inlines() == [])
        #expect(Inlines().isEmpty && Inlines().first == nil && Inlines().count == 0)
    }

    /// Shortening the leading text shares the text; using all of it drops the inline.
    @Test func droppingLeadingText() {
        let content = paragraphs("Ada: well, *yes*")[0]
        let rest = content.droppingLeadingText(bytes: 5)
        #expect(rest == [.text("well, "), .emphasis([.text("yes")])])
        #expect(rest.store.bytes == content.store.bytes)
        #expect(content.droppingLeadingText(bytes: 11) == [.emphasis([.text("yes")])])
        #expect(content.droppingLeadingText(bytes: 0) == content)
        // The original is unchanged.
        #expect(content == [.text("Ada: well, "), .emphasis([.text("yes")])])
    }

    /// Joining neighbours in one store copies nothing; anything else is copied.
    @Test func joining() {
        let parsed = paragraphs("one *two*\n\nthree")
        let first = parsed[0], second = parsed[1]
        let joined = first + second
        #expect(joined.store === first.store)
        #expect(joined == [.text("one "), .emphasis([.text("two")]), .text("three")])
        let reversed = second + first
        #expect(reversed.store !== first.store)
        #expect(reversed == [.text("three"), .text("one "), .emphasis([.text("two")])])
        #expect(Inlines.joined([first, Inlines(), second]) == joined)
        #expect(first + Inlines() == first)
    }

    /// `onlyText` is the text of inlines that are one plain text and nothing else.
    @Test func onlyText() {
        #expect(paragraphs("just words")[0].onlyText == "just words")
        #expect(paragraphs("*not* only")[0].onlyText == nil)
        #expect(paragraphs("words *and*")[0].onlyText == nil)
        #expect(Inlines().onlyText == nil)
    }

    /// The plain text pieces, as search and sheet sizing read them: text and
    /// code, a space per line break, no HTML.
    @Test func plainTextPieces() {
        let content = paragraphs("a `b`\nc <i>d</i> ![e](f)")[0]
        var pieces: [String] = []
        content.forEachPlainTextPiece { pieces.append($0.map { String(decoding: $0, as: UTF8.self) } ?? "␠") }
        #expect(pieces == ["a ", "b", "␠", "c ", "d", " ", "e"])
    }
}
