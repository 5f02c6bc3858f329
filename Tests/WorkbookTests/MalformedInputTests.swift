import Foundation
import Testing
@testable import Workbook
import WorkbookMarkdown

// Each case: a small malformed workbook, and exactly the diagnostics an author
// gets for it (severity, file, line, column, message). Chapters made with
// `MalformedInput.chapter(_:)` have three lines of front matter: their body
// starts on line 4.

@Suite("MalformedInput: workbook.yaml")
struct MalformedWorkbookYAMLTests {
    static let intro = MalformedInput.chapter("Text.\n")

    @Test func malformedYAML() throws {
        let w = try MalformedInput(
            workbook: """
                title: Senior Calibration Workbook
                subtitle: Levels: what they mean
                """,
            chapters: ["01-intro.md": Self.intro])
        w.expect([
            w.error("workbook.yaml", 2, 17, "malformed YAML: mapping values are not allowed in this context; put a value that contains `: ` in quotes, and check the indentation"),
        ])
        #expect(w.result.workbook == nil)
    }

    @Test func unclosedQuoteInYAML() throws {
        let w = try MalformedInput(
            workbook: """
                title: "Senior Calibration Workbook
                paper: a4
                """,
            chapters: ["01-intro.md": Self.intro])
        w.expect([
            w.error("workbook.yaml", 1, 8, "malformed YAML: a quoted scalar that starts here is not closed (found unexpected end of stream)"),
        ])
    }

    @Test func missingFile() throws {
        let w = try MalformedInput(workbook: nil, chapters: ["01-intro.md": Self.intro])
        w.expect([
            w.error("workbook.yaml", 1, 1, "missing workbook.yaml: every workbook needs one, with at least `title:`"),
        ])
        #expect(w.result.workbook == nil)
    }

    @Test func missingTitle() throws {
        let w = try MalformedInput(
            workbook: """
                subtitle: Prepare level-calibrated evidence
                author: A. Person
                """,
            chapters: ["01-intro.md": Self.intro])
        w.expect([
            w.error("workbook.yaml", 1, 1, "missing required key `title`"),
        ])
        #expect(w.result.workbook == nil)
    }

    @Test func invalidPaper() throws {
        let w = try MalformedInput(
            workbook: """
                title: Workbook
                paper: legal
                """,
            chapters: ["01-intro.md": Self.intro])
        w.expect([
            w.error("workbook.yaml", 2, 8, "invalid `paper` value `legal`: use one of `letter`, `a4`"),
        ])
    }

    @Test func wrongTypes() throws {
        let w = try MalformedInput(
            workbook: """
                title: Workbook
                unsafe_html: sometimes
                chapters: {first: chapters/01-intro.md}
                """,
            chapters: ["01-intro.md": Self.intro])
        w.expect([
            w.error("workbook.yaml", 2, 14, "`unsafe_html` must be `true` or `false`"),
            w.error("workbook.yaml", 3, 11, "`chapters` must be a list, as in `chapters: [A, B]`"),
        ])
    }

    @Test func duplicateKey() throws {
        let w = try MalformedInput(
            workbook: """
                title: Workbook
                author: A. Person
                paper: a4
                author: B. Person
                """,
            chapters: ["01-intro.md": Self.intro])
        w.expect([
            w.error("workbook.yaml", 4, 1, "duplicate key `author`: already given on line 2"),
        ])
    }

    @Test func windowsLineEndings() throws {
        let w = try MalformedInput(
            workbook: "title: Workbook\r\nauthor: A. Person\r\nsubtitle: \"Levels\r\nauthor: B. Person\r\n",
            chapters: ["01-intro.md": Self.intro])
        w.expect([
            w.error("workbook.yaml", 3, 11, "malformed YAML: a quoted scalar that starts here is not closed (found unexpected end of stream)"),
        ])
        let duplicate = try MalformedInput(
            workbook: "title: Workbook\r\nauthor: A. Person\r\nauthor: B. Person\r\n", chapters: ["01-intro.md": Self.intro])
        duplicate.expect([
            duplicate.error("workbook.yaml", 3, 1, "duplicate key `author`: already given on line 2"),
        ])
    }

    @Test func controlCharacter() throws {
        let w = try MalformedInput(workbook: "title: Work\u{7}book\n", chapters: ["01-intro.md": Self.intro])
        w.expect([
            w.error("workbook.yaml", 1, 12, "malformed YAML: control characters are not allowed (U+0007)"),
        ])
    }

    @Test func unknownKeyDidYouMean() throws {
        let w = try MalformedInput(
            workbook: """
                title: Workbook
                subtitel: Prepare level-calibrated evidence
                """,
            chapters: ["01-intro.md": Self.intro])
        w.expect([
            w.warning("workbook.yaml", 2, 1, "unknown key `subtitel` in workbook.yaml; did you mean `subtitle`?"),
        ])
    }

    @Test func unknownKey() throws {
        let w = try MalformedInput(
            workbook: """
                title: Workbook
                author: A. Person
                colour: blue
                """,
            chapters: ["01-intro.md": Self.intro])
        w.expect([
            w.warning("workbook.yaml", 3, 1, "unknown key `colour` in workbook.yaml"),
        ])
        #expect(w.result.workbook != nil)
    }

    @Test func chaptersListsMissingFile() throws {
        let w = try MalformedInput(
            workbook: """
                title: Workbook
                chapters:
                  - chapters/01-intro.md
                  - chapters/02-levels.md
                """,
            chapters: ["01-intro.md": Self.intro])
        w.expect([
            w.error("workbook.yaml", 4, 5, "`chapters:` lists `chapters/02-levels.md`, which is not a chapter file of this workbook"),
        ])
    }
}

@Suite("MalformedInput: front matter")
struct MalformedFrontMatterTests {
    @Test func malformedYAML() throws {
        let w = try MalformedInput(chapter: """
            ---
            title: Levels
            skills: [Framing, Judgment
            ---
            Text.
            """)
        w.expect([
            w.error("chapters/a.md", 3, 9, "malformed YAML: a flow sequence that starts here is not closed (did not find expected ',' or ']')"),
        ])
    }

    @Test func tabIndentation() throws {
        let w = try MalformedInput(chapter: "---\ntitle: Levels\nrounds:\n\t- Recruiter Screen\n---\nText.\n")
        w.expect([
            w.error("chapters/a.md", 4, 1, "malformed YAML: found character that cannot start any token while scanning for the next token; indent with spaces, not tabs"),
        ])
    }

    @Test func duplicateKey() throws {
        let w = try MalformedInput(chapter: """
            ---
            title: Levels
            chapter: 3
            title: Levels again
            ---
            Text.
            """)
        w.expect([
            w.error("chapters/a.md", 4, 1, "duplicate key `title`: already given on line 2"),
        ])
    }

    @Test func missingTitle() throws {
        let w = try MalformedInput(chapter: """
            ---
            chapter: 3
            summary: How levels differ.
            ---
            Text.
            """)
        w.expect([
            w.error("chapters/a.md", 2, 1, "missing required key `title`"),
        ])
        #expect(w.result.workbook?.chapters.isEmpty == true)
    }

    @Test func chapterNumberNotAnInteger() throws {
        let w = try MalformedInput(chapter: """
            ---
            title: Levels
            chapter: twelve
            ---
            Text.
            """)
        w.expect([
            w.error("chapters/a.md", 3, 10, "`chapter` must be a whole number from 0 to 1000000"),
        ])
    }

    @Test func draftNotABool() throws {
        let w = try MalformedInput(chapter: """
            ---
            title: Levels
            draft: maybe
            ---
            Text.
            """)
        w.expect([
            w.error("chapters/a.md", 3, 8, "`draft` must be `true` or `false`"),
        ])
    }

    /// Flags and numbers are read by YAML's rules from plain values only: a
    /// quoted value is text.
    @Test func flagsAndNumbersArePlainValues() {
        let (plain, plainProblems) = FrontMatterReader.read("title: Levels\nchapter: 0x0C\nminutes: 1_5\ndraft: yes\n", path: "chapters/a.md")
        #expect(plainProblems.isEmpty)
        #expect(plain?.number == 12)
        #expect(plain?.minutes == 15)
        #expect(plain?.draft == true)
        let (_, quoted) = FrontMatterReader.read("title: Levels\nchapter: \"12\"\ndraft: \"true\"\n", path: "chapters/a.md")
        #expect(quoted.map { "\($0.location) \($0.message)" } == [
            "3:10 `chapter` must be a whole number from 0 to 1000000",
            "4:8 `draft` must be `true` or `false`",
        ])
    }

    /// Plain decimal numbers are read without Yams; every other shape goes to
    /// it. Both ways give what Yams gives.
    @Test func numbersReadAsYamsReadsThem() throws {
        let samples = [
            "7", "12", "0", "012", "0x1F", "0o17", "0b101", "1_000", "+5", "-3", "1:30", "999999999999999999",
            "9999999999999999999", "12a", "1.5", "\"12\"", "'7'", "", "~", "١٢",
        ]
        for sample in samples {
            let node = try #require(try YAMLMapping.compose("n: \(sample)\n")?.mapping?["n"])
            #expect(YAMLMapping.int(node) == node.int, "\(sample)")
        }
        #expect(YAMLMapping.int(try #require(try YAMLMapping.compose("n: 42\n")?.mapping?["n"])) == 42)
        #expect(YAMLMapping.int(try #require(try YAMLMapping.compose("n: 012\n")?.mapping?["n"])) == 10)
    }

    @Test func skillsNotAList() throws {
        let w = try MalformedInput(chapter: """
            ---
            title: Levels
            skills:
              framing: yes
            ---
            Text.
            """)
        w.expect([
            w.error("chapters/a.md", 4, 3, "`skills` must be a list, as in `skills: [A, B]`"),
        ])
    }

    @Test func missingFrontMatter() throws {
        let w = try MalformedInput(chapter: """
            # Levels

            Text.
            """)
        w.expect([
            w.error("chapters/a.md", 1, 1, "a chapter starts with front matter: a `---` line, `title: ...`, and a closing `---`"),
        ])
    }

    @Test func unclosedFrontMatter() throws {
        let w = try MalformedInput(chapter: """
            ---
            title: Levels

            # Levels

            Text.
            """)
        w.expect([
            w.error("chapters/a.md", 1, 1, "front matter is not closed: add a `---` line after its last key"),
        ])
    }

    @Test func unknownKey() throws {
        let w = try MalformedInput(chapter: """
            ---
            title: Levels
            tags: [levels]
            ---
            Text.
            """)
        w.expect([
            w.warning("chapters/a.md", 3, 1, "unknown key `tags` in front matter"),
        ])
    }

    @Test func unknownKeyDidYouMean() throws {
        let w = try MalformedInput(chapter: """
            ---
            title: Levels
            sumary: How levels differ.
            ---
            Text.
            """)
        w.expect([
            w.warning("chapters/a.md", 3, 1, "unknown key `sumary` in front matter; did you mean `summary`?"),
        ])
    }
}

@Suite("MalformedInput: directives")
struct MalformedDirectiveTests {
    @Test func unknownTypeDidYouMean() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            :::drils[Warm-up]{timebox=5m}
            Say it out loud.
            :::
            """))
        w.expect([
            w.error("chapters/a.md", 4, 4, "unknown directive type `drils`; did you mean `drill`?"),
        ])
    }

    @Test func unknownType() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            Intro.

            :::quiz[Check yourself]
            - One?
            :::
            """))
        w.expect([
            w.error("chapters/a.md", 6, 4, "unknown directive type `quiz`; known types: matrix, drill, rubric, checklist, transcript, phrases, callout, fieldref"),
        ])
    }

    @Test func unclosed() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            :::drill[Practice]{timebox=10m}
            Answer the question.

            ## Next
            """))
        w.expect([
            w.error("chapters/a.md", 4, 1, "unclosed directive `drill`: no closing `:::` before the end of the file"),
        ])
    }

    @Test func attributeWithoutValue() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            :::drill[Practice]{timebox 10m}
            Answer the question.
            :::
            """))
        w.expect([
            // The malformed fence still pairs with its closing `:::`: one error, not two.
            w.error("chapters/a.md", 4, 20, "attribute `timebox` has no value: write `timebox=value`"),
        ])
    }

    @Test func unclosedQuotedAttribute() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            Intro.

            :::callout[Mind the gap]{kind="tip}
            Text.
            :::
            """))
        w.expect([
            w.error("chapters/a.md", 6, 31, "unclosed quoted value: `\"` has no matching `\"`"),
        ])
    }

    @Test func missingTitle() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            :::matrix{#levels}
            | Level | Scope |
            |---|---|
            | Senior | Team |
            :::
            """))
        w.expect([
            w.error("chapters/a.md", 4, 4, "`matrix` needs a title: `:::matrix[Title]`"),
        ])
    }

    @Test func matrixWithoutTable() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            :::matrix[Levels]
            Senior: team scope. Staff: several teams.
            :::
            """))
        w.expect([
            w.error("chapters/a.md", 4, 1, "`matrix` needs a pipe table: a header row, a `|---|` row, then one row per level"),
        ])
    }

    @Test func matrixWithTwoTables() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            :::matrix[Levels]
            | Level | Scope |
            |---|---|
            | Senior | Team |

            | Level | Authority |
            |---|---|
            | Senior | Decides |
            :::
            """))
        w.expect([
            w.error("chapters/a.md", 9, 1, "`matrix` holds exactly one table; found 2"),
        ])
    }

    @Test func directiveInsideMatrix() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            ::::matrix[Levels]
            | Level | Scope |
            |---|---|
            | Senior | Team |

            :::callout{kind=tip}
            Read across the rows.
            :::
            ::::
            """))
        w.expect([
            w.error("chapters/a.md", 9, 1, "a `callout` cannot sit inside a `matrix`; only drill, callout and fieldref bodies hold other blocks"),
        ])
    }

    @Test func directiveInsideChecklist() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            ::::checklist[Before the loop]
            - Stories written
            - Rubric scored

            :::drill[Rehearse]{timebox=5m}
            Out loud.
            :::
            ::::
            """))
        w.expect([
            w.error("chapters/a.md", 8, 1, "a `drill` cannot sit inside a `checklist`; only drill, callout and fieldref bodies hold other blocks"),
        ])
    }

    @Test func checklistHoldsOneList() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            ::::checklist[Before the loop]
            - Stories written

            ## And also

            - Rubric scored
            ::::
            """))
        w.expect([
            w.error("chapters/a.md", 7, 1, "`checklist` holds one bullet list and nothing else"),
            w.error("chapters/a.md", 9, 1, "`checklist` holds one bullet list and nothing else"),
        ])
    }

    @Test func transcriptHoldsParagraphs() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            :::transcript[Screen]
            Interviewer: Tell me about a decision.

            > Candidate: We chose a queue.
            :::
            """))
        w.expect([
            w.error("chapters/a.md", 7, 3, "`transcript` holds paragraphs of the form `Speaker: words`"),
        ])
    }

    @Test func invalidTimebox() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            :::drill[Practice]{timebox=soon}
            Answer the question.
            :::
            """))
        w.expect([
            w.error("chapters/a.md", 4, 20, "invalid timebox `soon`: write minutes (`15` or `15m`), hours (`1h`, `1h30m`) or seconds (`90s`)"),
        ])
    }

    @Test func invalidPhrasesKind() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            :::phrases[Words]{kind=unsafe}
            - We shipped it
            :::
            """))
        w.expect([
            w.error("chapters/a.md", 4, 19, "invalid phrases kind `unsafe`: use `safe` or `avoid`"),
        ])
    }

    @Test func invalidCalloutKind() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            :::callout{kind=danger}
            Careful.
            :::
            """))
        w.expect([
            w.error("chapters/a.md", 4, 12, "invalid callout kind `danger`: use one of `note`, `weak`, `better`, `tip`, `warning`"),
        ])
    }

    @Test func drillWithoutTimebox() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            :::drill[Level translation]
            Restate the answer one level up.
            :::
            """))
        w.expect([
            w.warning("chapters/a.md", 4, 1, "drill `level-translation` has no timebox: add `{timebox=15m}`"),
        ])
    }

    @Test func unknownAttribute() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            :::callout[Tip]{kind=tip colour=green}
            Careful.
            :::
            """))
        w.expect([
            w.warning("chapters/a.md", 4, 26, "unknown attribute `colour` on `callout`; it takes `kind`"),
        ])
    }
}

@Suite("MalformedInput: rubrics")
struct MalformedRubricTests {
    /// A rubric that loads cleanly, with `opening`, `header`, `rows` and `bands` replaceable.
    /// Lines: 4 opening, 5 header, 6 delimiter, 7-8 rows, 9 blank, 10-12 bands, 13 closing.
    static func rubric(
        opening: String = ":::rubric[Self-check]{gate=6}",
        header: String = "| Dimension | 1 - Weak | 3 - Competent | 5 - Strong |",
        rows: String = "| Level clarity | Vague. | Broad. | Precise. |\n| Attribution | \"We\". | Mixed. | Exact. |",
        bands: String = "- 2-4: Not yet.\n- 5-7: Close.\n- 8-10: Calibrated."
    ) -> String {
        let columns = header.split(separator: "|").count
        let delimiter = "|" + String(repeating: "---|", count: columns)
        return MalformedInput.chapter("\(opening)\n\(header)\n\(delimiter)\n\(rows)\n\n\(bands)\n:::\n")
    }

    @Test func validRubricLoadsCleanly() throws {
        let w = try MalformedInput(chapter: Self.rubric())
        w.expect([])
    }

    @Test func noTable() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            :::rubric[Self-check]
            Score yourself from 1 to 5.

            - 2-4: Not yet.
            :::
            """))
        w.expect([
            w.error("chapters/a.md", 4, 1, "`rubric` needs a pipe table: `| Dimension | 1 - Weak | 3 - Competent | 5 - Strong |`, then one row per dimension"),
        ])
    }

    @Test func anchorNotANumber() throws {
        let w = try MalformedInput(chapter: Self.rubric(header: "| Dimension | Weak | 3 - Competent | 5 - Strong |"))
        w.expect([
            w.error("chapters/a.md", 5, 15, "score anchor `Weak` must start with a whole number: `3` or `3 - Competent`"),
        ])
    }

    @Test func anchorsNotAscending() throws {
        let w = try MalformedInput(chapter: Self.rubric(header: "| Dimension | 1 - Weak | 5 - Strong | 3 - Competent |"))
        w.expect([
            w.error("chapters/a.md", 5, 39, "score anchors must rise from left to right: 3 comes after 5"),
        ])
    }

    @Test func noBands() throws {
        let w = try MalformedInput(chapter: Self.rubric(bands: "Score each row."))
        w.expect([
            w.error("chapters/a.md", 5, 1, "`rubric` needs a bullet list of score bands after its table, e.g. `- 7-17: Needs work`"),
        ])
    }

    @Test func malformedBand() throws {
        let w = try MalformedInput(chapter: Self.rubric(bands: "- 2-4: Not yet.\n- five to seven: Close.\n- 8-10: Calibrated."))
        w.expect([
            w.error("chapters/a.md", 11, 3, "a score band reads `A-B: text`, e.g. `- 7-17: Needs work`; found `five to seven: Close.`"),
        ])
    }

    @Test func formattedBand() throws {
        let w = try MalformedInput(chapter: Self.rubric(bands: "- **2-4**: Not yet.\n- 5-7: Close.\n- 8-10: Calibrated."))
        w.expect([
            w.error("chapters/a.md", 10, 3, "a score band starts with its totals as plain text, as in `- 7-17: Needs work`; no bold, code or links around them"),
        ])
    }

    @Test func backwardsBand() throws {
        let w = try MalformedInput(chapter: Self.rubric(bands: "- 4-2: Not yet.\n- 5-7: Close.\n- 8-10: Calibrated."))
        w.expect([
            w.error("chapters/a.md", 10, 3, "score band `4-2` runs backwards: write the lower total first, `2-4`"),
        ])
    }

    @Test func bandsWithAGap() throws {
        let w = try MalformedInput(chapter: Self.rubric(bands: "- 2-4: Not yet.\n- 6-7: Close.\n- 8-10: Calibrated."))
        w.expect([
            w.error("chapters/a.md", 10, 1, "score bands leave total 5 uncovered; together they must cover every total from 2 to 10"),
        ])
    }

    @Test func bandsOverlapping() throws {
        let w = try MalformedInput(chapter: Self.rubric(bands: "- 2-5: Not yet.\n- 5-8: Close.\n- 8-10: Calibrated."))
        w.expect([
            w.error("chapters/a.md", 10, 1, "score bands overlap: totals 5, 8 fall in more than one band"),
        ])
    }

    @Test func bandOutsideTotals() throws {
        let w = try MalformedInput(chapter: Self.rubric(bands: "- 0-4: Not yet.\n- 5-7: Close.\n- 8-10: Calibrated."))
        w.expect([
            w.error("chapters/a.md", 10, 3, "score band `0-4` goes outside the possible totals 2-10 (2 dimensions scored 1 to 5)"),
        ])
    }

    @Test func gateOutsideTotals() throws {
        let w = try MalformedInput(chapter: Self.rubric(opening: ":::rubric[Self-check]{gate=12}"))
        w.expect([
            w.error("chapters/a.md", 4, 23, "invalid gate `12`: the pass mark must be a total from 2 to 10"),
        ])
    }

    @Test func gateNotANumber() throws {
        let w = try MalformedInput(chapter: Self.rubric(opening: ":::rubric[Self-check]{gate=high}"))
        w.expect([
            w.error("chapters/a.md", 4, 23, "invalid gate `high`: the pass mark must be a total from 2 to 10"),
        ])
    }

    @Test func requireUnknownDimension() throws {
        let w = try MalformedInput(chapter: Self.rubric(opening: ":::rubric[Self-check]{require=\"Atribution >= 3\"}"))
        w.expect([
            w.error("chapters/a.md", 4, 23, "`require` names unknown dimension `Atribution`; dimensions: `Level clarity`, `Attribution`"),
        ])
    }

    @Test func requireMinimumOutsideScale() throws {
        let w = try MalformedInput(chapter: Self.rubric(opening: ":::rubric[Self-check]{require=\"Level clarity >= 3; Attribution >= 6\"}"))
        w.expect([
            w.error("chapters/a.md", 4, 23, "`require` minimum 6 for `Attribution` is outside the scale 1-5"),
        ])
    }

    @Test func malformedRequire() throws {
        let w = try MalformedInput(chapter: Self.rubric(opening: ":::rubric[Self-check]{require=\"Attribution > 3\"}"))
        w.expect([
            w.error("chapters/a.md", 4, 23, "malformed requirement `Attribution > 3`: write `Dimension >= N`, several separated by `;`"),
        ])
    }

    @Test func duplicateDimension() throws {
        let w = try MalformedInput(chapter: Self.rubric(rows: "| Attribution | Vague. | Broad. | Precise. |\n| Attribution | \"We\". | Mixed. | Exact. |"))
        w.expect([
            w.error("chapters/a.md", 8, 3, "duplicate dimension `Attribution`: already on line 7"),
        ])
    }
}

@Suite("MalformedInput: ids")
struct MalformedIDTests {
    @Test func duplicateExplicitIDInAChapter() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            :::drill[Warm-up]{#practice timebox=5m}
            One.
            :::

            :::drill[Cool-down]{#practice timebox=5m}
            Two.
            :::
            """))
        w.expect([
            w.error("chapters/a.md", 8, 21, "duplicate id `practice`: already used on line 4"),
        ])
    }

    @Test func duplicateTitleIDInAChapter() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            :::drill[Practice]{timebox=5m}
            One.
            :::

            :::drill[Practice]{timebox=10m}
            Two.
            :::
            """))
        w.expect([
            w.error("chapters/a.md", 8, 9, "duplicate id `practice` (from the title): already used on line 4; give one of them an explicit `{#id}`"),
        ])
    }

    @Test func duplicateIDsAcrossChapters() throws {
        let first = MalformedInput.chapter("""
            :::matrix[Levels]{#levels}
            | Level | Scope |
            |---|---|
            | Senior | Team |
            :::

            :::drill[Warm-up]{timebox=5m}
            One.
            :::

            :::rubric[Self-check]
            | Dimension | 1 | 5 |
            |---|---|---|
            | Clarity | Vague. | Precise. |

            - 1-5: Any.
            :::

            :::fieldref[Pocket card]
            Remember.
            :::
            """, title: "One")
        let second = MalformedInput.chapter("""
            :::drill[Levels]{timebox=5m}
            Two.
            :::

            :::fieldref[Warm-up]
            Two.
            :::

            :::matrix[Self-check]
            | Level | Scope |
            |---|---|
            | Senior | Team |
            :::

            :::rubric[Scoring]{#pocket-card}
            | Dimension | 1 | 5 |
            |---|---|---|
            | Clarity | Vague. | Precise. |

            - 1-5: Any.
            :::
            """, title: "Two")
        let w = try MalformedInput(chapters: ["01-one.md": first, "02-two.md": second])
        let one = w.root + "/chapters/01-one.md"
        let tail = "ids of matrices, drills, rubrics and field references are unique across the workbook"
        w.expect([
            w.error("chapters/02-two.md", 4, 1, "duplicate id `levels`: the matrix at \(one):4 has it too; \(tail)"),
            w.error("chapters/02-two.md", 8, 1, "duplicate id `warm-up`: the drill at \(one):10 has it too; \(tail)"),
            w.error("chapters/02-two.md", 12, 1, "duplicate id `self-check`: the rubric at \(one):14 has it too; \(tail)"),
            w.error("chapters/02-two.md", 18, 1, "duplicate id `pocket-card`: the field reference at \(one):22 has it too; \(tail)"),
        ])
    }
}

@Suite("MalformedInput: links")
struct MalformedLinkTests {
    static let levels = MalformedInput.chapter("# Levels\n\n## Senior\n\nText.\n", title: "Levels")

    @Test func missingChapter() throws {
        let w = try MalformedInput(chapters: [
            "01-intro.md": MalformedInput.chapter("See [the levels](02-levles.md).\n"),
            "02-levels.md": Self.levels,
        ])
        w.expect([
            w.error("chapters/01-intro.md", 4, 5, "broken link `02-levles.md`: no chapter `chapters/02-levles.md`"),
        ])
    }

    @Test func brokenAnchorInAnotherChapter() throws {
        let w = try MalformedInput(chapters: [
            "01-intro.md": MalformedInput.chapter("Intro.\n\n- See [staff](02-levels.md#staff).\n"),
            "02-levels.md": Self.levels,
        ])
        w.expect([
            w.error("chapters/01-intro.md", 6, 7, "broken link `02-levels.md#staff`: `chapters/02-levels.md` has no heading or block with id `staff`"),
        ])
    }

    @Test func brokenAnchorOnTheSamePage() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("# Levels\n\nJump to [senior](#senoir).\n"))
        w.expect([
            w.error("chapters/a.md", 6, 9, "broken anchor `#senoir`: this chapter has no heading or block with id `senoir`"),
        ])
    }

    @Test func linkInATableCellAfterNonASCII() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("""
            :::matrix[Niveaux]
            | Niveau | Portée |
            |---|---|
            | Senior | Équipe — voir [là](#nulle-part) |
            :::
            """))
        w.expect([
            w.error("chapters/a.md", 7, 26, "broken anchor `#nulle-part`: this chapter has no heading or block with id `nulle-part`"),
        ])
    }

    @Test func windowsLineEndings() throws {
        let w = try MalformedInput(chapter: "---\r\ntitle: Levels\r\n---\r\n# Levels\r\n\r\nSee [senior](#senoir).\r\n")
        w.expect([
            w.error("chapters/a.md", 6, 5, "broken anchor `#senoir`: this chapter has no heading or block with id `senoir`"),
        ])
    }

    @Test func linkLeavingTheWorkbook() throws {
        let w = try MalformedInput(chapter: MalformedInput.chapter("Read [notes](../../notes.md).\n"))
        w.expect([
            w.error("chapters/a.md", 4, 6, "broken link `../../notes.md`: it leaves the workbook folder"),
        ])
    }

    @Test func linkToDraftChapter() throws {
        let draft = "---\ntitle: Later\ndraft: true\n---\nNot yet.\n"
        let w = try MalformedInput(chapters: [
            "01-intro.md": MalformedInput.chapter("Next: [later](02-later.md).\n"),
            "02-later.md": draft,
        ])
        w.expect([
            w.warning("chapters/01-intro.md", 4, 7, "link to draft chapter `chapters/02-later.md`, which this build leaves out (build with --drafts to include it); shown as plain text"),
        ])
        let withDrafts = try MalformedInput(
            chapters: ["01-intro.md": MalformedInput.chapter("Next: [later](02-later.md).\n"), "02-later.md": draft],
            drafts: true)
        withDrafts.expect([])
    }
}

@Suite("MalformedInput: formatter")
struct MalformedInputFormatterTests {
    @Test func caretUnderNonASCIIAndTab() throws {
        let text = MalformedInput.chapter("Café\t— voir [là](#nulle-part).\n")
        let w = try MalformedInput(chapter: text)
        let path = w.root + "/chapters/a.md"
        w.expect([
            w.error("chapters/a.md", 4, 13, "broken anchor `#nulle-part`: this chapter has no heading or block with id `nulle-part`"),
        ])
        let printed = w.diagnostics.map { DiagnosticFormatter.text($0, sources: w.result.sources) }
        #expect(printed == [
            "\(path):4:13: error: broken anchor `#nulle-part`: this chapter has no heading or block with id `nulle-part`\n"
                + "Café\t— voir [là](#nulle-part).\n"
                + "    \t       ^\n",
        ])
    }

    @Test func caretInYAMLAndMissingSource() throws {
        let w = try MalformedInput(
            workbook: "title: Workbook\npaper: legal\n", chapters: ["a.md": MalformedInput.chapter("Text.\n")])
        let path = w.root + "/workbook.yaml"
        #expect(w.diagnostics.map { DiagnosticFormatter.text($0, sources: w.result.sources) } == [
            "\(path):2:8: error: invalid `paper` value `legal`: use one of `letter`, `a4`\n"
                + "paper: legal\n"
                + "       ^\n",
        ])
        // A file that could not be read has no source line: only the first line is printed.
        let missing = try MalformedInput(workbook: nil, chapters: ["a.md": MalformedInput.chapter("Text.\n")])
        #expect(missing.diagnostics.map { DiagnosticFormatter.text($0, sources: missing.result.sources) } == [
            "\(missing.root)/workbook.yaml:1:1: error: missing workbook.yaml: every workbook needs one, with at least `title:`\n",
        ])
    }

    @Test func json() throws {
        let w = try MalformedInput(
            workbook: "title: Workbook\ncolour: blue\n",
            chapters: ["a.md": MalformedInput.chapter(":::callout{kind=danger}\nSay \"no\".\n:::\n")])
        let json = DiagnosticFormatter.json(w.diagnostics)
        #expect(json == """
            {
              "diagnostics" : [
                {
                  "column" : 12,
                  "line" : 4,
                  "message" : "invalid callout kind `danger`: use one of `note`, `weak`, `better`, `tip`, `warning`",
                  "path" : "\(w.root)/chapters/a.md",
                  "severity" : "error"
                },
                {
                  "column" : 1,
                  "line" : 2,
                  "message" : "unknown key `colour` in workbook.yaml",
                  "path" : "\(w.root)/workbook.yaml",
                  "severity" : "warning"
                }
              ],
              "errors" : 1,
              "warnings" : 1
            }
            """)
        // And it is valid JSON that reads back.
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(decoded?["errors"] as? Int == 1)
    }
}
