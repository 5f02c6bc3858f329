import Foundation

/// Values computed from one file (its parse, its link checks, ...), reused
/// while the file's text is the same, and `also`, a fingerprint of anything
/// else the value depends on (the link targets, the avoid phrases). One table
/// per kind of value: a lookup is a dictionary lookup by path, with no cast.
final class MemoTable<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (text: String, also: Int, value: Value)] = [:]
    /// Paths looked up since `forgetUnused`.
    private var used: Set<String> = []

    func value(path: String, text: String, also: Int = 0, _ make: () -> Value) -> Value {
        if let cached = lock.withLock({ used.insert(path); return entries[path] }), cached.text == text, cached.also == also {
            return cached.value
        }
        let made = make()
        lock.withLock { entries[path] = (text, also, made) }
        return made
    }

    /// Forgets the values of files not looked up since the last call (deleted or moved).
    func forgetUnused() {
        lock.withLock {
            if used.count < entries.count { entries = entries.filter { used.contains($0.key) } }
            used.removeAll(keepingCapacity: true)
        }
    }

    var paths: Set<String> { lock.withLock { Set(entries.keys) } }
}
