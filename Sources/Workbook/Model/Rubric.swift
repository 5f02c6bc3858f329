import WorkbookMarkdown

/// `:::rubric` — a self-scoring table: dimensions scored on a scale, bands
/// that name every possible total, an optional pass mark and minimums.
public struct Rubric: Sendable {
    public struct Anchor: Sendable, Hashable {
        public var value: Int
        public var label: String?
    }

    public struct Dimension: Sendable {
        public var name: String
        /// One per anchor.
        public var descriptors: [Inlines]
        public var location: SourceLocation
    }

    public struct Band: Sendable {
        public var range: ClosedRange<Int>
        public var text: Inlines
        public var location: SourceLocation

        /// "A-B", as in `data-band`.
        public var label: String { "\(range.lowerBound)-\(range.upperBound)" }
    }

    public struct Requirement: Sendable, Hashable {
        public var dimension: String
        public var minimum: Int
    }

    public var id: String
    public var title: Inlines
    public var anchors: [Anchor]
    public var dimensions: [Dimension]
    public var bands: [Band]
    public var gate: Int?
    public var requirements: [Requirement]
    public var prose: [Block]
    public var location: SourceLocation

    /// Every score a dimension can get: lowest anchor to highest, in steps of 1.
    public var scale: ClosedRange<Int> {
        (anchors.first?.value ?? 0)...(anchors.last?.value ?? 0)
    }

    public var minTotal: Int { dimensions.count * scale.lowerBound }
    public var maxTotal: Int { dimensions.count * scale.upperBound }

    /// The band a total falls in.
    public func band(for total: Int) -> Band? {
        bands.first { $0.range.contains(total) }
    }

    /// Whether a set of scores passes: the total reaches the gate and every
    /// minimum is met. Nil when the rubric has neither.
    public func gateOutcome(scores: [String: Int]) -> GateOutcome {
        guard gate != nil || !requirements.isEmpty else { return .none }
        let total = scores.values.reduce(0, +)
        var reasons: [String] = []
        if let gate, total < gate { reasons.append("total \(total) is below the pass mark \(gate)") }
        for requirement in requirements {
            let score = scores[requirement.dimension] ?? scale.lowerBound
            if score < requirement.minimum {
                reasons.append("\(requirement.dimension) scored \(score), below the minimum \(requirement.minimum)")
            }
        }
        return reasons.isEmpty ? .pass : .fail(reasons)
    }

    public enum GateOutcome: Sendable, Equatable {
        case none
        case pass
        case fail([String])

        /// `pass`, `fail` or `none`, as in `data-gate`.
        public var label: String {
            switch self {
            case .none: "none"
            case .pass: "pass"
            case .fail: "fail"
            }
        }
    }
}
