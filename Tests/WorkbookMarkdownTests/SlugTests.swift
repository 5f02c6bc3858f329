import Testing
@testable import WorkbookMarkdown

/// GitHub-style heading slugs (as github-slugger computes them) and their uniqueness.
@Suite struct SlugTests {
    @Test(arguments: [
        ("Hello World", "hello-world"),
        ("ALL CAPS", "all-caps"),
        ("API Reference (v2.0)!", "api-reference-v20"),
        ("What's new?", "whats-new"),
        ("1.2.3", "123"),
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("--dash--", "--dash--"),
        ("C++ & C#", "c--c"),
        ("a  b", "a--b"),
        ("a   b", "a---b"),
        (" leading and trailing ", "-leading-and-trailing-"),
        ("Tab\there", "tabhere"),
        ("`code` *emph* [link]", "code-emph-link"),
        ("Caf\u{E9} \u{DC}n\u{EF}code", "caf\u{E9}-\u{FC}n\u{EF}code"),
        ("\u{C9}COLE", "\u{E9}cole"),
        ("e\u{301}t\u{E9}", "e\u{301}t\u{E9}"),
        ("\u{420}\u{443}\u{441}\u{441}\u{43A}\u{438}\u{439} \u{417}\u{430}\u{433}", "\u{440}\u{443}\u{441}\u{441}\u{43A}\u{438}\u{439}-\u{437}\u{430}\u{433}"),
        ("\u{65E5}\u{672C}\u{8A9E} \u{898B}\u{51FA}\u{3057}", "\u{65E5}\u{672C}\u{8A9E}-\u{898B}\u{51FA}\u{3057}"),
        ("Ship it \u{1F680}", "ship-it-"),
        ("\u{1F600}Smile\u{1F600}", "smile"),
        ("Copyright \u{A9} 2024", "copyright--2024"),
        ("x\u{B2} \u{2013} y", "x\u{B2}--y"),
        ("no\u{A0}break", "nobreak"),
        ("", ""),
        ("!!!", ""),
    ])
    func slug(_ text: String, _ expected: String) {
        #expect(Slugger.slug(text) == expected)
    }

    /// Cases from github-slugger's own fixtures (test/fixtures.json).
    @Test(arguments: [
        ("heading with a - dash", "heading-with-a---dash"),
        ("heading with an _ underscore", "heading-with-an-_-underscore"),
        ("exchange.bind_headers(exchange, routing [, bindCallback])", "exchangebind_headersexchange-routing--bindcallback"),
        ("apostrophe\u{2019}s should be trimmed", "apostrophes-should-be-trimmed"),
        ("I \u{2665} unicode", "i--unicode"),
        ("en\u{2013}dash", "endash"),
        ("\u{1F604} - an emoji", "---an-emoji"),
        ("\u{1F604}_\u{1F604} unicode emoji", "_-unicode-emoji"),
        (":ok_hand: Single", "ok_hand-single"),
        ("\u{41F}\u{440}\u{438}\u{432}\u{435}\u{442} non-latin \u{4F60}\u{597D}", "\u{43F}\u{440}\u{438}\u{432}\u{435}\u{442}-non-latin-\u{4F60}\u{597D}"),
        ("a\u{2028}b", "ab"),
        // Variation selectors are marks: github-slugger keeps them (invisible in the id).
        ("\u{2764}\u{FE0F} Love", "\u{FE0F}-love"),
    ])
    func githubSluggerFixtures(_ text: String, _ expected: String) {
        #expect(Slugger.slug(text) == expected)
    }

    /// github-slugger's repetition fixtures, in order, with one slugger.
    @Test func githubSluggerRepetitionFixtures() {
        var slugger = Slugger()
        let inputs = ["echo", "echo", "echo 1", "echo-1", "echo", "foxtrot-1", "foxtrot", "foxtrot", " a ", "-a-"]
        #expect(inputs.map { slugger.unique(for: $0) } == [
            "echo", "echo-1", "echo-1-1", "echo-1-2", "echo-2", "foxtrot-1", "foxtrot", "foxtrot-2", "-a-", "-a--1",
        ])
    }

    @Test func repeatedSlugsGetCounters() {
        var slugger = Slugger()
        #expect(slugger.unique(for: "Intro") == "intro")
        #expect(slugger.unique(for: "Intro") == "intro-1")
        #expect(slugger.unique(for: "intro!") == "intro-2")
        // A heading whose own slug is an earlier counter slug gets a counter of its own.
        #expect(slugger.unique(for: "Intro 1") == "intro-1-1")
        #expect(slugger.ids == ["intro", "intro-1", "intro-2", "intro-1-1"])
    }

    @Test func counterSkipsTakenCandidates() {
        var slugger = Slugger()
        #expect(slugger.unique(for: "A 1") == "a-1")
        #expect(slugger.unique(for: "A") == "a")
        #expect(slugger.unique(for: "A") == "a-2")
    }

    @Test func emptySlugsBecomeSection() {
        var slugger = Slugger()
        #expect(slugger.unique(for: "") == "section")
        #expect(slugger.unique(for: "\u{1F680}") == "section-1")
        #expect(slugger.uniqueID("") == "section-2")
    }

    /// A reserved id (a directive's explicit `#id`) pushes a heading with the same slug to `-1`.
    @Test func reservedIdsPushHeadingsToCounters() {
        var slugger = Slugger()
        slugger.reserve("overview")
        #expect(slugger.isUsed("overview"))
        #expect(!slugger.isUsed("overview-1"))
        #expect(slugger.unique(for: "Overview") == "overview-1")
        #expect(slugger.unique(for: "Overview") == "overview-2")
        #expect(slugger.uniqueID("fresh") == "fresh")
        #expect(slugger.uniqueID("fresh") == "fresh-1")
    }

    /// Slugs come from a heading's plain text: markup, code and link text included, HTML left out.
    @Test func slugOfParsedHeading() {
        let blocks = MD.blocks("## The *Level* `map` and [links](x.md) <span>raw</span>\n")
        guard case .heading(let heading)? = blocks.first else {
            Issue.record("expected a heading, got \(blocks)")
            return
        }
        #expect(heading.content.plainText == "The Level map and links raw")
        #expect(Slugger.slug(heading.content.plainText) == "the-level-map-and-links-raw")
        #expect(heading.id == "")
        #expect(heading.location == MD.loc(1, 1))
    }
}
