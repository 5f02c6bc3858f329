/// The opening line of a directive, `:::TYPE[Title]{#id key=value key="quoted"}`,
/// parsed from its bytes.
struct DirectiveFence {
    var fenceLength: Int
    var name: String
    var nameOffset: Int
    /// The bytes between `[` and the matching `]`, and their offset in the line.
    var title: (bytes: ArraySlice<UInt8>, offset: Int)?
    var id: String?
    var idOffset: Int?
    var attributes: [(key: String, value: String, offset: Int)]

    enum Line {
        case opening(DirectiveFence)
        case closing(fenceLength: Int)
        /// An opening fence that does not parse: the error, the byte offset it
        /// points at, and the fence length (its closing fence still pairs with it).
        case malformed(String, offset: Int, fenceLength: Int)
        case notAFence
    }

    /// Classifies a line. Only lines that start (after up to three spaces) with
    /// three or more colons are fences.
    static func classify(_ line: ArraySlice<UInt8>) -> Line {
        let colon = UInt8(ascii: ":")
        var i = line.startIndex
        var spaces = 0
        while i < line.endIndex, line[i] == 0x20, spaces < 4 {
            i += 1
            spaces += 1
        }
        guard spaces <= 3 else { return .notAFence }
        let fenceStart = i
        while i < line.endIndex, line[i] == colon { i += 1 }
        let fenceLength = i - fenceStart
        guard fenceLength >= 3 else { return .notAFence }
        let rest = line[i...]
        if rest.isBlank { return .closing(fenceLength: fenceLength) }
        // Read in place: offsets in the line are indices of its bytes.
        return line.withUnsafeBufferPointer { bytes in
            var parser = Parser(bytes: bytes, index: i - line.startIndex)
            do throws(Failure) {
                var fence = try parser.opening(fenceLength: fenceLength)
                if let title = parser.titleRange {
                    fence.title = (line[(line.startIndex + title.lowerBound)..<(line.startIndex + title.upperBound)], title.lowerBound)
                }
                return .opening(fence)
            } catch {
                return .malformed(error.message, offset: error.offset, fenceLength: fenceLength)
            }
        }
    }

    struct Failure: Error {
        var message: String
        var offset: Int
    }

    /// Reads the line's bytes from `index`; offsets are indices of `bytes`.
    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int
        /// The title's bytes between `[` and `]`, trimmed, once read.
        var titleRange: Range<Int>?

        init(bytes: UnsafeBufferPointer<UInt8>, index: Int) {
            self.bytes = bytes
            self.index = index
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        func fail(_ message: String, at offset: Int? = nil) -> Failure {
            Failure(message: message, offset: offset ?? index)
        }

        mutating func skipSpaces() {
            while let c = current, c == 0x20 || c == 0x09 { index += 1 }
        }

        static func isNameStart(_ c: UInt8) -> Bool {
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
        }

        static func isNameChar(_ c: UInt8) -> Bool {
            isNameStart(c) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_")
        }

        mutating func name() -> String? {
            guard let c = current, Self.isNameStart(c) else { return nil }
            let start = index
            while let c = current, Self.isNameChar(c) { index += 1 }
            return string(start..<index)
        }

        mutating func opening(fenceLength: Int) throws(Failure) -> DirectiveFence {
            skipSpaces()
            let nameOffset = index
            guard let name = name() else {
                throw fail("expected a directive type after the colons, as in `:::drill[Title]`")
            }
            var fence = DirectiveFence(
                fenceLength: fenceLength, name: name, nameOffset: nameOffset,
                title: nil, id: nil, idOffset: nil, attributes: [])
            if current == UInt8(ascii: "[") {
                titleRange = try title()
            }
            if current == UInt8(ascii: "{") {
                try attributes(into: &fence)
            }
            skipSpaces()
            if current != nil {
                throw fail("unexpected text after the directive; write `:::TYPE[Title]{attributes}`")
            }
            return fence
        }

        /// `[...]` with nested brackets and backslash escapes.
        mutating func title() throws(Failure) -> Range<Int> {
            let open = index
            index += 1
            var depth = 1
            while let c = current {
                if c == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if c == UInt8(ascii: "[") { depth += 1 }
                if c == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 {
                        // Without spaces and tabs at either end.
                        var lo = open + 1, hi = index
                        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
                        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
                        index += 1
                        return lo..<hi
                    }
                }
                index += 1
            }
            throw fail("unclosed title: `[` has no matching `]`", at: open)
        }

        mutating func attributes(into fence: inout DirectiveFence) throws(Failure) {
            let open = index
            index += 1
            while true {
                skipSpaces()
                guard let c = current else { throw fail("unclosed attributes: `{` has no matching `}`", at: open) }
                if c == UInt8(ascii: "}") {
                    index += 1
                    return
                }
                let itemStart = index
                if c == UInt8(ascii: "#") {
                    index += 1
                    let start = index
                    while let c = current, c != 0x20, c != 0x09, c != UInt8(ascii: "}") { index += 1 }
                    let id = string(start..<index)
                    guard !id.isEmpty else { throw fail("expected an id after `#`", at: itemStart) }
                    guard id.utf8.allSatisfy({ Self.isNameChar($0) || $0 >= 0x80 }) else {
                        throw fail("invalid id `#\(id)`: use letters, digits, `-` and `_`", at: itemStart)
                    }
                    guard fence.id == nil else { throw fail("a directive has one `#id`; found a second: `#\(id)`", at: itemStart) }
                    fence.id = id
                    fence.idOffset = itemStart
                    continue
                }
                guard let key = name() else {
                    throw fail("malformed attribute: expected `key=value`, `key=\"a value\"` or `#id`", at: itemStart)
                }
                guard current == UInt8(ascii: "=") else {
                    throw fail("attribute `\(key)` has no value: write `\(key)=value`", at: itemStart)
                }
                index += 1
                let value: String
                if current == UInt8(ascii: "\"") {
                    value = try quoted()
                } else {
                    let start = index
                    while let c = current, c != 0x20, c != 0x09, c != UInt8(ascii: "}"), c != UInt8(ascii: "\"") { index += 1 }
                    guard index > start else {
                        throw fail("attribute `\(key)` has an empty value: write `\(key)=value`", at: itemStart)
                    }
                    value = string(start..<index)
                }
                if fence.attributes.contains(where: { $0.key == key }) {
                    throw fail("attribute `\(key)` is given twice", at: itemStart)
                }
                fence.attributes.append((key, value, itemStart))
            }
        }

        mutating func quoted() throws(Failure) -> String {
            let open = index
            index += 1
            var out: [UInt8] = []
            while let c = current {
                if c == UInt8(ascii: "\\"), index + 1 < bytes.count,
                    bytes[index + 1] == UInt8(ascii: "\"") || bytes[index + 1] == UInt8(ascii: "\\")
                {
                    out.append(bytes[index + 1])
                    index += 2
                    continue
                }
                if c == UInt8(ascii: "\"") {
                    index += 1
                    return String(decoding: out, as: UTF8.self)
                }
                out.append(c)
                index += 1
            }
            throw fail("unclosed quoted value: `\"` has no matching `\"`", at: open)
        }
    }
}
