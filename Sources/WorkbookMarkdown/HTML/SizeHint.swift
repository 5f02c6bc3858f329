import Synchronization

/// How large a kind of output has been: the largest seen so far, to start
/// the next one's `ByteBuffer` at. A page of a template is about as long as
/// the last one; starting at 512 bytes, a 28 KB page was copied six times
/// as its buffer doubled. Shared by every thread: a race between two
/// records loses one of them, which only makes a later buffer grow once.
public final class SizeHint: Sendable {
    private let largest: Atomic<Int>
    private let least: Int

    /// - Parameter least: the capacity before anything is recorded, and the least ever given.
    public init(least: Int) {
        self.least = least
        largest = Atomic(0)
    }

    /// The capacity to start a buffer at.
    public var capacity: Int { max(least, largest.load(ordering: .relaxed)) }

    /// Records an output's size.
    public func record(_ size: Int) {
        if size > largest.load(ordering: .relaxed) { largest.store(size, ordering: .relaxed) }
    }
}
