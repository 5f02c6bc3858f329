/// Escaping for HTML text, attribute values and URLs, over UTF-8 bytes.
public enum HTMLEscaping {
    /// Escapes `&`, `<`, `>` and `"`, as cmark does for text: safe as text and
    /// inside a double-quoted attribute (`'` is left as it is).
    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        appendEscaped(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `escape` would change `text`.
    public static func needsEscaping(_ text: String) -> Bool {
        text.withUTF8Bytes(needsEscaping)
    }

    /// Whether `escape` would change the text of these UTF-8 bytes.
    public static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteScan.first(in: bytes, from: 0, ByteScan.htmlText) != nil
    }

    public static func appendEscaped<Sink: ByteSink & ~Copyable>(_ text: String, to out: inout Sink) {
        text.withUTF8Bytes { appendEscaped($0, to: &out) }
    }

    static func appendEscaped<Sink: ByteSink & ~Copyable>(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout Sink) {
        // Runs of bytes that need no escaping are copied whole: most text has none.
        var start = 0
        while let i = ByteScan.first(in: bytes, from: start, ByteScan.htmlText) {
            let b = bytes[i]
            out.append(UnsafeBufferPointer(rebasing: bytes[start..<i]))
            switch b {
            case UInt8(ascii: "&"): out.append(literal: "&amp;")
            case UInt8(ascii: "<"): out.append(literal: "&lt;")
            case UInt8(ascii: ">"): out.append(literal: "&gt;")
            default: out.append(literal: "&quot;")
            }
            start = i + 1
        }
        out.append(UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    private static let hrefSafe: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in "!#$%()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~&'".utf8 {
            table[Int(c)] = true
        }
        return table
    }()

    /// Escapes a URL for an `href` or `src` value the way cmark does: unsafe
    /// bytes percent-encoded, `&` and `'` as entities, existing `%XX` kept.
    public static func appendHref<Sink: ByteSink & ~Copyable>(_ url: String, to out: inout Sink) {
        // Most URLs need nothing: copied whole, the table read in place.
        let whole = url.withUTF8Bytes { bytes in
            hrefSafe.withUnsafeBufferPointer { safe in
                bytes.allSatisfy { safe[Int($0)] && $0 != UInt8(ascii: "&") && $0 != UInt8(ascii: "'") }
            }
        }
        if whole {
            out.append(url)
            return
        }
        let hex: StaticString = "0123456789ABCDEF"
        for b in url.utf8 {
            if b == UInt8(ascii: "&") {
                out.append(literal: "&amp;")
            } else if b == UInt8(ascii: "'") {
                out.append(literal: "&#x27;")
            } else if hrefSafe[Int(b)] {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex.utf8Start[Int(b >> 4)])
                out.append(hex.utf8Start[Int(b & 0x0F)])
            }
        }
    }

    public static func href(_ url: String) -> String {
        var out: [UInt8] = []
        appendHref(url, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// True for URLs that could run code: `javascript:`, `vbscript:`, `file:`,
    /// and `data:` other than PNG, GIF, JPEG and WebP images (cmark's rule).
    /// The scheme is read as a browser reads it: leading control characters and
    /// spaces skipped, tabs and line breaks inside ignored.
    public static func isDangerous(_ url: String) -> Bool {
        if let safe = Self.cannotBeDangerous(url) { return !safe }
        let lower = scheme(url)
        if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("file:") { return true }
        if lower.hasPrefix("data:") {
            for safe in ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"] where lower.hasPrefix(safe) {
                return false
            }
            return true
        }
        return false
    }

    /// True for a `data:` URL, which a link (not an image) never gets.
    public static func isData(_ url: String) -> Bool {
        if Self.cannotBeDangerous(url) == true { return false }
        return scheme(url).hasPrefix("data:")
    }

    /// True when `url` starts (as `scheme` reads it) with an ASCII character
    /// that begins none of the schemes above: most URLs, told apart without
    /// building the scheme. Nil when that takes a closer look.
    private static func cannotBeDangerous(_ url: String) -> Bool? {
        for byte in url.utf8 {
            if byte <= 0x20 { return nil }  // skipped or ignored by a browser: the slow path decides
            if byte >= 0x80 { return nil }
            switch byte | 0x20 {
            case UInt8(ascii: "j"), UInt8(ascii: "v"), UInt8(ascii: "f"), UInt8(ascii: "d"): return nil
            default: return true
            }
        }
        return true
    }

    /// The start of `url` as a browser parses its scheme, lowercased.
    private static func scheme(_ url: String) -> String {
        var out = ""
        for scalar in url.unicodeScalars.drop(while: { $0.value <= 0x20 }) {
            if scalar == "\t" || scalar == "\n" || scalar == "\r" { continue }
            out.unicodeScalars.append(scalar)
            if out.unicodeScalars.count >= 32 { break }
        }
        return out.lowercased()
    }
}
