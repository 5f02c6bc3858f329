import Foundation
import Testing
@testable import Workbook
import WorkbookMarkdown

/// Rubric math: scale from anchors, possible totals, band coverage, gate and
/// per-dimension minimums.
@Suite struct RubricTests {
    func chapter(_ rubric: String) -> (Chapter?, [Diagnostic]) {
        ChapterReader.read("---\ntitle: T\n---\n" + rubric, path: "t.md", name: "t")
    }

    func rubric(_ text: String) throws -> Rubric {
        let (chapter, diagnostics) = chapter(text)
        #expect(diagnostics.map(\.message) == [])
        let body = try #require(chapter?.body)
        guard case .rubric(let rubric)? = body.first else {
            Issue.record("no rubric")
            throw CancellationError()
        }
        return rubric
    }

    static let sevenDimensions = """
        :::rubric[Self-check]{gate=28 require="Attribution >= 3; Role fit >= 4"}
        | Dimension | 1 - Weak | 3 - Competent | 5 - Senior-ready |
        |---|---|---|---|
        | Level clarity | a | b | c |
        | Senior calibration | a | b | c |
        | Attribution | a | b | c |
        | Staff boundary | a | b | c |
        | Tech lead boundary | a | b | c |
        | EM boundary | a | b | c |
        | Role fit | a | b | c |

        - 7-17: Your answers may create leveling confusion.
        - 18-27: A plausible senior case.
        - 28-35: Likely calibrated.
        :::
        """

    @Test func scaleAndTotalsFromAnchors() throws {
        let r = try rubric(Self.sevenDimensions)
        #expect(r.anchors.map(\.value) == [1, 3, 5])
        #expect(r.anchors.map(\.label) == ["Weak", "Competent", "Senior-ready"])
        #expect(r.scale == 1...5)
        #expect(r.minTotal == 7)
        #expect(r.maxTotal == 35)
        #expect(r.bands.map(\.label) == ["7-17", "18-27", "28-35"])
        #expect(r.gate == 28)
        #expect(r.requirements == [.init(dimension: "Attribution", minimum: 3), .init(dimension: "Role fit", minimum: 4)])
        #expect(r.band(for: 17)?.label == "7-17")
        #expect(r.band(for: 18)?.label == "18-27")
        #expect(r.band(for: 36) == nil)
    }

    @Test func requirementsReadBothSpellingsOfAtLeast() throws {
        let text = Self.sevenDimensions.replacingOccurrences(
            of: #"require="Attribution >= 3; Role fit >= 4""#, with: #"require=" Attribution≥3 ;; Role fit >=  4 ;""#)
        let r = try rubric(text)
        #expect(r.requirements == [.init(dimension: "Attribution", minimum: 3), .init(dimension: "Role fit", minimum: 4)])
    }

    @Test(arguments: ["A >= 3", "A≥3", "A ≥ 3 >= 4", ">", "=>=", "A > = 3", "é>=3", "", "≥", ">>=", "A ≱ 3"])
    func operatorFoundByBytesAsByCharacters(_ clause: String) {
        for pattern: StaticString in [">=", "≥"] {
            #expect(DirectiveReader.firstRange(of: pattern, in: clause) == clause.firstRange(of: pattern.description), "\(pattern) in \(clause)")
        }
    }

    @Test func zeroBasedScale() throws {
        let r = try rubric("""
            :::rubric[Zero]
            | Dimension | 0 | 2 - Some | 4 - Strong |
            |---|---|---|---|
            | A | a | b | c |
            | B | a | b | c |

            - 0-3: Low
            - 4-8: High
            :::
            """)
        #expect(r.scale == 0...4)
        #expect(r.minTotal == 0)
        #expect(r.maxTotal == 8)
        #expect(r.anchors.map(\.label) == [nil, "Some", "Strong"])
    }

    @Test func gateOutcomes() throws {
        let r = try rubric(Self.sevenDimensions)
        let names = r.dimensions.map(\.name)
        let all4 = Dictionary(uniqueKeysWithValues: names.map { ($0, 4) })
        #expect(r.gateOutcome(scores: all4) == .pass)  // 28 ≥ 28, minimums met
        var short = all4
        short["Level clarity"] = 3  // total 27
        #expect(r.gateOutcome(scores: short) == .fail(["total 27 is below the pass mark 28"]))
        var missedMinimum = all4
        missedMinimum["Role fit"] = 3
        missedMinimum["Level clarity"] = 5  // total 28, but Role fit < 4
        #expect(r.gateOutcome(scores: missedMinimum) == .fail(["Role fit scored 3, below the minimum 4"]))
        #expect(r.gateOutcome(scores: missedMinimum).label == "fail")
    }

    @Test func noGateMeansNone() throws {
        let r = try rubric("""
            :::rubric[Plain]
            | Dimension | 1 | 2 |
            |---|---|---|
            | A | a | b |

            - 1-2: Any
            :::
            """)
        #expect(r.gateOutcome(scores: ["A": 1]) == .none)
        #expect(r.gateOutcome(scores: ["A": 1]).label == "none")
    }

    func errors(_ text: String) -> [String] {
        chapter(text).1.filter { $0.severity == .error }.map { "\($0.location.line):\($0.location.column): \($0.message)" }
    }

    @Test func gapsAreNamed() {
        #expect(errors("""
            :::rubric[Gap]
            | Dimension | 1 | 5 |
            |---|---|---|
            | A | a | b |
            | B | a | b |

            - 2-4: Low
            - 7-8: Mid
            - 10-10: Top
            :::
            """) == ["10:1: score bands leave totals 5-6, 9 uncovered; together they must cover every total from 2 to 10"])
    }

    @Test func overlapsAreNamed() {
        #expect(errors("""
            :::rubric[Overlap]
            | Dimension | 1 | 5 |
            |---|---|---|
            | A | a | b |
            | B | a | b |

            - 2-6: Low
            - 5-10: High
            :::
            """) == ["10:1: score bands overlap: totals 5-6 fall in more than one band"])
    }

    @Test func bandOutsideTotals() {
        #expect(errors("""
            :::rubric[Outside]
            | Dimension | 1 | 5 |
            |---|---|---|
            | A | a | b |

            - 0-5: All
            :::
            """) == ["9:3: score band `0-5` goes outside the possible totals 1-5 (1 dimension scored 1 to 5)"])
    }

    @Test func gateAndMinimumsAreValidated() {
        #expect(errors("""
            :::rubric[Bad gate]{gate=11 require="A >= 6"}
            | Dimension | 1 | 5 |
            |---|---|---|
            | A | a | b |
            | B | a | b |

            - 2-10: All
            :::
            """) == [
                "4:21: invalid gate `11`: the pass mark must be a total from 2 to 10",
                "4:29: `require` minimum 6 for `A` is outside the scale 1-5",
            ])
    }

    @Test func describeTotals() {
        #expect(DirectiveReader.describeTotals([8]) == "total 8")
        #expect(DirectiveReader.describeTotals([3, 8, 9, 12]) == "totals 3, 8-9, 12")
    }

    @Test func bandPrefixes() {
        #expect(DirectiveReader.parseBandPrefix("7-17: Confusing")! == (7...17, "Confusing"))
        #expect(DirectiveReader.parseBandPrefix("7 – 17 : x")! == (7...17, "x"))
        #expect(DirectiveReader.parseBandPrefix("12: exactly")! == (12...12, "exactly"))
        #expect(DirectiveReader.parseBandPrefix("17-7: reversed") == nil)
        #expect(DirectiveReader.parseBandPrefix("Strong: 8") == nil)
    }

    /// The bytes reading of a band agrees with the character reading wherever it answers.
    @Test(arguments: [
        "7-17: Confusing", "7 - 17 :   x", "12: exactly", "0:z", "7-17:", "17-7: reversed", "Strong: 8", "1234567: too long", "123456: six",
        "7 – 17 : x", "7-17: \u{301}x", "7-17:\u{301} x", "７-17: wide", "7-17 words", "-7: x", "7--9: x", "", "123456789012345678901234567890: overflow", "1-99999999999999999999: x",
    ])
    func bandPrefixFromBytes(_ text: String) {
        let bytes = Array(text.utf8)
        let fast = bytes.withUnsafeBufferPointer { DirectiveReader.asciiBandPrefix($0) }
        let slow = DirectiveReader.parseBandPrefix(text)
        if let fast {
            #expect(slow?.0 == fast.0)
            #expect(slow.map { text.utf8.count - $0.1.utf8.count } == fast.1)
        }
        let asciiUpToWords = !text.contains("–") && !text.contains("\u{301}") && !text.contains("７")
        #expect((fast != nil) == (slow != nil && asciiUpToWords), "\(text)")
    }
}

@Suite struct TimeboxTests {
    @Test(arguments: [
        ("15m", 900, "15", "15 min"), ("15", 900, "15", "15 min"), ("1h", 3600, "60", "1 h"),
        ("90s", 90, "1.5", "90 s"), ("1h30m", 5400, "90", "1 h 30 min"), ("45s", 45, "0.8", "45 s"),
    ])
    func parses(_ text: String, _ seconds: Int, _ minutes: String, _ label: String) throws {
        let timebox = try #require(Timebox(text))
        #expect(timebox.seconds == seconds)
        #expect(timebox.minutesText == minutes)
        #expect(timebox.label == label)
    }

    @Test(arguments: ["", "0", "0m", "15x", "m15", "1.5h", "-5", "h"])
    func rejects(_ text: String) {
        #expect(Timebox(text) == nil)
    }
}
