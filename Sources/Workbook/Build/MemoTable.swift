import Foundation

/// Values computed from one file (its parse, its link checks, ...), reused
/// while the file's text is the same, and `also`, a fingerprint of anything
/// else the value depends on (the link targets, the avoid phrases). One table
/// per kind of value: a lookup is a dictionary lookup by path, with no cast.
final class MemoTable<Value: Sendable>: @unchecked Sendable {
    private final class Entry {
        let text: String
        let also: Int
        let value: Value
        /// The last round (see `forgetUnused`) that looked it up.
        var round: Int

        init(text: String, also: Int, value: Value, round: Int) {
            (self.text, self.also, self.value, self.round) = (text, also, value, round)
        }
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var round = 0

    func value(path: String, text: String, also: Int = 0, _ make: () -> Value) -> Value {
        let cached = lock.withLock { () -> Entry? in
            let entry = entries[path]
            entry?.round = round
            return entry
        }
        if let cached, cached.text == text, cached.also == also { return cached.value }
        let made = make()
        lock.withLock { entries[path] = Entry(text: text, also: also, value: made, round: round) }
        return made
    }

    /// Forgets the values of files not looked up since the last call (deleted or moved).
    func forgetUnused() {
        lock.withLock {
            let current = round
            if entries.values.contains(where: { $0.round != current }) { entries = entries.filter { $0.value.round == current } }
            round += 1
        }
    }

    var paths: Set<String> { lock.withLock { Set(entries.keys) } }
}
