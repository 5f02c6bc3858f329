import Foundation
import Testing
@testable import Workbook
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The inline SVG charts: exact output for small charts, the fallbacks,
/// escaping, ids, determinism and geometry.
@Suite struct ChartTests {
    // MARK: Fixtures

    static let radar = RadarChart(
        title: "Self-check",
        axes: [
            .init(label: "Scope", value: 5),
            .init(label: "Attribution", value: 2, minimum: 3),
            .init(label: "Evidence", value: 4),
        ],
        scale: 1...5, idPrefix: "radar")

    static let line = LineChart(
        title: "Self-check totals",
        points: [
            .init(label: "2026-11-01", value: 4),
            .init(label: "2026-11-15", value: 6),
            .init(label: "2026-12-01", value: 9),
        ],
        range: 3...9,
        bands: [.init(range: 3...5, label: "Not yet"), .init(range: 6...9, label: "Ready")],
        gate: 6, idPrefix: "line")

    static let hostile = "<script>alert(1)</script>"
    static let breakout = "\" onmouseover=\"x"

    // MARK: Golden output

    @Test func radarMatchesGolden() {
        #expect(Self.radar.svg() == RADAR)
    }

    @Test func lineMatchesGolden() {
        #expect(Self.line.svg() == LINE)
    }

    @Test func fewerThanThreeAxesDrawBars() {
        let two = RadarChart(
            title: "Two",
            axes: [.init(label: "Scope", value: 3, minimum: 2), .init(label: "Attribution", value: 0)],
            scale: 0...4, idPrefix: "bars")
        #expect(two.svg() == BARS)

        let one = RadarChart(title: "One", axes: [.init(label: "Scope", value: 4)], scale: 1...5, idPrefix: "one").svg()
        #expect(one.contains("class=\"chart chart-type-bars\""))
        #expect(occurrences(of: "<g class=\"chart-bar-row\">", in: one) == 1)
        #expect(!one.contains("<polygon"))
        #expect(!one.contains("chart-legend"), "no minimum, no key for it")
        // 4 of 1...5 is three quarters of the 176-unit bar that starts at 116.
        #expect(one.contains("<rect class=\"chart-area chart-bar\" x=\"116\" y=\"20\" width=\"132\" height=\"12\""))
        #expect(one.contains("<circle class=\"chart-point\" cx=\"248\" cy=\"26\" r=\"3.5\"/>"))
        #expect(one.contains("<desc id=\"one-desc\">Latest scores: Scope 4 of 5. Scale 1 to 5.</desc>"))
        #expect(wellFormed(one).errors == [])

        let none = RadarChart(title: "None", axes: [], scale: 1...5, idPrefix: "none").svg()
        #expect(none.contains("<desc id=\"none-desc\">No scores yet.</desc>"))
        #expect(none.contains(">No scores yet</text>"))
        #expect(wellFormed(none).errors == [])
    }

    @Test func singlePointIsADot() {
        let chart = LineChart(title: "One", points: [.init(label: "2026-11-01", value: 7)], range: 2...10, bands: [], gate: nil, idPrefix: "one")
        #expect(chart.svg() == ONE)
        #expect(!chart.svg().contains("<polyline"))

        let none = LineChart(title: "None", points: [], range: 2...10, bands: [], gate: 6, idPrefix: "none").svg()
        #expect(none.contains("<desc id=\"none-desc\">No totals yet.</desc>"))
        #expect(!none.contains("<circle"))
        #expect(wellFormed(none).errors == [])
    }

    // MARK: Escaping and ids

    @Test func hostileLabelsComeOutInert() {
        let radar = RadarChart(
            title: Self.hostile + Self.breakout,
            axes: [
                .init(label: Self.hostile, value: 3),
                .init(label: Self.breakout, value: 4, minimum: 2),
                .init(label: "R&D 'lead' > peer", value: 5),
            ],
            scale: 1...5, idPrefix: "r")
        let bars = RadarChart(title: Self.breakout, axes: [.init(label: Self.hostile + Self.breakout, value: 1)], scale: 1...5, idPrefix: "b")
        let line = LineChart(
            title: Self.hostile,
            points: [.init(label: Self.hostile, value: 3), .init(label: Self.breakout, value: 5)],
            range: 0...10,
            bands: [.init(range: 0...4, label: Self.hostile), .init(range: 5...10, label: Self.breakout)],
            gate: 5, idPrefix: "l")
        for svg in [radar.svg(), bars.svg(), line.svg()] {
            #expect(!svg.contains("<script"))
            #expect(!svg.contains("\" onmouseover"))
            #expect(!svg.contains("'lead'"))
            let parsed = wellFormed(svg)
            #expect(parsed.errors == [])
            #expect(Set(parsed.elements).isSubset(of: Self.svgElements), "\(Set(parsed.elements).subtracting(Self.svgElements))")
            #expect(!parsed.attributeNames.contains { $0.lowercased().hasPrefix("on") })
        }
        // The full text survives, escaped, in the accessible name and description.
        #expect(radar.svg().contains("<title id=\"r-title\">&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x</title>"))
        #expect(radar.svg().contains("Latest scores: &lt;script&gt;alert(1)&lt;/script&gt; 3 of 5, &quot; onmouseover=&quot;x 4 of 5 (minimum 2, met), R&amp;D &#39;lead&#39; &gt; peer 5 of 5."))
        #expect(line.svg().contains("<desc id=\"l-desc\">Totals from 0 to 10: &lt;script&gt;alert(1)&lt;/script&gt;: 3, &quot; onmouseover=&quot;x: 5."))
        // Labels on the chart itself are escaped too, whole, wrapped or cut.
        #expect(radar.svg().contains("<text class=\"chart-label\" x=\"160\" y=\"63\" text-anchor=\"middle\">&lt;script&gt;alert(1)&lt;/script&gt;</text>"))
        #expect(radar.svg().contains("<tspan x=\"243.1\" y=\"211\">&quot;</tspan>"))
        #expect(radar.svg().contains("<tspan x=\"76.9\" y=\"211\">R&amp;D &#39;lead&#39; &gt;</tspan>"))
        #expect(line.svg().contains("<text class=\"chart-label\" x=\"364\" y=\"218\">&quot; onmous…</text>"))
        #expect(line.svg().contains("<tspan x=\"388\" y=\"78.9\">onmouseover=&quot;x</tspan>"))
    }

    @Test func idsComeFromThePrefix() {
        let first = Self.radar.svg()
        var other = Self.radar
        other.idPrefix = "radar-2"
        let second = other.svg()
        let ids = wellFormed(first).ids + wellFormed(second).ids
        #expect(ids == ["radar-title", "radar-desc", "radar-2-title", "radar-2-desc"])
        #expect(Set(ids).count == ids.count)
        #expect(first.contains("aria-labelledby=\"radar-title\" aria-describedby=\"radar-desc\""))

        // A prefix that could break out of the attribute, or is empty, is made safe.
        var hostile = Self.line
        hostile.idPrefix = "a\" onload=\"x y"
        #expect(wellFormed(hostile.svg()).ids == ["a--onload--x-y-title", "a--onload--x-y-desc"])
        hostile.idPrefix = ""
        #expect(wellFormed(hostile.svg()).ids == ["chart-title", "chart-desc"])
    }

    // MARK: Determinism and number format

    @Test func outputIsDeterministic() {
        let long = RadarChart(
            title: "Five",
            axes: (1...5).map { .init(label: "Dimension number \($0) with a long name", value: $0, minimum: $0 % 2 == 0 ? 3 : nil) },
            scale: 1...5, idPrefix: "five")
        for render in [{ Self.radar.svg() }, { Self.line.svg() }, { long.svg() }] {
            let first = render()
            for _ in 0..<5 { #expect(render() == first) }
            let parsed = wellFormed(first)
            #expect(parsed.errors == [])
            #expect(parsed.badNumbers == [], "every coordinate has at most one decimal")
        }
    }

    @Test func numbersAreFixedAndLocaleFree() {
        #expect(SVG.number(0) == "0")
        #expect(SVG.number(-0.04) == "0")
        #expect(SVG.number(-0.0) == "0")
        #expect(SVG.number(2) == "2")
        #expect(SVG.number(1.25) == "1.3")
        #expect(SVG.number(-1.25) == "-1.3")
        #expect(SVG.number(-0.5) == "-0.5")
        #expect(SVG.number(1234567.89) == "1234567.9")
        #expect(SVG.number(1e300) == "1000000000000")
        #expect(SVG.number(.nan) == "0")
        #expect(SVG.number(-1e300) == "-1000000000000")
        #expect(SVG.number(10) == "10")
        #expect(SVG.number(0.06) == "0.1")
    }

    /// A chart's lines are written by interpolation into bytes: numbers as
    /// `SVG.number` writes them, whole numbers with their sign, text escaped.
    @Test func linesInterpolateIntoBytes() {
        let line: SVGLine = "<a x=\"\(n: 1.25)\" d=\"\(-30)\" p=\"\(points: [(x: 1, y: 2.25), (x: -0.04, y: 7)])\">\(escaped: "R&D <b>")\("&raw")</a>"
        #expect(String(decoding: line.bytes, as: UTF8.self) == "<a x=\"1.3\" d=\"-30\" p=\"1,2.3 0,7\">R&amp;D &lt;b&gt;&raw</a>")
        var body = SVGBody()
        body.append("<g>")
        body.appendText(["one", "two & three"], x: 4, y: 10.04, lineHeight: 11, anchor: "end", cssClass: "c", indent: "  ")
        body.appendText(["solo"], x: 0, y: 0, lineHeight: 11, anchor: "start", cssClass: "c")
        #expect(
            String(decoding: body.bytes, as: UTF8.self)
                == "<g>\n  <text class=\"c\" x=\"4\" y=\"10\" text-anchor=\"end\"><tspan x=\"4\" y=\"10\">one</tspan><tspan x=\"4\" y=\"21\">two &amp; three</tspan></text>\n"
                + "<text class=\"c\" x=\"0\" y=\"0\">solo</text>\n")
    }

    // MARK: Geometry

    @Test func radarGeometry() {
        // Radius 78 around (160, 160), first axis straight up, clockwise.
        let full = RadarChart(title: "Full", axes: ["A", "B", "C"].map { .init(label: $0, value: 5) }, scale: 1...5, idPrefix: "f").svg()
        let outer = "points=\"160,82 227.5,199 92.5,199\""
        #expect(full.contains("<polygon class=\"chart-grid-outer\" \(outer)/>"))
        #expect(full.contains("<polygon class=\"chart-area\" \(outer)"), "all at the maximum: the area is the outer ring")
        #expect(full.contains("<circle class=\"chart-point\" cx=\"160\" cy=\"82\" r=\"3.5\"/>"))
        #expect(full.contains("<circle class=\"chart-point\" cx=\"227.5\" cy=\"199\" r=\"3.5\"/>"))
        #expect(full.contains("<circle class=\"chart-point\" cx=\"92.5\" cy=\"199\" r=\"3.5\"/>"))
        // One ring for every step above the bottom of the scale.
        #expect(occurrences(of: "<polygon", in: full) == 4 + 1)

        // The bottom of the scale is the centre; out-of-scale values are pinned.
        let low = RadarChart(title: "Low", axes: [.init(label: "A", value: 0), .init(label: "B", value: 9), .init(label: "C", value: 0), .init(label: "D", value: 2)], scale: 0...4, idPrefix: "l").svg()
        #expect(low.contains("<polygon class=\"chart-area\" points=\"160,160 238,160 160,160 121,160\""))
        #expect(low.contains("<circle class=\"chart-point\" cx=\"238\" cy=\"160\" r=\"3.5\"/>"))
        #expect(low.contains(">9</text>"), "the value label keeps the real score")
        #expect(low.contains("Latest scores: A 0 of 4, B 9 of 4, C 0 of 4, D 2 of 4. Scale 0 to 4."))
    }

    @Test func lineGeometry() {
        // Plot from x 36 to 380 and y 204 (bottom) to 20 (top); points inset by 16.
        let chart = LineChart(
            title: "Edges",
            points: [.init(label: "a", value: 0), .init(label: "b", value: 10), .init(label: "c", value: 15)],
            range: 0...10, bands: [], gate: 5, idPrefix: "e")
        let svg = chart.svg()
        #expect(svg.contains("<polyline class=\"chart-line\" points=\"52,204 208,20 364,20\""))
        #expect(svg.contains("<line class=\"chart-gate\" x1=\"36\" y1=\"112\" x2=\"380\" y2=\"112\""))
        #expect(svg.contains("<circle class=\"chart-point chart-point-below\" fill=\"none\" cx=\"52\" cy=\"204\" r=\"3.5\"/>"))
        #expect(chart.y(10) == 20)
        #expect(chart.y(0) == 204)
        #expect(chart.x(0) == 52)
        #expect(chart.x(2) == 364)
    }

    @Test func manyPointsLabelSomeDates() {
        let points = (1...14).map { LineChart.Point(label: "2026-11-\($0 < 10 ? "0" : "")\($0)", value: $0) }
        let chart = LineChart(title: "Many", points: points, range: 0...20, bands: [], gate: nil, idPrefix: "m")
        // 312 units for 13 gaps of 24: every third date, and the last.
        #expect(chart.labelledIndexes == [0, 3, 6, 9, 13])
        #expect(occurrences(of: "<text class=\"chart-value\"", in: chart.svg()) == 14)
    }

    // MARK: Helpers

    /// A label's width is the sum of its characters' widths, each by its
    /// first scalar; ASCII is read byte by byte, with the same result.
    @Test func labelWidthsByCharacter() {
        #expect(SVG.width(of: "", fontSize: 10) == 0)
        #expect(abs(SVG.width(of: "mil", fontSize: 10) - (0.95 + 0.3 + 0.3) * 10) < 1e-9)
        #expect(abs(SVG.width(of: "A1 z", fontSize: 1) - (0.74 + 0.64 + 0.4 + 0.63)) < 1e-9)
        // "\r\n" is one character (0.7), a combining mark joins its letter, a wide script takes an em.
        #expect(abs(SVG.width(of: "a\r\nb", fontSize: 1) - (0.63 + 0.7 + 0.63)) < 1e-9)
        #expect(abs(SVG.width(of: "e\u{301}x", fontSize: 1) - (0.63 + 0.63)) < 1e-9)
        #expect(abs(SVG.width(of: "日本", fontSize: 1) - 2.0) < 1e-9)
    }

    /// Runs of whitespace become one space, none at either end.
    @Test func whitespaceCollapses() {
        let labels = ["", " ", "Scope", "Two words", " lead", "trail ", "a  b", "a\tb", "a\nb", "a \r\n b", "Café au lait", "é  é", "a\u{A0}b", "x\u{2003}y"]
        for label in labels {
            #expect(SVG.collapseWhitespace(label) == label.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "), "\(label.debugDescription)")
        }
    }

    /// Cutting a label gives what taking one character off at a time and
    /// measuring again gives.
    @Test func cutsAsMeasuringAgainWould() {
        func reference(_ text: String, _ maxWidth: Double, _ fontSize: Double) -> String {
            let text = SVG.collapseWhitespace(text)
            guard SVG.width(of: text, fontSize: fontSize) > maxWidth else { return text }
            var kept = text
            while !kept.isEmpty {
                kept.removeLast()
                while kept.last == " " { kept.removeLast() }
                if SVG.width(of: kept + "…", fontSize: fontSize) <= maxWidth { break }
            }
            return kept + "…"
        }
        let labels = [
            "", "A", "Scope", "A very long dimension name indeed", "Evidence and measurable outcomes of the work",
            "Ownership  of   the\trollout", "Trade-off reasoning (with numbers)", "Café — naïve résumé", "日本語のラベルです",
            "Team 👩‍💻 effort", "e\u{301}e\u{301}e\u{301} accents", "mmmmmmmmmm iiiiiiiiii",
            // A band's label can be a paragraph: only the part that fits is measured.
            String(repeating: "Consistently calibrated, including the trade-offs nobody asked about. ", count: 4),
        ]
        for label in labels {
            for width in [0.0, 5, 8, 20, 33.3, 60, 90, 150, 400] {
                for size in [9.0, 10, 11.5] {
                    #expect(SVG.truncate(label, toWidth: width, fontSize: size) == reference(label, width, size), "\(label) \(width) \(size)")
                }
            }
        }
    }

    /// Wrapping sums a line's width on as words join it: the lines are those
    /// of measuring every candidate line whole, for ASCII and other text.
    @Test func wrappingMatchesMeasuringEachLineWhole() {
        func reference(_ text: String, _ maxWidth: Double, _ fontSize: Double, _ maxLines: Int) -> [String] {
            let words = SVG.collapseWhitespace(text).split(separator: " ").map(String.init)
            guard !words.isEmpty else { return [] }
            guard maxLines > 1 else { return [SVG.truncate(text, toWidth: maxWidth, fontSize: fontSize)] }
            var lines: [String] = [], current = "", index = 0
            while index < words.count {
                let candidate = current.isEmpty ? words[index] : current + " " + words[index]
                if SVG.width(of: candidate, fontSize: fontSize) <= maxWidth {
                    current = candidate
                    index += 1
                    continue
                }
                if current.isEmpty {
                    current = words[index]
                    index += 1
                }
                if lines.count == maxLines - 1 {
                    lines.append(SVG.truncate(([current] + words[index...]).joined(separator: " "), toWidth: maxWidth, fontSize: fontSize))
                    return lines
                }
                lines.append(SVG.truncate(current, toWidth: maxWidth, fontSize: fontSize))
                current = ""
            }
            if !current.isEmpty { lines.append(current) }
            return lines
        }
        let vocabulary = ["a", "I", "mm", "Calibrated", "well", "fill", "WWW", "1.0", "i,j", "Zoë", "日本", "e\u{301}"]
        var state: UInt64 = 21
        for _ in 0..<400 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let count = Int(state >> 59)
            let text = (0..<count).map { n in vocabulary[Int((state >> UInt64(4 + n * 3)) % UInt64(vocabulary.count))] }.joined(separator: n(state))
            for width in [10.0, 33.3, 60, 90, 150] {
                for lines in [1, 2, 3] {
                    #expect(SVG.wrap(text, width: width, fontSize: 9, maxLines: lines) == reference(text, width, 9, lines), "\(text) \(width) \(lines)")
                }
            }
        }
        func n(_ state: UInt64) -> String { state & 1 == 0 ? " " : "  " }
    }

    @Test func labelsAreCutWithAnEllipsis() {
        #expect(SVG.truncate("Short", toWidth: 100, fontSize: 10) == "Short")
        let cut = SVG.truncate("A very long dimension name indeed", toWidth: 60, fontSize: 10)
        #expect(cut.hasSuffix("…"))
        #expect(SVG.width(of: cut, fontSize: 10) <= 60)
        #expect(SVG.wrap("Evidence and measurable outcomes of the work", width: 90, fontSize: 10, maxLines: 2) == ["Evidence and", "measurable out…"])
        #expect(SVG.wrap("Level clarity", width: 200, fontSize: 10, maxLines: 2) == ["Level clarity"])
        #expect(SVG.wrap("  ", width: 200, fontSize: 10, maxLines: 2) == [])

        let radar = RadarChart(
            title: "Long",
            axes: [
                .init(label: "Scope", value: 3),
                .init(label: "Evidence and measurable outcomes of the work", value: 3),
                .init(label: "Attribution", value: 3),
            ],
            scale: 1...5, idPrefix: "long").svg()
        #expect(radar.contains("Latest scores: Scope 3 of 5, Evidence and measurable outcomes of the work 3 of 5,"), "the description keeps the whole label")
        #expect(radar.contains("…</tspan></text>"))
    }

    @Test func gridSteps() {
        #expect(SVG.gridValues(1...5, maxSteps: 10) == [1, 2, 3, 4, 5])
        #expect(SVG.gridValues(0...30, maxSteps: 10) == [0, 5, 10, 15, 20, 25, 30])
        #expect(SVG.gridValues(7...31, maxSteps: 10) == [7, 10, 15, 20, 25, 31])
        #expect(SVG.gridValues(3...3, maxSteps: 10) == [3])
    }

    @Test func escapingCoversTheFiveCharacters() {
        #expect(SVG.escape("&<>\"'") == "&amp;&lt;&gt;&quot;&#39;")
        #expect(SVG.escape("a\u{0}b\u{7}c") == "abc")
        // Printable ASCII is kept as it is; tabs and new lines stay, DEL and C1 controls go.
        #expect(SVG.escape("Totals from 0 to 12: 2026-11-01: 6.") == "Totals from 0 to 12: 2026-11-01: 6.")
        #expect(SVG.escape("a\tb\nc") == "a\tb\nc")
        #expect(SVG.escape("a\u{7F}b\u{85}c\u{9F}d") == "abcd")
        #expect(SVG.escape("Zoë & co") == "Zoë &amp; co")
        // Read as bytes: the characters next to those dropped are kept whole.
        #expect(SVG.escape("\u{A0}\u{80}\u{BF}\u{9F}\u{100}") == "\u{A0}\u{BF}\u{100}")
        #expect(SVG.escape("x\u{FFFE}\u{FFFD}\u{FFFF}\u{FEFF}\u{EFBF}…") == "x\u{FFFD}\u{FEFF}\u{EFBF}…")
        #expect(SVG.escape("日本'語\u{1F469}\r") == "日本&#39;語\u{1F469}\r")
    }

    // MARK: Support

    static let svgElements: Set<String> = ["svg", "title", "desc", "g", "polygon", "polyline", "line", "path", "circle", "rect", "text", "tspan"]

    func occurrences(of needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    struct Parsed {
        var elements: [String] = []
        var attributeNames: [String] = []
        var ids: [String] = []
        var badNumbers: [String] = []
        var errors: [String] = []
    }

    /// Parses the SVG as XML: what elements and attributes it has, and any
    /// coordinate written with more than one decimal.
    func wellFormed(_ svg: String) -> Parsed {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        if !parser.parse() {
            collector.parsed.errors.append(parser.parserError.map { "\($0)" } ?? "parse failed")
        }
        return collector.parsed
    }

    final class Collector: NSObject, XMLParserDelegate {
        var parsed = Parsed()
        static let numeric: Set<String> = ["x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "points", "font-size", "stroke-width"]

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            parsed.elements.append(elementName)
            for name in attributeDict.keys.sorted() {
                let value = attributeDict[name] ?? ""
                parsed.attributeNames.append(name)
                if name == "id" { parsed.ids.append(value) }
                guard Self.numeric.contains(name) else { continue }
                for number in value.split(whereSeparator: { $0 == " " || $0 == "," }) where !Self.isFixed(number) {
                    parsed.badNumbers.append("\(elementName) \(name)=\(value)")
                }
            }
        }

        /// `-?digits(.digit)?`
        static func isFixed(_ text: Substring) -> Bool {
            var body = text
            if body.first == "-" { body = body.dropFirst() }
            let parts = body.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber) else { return false }
            if parts.count == 2 { return parts[1].count == 1 && parts[1].allSatisfy(\.isNumber) && parts[1] != "0" }
            return true
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            parsed.errors.append("\(parseError)")
        }
    }
}

// MARK: Golden SVG

private let RADAR = """
<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-type-radar" viewBox="0 0 320 320" width="320" height="320" role="img" aria-labelledby="radar-title" aria-describedby="radar-desc" fill="currentColor" font-size="10">
<title id="radar-title">Self-check</title>
<desc id="radar-desc">Latest scores: Scope 5 of 5, Attribution 2 of 5 (minimum 3, not met), Evidence 4 of 5. Scale 1 to 5.</desc>
<g class="chart-grid" fill="none" stroke="currentColor" stroke-opacity="0.35">
  <polygon points="160,140.5 176.9,169.8 143.1,169.8"/>
  <polygon points="160,121 193.8,179.5 126.2,179.5"/>
  <polygon points="160,101.5 210.7,189.3 109.3,189.3"/>
  <polygon class="chart-grid-outer" points="160,82 227.5,199 92.5,199"/>
  <line class="chart-axis" x1="160" y1="160" x2="160" y2="82"/>
  <line class="chart-axis" x1="160" y1="160" x2="227.5" y2="199"/>
  <line class="chart-axis" x1="160" y1="160" x2="92.5" y2="199"/>
</g>
<g class="chart-ticks" font-size="8" text-anchor="middle">
  <text class="chart-tick" x="168.4" y="158.1">2</text>
  <text class="chart-tick" x="176.9" y="153.3">3</text>
  <text class="chart-tick" x="185.3" y="148.4">4</text>
  <text class="chart-tick" x="193.8" y="143.5">5</text>
</g>
<polygon class="chart-area" points="160,82 176.9,169.8 109.3,189.3" fill-opacity="0.15" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>
<g class="chart-minimum" stroke="currentColor" stroke-width="2.5">
  <line x1="196.8" y1="174.3" x2="190.8" y2="184.7"/>
</g>
<g class="chart-points">
  <circle class="chart-point" cx="160" cy="82" r="3.5"/>
  <circle class="chart-point" cx="176.9" cy="169.8" r="3.5"/>
  <circle class="chart-point" cx="109.3" cy="189.3" r="3.5"/>
</g>
<g class="chart-values" font-weight="bold" text-anchor="middle">
  <text class="chart-value" x="160" y="76.5">5</text>
  <text class="chart-value" x="184.7" y="177.8">2</text>
  <text class="chart-value" x="101.5" y="197.3">4</text>
</g>
<g class="chart-labels">
  <text class="chart-label" x="160" y="63" text-anchor="middle">Scope</text>
  <text class="chart-label" x="243.1" y="213.8">Attribution</text>
  <text class="chart-label" x="76.9" y="213.8" text-anchor="end">Evidence</text>
</g>
<g class="chart-legend">
  <line class="chart-minimum" x1="10" y1="301" x2="10" y2="313" stroke="currentColor" stroke-width="2.5"/>
  <text x="18" y="310">required minimum</text>
</g>
</svg>
"""

private let LINE = """
<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-type-line" viewBox="0 0 480 240" width="480" height="240" role="img" aria-labelledby="line-title" aria-describedby="line-desc" fill="currentColor" font-size="10">
<title id="line-title">Self-check totals</title>
<desc id="line-desc">Totals from 3 to 9: 2026-11-01: 4, 2026-11-15: 6, 2026-12-01: 9. Pass mark 6. Latest 9, in band Ready, at or above the pass mark.</desc>
<g class="chart-bands">
  <rect class="chart-band" x="36" y="127.3" width="344" height="76.7" fill-opacity="0.05"/>
  <rect class="chart-band chart-band-alt" x="36" y="20" width="344" height="107.3" fill-opacity="0.12"/>
</g>
<g class="chart-grid" fill="none" stroke="currentColor" stroke-opacity="0.2">
  <line x1="36" y1="204" x2="380" y2="204"/>
  <line x1="36" y1="173.3" x2="380" y2="173.3"/>
  <line x1="36" y1="142.7" x2="380" y2="142.7"/>
  <line x1="36" y1="112" x2="380" y2="112"/>
  <line x1="36" y1="81.3" x2="380" y2="81.3"/>
  <line x1="36" y1="50.7" x2="380" y2="50.7"/>
  <line x1="36" y1="20" x2="380" y2="20"/>
</g>
<g class="chart-band-edge" stroke="currentColor" stroke-opacity="0.6">
  <line x1="36" y1="127.3" x2="380" y2="127.3"/>
</g>
<g class="chart-ticks" font-size="9" text-anchor="end">
  <text class="chart-tick" x="30" y="207">3</text>
  <text class="chart-tick" x="30" y="176.3">4</text>
  <text class="chart-tick" x="30" y="145.7">5</text>
  <text class="chart-tick" x="30" y="115">6</text>
  <text class="chart-tick" x="30" y="84.3">7</text>
  <text class="chart-tick" x="30" y="53.7">8</text>
  <text class="chart-tick" x="30" y="23">9</text>
</g>
<path class="chart-axis" d="M36 20V204H380" fill="none" stroke="currentColor"/>
<line class="chart-gate" x1="36" y1="112" x2="380" y2="112" stroke="currentColor" stroke-width="1.5" stroke-dasharray="6 4"/>
<text class="chart-gate-label" x="388" y="115.5" font-weight="bold">pass mark 6</text>
<g class="chart-band-labels" font-size="9">
  <text class="chart-band-label" x="388" y="168.9">Not yet</text>
  <text class="chart-band-label" x="388" y="76.9">Ready</text>
</g>
<polyline class="chart-line" points="52,173.3 208,112 364,20" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>
<g class="chart-points" stroke="currentColor" stroke-width="1.5">
  <circle class="chart-point chart-point-below" fill="none" cx="52" cy="173.3" r="3.5"/>
  <circle class="chart-point" cx="208" cy="112" r="3.5"/>
  <circle class="chart-point" cx="364" cy="20" r="3.5"/>
</g>
<g class="chart-values" font-weight="bold" text-anchor="middle">
  <text class="chart-value" x="52" y="165.3">4</text>
  <text class="chart-value" x="208" y="104">6</text>
  <text class="chart-value" x="364" y="12">9</text>
</g>
<g class="chart-labels" font-size="9" text-anchor="middle">
  <text class="chart-label" x="52" y="218">2026-11-01</text>
  <text class="chart-label" x="208" y="218">2026-11-15</text>
  <text class="chart-label" x="364" y="218">2026-12-01</text>
</g>
<g class="chart-legend" font-size="9">
  <circle class="chart-point chart-point-below" cx="39.5" cy="231" r="3.5" fill="none" stroke="currentColor" stroke-width="1.5"/>
  <text x="47" y="234">below the pass mark</text>
</g>
</svg>
"""

private let BARS = """
<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-type-bars" viewBox="0 0 320 116" width="320" height="116" role="img" aria-labelledby="bars-title" aria-describedby="bars-desc" fill="currentColor" font-size="10">
<title id="bars-title">Two</title>
<desc id="bars-desc">Latest scores: Scope 3 of 4 (minimum 2, met), Attribution 0 of 4. Scale 0 to 4.</desc>
<g class="chart-grid" fill="none" stroke="currentColor" stroke-opacity="0.35">
  <line x1="116" y1="8" x2="116" y2="80"/>
  <line x1="160" y1="8" x2="160" y2="80"/>
  <line x1="204" y1="8" x2="204" y2="80"/>
  <line x1="248" y1="8" x2="248" y2="80"/>
  <line x1="292" y1="8" x2="292" y2="80"/>
</g>
<g class="chart-ticks" font-size="8" text-anchor="middle">
  <text class="chart-tick" x="116" y="92">0</text>
  <text class="chart-tick" x="160" y="92">1</text>
  <text class="chart-tick" x="204" y="92">2</text>
  <text class="chart-tick" x="248" y="92">3</text>
  <text class="chart-tick" x="292" y="92">4</text>
</g>
<g class="chart-bar-row">
  <rect class="chart-track" x="116" y="20" width="176" height="12" fill="none" stroke="currentColor" stroke-opacity="0.35"/>
  <rect class="chart-area chart-bar" x="116" y="20" width="132" height="12" fill-opacity="0.15" stroke="currentColor" stroke-width="2"/>
  <line class="chart-minimum" x1="204" y1="16" x2="204" y2="36" stroke="currentColor" stroke-width="2.5"/>
  <circle class="chart-point" cx="248" cy="26" r="3.5"/>
  <text class="chart-value" x="256" y="29.5" font-weight="bold">3</text>
  <text class="chart-label" x="108" y="29.5" text-anchor="end">Scope</text>
</g>
<g class="chart-bar-row">
  <rect class="chart-track" x="116" y="56" width="176" height="12" fill="none" stroke="currentColor" stroke-opacity="0.35"/>
  <circle class="chart-point" cx="116" cy="62" r="3.5"/>
  <text class="chart-value" x="124" y="65.5" font-weight="bold">0</text>
  <text class="chart-label" x="108" y="65.5" text-anchor="end">Attribution</text>
</g>
<g class="chart-legend">
  <line class="chart-minimum" x1="10" y1="101" x2="10" y2="113" stroke="currentColor" stroke-width="2.5"/>
  <text x="18" y="110">required minimum</text>
</g>
</svg>
"""

private let ONE = """
<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-type-line" viewBox="0 0 480 240" width="480" height="240" role="img" aria-labelledby="one-title" aria-describedby="one-desc" fill="currentColor" font-size="10">
<title id="one-title">One</title>
<desc id="one-desc">Totals from 2 to 10: 2026-11-01: 7. Latest 7.</desc>
<g class="chart-grid" fill="none" stroke="currentColor" stroke-opacity="0.2">
  <line x1="36" y1="204" x2="380" y2="204"/>
  <line x1="36" y1="181" x2="380" y2="181"/>
  <line x1="36" y1="158" x2="380" y2="158"/>
  <line x1="36" y1="135" x2="380" y2="135"/>
  <line x1="36" y1="112" x2="380" y2="112"/>
  <line x1="36" y1="89" x2="380" y2="89"/>
  <line x1="36" y1="66" x2="380" y2="66"/>
  <line x1="36" y1="43" x2="380" y2="43"/>
  <line x1="36" y1="20" x2="380" y2="20"/>
</g>
<g class="chart-ticks" font-size="9" text-anchor="end">
  <text class="chart-tick" x="30" y="207">2</text>
  <text class="chart-tick" x="30" y="184">3</text>
  <text class="chart-tick" x="30" y="161">4</text>
  <text class="chart-tick" x="30" y="138">5</text>
  <text class="chart-tick" x="30" y="115">6</text>
  <text class="chart-tick" x="30" y="92">7</text>
  <text class="chart-tick" x="30" y="69">8</text>
  <text class="chart-tick" x="30" y="46">9</text>
  <text class="chart-tick" x="30" y="23">10</text>
</g>
<path class="chart-axis" d="M36 20V204H380" fill="none" stroke="currentColor"/>
<g class="chart-points" stroke="currentColor" stroke-width="1.5">
  <circle class="chart-point" cx="208" cy="89" r="3.5"/>
</g>
<g class="chart-values" font-weight="bold" text-anchor="middle">
  <text class="chart-value" x="208" y="81">7</text>
</g>
<g class="chart-labels" font-size="9" text-anchor="middle">
  <text class="chart-label" x="208" y="218">2026-11-01</text>
</g>
</svg>
"""
