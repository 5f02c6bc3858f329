import Foundation

/// How large a kind of output has been: the largest seen so far, to start
/// the next one's `ByteBuffer` at. A page of a template is about as long as
/// the last one; starting at 512 bytes, a 28 KB page was copied six times
/// as its buffer doubled. Shared by every thread, behind a lock (taken twice
/// a page: nothing next to rendering it).
public final class SizeHint: @unchecked Sendable {
    private let lock = NSLock()
    private var largest = 0
    private let least: Int

    /// - Parameter least: the capacity before anything is recorded, and the least ever given.
    public init(least: Int) {
        self.least = least
    }

    /// The capacity to start a buffer at.
    public var capacity: Int { max(least, lock.withLock { largest }) }

    /// Records an output's size.
    public func record(_ size: Int) {
        lock.withLock { largest = max(largest, size) }
    }
}
