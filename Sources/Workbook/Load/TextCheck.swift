import WorkbookMarkdown

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks that bytes are text a workbook can hold: UTF-8, no NUL byte, not a
/// binary file. A leading byte order mark is dropped and a lone `\r` (an old
/// Mac line ending) is read as `\n`, as CommonMark and YAML read it.
enum TextCheck {
    struct Problem: Error {
        var message: String
        var location: SourceLocation
    }

    /// File signatures of binary files an author might save as `.md` or `.yaml`.
    static let signatures: [(bytes: [UInt8], name: String)] = [
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        (Array("GIF8".utf8), "a GIF image"),
        (Array("%PDF-".utf8), "a PDF document"),
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive or an Office document"),
        ([0x1F, 0x8B], "a gzip archive"),
    ]

    /// The checked text as a String.
    static func text(_ input: [UInt8]) -> Result<String, Problem> {
        check(input).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The checked text's bytes: the input itself (not copied) when it is
    /// already clean, as nearly every file is.
    static func check(_ input: [UInt8]) -> Result<[UInt8], Problem> {
        let start = SourceLocation(line: 1, column: 1)
        if input.starts(with: [0xFF, 0xFE]) || input.starts(with: [0xFE, 0xFF]) {
            return .failure(Problem(message: "UTF-16 text: save the file as UTF-8", location: start))
        }
        for signature in signatures where input.starts(with: signature.bytes) {
            return .failure(Problem(message: "binary file (\(signature.name)), not UTF-8 text; images and other files go in `assets/`", location: start))
        }
        var bytes = input
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // Most files: valid UTF-8 without NUL or CR, found by memchr and
        // `UTF8Check`. The walk below places a problem.
        let clean = bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            return memchr(base, 0, buffer.count) == nil && memchr(base, 0x0D, buffer.count) == nil && UTF8Check.isValid(buffer)
        }
        if clean { return .success(bytes) }
        return bytes.withUnsafeBufferPointer(walk).map { loneCR in loneCR ? normalizingLoneCR(bytes) : bytes }
    }

    /// A byte at a time, counting lines: the first NUL byte or ill-formed
    /// sequence as a problem with its place, else whether a lone `\r` was met.
    private static func walk(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Bool, Problem> {
        var line = 1
        var lineStart = 0
        var loneCR = false
        var i = 0
        func location(_ index: Int) -> SourceLocation {
            let before = UnsafeBufferPointer(rebasing: bytes[lineStart..<index])
            return SourceLocation(line: line, column: String(decoding: before, as: UTF8.self).unicodeScalars.count + 1)
        }
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0 {
                    return .failure(Problem(message: "NUL byte (U+0000): text files hold none; is this a binary file?", location: location(i)))
                }
                if b == 0x0A || b == 0x0D {
                    if b == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 } else if b == 0x0D { loneCR = true }
                    line += 1
                    lineStart = i + 1
                }
                i += 1
                continue
            }
            let length = UTF8Check.sequenceLength(bytes, at: i)
            guard length > 0 else {
                // Two hex digits: the byte is 0x80 or more.
                return .failure(Problem(message: "invalid UTF-8 (byte 0x\(String(b, radix: 16, uppercase: true))); save the file as UTF-8", location: location(i)))
            }
            i += length
        }
        return .success(loneCR)
    }

    /// `\r` not followed by `\n` becomes `\n`.
    static func normalizingLoneCR(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        for i in out.indices where out[i] == 0x0D && (i + 1 == out.count || out[i + 1] != 0x0A) {
            out[i] = 0x0A
        }
        return out
    }
}

/// Whether bytes are well-formed UTF-8, as the standard library judges it.
/// The standard library's check reads a text byte by byte once it holds one
/// byte past ASCII (a chapter with one `é` in it), about nine instructions a
/// byte; this one skips ASCII sixteen bytes at a time and looks only at the
/// sequences in between.
enum UTF8Check {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        let high: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i < n {
            while i + 16 <= n {
                let a = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) & high
                let b = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) & high
                if a | b != 0 {
                    // The first byte with its high bit set: bytes are read in memory order.
                    i += a != 0 ? a.trailingZeroBitCount >> 3 : 8 + (b.trailingZeroBitCount >> 3)
                    break
                }
                i += 16
            }
            guard i < n else { break }
            if base[i] < 0x80 {
                i += 1
                continue
            }
            let length = sequenceLength(bytes, at: i)
            guard length > 0 else { return false }
            i += length
        }
        return true
    }

    /// The length of the well-formed UTF-8 sequence at `i`, or 0 (overlong
    /// forms, surrogates and values past U+10FFFF are ill-formed).
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            i + k < bytes.count && range.contains(bytes[i + k])
        }
        switch bytes[i] {
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }
}
