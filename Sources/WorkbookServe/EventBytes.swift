import FlyingSocks

/// A stream of byte chunks as the buffered sequence FlyingFox sends as a
/// chunked response body: each chunk goes out as soon as it is yielded.
struct EventBytes: AsyncBufferedSequence {
    typealias Element = UInt8

    let chunks: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator {
        Iterator(chunks: chunks.makeAsyncIterator())
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var chunks: AsyncStream<[UInt8]>.Iterator
        var pending: ArraySlice<UInt8> = []

        mutating func next() async -> UInt8? {
            await nextBuffer(suggested: 1)?.first
        }

        /// Suspends until a chunk arrives; nil once the stream has finished.
        mutating func nextBuffer(suggested count: Int) async -> ArraySlice<UInt8>? {
            while pending.isEmpty {
                guard let chunk = await chunks.next() else { return nil }
                pending = chunk[...]
            }
            let buffer = pending.prefix(Swift.max(count, 1))
            pending = pending.dropFirst(buffer.count)
            return buffer
        }
    }
}
