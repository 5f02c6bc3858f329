import Testing
@testable import WorkbookMarkdown

/// The renderers' output buffer keeps every byte in order across growth, and
/// hands over exactly what was appended.
@Suite struct ByteBufferTests {
    @Test func appendsKeepOrderAcrossGrowth() {
        var buffer = ByteBuffer(capacity: 1)
        var expected: [UInt8] = []
        var generator = SystemRandomNumberGenerator()
        for round in 0..<2_000 {
            switch round % 5 {
            case 0:
                let byte = UInt8.random(in: 0...255, using: &generator)
                buffer.append(byte)
                expected.append(byte)
            case 1:
                let text = String(repeating: "é<", count: Int.random(in: 0..<40, using: &generator))
                buffer.append(text)
                expected += Array(text.utf8)
            case 2:
                buffer.append(literal: "&amp;")
                expected += Array("&amp;".utf8)
            case 3:
                let bytes = (0..<Int.random(in: 0..<300, using: &generator)).map { UInt8(truncatingIfNeeded: $0) }
                buffer.append(bytes)
                expected += bytes
            default:
                let bytes: [UInt8] = Array("x<y>z".utf8)
                buffer.append(bytes[1..<4])
                expected += bytes[1..<4]
            }
            let (count, last) = (buffer.count, buffer.last)
            #expect(count == expected.count)
            #expect(last == expected.last)
        }
        let seen = buffer.withBytes { Array($0) }
        #expect(seen == expected)
        let bytes = buffer.bytes()
        #expect(bytes == expected)
    }

    @Test func emptyBufferHandsOverNothing() {
        let buffer = ByteBuffer(capacity: 0)
        let (isEmpty, last) = (buffer.isEmpty, buffer.last)
        #expect(isEmpty)
        #expect(last == nil)
        let bytes = buffer.bytes()
        #expect(bytes == [])
    }

    @Test func escapingWritesTheSameIntoABufferAndAnArray() {
        let text = "a < b && \"c\" > 'd' é"
        var array: [UInt8] = []
        var buffer = ByteBuffer()
        HTMLEscaping.appendEscaped(text, to: &array)
        HTMLEscaping.appendEscaped(text, to: &buffer)
        HTMLEscaping.appendHref("a b&c'd/é", to: &array)
        HTMLEscaping.appendHref("a b&c'd/é", to: &buffer)
        #expect(String(decoding: array, as: UTF8.self) == "a &lt; b &amp;&amp; &quot;c&quot; &gt; 'd' éa%20b&amp;c&#x27;d/%C3%A9")
        let bytes = buffer.bytes()
        #expect(bytes == array)
    }

    /// A size hint starts at its least and follows the largest size recorded.
    @Test func sizeHintFollowsTheLargestOutput() {
        let hint = SizeHint(least: 512)
        #expect(hint.capacity == 512)
        hint.record(100)
        #expect(hint.capacity == 512)
        hint.record(28_000)
        hint.record(20_000)
        #expect(hint.capacity == 28_000)
    }
}
