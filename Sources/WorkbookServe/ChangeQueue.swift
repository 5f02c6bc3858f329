import Foundation

/// Changed paths waiting for a rebuild. Changes that arrive while a rebuild
/// runs are merged into one set, so the next rebuild takes them all at once.
final class ChangeQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: Set<String> = []
    private let continuation: AsyncStream<Void>.Continuation
    /// Yields after changes were added; several additions may yield once.
    let signals: AsyncStream<Void>

    init() {
        (signals, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func add(_ changed: Set<String>) {
        lock.withLock { paths.formUnion(changed) }
        continuation.yield()
    }

    func take() -> Set<String> {
        lock.withLock {
            defer { paths = [] }
            return paths
        }
    }

    func finish() {
        continuation.finish()
    }
}
