import Foundation
import Testing
@testable import Workbook
import WorkbookMarkdown

/// A small workbook with one drill, one rubric and an avoid list, plus the
/// stories and scores a test gives.
func personalWorkbook(stories: [String: String], scores: String? = nil) throws -> TemporaryWorkbook {
    var files = [
        "workbook.yaml": "title: Personal\n",
        "chapters/a.md": """
            ---
            title: A
            ---
            :::drill[Authority audit]{timebox=10m}
            Label every claim.
            :::

            :::rubric[Check]{gate=6 require="Attribution >= 3"}
            | Dimension | 1 - Low | 3 - Mid | 5 - High |
            |---|---|---|---|
            | Scope | a | b | c |
            | Attribution | a | b | c |

            - 2-5: Not yet
            - 6-10: Ready
            :::

            :::phrases[Retire these]{kind=avoid}
            - "I was basically the manager."
            - We just figured it out
            :::

            """,
    ]
    for (name, text) in stories { files["stories/" + name] = text }
    if let scores { files["stories/scores.yaml"] = scores }
    return try TemporaryWorkbook(files)
}

/// A story that passes every check, with parts replaceable per test.
func story(
    title: String = "Retry redesign",
    claims: String = "  - text: Chose a state machine\n    authority: decided\n",
    anchors: String = "  decision: State machine over cron\n  hands_on: Wrote the migration\n  risk: Cohort rollout with a rollback switch\n",
    drills: String = "[authority-audit]",
    body: String? = nil
) -> String {
    let defaultBody = Story.Part.allCases.map { "## \($0.rawValue)\n\nI did the \($0.rawValue.lowercased()) part myself.\n" }.joined(separator: "\n")
    return "---\ntitle: \(title)\nwhen: 2025-03\nscope: team\nshape: senior\nclaims:\n\(claims)anchors:\n\(anchors)metrics: [\"0 incidents\"]\ndrills: \(drills)\n---\n\(body ?? defaultBody)"
}

@Suite struct StoryCheckTests {
    func diagnostics(_ text: String, scores: String? = nil) throws -> [String] {
        let folder = try personalWorkbook(stories: ["s.md": text], scores: scores)
        defer { folder.remove() }
        let result = WorkbookLoader.load(contentPath: folder.path)
        let lines = result.diagnostics.map { d in
            "\(d.path):\(d.location.line):\(d.location.column): \(d.severity.rawValue): \(d.message)"
                .replacingOccurrences(of: folder.path + "/", with: "")
        }
        if ProcessInfo.processInfo.environment["WORKBOOK_DEBUG"] != nil { print("ACTUAL", lines) }
        return lines
    }

    @Test func aCompleteStoryPassesEveryCheck() throws {
        #expect(try diagnostics(story()) == [])
    }

    @Test func missingPartsOfTheEvidenceStack() throws {
        let body = "## Problem\n\nI framed it.\n\n## Decision\n\nI chose.\n\n## Delivery\n\nI shipped.\n\n## Impact\n\nI measured.\n\n## Leverage\n\nI documented.\n"
        #expect(try diagnostics(story(body: body)) == [
            "stories/s.md:16:1: warning: story is missing parts of the evidence stack: Risk, Reflection; add `## Risk`, `## Reflection`"
        ])
    }

    @Test func missingHandsOnAnchor() throws {
        #expect(try diagnostics(story(anchors: "  decision: State machine\n  hands_on: Wrote it\n")) == [
            "stories/s.md:9:1: warning: story has no hands-on anchor `risk`: add it under `anchors:`"
        ])
    }

    @Test func avoidPhraseIsQuotedWithWhereItIsDefined() throws {
        let body = story().replacingOccurrences(of: "I did the impact part myself.", with: "Honestly, I was \u{201C}basically the\nmanager\u{201D} there.")
        #expect(try diagnostics(body) == [
            "stories/s.md:34:11: warning: story uses the avoid phrase \"I was basically the manager\" (listed at chapters/a.md:19)"
        ].map { $0.replacingOccurrences(of: "chapters/a.md", with: "\(pathPrefix)chapters/a.md") })
    }

    /// Avoid phrases are named by their full display path; tests compare against it.
    var pathPrefix: String { "" }

    @Test func avoidPhraseMatchingIgnoresCaseAndPunctuationButNeedsWholeWords() {
        let matcher = PhraseMatcher([(text: "We just figured it out", definedAt: "x:1")])
        #expect(matcher.matches(in: "Then WE JUST figured—it out!").map(\.location) == [SourceLocation(line: 1, column: 6)])
        #expect(matcher.matches(in: "we just figured it outright").isEmpty)
        #expect(matcher.matches(in: "Awe just figured it out").isEmpty)
        let quoted = PhraseMatcher([(text: "\"I don't manage people.\"", definedAt: "x:1")])
        #expect(quoted.matches(in: "I don\u{2019}t manage people").map(\.phrase) == ["I don't manage people"])
        let curly = PhraseMatcher([(text: " \u{201C}\u{2018}Shipped it alone.\u{2019}\u{201D}. ", definedAt: "x:1")])
        #expect(curly.matches(in: "We shipped it alone").map(\.phrase) == ["Shipped it alone"])
    }

    /// Phrases that start at one word are all reported, in the order they
    /// were listed, and the scan goes on past the longest; a phrase listed
    /// twice is matched once, with its first listing.
    @Test func phrasesAtOneWordComeInListingOrder() {
        let matcher = PhraseMatcher([
            (text: "we won", definedAt: "a:1"), (text: "I did", definedAt: "a:2"), (text: "I", definedAt: "a:3"),
            (text: "I did it", definedAt: "a:4"), (text: "i did", definedAt: "b:9"), (text: "it", definedAt: "a:5"),
        ])
        #expect(matcher.matches(in: "I did it. We won, I say.").map { "\($0.location) \($0.phrase) \($0.definedAt)" } == [
            "1:1 I did a:2", "1:1 I a:3", "1:1 I did it a:4", "1:11 we won a:1", "1:19 I a:3",
        ])
    }

    /// With thousands of phrases, the first words' bits (4,096 of them) are
    /// shared by many words: a word whose bit is set but that starts no
    /// phrase, and phrases whose first words share a bit, are still told
    /// apart. The matcher agrees with a scan of every phrase at every word.
    @Test func manyPhrasesMatchAsEachPhraseScannedAlone() {
        let vocabulary = (0..<1_500).map { "w\($0)" } + ["we", "I", "Zoë", "don’t", "über"]
        var state: UInt64 = 3
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let phrases = (0..<1_000).map { n in
            (text: (0..<(1 + next(3))).map { _ in vocabulary[next(vocabulary.count)] }.joined(separator: " "), definedAt: "p:\(n)")
        }
        let text = (0..<6_000).map { _ in vocabulary[next(vocabulary.count)] + [" ", ", ", "\n"][next(3)] }.joined()
        let matcher = PhraseMatcher(phrases)
        // The reference: each distinct phrase (its first listing), in listing order, tried at every word.
        var listed: [(words: [String], text: String, definedAt: String)] = []
        var seen: Set<[String]> = []
        for phrase in phrases {
            let words = PhraseMatcher.words(phrase.text).map(\.word)
            if seen.insert(words).inserted { listed.append((words, phrase.text, phrase.definedAt)) }
        }
        let words = PhraseMatcher.words(text)
        var expected: [String] = []
        var i = 0
        while i < words.count {
            var matched = 0
            for phrase in listed where i + phrase.words.count <= words.count && (0..<phrase.words.count).allSatisfy({ words[i + $0].word == phrase.words[$0] }) {
                expected.append("\(words[i].line):\(words[i].column) \(phrase.text) \(phrase.definedAt)")
                matched = max(matched, phrase.words.count)
            }
            i += max(matched, 1)
        }
        let found = matcher.matches(in: text).map { "\($0.location.line):\($0.location.column) \($0.phrase) \($0.definedAt)" }
        #expect(found.count > 100)
        #expect(found.count == expected.count)
        #expect(zip(found, expected).first { $0.0 != $0.1 }.map { "\($0.0) is not \($0.1)" } == nil)
    }

    @Test func claimWithoutAuthority() throws {
        #expect(try diagnostics(story(claims: "  - text: Led the migration\n")) == [
            "stories/s.md:7:5: warning: claim \"Led the migration\" has no authority label: add `authority:` (decided, recommended, implemented, ...)"
        ])
    }

    @Test func weFarOutnumbersI() throws {
        let body = Story.Part.allCases.map { "## \($0.rawValue)\n\nWe did it; our team and us.\n" }.joined(separator: "\n") + "\nI helped.\n"
        #expect(try diagnostics(story(body: body)) == [
            "stories/s.md:16:1: warning: story says \"we\" 21 times and \"I\" 1 time: say what you did yourself"
        ])
        let balanced = Story.Part.allCases.map { "## \($0.rawValue)\n\nWe agreed; I decided and I built it.\n" }.joined(separator: "\n")
        #expect(try diagnostics(story(body: balanced)) == [])
    }

    @Test func personCounts() {
        #expect(PersonCount.count("I'm sure we're fine; my team, our team, me, us, I've, We'd.") == (i: 4, we: 4))
        #expect(PersonCount.count("Iowa is mine; wedding us") == (i: 1, we: 1))
        // The longest pronouns count; a longer word that starts like one does not.
        #expect(PersonCount.count("We did it ourselves, myself included; ourselvesx ourselve") == (i: 1, we: 2))
    }

    @Test func invalidValuesAreErrors() throws {
        let text = story().replacingOccurrences(of: "scope: team", with: "scope: galaxy")
            .replacingOccurrences(of: "authority: decided", with: "authority: ordered")
            .replacingOccurrences(of: "when: 2025-03", with: "when: March 2025")
        #expect(try diagnostics(text) == [
            "stories/s.md:3:7: error: invalid `when` value `March 2025`: write a year (`2025`) or a year and month (`2025-03`)",
            "stories/s.md:4:8: error: invalid `scope` value `galaxy`: use one of `task`, `project`, `team`, `multi-team`, `org`",
            "stories/s.md:8:16: error: invalid authority `ordered`: use one of decided, recommended, implemented, reviewed, coordinated, influenced, documented, escalated, supported",
        ])
    }

    @Test func unknownDrill() throws {
        #expect(try diagnostics(story(drills: "[authority-audti, nope]")) == [
            "stories/s.md:14:10: error: story names unknown drill `authority-audti`; did you mean `authority-audit`?",
            "stories/s.md:14:27: error: story names unknown drill `nope`",
        ])
    }

    @Test func missingRequiredKeys() throws {
        let text = "---\ntitle: T\n---\n## Problem\n"
        #expect(try diagnostics(text) == [
            "stories/s.md:2:1: error: missing required key `scope` (task | project | team | multi-team | org)",
            "stories/s.md:2:1: error: missing required key `shape` (mid | senior | staff | tech-lead | manager)",
        ])
    }
}

@Suite struct ScoreCheckTests {
    func diagnostics(_ scores: String) throws -> [String] {
        let folder = try personalWorkbook(stories: ["s.md": story()], scores: scores)
        defer { folder.remove() }
        return WorkbookLoader.load(contentPath: folder.path).diagnostics.map { d in
            "\(d.location.line):\(d.location.column): \(d.severity.rawValue): \(d.message)"
        }
    }

    @Test func validScores() throws {
        #expect(try diagnostics("- rubric: check\n  date: 2026-11-01\n  scores: {Scope: 3, Attribution: 4}\n  note: fine\n") == [])
    }

    @Test func unknownRubricDimensionScaleAndDate() throws {
        let scores = """
            - rubric: chek
              date: 2026-11-01
              scores: {Scope: 3, Attribution: 4}
            - rubric: check
              date: 2026-02-30
              scores: {Scope: 3, Attribution: 4}
            - rubric: check
              date: 2026-11-02
              scores: {Scope: 6, Atribution: 4}
            - rubric: check
              date: 2026-11-03
              scores: {Scope: 3}
              colour: red
            """
        #expect(try diagnostics(scores) == [
            "1:3: error: score entry names unknown rubric `chek`; did you mean `check`?",
            "5:9: error: invalid date `2026-02-30`: write `YYYY-MM-DD`, e.g. `2026-11-01`",
            "7:3: error: rubric `check` has no dimension `Atribution`; its dimensions: `Scope`, `Attribution`",
            "7:3: error: score 6 for `Scope` is outside the scale 1-5 of rubric `check`",
            "7:3: error: score entry of 2026-11-02 leaves `Attribution` unscored; score every dimension of `check`",
            "10:3: error: score entry of 2026-11-03 leaves `Attribution` unscored; score every dimension of `check`",
            "13:3: warning: unknown key `colour` in a score entry",
        ])
    }
}

extension StoryCheckTests {
    /// A heading names a part of the evidence stack where its lowercased text
    /// holds the part's name: ASCII headings are searched by their bytes, the
    /// rest as Foundation searches, and both agree with Foundation.
    @Test func headingsNamePartsAsFoundationFindsThem() {
        let headings = [
            "the decision we made", "decisions", "risky", "", "réflexion", "die reflection über", "impact-first",
            "levera ge", "delivery\tplan", "problem", "e\u{301}problem", "xproblemx",
        ]
        for heading in headings {
            for part in Story.Part.allCases {
                let word = part.rawValue.lowercased()
                #expect(StoryReader.mentions(heading, word) == heading.contains(word), "\(heading) \(word)")
            }
        }
        #expect(StoryReader.mentions("the decision we made", "decision"))
        #expect(!StoryReader.mentions("risk", "risky"))
        #expect(!StoryReader.mentions("", "risk"))
    }
}
