/// Rubric totals over time as an inline SVG line chart: one dot per dated
/// total with its number above it, the rubric's bands as labelled zones and
/// the pass mark as a dashed line.
///
/// Points are spaced evenly in the order given (they are sessions, not a time
/// scale). Colours come from `currentColor` and the `chart-*` classes only,
/// and nothing depends on colour: zones alternate in shade and are named in
/// the right margin, the pass mark is dashed and named, and a total below
/// the pass mark is a hollow dot.
struct LineChart: Sendable, Equatable {
    struct Point: Sendable, Equatable {
        /// Usually a date, `2026-11-01`.
        var label: String
        var value: Int
    }

    struct Band: Sendable, Equatable {
        var range: ClosedRange<Int>
        var label: String
    }

    /// The accessible name (`<title>`).
    var title: String
    /// In date order.
    var points: [Point]
    /// The lowest and highest possible totals: the y axis.
    var range: ClosedRange<Int>
    var bands: [Band]
    /// The pass mark, drawn as a dashed line.
    var gate: Int?
    /// Starts every id in the chart, so several charts can share a page.
    var idPrefix: String

    static let width = 480
    static let height = 240
    static let plotLeft = 36.0
    static let plotRight = 380.0
    static let plotTop = 20.0
    static let plotBottom = 204.0
    /// Space between the plot's sides and the first and last point.
    static let inset = 16.0
    /// Where the band and pass-mark labels start, right of the plot.
    static let marginLabelX = 388.0
    /// The least space between two date labels.
    static let minimumLabelGap = 60.0

    /// "Totals from 2 to 10: 2026-11-01: 6, …. Pass mark 8. Latest 9, in band 8-10, at or above the pass mark."
    var summary: String {
        guard let latest = points.last else { return "No totals yet." }
        var text = "Totals from \(range.lowerBound) to \(range.upperBound): "
        text += points.map { "\(SVG.collapseWhitespace($0.label)): \($0.value)" }.joined(separator: ", ") + "."
        if let gate { text += " Pass mark \(gate)." }
        text += " Latest \(latest.value)"
        if let band = bands.first(where: { $0.range.contains(latest.value) }) {
            text += ", in band \(SVG.collapseWhitespace(band.label))"
        }
        if let gate { text += latest.value >= gate ? ", at or above the pass mark" : ", below the pass mark" }
        return text + "."
    }

    /// The y coordinate of a total (fractions for band edges), pinned to the range.
    func y(_ value: Double) -> Double {
        let lower = Double(range.lowerBound), upper = Double(range.upperBound)
        guard upper > lower else { return (Self.plotTop + Self.plotBottom) / 2 }
        let pinned = min(max(value, lower), upper)
        return Self.plotBottom - (Self.plotBottom - Self.plotTop) * (pinned - lower) / (upper - lower)
    }

    /// The x coordinate of point `index`: evenly spaced, a lone point in the middle.
    func x(_ index: Int) -> Double {
        guard points.count > 1 else { return (Self.plotLeft + Self.plotRight) / 2 }
        return Self.plotLeft + Self.inset + spacing * Double(index)
    }

    private var spacing: Double {
        guard points.count > 1 else { return Self.plotRight - Self.plotLeft }
        return (Self.plotRight - Self.plotLeft - 2 * Self.inset) / Double(points.count - 1)
    }

    /// The points whose date is written under the axis: the first, the last
    /// and as many between as fit.
    var labelledIndexes: [Int] {
        guard !points.isEmpty else { return [] }
        let every = max(1, Int((Self.minimumLabelGap / spacing).rounded(.up)))
        var shown = Array(stride(from: 0, to: points.count, by: every))
        if let last = shown.last, last != points.count - 1 {
            if shown.count > 1, Double(points.count - 1 - last) * spacing < Self.minimumLabelGap { shown.removeLast() }
            shown.append(points.count - 1)
        }
        return shown
    }

    func svg() -> String {
        var body = SVGBody()
        let left = SVG.number(Self.plotLeft), right = SVG.number(Self.plotRight)
        let plotWidth = SVG.number(Self.plotRight - Self.plotLeft)

        // Bands: shaded zones from half a point below their lowest total to
        // half a point above their highest, every other one darker, a rule
        // where two meet and the name in the right margin.
        var bandLabels: [(lines: [String], middle: Double, height: Double)] = []
        var edges: [Double] = []
        var zones = SVGBody()
        for (index, band) in bands.enumerated() {
            let low = max(Double(range.lowerBound), Double(band.range.lowerBound) - 0.5)
            let high = min(Double(range.upperBound), Double(band.range.upperBound) + 0.5)
            guard high > low else { continue }
            let top = y(high), bottom = y(low)
            let alternate = index % 2 == 1
            zones.append("  <rect class=\"chart-band\(alternate ? " chart-band-alt" : "")\" x=\"\(left)\" y=\"\(n: top)\" width=\"\(plotWidth)\" height=\"\(n: bottom - top)\" fill-opacity=\"\(alternate ? "0.12" : "0.05")\"/>")
            if low > Double(range.lowerBound) { edges.append(bottom) }
            let room = Double(Self.width) - 4 - Self.marginLabelX
            let lines = SVG.wrap(band.label, width: room, fontSize: 9, maxLines: bottom - top >= 30 ? 2 : 1)
            if !lines.isEmpty { bandLabels.append((lines, (top + bottom) / 2, bottom - top)) }
        }
        if !zones.isEmpty {
            body.append("<g class=\"chart-bands\">")
            body.append(zones)
            body.append("</g>")
        }

        // Gridlines and numbers for the totals.
        let steps = SVG.gridValues(range, maxSteps: 10)
        body.append("<g class=\"chart-grid\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.2\">")
        for step in steps {
            let at = SVG.number(y(Double(step)))
            body.append("  <line x1=\"\(left)\" y1=\"\(at)\" x2=\"\(right)\" y2=\"\(at)\"/>")
        }
        body.append("</g>")
        if !edges.isEmpty {
            body.append("<g class=\"chart-band-edge\" stroke=\"currentColor\" stroke-opacity=\"0.6\">")
            for edge in Set(edges).sorted() {
                let at = SVG.number(edge)
                body.append("  <line x1=\"\(left)\" y1=\"\(at)\" x2=\"\(right)\" y2=\"\(at)\"/>")
            }
            body.append("</g>")
        }
        body.append("<g class=\"chart-ticks\" font-size=\"9\" text-anchor=\"end\">")
        for step in steps {
            body.append("  <text class=\"chart-tick\" x=\"\(n: Self.plotLeft - 6)\" y=\"\(n: y(Double(step)) + 3)\">\(step)</text>")
        }
        body.append("</g>")
        let bottom = SVG.number(Self.plotBottom)
        body.append("<path class=\"chart-axis\" d=\"M\(left) \(n: Self.plotTop)V\(bottom)H\(right)\" fill=\"none\" stroke=\"currentColor\"/>")

        // The pass mark.
        var gateBaseline: Double?
        if let gate, range.contains(gate) {
            let at = y(Double(gate))
            gateBaseline = at + 3.5
            body.append("<line class=\"chart-gate\" x1=\"\(left)\" y1=\"\(n: at)\" x2=\"\(right)\" y2=\"\(n: at)\" stroke=\"currentColor\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>")
            body.append("<text class=\"chart-gate-label\" x=\"\(n: Self.marginLabelX)\" y=\"\(n: at + 3.5)\" font-weight=\"bold\">pass mark \(gate)</text>")
        }

        // Band names, centred on their zone, moved clear of the pass-mark label.
        if !bandLabels.isEmpty {
            body.append("<g class=\"chart-band-labels\" font-size=\"9\">")
            let lineHeight = 10.0
            for label in bandLabels {
                let blockHeight = 6.5 + Double(label.lines.count - 1) * lineHeight
                var first = label.middle - blockHeight / 2 + 6.5
                if let gateBaseline {
                    let blockTop = first - 6.5, blockBottom = first + blockHeight - 6.5 + 2
                    if blockBottom > gateBaseline - 8 && blockTop < gateBaseline + 3 {
                        if label.middle >= gateBaseline - 3.5 {
                            first = gateBaseline + 11
                        } else {
                            first = gateBaseline - 11 - Double(label.lines.count - 1) * lineHeight
                        }
                    }
                }
                body.appendText(label.lines, x: Self.marginLabelX, y: first, lineHeight: lineHeight, anchor: "start", cssClass: "chart-band-label", indent: "  ")
            }
            body.append("</g>")
        }

        guard !points.isEmpty else {
            body.append("<text class=\"chart-empty\" x=\"\(n: (Self.plotLeft + Self.plotRight) / 2)\" y=\"\(n: (Self.plotTop + Self.plotBottom) / 2 + 3.5)\" text-anchor=\"middle\">No totals yet</text>")
            return SVG.document(idPrefix: idPrefix, kind: "line", width: Self.width, height: Self.height, title: title, description: summary, body: body)
        }

        // The line, the dots (hollow below the pass mark) and their numbers.
        let spots = points.enumerated().map { (x: x($0.offset), y: y(Double($0.element.value))) }
        if spots.count > 1 {
            body.append("<polyline class=\"chart-line\" points=\"\(points: spots)\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linejoin=\"round\"/>")
        }
        let isBelow = points.map { point in gate.map { point.value < $0 } ?? false }
        body.append("<g class=\"chart-points\" stroke=\"currentColor\" stroke-width=\"1.5\">")
        for (spot, below) in zip(spots, isBelow) {
            let kind = below ? "class=\"chart-point chart-point-below\" fill=\"none\"" : "class=\"chart-point\""
            body.append("  <circle \(kind) cx=\"\(n: spot.x)\" cy=\"\(n: spot.y)\" r=\"3.5\"/>")
        }
        body.append("</g>")
        body.append("<g class=\"chart-values\" font-weight=\"bold\" text-anchor=\"middle\">")
        for (spot, point) in zip(spots, points) {
            body.append("  <text class=\"chart-value\" x=\"\(n: spot.x)\" y=\"\(n: spot.y - 8)\">\(point.value)</text>")
        }
        body.append("</g>")

        // Dates under the axis, as many as fit.
        body.append("<g class=\"chart-labels\" font-size=\"9\" text-anchor=\"middle\">")
        for index in labelledIndexes {
            let text = SVG.truncate(points[index].label, toWidth: Self.minimumLabelGap - 4, fontSize: 9)
            guard !text.isEmpty else { continue }
            body.append("  <text class=\"chart-label\" x=\"\(n: x(index))\" y=\"\(n: Self.plotBottom + 14)\">\(escaped: text)</text>")
        }
        body.append("</g>")

        // A key for the hollow dot, when there is one, under the dates.
        if isBelow.contains(true) {
            let baseline = Self.plotBottom + 30
            body.append("<g class=\"chart-legend\" font-size=\"9\">")
            body.append("  <circle class=\"chart-point chart-point-below\" cx=\"\(n: Self.plotLeft + 3.5)\" cy=\"\(n: baseline - 3)\" r=\"3.5\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"/>")
            body.append("  <text x=\"\(n: Self.plotLeft + 11)\" y=\"\(n: baseline)\">below the pass mark</text>")
            body.append("</g>")
        }
        return SVG.document(idPrefix: idPrefix, kind: "line", width: Self.width, height: Self.height, title: title, description: summary, body: body)
    }
}
