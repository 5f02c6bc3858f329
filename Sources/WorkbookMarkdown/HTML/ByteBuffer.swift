#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where renderers append the bytes of a page, a body or the search index.
/// An array of bytes is one; `ByteBuffer` is the faster one.
public protocol ByteSink: ~Copyable {
    mutating func append(_ byte: UInt8)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension ByteSink where Self: ~Copyable {
    /// Appends a string's UTF-8 bytes.
    @inlinable @inline(__always)
    public mutating func append(_ text: String) {
        text.withUTF8Bytes { append($0) }
    }

    /// Appends a literal's UTF-8 bytes (no check of how the string is stored).
    @inlinable @inline(__always)
    public mutating func append(literal: StaticString) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    @inlinable @inline(__always)
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    @inlinable @inline(__always)
    public mutating func append(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends a number's decimal digits, as `"\(number)"` writes them,
    /// without making a String of them.
    @inlinable
    public mutating func append(decimal number: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = number.magnitude
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            if number < 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            append(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}

extension Array: ByteSink where Element == UInt8 {
    @inlinable @inline(__always)
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: bytes)
    }
}

/// Bytes appended in place: a pointer, a count and a capacity, freed with
/// the buffer. An append checks the capacity and copies; an `Array`'s also
/// checks that its storage is not shared and is a call of its own (about 70
/// instructions besides the copy), which told at the three million short
/// appends of a 1,000-chapter build. `bytes()` hands the result over as an
/// array of exactly its size.
public struct ByteBuffer: ~Copyable, ByteSink {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var used: Int
    @usableFromInline var capacity: Int

    public init(capacity: Int = 1024) {
        self.capacity = Swift.max(capacity, 64)
        guard let memory = malloc(self.capacity) else { fatalError("workbook: out of memory") }
        base = memory.assumingMemoryBound(to: UInt8.self)
        used = 0
    }

    deinit { free(base) }

    public var count: Int { used }

    public var isEmpty: Bool { used == 0 }

    public var last: UInt8? { used == 0 ? nil : base[used - 1] }

    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) {
        if used == capacity { grow(to: used + 1) }
        base[used] = byte
        used += 1
    }

    @inlinable @inline(__always)
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0, let from = bytes.baseAddress else { return }
        if capacity - used < n { grow(to: used + n) }
        (base + used).update(from: from, count: n)
        used += n
    }

    /// Empties the buffer, keeping its memory.
    public mutating func removeAll() {
        used = 0
    }

    /// Takes back the last byte.
    public mutating func removeLast() {
        precondition(used > 0, "nothing to remove")
        used -= 1
    }

    /// Takes back the bytes from `count` on.
    public mutating func truncate(to count: Int) {
        precondition(count >= 0 && count <= used, "truncating past the end")
        used = count
    }

    /// At least double, so appends stay amortised constant.
    @usableFromInline
    mutating func grow(to needed: Int) {
        let size = Swift.max(needed, capacity * 2)
        guard let memory = realloc(base, size) else { fatalError("workbook: out of memory") }
        base = memory.assumingMemoryBound(to: UInt8.self)
        capacity = size
    }

    /// The bytes so far, valid during the call.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: used))
    }

    /// The bytes as an array of exactly their count.
    public consuming func bytes() -> [UInt8] {
        let n = used
        let from = base
        return [UInt8](unsafeUninitializedCapacity: n) { buffer, initialized in
            if n > 0 { buffer.baseAddress!.initialize(from: from, count: n) }
            initialized = n
        }
    }
}
