import Testing
@testable import WorkbookMarkdown

/// `:::TYPE[Title]{#id key=value}` containers: parsing, nesting, code fences and
/// the errors authors see (message, line and column).
@Suite struct DirectiveTests {
    private func only(_ markdown: String, firstLine: Int = 1) -> Directive? {
        let parsed = MarkdownParser.parse(markdown, firstLine: firstLine)
        #expect(parsed.diagnostics.isEmpty, "unexpected diagnostics: \(parsed.diagnostics)")
        let directives = MD.directives(parsed.blocks)
        #expect(directives.count == 1)
        return directives.first
    }

    // MARK: Opening line

    @Test func titleWithInlineMarkdownAndNestedBrackets() {
        let markdown = ":::drill[Practise *the* [pitch](p.md) [v2]]{#warm-up timebox=15m}\nBody.\n:::\n"
        let directive = only(markdown)
        #expect(directive?.name == "drill")
        #expect(directive?.fenceLength == 3)
        #expect(directive?.location == MD.loc(1, 1))
        #expect(directive?.nameLocation == MD.loc(1, 4))
        #expect(HTMLRenderer.html(directive?.title ?? []) == #"Practise <em>the</em> <a href="p.md">pitch</a> [v2]"#)
        #expect(directive?.title?.plainText == "Practise the pitch [v2]")
        if case .link(let link, _)? = directive.flatMap({ Array($0.title ?? []).dropFirst(3).first }) {
            #expect(link.location == MD.loc(1, 25))
        } else {
            Issue.record("expected a link as the title's fourth inline: \(String(describing: directive?.title))")
        }
        #expect(directive?.id == "warm-up")
        #expect(directive?.idLocation == MD.loc(1, 45))
        #expect(directive?.attributes.map(\.key) == ["timebox"])
        #expect(directive?.attribute("timebox")?.value == "15m")
        #expect(directive?.attribute("timebox")?.location == MD.loc(1, 54))
        #expect(HTMLRenderer.html(directive?.body ?? []) == "<p>Body.</p>\n")
    }

    @Test func noTitleNoAttributes() {
        let directive = only(":::checklist\n- a\n:::\n")
        #expect(directive?.name == "checklist")
        #expect(directive?.title == nil)
        #expect(directive?.id == nil)
        #expect(directive?.idLocation == nil)
        #expect(directive?.attributes.isEmpty == true)
        #expect(HTMLRenderer.html(directive?.body ?? []) == "<ul>\n<li>a</li>\n</ul>\n")
    }

    /// An empty title is a title (empty inlines), not a missing one.
    @Test func emptyTitle() {
        let directive = only(":::callout[]{kind=tip}\n:::\n")
        #expect(directive?.title == [])
        #expect(directive?.body == [])
    }

    /// A title starting with a block marker stays inline text.
    @Test func titleWithBlockMarkerStaysInline() {
        let heading = only(":::callout[# Not a heading]\n:::\n")
        #expect(heading.map { HTMLRenderer.html($0.title ?? []) } == "# Not a heading")
        let list = only(":::callout[- not a list]\n:::\n")
        #expect(list.map { HTMLRenderer.html($0.title ?? []) } == "- not a list")
        let html = only(":::callout[<!-- not closed]\n:::\n")
        #expect(html?.title == [.text("<!-- not closed")])
        let inline = only(":::callout[<b>Bold</b> move]\n:::\n")
        #expect(inline?.title == [.html("<b>"), .text("Bold"), .html("</b>"), .text(" move")])
    }

    /// Spaces between the colons and the type, and up to three spaces before the colons.
    @Test func spacingAroundTheFence() {
        let directive = only("   ::: drill[T]\nx\n   :::\n")
        #expect(directive?.name == "drill")
        #expect(directive?.location == MD.loc(1, 4))
        #expect(directive?.nameLocation == MD.loc(1, 8))
    }

    @Test func quotedValuesWithEscapes() {
        let markdown = #":::rubric[R]{gate=8 require="A >= 3; \"B\" >= 2" note="back\\slash"}"# + "\n:::\n"
        let directive = only(markdown)
        #expect(directive?.attributes.map(\.key) == ["gate", "require", "note"])
        #expect(directive?.attributes.map(\.value) == ["8", #"A >= 3; "B" >= 2"#, #"back\slash"#])
        #expect(directive?.attributes.map(\.location) == [MD.loc(1, 14), MD.loc(1, 21), MD.loc(1, 50)])
    }

    /// An explicitly empty quoted value is allowed; `key=` alone is not.
    @Test func emptyQuotedValue() {
        let directive = only(#":::callout{kind=""}"# + "\n:::\n")
        #expect(directive?.attribute("kind")?.value == "")
    }

    @Test func idOnlyAndNonASCIIId() {
        let directive = only(":::fieldref[F]{#caf\u{E9}-1}\n:::\n")
        #expect(directive?.id == "caf\u{E9}-1")
        #expect(directive?.idLocation == MD.loc(1, 16))
    }

    /// Directive locations follow `firstLine:` (front matter precedes the body).
    @Test func locationsWithFirstLine() {
        let markdown = "Intro.\n\n:::drill[T [x](y.md)]{#d a=1}\n:::\n"
        let directive = only(markdown, firstLine: 6)
        #expect(directive?.location == MD.loc(8, 1))
        #expect(directive?.nameLocation == MD.loc(8, 4))
        #expect(directive?.idLocation == MD.loc(8, 23))
        #expect(directive?.attribute("a")?.location == MD.loc(8, 26))
        if case .link(let link, _)? = directive?.title?.last {
            #expect(link.location == MD.loc(8, 12))
        } else {
            Issue.record("expected a link at the end of the title")
        }
    }

    // MARK: Nesting

    @Test func longerOuterFenceNests() {
        let markdown = """
            ::::fieldref[Outer]
            Intro.

            :::drill[Inner]{timebox=5m}
            Do it.
            :::

            After.
            ::::
            Outside.
            """
        let parsed = MarkdownParser.parse(markdown)
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.blocks.count == 2)
        #expect(HTMLRenderer.html(parsed.blocks) == "<p>Outside.</p>\n")
        let outer = MD.directives(parsed.blocks).first
        #expect(outer?.name == "fieldref")
        #expect(outer?.fenceLength == 4)
        #expect(HTMLRenderer.html(outer?.body ?? []) == "<p>Intro.</p>\n<p>After.</p>\n")
        let inner = MD.directives(outer?.body ?? []).first
        #expect(inner?.name == "drill")
        #expect(inner?.fenceLength == 3)
        #expect(inner?.location == MD.loc(4, 1))
        #expect(inner?.attribute("timebox")?.value == "5m")
        #expect(HTMLRenderer.html(inner?.body ?? []) == "<p>Do it.</p>\n")
        #expect(outer?.body.count == 3)
    }

    /// Same-length fences also nest: each closing fence closes the innermost open directive.
    @Test func sameLengthFencesCloseInnermost() {
        let markdown = """
            :::a
            :::b
            inner
            :::
            outer
            :::
            top
            """
        let parsed = MarkdownParser.parse(markdown)
        #expect(parsed.diagnostics.isEmpty)
        let a = MD.directives(parsed.blocks).first
        #expect(a?.name == "a")
        #expect(a?.body.count == 2)
        let b = MD.directives(a?.body ?? []).first
        #expect(b?.name == "b")
        #expect(HTMLRenderer.html(b?.body ?? []) == "<p>inner</p>\n")
        #expect(HTMLRenderer.html(a?.body ?? []) == "<p>outer</p>\n")
        #expect(HTMLRenderer.html(parsed.blocks) == "<p>top</p>\n")
    }

    /// A longer closing fence closes only the innermost directive.
    @Test func longerClosingFenceClosesInnermostOnly() {
        let parsed = MarkdownParser.parse(":::a\n:::b\n::::::\n:::\n")
        #expect(parsed.diagnostics.isEmpty)
        let a = MD.directives(parsed.blocks).first
        #expect(a?.body.count == 1)
        #expect(MD.directives(a?.body ?? []).first?.name == "b")
    }

    /// A directive interrupts a paragraph, and text right after the closing fence starts a new one.
    @Test func directiveInterruptsParagraph() {
        let parsed = MarkdownParser.parse("before\n:::callout\ninside\n:::\nafter\n")
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.blocks.count == 3)
        #expect(HTMLRenderer.html(parsed.blocks) == "<p>before</p>\n<p>after</p>\n")
    }

    // MARK: Code fences and indentation

    @Test func colonLinesInsideCodeFencesInsideDirective() {
        let markdown = """
            :::callout
            ```md
            :::
            :::drill[X]
            ```
            ~~~
            ::::
            ~~~
            :::
            """
        let directive = only(markdown)
        #expect(HTMLRenderer.html(directive?.body ?? []) == """
            <pre><code class="language-md">:::
            :::drill[X]
            </code></pre>
            <pre><code>::::
            </code></pre>

            """)
    }

    @Test func colonLinesInsideCodeFencesOutsideDirectives() {
        let markdown = """
            ```
            :::drill[X]
            :::
            ```

            ~~~~
            :::
            ~~~
            ::: still code
            ~~~~
            """
        let parsed = MarkdownParser.parse(markdown)
        #expect(parsed.diagnostics.isEmpty)
        #expect(HTMLRenderer.html(parsed.blocks) == """
            <pre><code>:::drill[X]
            :::
            </code></pre>
            <pre><code>:::
            ~~~
            ::: still code
            </code></pre>

            """)
    }

    /// A backtick line with a backtick after the run is not a code fence (cmark agrees),
    /// so the directive fence after it counts.
    @Test func backtickLineWithBackticksInInfoIsNotAFence() {
        let parsed = MarkdownParser.parse("``` a`b\n:::callout\nx\n:::\n")
        #expect(parsed.diagnostics.isEmpty)
        #expect(MD.directives(parsed.blocks).count == 1)
        #expect(HTMLRenderer.html(parsed.blocks) == "<p>``` a`b</p>\n")
    }

    @Test func fourSpacesIndentedColonsAreNotFences() {
        let parsed = MarkdownParser.parse("    :::note\n    :::\n")
        #expect(parsed.diagnostics.isEmpty)
        #expect(HTMLRenderer.html(parsed.blocks) == "<pre><code>:::note\n:::\n</code></pre>\n")
        // Inside a directive, an indented colon line does not close it.
        let inside = MarkdownParser.parse(":::callout\n\n    :::\n:::\n")
        #expect(inside.diagnostics.isEmpty)
        #expect(HTMLRenderer.html(MD.directives(inside.blocks).first?.body ?? []) == "<pre><code>:::\n</code></pre>\n")
    }

    /// Two colons are not a fence.
    @Test func twoColonsAreText() {
        let parsed = MarkdownParser.parse("::note\n::\n")
        #expect(parsed.diagnostics.isEmpty)
        #expect(HTMLRenderer.html(parsed.blocks) == "<p>::note\n::</p>\n")
    }

    // MARK: Errors

    @Test func unclosedDirective() {
        let markdown = "Intro.\n\n:::drill[T]\ntext\n"
        #expect(MD.diagnostics(markdown) == [
            "3:1: error: unclosed directive `drill`: no closing `:::` before the end of the file"
        ])
        // The rest still parses, inside the directive.
        let directive = MD.directives(MD.blocks(markdown)).first
        #expect(HTMLRenderer.html(directive?.body ?? []) == "<p>text</p>\n")
    }

    @Test func unclosedNestedDirectivesReportEach() {
        #expect(MD.diagnostics("::::outer\n:::inner\n") == [
            "2:1: error: unclosed directive `inner`: no closing `:::` before the end of the file",
            "1:1: error: unclosed directive `outer`: no closing `::::` before the end of the file",
        ])
    }

    @Test func unclosedDirectiveBecauseOfOpenCodeFence() {
        let markdown = ":::drill[T]\n```swift\nlet x = 1\n:::\n"
        #expect(MD.diagnostics(markdown) == [
            "1:1: error: unclosed directive `drill`: no closing `:::` before the end of the file (the code fence opened on line 2 is still open)"
        ])
        #expect(MD.diagnostics(markdown, firstLine: 5) == [
            "5:1: error: unclosed directive `drill`: no closing `:::` before the end of the file (the code fence opened on line 6 is still open)"
        ])
    }

    @Test func closingFenceWithoutOpenDirective() {
        let markdown = "text\n\n:::\n"
        #expect(MD.diagnostics(markdown) == ["3:1: error: closing fence `:::` has no open directive to close"])
        #expect(MD.diagnostics("  ::::\n") == ["1:3: error: closing fence `::::` has no open directive to close"])
    }

    @Test func closingFenceShorterThanOpening() {
        let markdown = "::::drill[T]\nx\n:::\n::::\n"
        #expect(MD.diagnostics(markdown) == [
            "3:1: error: closing fence `:::` is shorter than the opening fence of `drill` on line 1; it needs at least 4 colons"
        ])
        // The longer fence still closes the directive.
        #expect(MD.directives(MD.blocks(markdown)).map(\.name) == ["drill"])
    }

    @Test func missingTypeAfterColons() {
        #expect(MD.diagnostics(":::[Title]\n") == [
            "1:4: error: expected a directive type after the colons, as in `:::drill[Title]`"
        ])
        #expect(MD.diagnostics(":::: 1drill\n") == [
            "1:6: error: expected a directive type after the colons, as in `:::drill[Title]`"
        ])
        // The malformed line stays as text.
        #expect(MD.html(":::[Title]\n") == "<p>:::[Title]</p>\n")
    }

    /// A malformed opening line is reported once: its closing fence pairs with
    /// it instead of being reported as a stray, and the text stays in the page.
    @Test func malformedOpeningPairsWithItsClosingFence() {
        #expect(MD.diagnostics(":::[Title]\nbody\n:::\n") == [
            "1:4: error: expected a directive type after the colons, as in `:::drill[Title]`"
        ])
        #expect(MD.html(":::[Title]\nbody\n:::\n\nafter\n") == "<p>:::[Title]\nbody</p>\n<p>after</p>\n")
    }

    @Test func unclosedTitle() {
        #expect(MD.diagnostics(":::drill[Title\n") == ["1:9: error: unclosed title: `[` has no matching `]`"])
        #expect(MD.diagnostics(":::drill[a [b]\n") == ["1:9: error: unclosed title: `[` has no matching `]`"])
        // An escaped bracket does not close the title.
        #expect(MD.diagnostics(#":::drill[a\]"# + "\n") == ["1:9: error: unclosed title: `[` has no matching `]`"])
    }

    @Test func escapedBracketInTitle() {
        let directive = only(#":::drill[a \] b]"# + "\n:::\n")
        #expect(directive.map { HTMLRenderer.html($0.title ?? []) } == "a ] b")
    }

    @Test func unclosedAttributes() {
        #expect(MD.diagnostics(":::drill[T]{#x a=1\n") == ["1:12: error: unclosed attributes: `{` has no matching `}`"])
    }

    @Test func attributeWithoutValue() {
        #expect(MD.diagnostics(":::drill[T]{timebox}\n") == [
            "1:13: error: attribute `timebox` has no value: write `timebox=value`"
        ])
    }

    @Test func attributeWithEmptyValue() {
        #expect(MD.diagnostics(":::drill[T]{timebox= x=1}\n") == [
            "1:13: error: attribute `timebox` has an empty value: write `timebox=value`"
        ])
        #expect(MD.diagnostics(":::drill[T]{timebox=}\n") == [
            "1:13: error: attribute `timebox` has an empty value: write `timebox=value`"
        ])
    }

    @Test func unclosedQuote() {
        #expect(MD.diagnostics(#":::drill[T]{a="x}"# + "\n") == [
            #"1:15: error: unclosed quoted value: `"` has no matching `"`"#
        ])
    }

    @Test func duplicateAttribute() {
        #expect(MD.diagnostics(":::drill[T]{a=1 a=2}\n") == ["1:17: error: attribute `a` is given twice"])
    }

    @Test func twoIds() {
        #expect(MD.diagnostics(":::drill[T]{#x #y}\n") == [
            "1:16: error: a directive has one `#id`; found a second: `#y`"
        ])
    }

    @Test func emptyAndInvalidIds() {
        #expect(MD.diagnostics(":::drill[T]{# a=1}\n") == ["1:13: error: expected an id after `#`"])
        #expect(MD.diagnostics(":::drill[T]{#a.b}\n") == [
            "1:13: error: invalid id `#a.b`: use letters, digits, `-` and `_`"
        ])
    }

    @Test func malformedAttribute() {
        #expect(MD.diagnostics(":::drill[T]{=x}\n") == [
            "1:13: error: malformed attribute: expected `key=value`, `key=\"a value\"` or `#id`"
        ])
    }

    @Test func textAfterAttributes() {
        #expect(MD.diagnostics(":::drill[T]{a=1} extra\n") == [
            "1:18: error: unexpected text after the directive; write `:::TYPE[Title]{attributes}`"
        ])
        // A space between the type and the title also leaves "text" after the type.
        #expect(MD.diagnostics(":::drill [T]\n") == [
            "1:10: error: unexpected text after the directive; write `:::TYPE[Title]{attributes}`"
        ])
    }

    @Test func errorColumnsCountUnicodeScalars() {
        #expect(MD.diagnostics(":::drill[\u{65E5}\u{672C} caf\u{E9}]{a=1 a=2}\n") == [
            "1:23: error: attribute `a` is given twice"
        ])
    }

    @Test func firstLineOffsetsEveryDiagnostic() {
        let markdown = """
            Body text.

            :::drill[T]{a=1 a=2}
            :::

            :::
            ::::callout
            x
            :::
            """
        #expect(MD.diagnostics(markdown, firstLine: 8) == [
            "10:17: error: attribute `a` is given twice",
            "13:1: error: closing fence `:::` has no open directive to close",
            "16:1: error: closing fence `:::` is shorter than the opening fence of `callout` on line 14; it needs at least 4 colons",
            "14:1: error: unclosed directive `callout`: no closing `::::` before the end of the file",
        ])
        // Diagnostics leave the path for the caller to fill in.
        #expect(MarkdownParser.parse(markdown).diagnostics.allSatisfy { $0.path.isEmpty && $0.severity == .error })
    }
}
