import WorkbookMarkdown

/// Starting files for `workbook init` and `workbook new`: pure, so the
/// command line decides where they go and never overwrites.
public enum Scaffold {
    public struct File: Sendable, Equatable {
        /// Relative to the content folder.
        public var path: String
        public var text: String
    }

    /// A workbook that builds with no warnings: settings, one chapter, one
    /// story and a self-score.
    public static func workbook(title: String = "My Calibration Workbook") -> [File] {
        [
            File(path: "workbook.yaml", text: """
                title: \(title)
                subtitle: Level-calibrated evidence for my next loop
                language: en
                paper: letter
                target_level: Senior engineer

                """),
            File(path: "chapters/01-levels.md", text: chapter(title: "Reading the levels", number: 1, body: """
                Interviewers ask one question about every answer: what scope could we trust
                this person with on day one? This chapter is where you keep what you know
                about the levels, and the drills that make you practise it.

                ## Levels side by side

                :::matrix[Level comparison]
                | Level | Scope | Evidence |
                |---|---|---|
                | Mid-level engineer | A feature or component | Delivers well-framed work |
                | Senior engineer | A problem area | Frames ambiguity, owns the risk |
                | Staff engineer | Several teams | Creates leverage across teams |
                :::

                ## Practise

                :::drill[Authority audit]{timebox=10m}
                For each claim in your stories, write the verb that is true: decided,
                recommended, implemented, reviewed, coordinated, influenced, documented,
                escalated or supported.
                :::

                :::rubric[Calibration check]{gate=8 require="Attribution >= 3"}
                | Dimension | 1 - Weak | 3 - Competent | 5 - Ready |
                |---|---|---|---|
                | Level clarity | Cannot tell levels apart. | Broad differences. | Scope, authority and evidence. |
                | Attribution | Vague "we". | Sometimes separates own work. | Names exactly what they did. |

                - 2-4: The answers may create leveling confusion.
                - 5-7: A plausible case that needs sharper boundaries.
                - 8-10: Likely to sound calibrated.
                :::

                :::phrases[Phrases to retire]{kind=avoid}
                - I was basically the manager
                :::

                """)),
            File(path: "stories/first-story.md", text: story(title: "My first evidence story", drills: "[authority-audit]")),
            File(path: "stories/scores.yaml", text: """
                # Dated self-scores against the rubrics of the chapters.
                - rubric: calibration-check
                  date: 2026-01-15
                  scores: {Level clarity: 3, Attribution: 3}
                  note: First honest pass.

                """),
        ]
    }

    /// A new chapter; `number` is the next free chapter number.
    public static func chapter(name: String, number: Int) -> File {
        File(path: "chapters/\(fileName(name)).md", text: chapter(title: name, number: number, body: """
            What this chapter helps you show in the loop, in a sentence or two.

            ## The idea

            Write it in your own words.

            """))
    }

    public static func story(name: String) -> File {
        File(path: "stories/\(fileName(name)).md", text: story(title: name, drills: "[]"))
    }

    /// `Senior vs Staff!` → `senior-vs-staff`.
    public static func fileName(_ name: String) -> String {
        var slug = Slugger.slug(name.hasSuffix(".md") ? String(name.dropLast(3)) : name)
        while slug.contains("--") { slug = slug.replacingOccurrences(of: "--", with: "-") }
        slug = String(slug.drop { $0 == "-" })
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "untitled" : slug
    }

    static func chapter(title: String, number: Int, body: String) -> String {
        "---\ntitle: \(yamlString(title))\nchapter: \(number)\nsummary: What this chapter is for.\n---\n" + body
    }

    static func story(title: String, drills: String) -> String {
        """
        ---
        title: \(yamlString(title))
        when: 2026-01
        scope: project
        shape: senior
        claims:
          - text: Chose the approach the team shipped
            authority: decided
          - text: Built the first slice and the migration
            authority: implemented
        anchors:
          decision: The technical decision I personally made
          hands_on: The implementation, review or debugging I did myself
          risk: The production or delivery risk I managed
        metrics: ["The outcome, with a number"]
        drills: \(drills)
        ---
        ## Problem

        What was wrong, for whom, and why it mattered. Say what I found unclear.

        ## Decision

        The options I weighed and the one I chose, with the trade-off I accepted.

        ## Risk

        What could have gone wrong and how I kept it small: flags, cohorts, rollback.

        ## Delivery

        How I sequenced the work and what I built or reviewed myself.

        ## Impact

        What changed, measured.

        ## Leverage

        What I left behind that others now use.

        ## Reflection

        What I would do differently, and what I learned about my level.

        """
    }

    /// A YAML scalar: quoted when plain text would be misread.
    static func yamlString(_ s: String) -> String {
        let plain = s.allSatisfy { $0.isLetter || $0.isNumber || " -_.,()'".contains($0) } && !s.hasPrefix("-") && !s.isEmpty
        if plain { return s }
        return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
