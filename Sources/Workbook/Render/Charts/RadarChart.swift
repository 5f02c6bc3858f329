import Foundation

/// The latest self-scores of one rubric, one axis per dimension, as an inline
/// SVG radar chart. With fewer than three dimensions (a radar needs three) it
/// draws horizontal bars instead.
///
/// The lowest score of the scale sits at the centre (or the start of a bar)
/// and the highest on the outer ring, with a ring for every step between.
/// Colours come from `currentColor` and the `chart-*` classes only, and the
/// data is readable without colour: a filled shape, a dot and a number for
/// every score, and a tick across the axis for a required minimum.
struct RadarChart: Sendable, Equatable {
    struct Axis: Sendable, Equatable {
        var label: String
        var value: Int
        /// A required minimum for this dimension, drawn as a tick across its axis.
        var minimum: Int?
    }

    /// The accessible name (`<title>`).
    var title: String
    var axes: [Axis]
    var scale: ClosedRange<Int>
    /// Starts every id in the chart, so several charts can share a page.
    var idPrefix: String

    static let size = 320
    static let center = 160.0
    static let radius = 78.0
    /// How far out from the outer ring an axis label starts.
    static let labelGap = 18.0
    /// How far out from a point its value label is centred.
    static let valueGap = 9.0
    static let lineHeight = 11.0

    func svg() -> String {
        switch axes.count {
        case 0: return emptySVG()
        case 1, 2: return barsSVG()
        default: return radarSVG()
        }
    }

    /// "Latest scores: Scope 4 of 5, Attribution 2 of 5 (minimum 3, not met). Scale 1 to 5."
    var summary: String {
        guard !axes.isEmpty else { return "No scores yet." }
        let scores = axes.map { axis -> String in
            var text = "\(SVG.collapseWhitespace(axis.label)) \(axis.value) of \(scale.upperBound)"
            if let minimum = axis.minimum {
                text += " (minimum \(minimum), \(axis.value >= minimum ? "met" : "not met"))"
            }
            return text
        }
        return "Latest scores: " + scores.joined(separator: ", ") + ". Scale \(scale.lowerBound) to \(scale.upperBound)."
    }

    /// Distance from the centre (or the start of a bar), as a fraction of the
    /// full length: 0 at the bottom of the scale, 1 at the top. Values outside
    /// the scale are drawn at its ends.
    func fraction(_ value: Int) -> Double {
        let span = scale.upperBound - scale.lowerBound
        guard span > 0 else { return 1 }
        return Double(SVG.clamp(value, scale) - scale.lowerBound) / Double(span)
    }

    /// The direction of axis `index` of `count`: the first points straight up,
    /// the rest follow clockwise.
    static func angle(_ index: Int, of count: Int) -> Double {
        -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(count)
    }

    static func point(angle: Double, distance: Double) -> (x: Double, y: Double) {
        (center + distance * cosine(angle), center + distance * sine(angle))
    }

    /// Cosine and sine snapped to nine decimals, so that the last-bit
    /// differences between maths libraries never change a rounded coordinate
    /// (and sin 30° is exactly one half).
    static func cosine(_ angle: Double) -> Double { (cos(angle) * 1e9).rounded() / 1e9 }
    static func sine(_ angle: Double) -> Double { (sin(angle) * 1e9).rounded() / 1e9 }

    private var hasMinimums: Bool { axes.contains { $0.minimum != nil } }

    // MARK: Radar, three or more axes

    private func radarSVG() -> String {
        let count = axes.count
        let angles = (0..<count).map { Self.angle($0, of: count) }
        var body = SVGBody()

        // Rings for every step above the bottom of the scale, spokes, and the
        // step numbers along the middle of the first sector.
        let steps = SVG.gridValues(scale, maxSteps: 10).filter { $0 > scale.lowerBound || scale.lowerBound == scale.upperBound }
        body.append("<g class=\"chart-grid\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.35\">")
        for step in steps {
            let distance = Self.radius * fraction(step)
            let ring = angles.map { Self.point(angle: $0, distance: distance) }
            let outer = step == steps.last ? " class=\"chart-grid-outer\"" : ""
            body.append("  <polygon\(outer) points=\"\(points: ring)\"/>")
        }
        for angle in angles {
            let end = Self.point(angle: angle, distance: Self.radius)
            body.append("  <line class=\"chart-axis\" x1=\"\(n: Self.center)\" y1=\"\(n: Self.center)\" x2=\"\(n: end.x)\" y2=\"\(n: end.y)\"/>")
        }
        body.append("</g>")
        let half = Double.pi / Double(count)
        body.append("<g class=\"chart-ticks\" font-size=\"8\" text-anchor=\"middle\">")
        for step in steps {
            let spot = Self.point(angle: angles[0] + half, distance: Self.radius * fraction(step) * Self.cosine(half))
            body.append("  <text class=\"chart-tick\" x=\"\(n: spot.x)\" y=\"\(n: spot.y + 3)\">\(step)</text>")
        }
        body.append("</g>")

        // The scores: a filled polygon, then minimum ticks, dots and numbers on top.
        let spots = zip(axes, angles).map { axis, angle in Self.point(angle: angle, distance: Self.radius * fraction(axis.value)) }
        body.append("<polygon class=\"chart-area\" points=\"\(points: spots)\" fill-opacity=\"0.15\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linejoin=\"round\"/>")
        if hasMinimums {
            body.append("<g class=\"chart-minimum\" stroke=\"currentColor\" stroke-width=\"2.5\">")
            for (axis, angle) in zip(axes, angles) {
                guard let minimum = axis.minimum else { continue }
                let middle = Self.point(angle: angle, distance: Self.radius * fraction(minimum))
                // Across the axis: 6 units either side, at right angles to it.
                let dx = -Self.sine(angle) * 6, dy = Self.cosine(angle) * 6
                body.append("  <line x1=\"\(n: middle.x - dx)\" y1=\"\(n: middle.y - dy)\" x2=\"\(n: middle.x + dx)\" y2=\"\(n: middle.y + dy)\"/>")
            }
            body.append("</g>")
        }
        body.append("<g class=\"chart-points\">")
        for spot in spots {
            body.append("  <circle class=\"chart-point\" cx=\"\(n: spot.x)\" cy=\"\(n: spot.y)\" r=\"3.5\"/>")
        }
        body.append("</g>")
        body.append("<g class=\"chart-values\" font-weight=\"bold\" text-anchor=\"middle\">")
        for (axis, angle) in zip(axes, angles) {
            let spot = Self.point(angle: angle, distance: Self.radius * fraction(axis.value) + Self.valueGap)
            body.append("  <text class=\"chart-value\" x=\"\(n: spot.x)\" y=\"\(n: spot.y + 3.5)\">\(axis.value)</text>")
        }
        body.append("</g>")

        // Axis labels outside the outer ring, anchored away from the centre,
        // wrapped onto two lines and cut to the room on their side.
        body.append("<g class=\"chart-labels\">")
        let margin = 4.0
        let right = Double(Self.size) - margin
        for (axis, angle) in zip(axes, angles) {
            let spot = Self.point(angle: angle, distance: Self.radius + Self.labelGap)
            let horizontal = Self.cosine(angle), vertical = Self.sine(angle)
            let anchor: String
            let room: Double
            if abs(horizontal) < 0.3 {
                anchor = "middle"
                room = 2 * min(spot.x - margin, right - spot.x)
            } else if horizontal > 0 {
                anchor = "start"
                room = right - spot.x
            } else {
                anchor = "end"
                room = spot.x - margin
            }
            let lines = SVG.wrap(axis.label, width: room, fontSize: 10, maxLines: 2)
            guard !lines.isEmpty else { continue }
            // The block of lines is centred on the label point, then moved
            // out along the axis by half its height: above the chart at the
            // top, below it at the bottom, level with the point at the sides.
            let height = 7 + Double(lines.count - 1) * Self.lineHeight
            let top = spot.y + vertical * (height / 2 + 1) - height / 2
            body.appendText(lines, x: spot.x, y: top + 7, lineHeight: Self.lineHeight, anchor: anchor, cssClass: "chart-label", indent: "  ")
        }
        body.append("</g>")
        if hasMinimums {
            minimumLegend(y: Double(Self.size) - 10, into: &body)
        }
        return SVG.document(idPrefix: idPrefix, kind: "radar", width: Self.size, height: Self.size, title: title, description: summary, body: body)
    }

    /// A key for the minimum tick, bottom left.
    private func minimumLegend(y: Double, into body: inout SVGBody) {
        body.append("<g class=\"chart-legend\">")
        body.append("  <line class=\"chart-minimum\" x1=\"10\" y1=\"\(n: y - 9)\" x2=\"10\" y2=\"\(n: y + 3)\" stroke=\"currentColor\" stroke-width=\"2.5\"/>")
        body.append("  <text x=\"18\" y=\"\(n: y)\">required minimum</text>")
        body.append("</g>")
    }

    // MARK: Bars, one or two axes

    static let barTop = 8.0
    static let barRow = 36.0
    static let barStart = 116.0
    static let barLength = 176.0
    static let barThickness = 12.0

    private func barsSVG() -> String {
        var body = SVGBody()
        let rowsBottom = Self.barTop + Double(axes.count) * Self.barRow
        let ticksBaseline = rowsBottom + 12
        let height = Int(ticksBaseline + 6 + (hasMinimums ? 18 : 0))
        func x(_ value: Int) -> Double { Self.barStart + Self.barLength * fraction(value) }

        // A gridline and a number for every step of the scale.
        let steps = SVG.gridValues(scale, maxSteps: 10)
        body.append("<g class=\"chart-grid\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.35\">")
        for step in steps {
            let at = SVG.number(x(step))
            body.append("  <line x1=\"\(at)\" y1=\"\(n: Self.barTop)\" x2=\"\(at)\" y2=\"\(n: rowsBottom)\"/>")
        }
        body.append("</g>")
        body.append("<g class=\"chart-ticks\" font-size=\"8\" text-anchor=\"middle\">")
        for step in steps {
            body.append("  <text class=\"chart-tick\" x=\"\(n: x(step))\" y=\"\(n: ticksBaseline)\">\(step)</text>")
        }
        body.append("</g>")

        for (index, axis) in axes.enumerated() {
            let middle = Self.barTop + Self.barRow * (Double(index) + 0.5)
            let barY = SVG.number(middle - Self.barThickness / 2)
            let end = x(axis.value)
            body.append("<g class=\"chart-bar-row\">")
            body.append("  <rect class=\"chart-track\" x=\"\(n: Self.barStart)\" y=\"\(barY)\" width=\"\(n: Self.barLength)\" height=\"\(n: Self.barThickness)\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.35\"/>")
            if end > Self.barStart {
                body.append("  <rect class=\"chart-area chart-bar\" x=\"\(n: Self.barStart)\" y=\"\(barY)\" width=\"\(n: end - Self.barStart)\" height=\"\(n: Self.barThickness)\" fill-opacity=\"0.15\" stroke=\"currentColor\" stroke-width=\"2\"/>")
            }
            if let minimum = axis.minimum {
                let at = SVG.number(x(minimum))
                body.append("  <line class=\"chart-minimum\" x1=\"\(at)\" y1=\"\(n: middle - 10)\" x2=\"\(at)\" y2=\"\(n: middle + 10)\" stroke=\"currentColor\" stroke-width=\"2.5\"/>")
            }
            body.append("  <circle class=\"chart-point\" cx=\"\(n: end)\" cy=\"\(n: middle)\" r=\"3.5\"/>")
            body.append("  <text class=\"chart-value\" x=\"\(n: end + 8)\" y=\"\(n: middle + 3.5)\" font-weight=\"bold\">\(axis.value)</text>")
            let lines = SVG.wrap(axis.label, width: Self.barStart - 8 - 4, fontSize: 10, maxLines: 2)
            if !lines.isEmpty {
                let first = middle + 3.5 - Double(lines.count - 1) * Self.lineHeight / 2
                body.appendText(lines, x: Self.barStart - 8, y: first, lineHeight: Self.lineHeight, anchor: "end", cssClass: "chart-label", indent: "  ")
            }
            body.append("</g>")
        }
        if hasMinimums {
            minimumLegend(y: Double(height) - 6, into: &body)
        }
        return SVG.document(idPrefix: idPrefix, kind: "bars", width: Self.size, height: height, title: title, description: summary, body: body)
    }

    // MARK: No axes

    private func emptySVG() -> String {
        var body = SVGBody()
        body.append("<text class=\"chart-empty\" x=\"160\" y=\"34\" text-anchor=\"middle\">No scores yet</text>")
        return SVG.document(idPrefix: idPrefix, kind: "radar", width: Self.size, height: 60, title: title, description: summary, body: body)
    }
}
