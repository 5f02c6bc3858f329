import Foundation

/// How far a build has come, for a progress line on a terminal: the step
/// under way and, where it has a count, how many of how many are done. The
/// build reports into it from any thread; the command line reads snapshots.
public final class BuildProgress: @unchecked Sendable {
    public enum Step: String, Sendable {
        case load = "Reading and checking"
        case render = "Rendering"
        case write = "Writing"
    }

    public struct Snapshot: Sendable, Equatable {
        public var step: Step?
        public var done: Int
        public var total: Int

        /// `Rendering 1,234 of 3,106 files`, or the step alone when it has no count.
        public var line: String {
            guard let step else { return "" }
            guard total > 0 else { return "\(step.rawValue)…" }
            let number = { (n: Int) in n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US"))) }
            return "\(step.rawValue) \(number(min(done, total))) of \(number(total)) files"
        }
    }

    private let lock = NSLock()
    private var current = Snapshot(step: nil, done: 0, total: 0)
    /// Every step begun, in order (for tests).
    public private(set) var steps: [Snapshot] = []

    public init() {}

    public var snapshot: Snapshot { lock.withLock { current } }

    func begin(_ step: Step, total: Int = 0) {
        lock.withLock {
            if current.step != nil { steps.append(current) }
            current = Snapshot(step: step, done: 0, total: total)
        }
    }

    func advance(by count: Int = 1) {
        lock.withLock { current.done += count }
    }

    /// Records the last step as finished.
    func end() {
        lock.withLock {
            if current.step != nil { steps.append(current) }
            current = Snapshot(step: nil, done: 0, total: 0)
        }
    }
}
