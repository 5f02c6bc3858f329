import WorkbookMarkdown

/// Shared helpers for the inline SVG charts: escaping, fixed number
/// formatting, ids, label truncation and wrapping, and the document frame.
///
/// Everything here is pure and locale-free, so a chart renders to the same
/// bytes for the same input on every run.
enum SVG {
    /// Text for element content or a double-quoted attribute value: `&`, `<`,
    /// `>`, `"` and `'` become references, and control characters (invalid in
    /// XML, parse errors in HTML) are dropped.
    static func escape(_ text: String) -> String {
        // Most labels and descriptions are printable ASCII with nothing to escape: kept as they are.
        if text.withUTF8Bytes({ $0.allSatisfy { isKept($0) } }) { return text }
        var bytes: [UInt8] = []
        appendEscaped(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `escape(text)`'s bytes, appended. Read byte by byte: a String's bytes
    /// are valid UTF-8, so U+0080–U+009F are `C2 80`–`C2 9F` and U+FFFE and
    /// U+FFFF are `EF BF BE` and `EF BF BF`, and no other character holds those.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        text.withUTF8Bytes { bytes in
            guard !bytes.allSatisfy({ isKept($0) }) else {
                out.append(contentsOf: bytes)
                return
            }
            let n = bytes.count
            var i = 0
            while i < n {
                let b = bytes[i]
                switch b {
                case UInt8(ascii: "&"): out += "&amp;".utf8
                case UInt8(ascii: "<"): out += "&lt;".utf8
                case UInt8(ascii: ">"): out += "&gt;".utf8
                case UInt8(ascii: "\""): out += "&quot;".utf8
                case UInt8(ascii: "'"): out += "&#39;".utf8
                case 0x09, 0x0A, 0x0D: out.append(b)
                case 0x00..<0x20, 0x7F: break
                case 0xC2 where i + 1 < n && bytes[i + 1] <= 0x9F: i += 1
                case 0xEF where i + 2 < n && bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE: i += 2
                default: out.append(b)
                }
                i += 1
            }
        }
    }

    /// Printable ASCII that `escape` keeps as it is.
    private static func isKept(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
            && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'")
    }

    /// A coordinate or length: rounded half away from zero to one decimal,
    /// written without a trailing `.0`, never as `-0`, never in exponent form.
    static func number(_ value: Double) -> String {
        var bytes: [UInt8] = []
        appendNumber(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `number(value)`'s bytes, appended.
    static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(UInt8(ascii: "0"))
            return
        }
        // Far beyond any chart, and beyond what fits an Int in tenths.
        let value = min(max(value, -1e12), 1e12)
        let tenths = Int((value * 10).rounded(.toNearestOrAwayFromZero))
        if tenths < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = tenths.magnitude
        out.append(decimal: Int(magnitude / 10))
        if magnitude % 10 != 0 {
            out.append(UInt8(ascii: "."))
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
        }
    }


    /// An id prefix that is a valid, space-free id start: ASCII letters,
    /// digits, `-` and `_` are kept, anything else becomes `-`; an empty
    /// prefix becomes `chart`.
    static func idPrefix(_ prefix: String) -> String {
        var out = ""
        for scalar in prefix.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": out.unicodeScalars.append(scalar)
            default: out += "-"
            }
        }
        return out.isEmpty ? "chart" : out
    }

    /// Runs of whitespace (including new lines) become one space; ends are trimmed.
    static func collapseWhitespace(_ text: String) -> String {
        func collapsed() -> String { text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
        // Most labels are ASCII words one space apart already: kept as they are.
        var afterSpace = true
        for byte in text.utf8 {
            let isSpace = byte == 0x20 || (0x09...0x0D).contains(byte)
            guard byte < 0x80, !isSpace || (byte == 0x20 && !afterSpace) else { return collapsed() }
            afterSpace = isSpace
        }
        return afterSpace ? collapsed() : text
    }

    /// An estimate of how wide a text is drawn, in user units, from rough
    /// per-character widths of a wide sans-serif (DejaVu Sans): generous, so a
    /// label that is estimated to fit does fit in narrower system fonts too.
    static func width(of text: String, fontSize: Double) -> Double {
        var ems = 0.0
        if text.bytesAreCharacters {
            for byte in text.utf8 {
                ems += emWidth(Unicode.Scalar(byte))
            }
            return ems * fontSize
        }
        for character in text {
            guard let scalar = character.unicodeScalars.first else { continue }
            ems += emWidth(scalar)
        }
        return ems * fontSize
    }

    /// The width of a character, by its first scalar.
    private static func emWidth(_ scalar: Unicode.Scalar) -> Double {
        switch scalar {
        case "i", "j", "l", ".", ",", ":", ";", "'", "|", "!": return 0.3
        case " ", "f", "r", "t", "I", "(", ")", "[", "]", "-": return 0.4
        case "m", "w", "M", "W", "@", "%": return 0.95
        case "a"..."z": return 0.63
        case "0"..."9": return 0.64
        case "A"..."Z", "&", "#": return 0.74
        default:
            // Wide scripts (CJK, Hangul, emoji) take a full em.
            return scalar.value >= 0x2E80 ? 1.0 : 0.7
        }
    }

    /// The text, cut to fit `maxWidth` at `fontSize` with an ellipsis as its
    /// last character when it does not fit whole.
    static func truncate(_ text: String, toWidth maxWidth: Double, fontSize: Double) -> String {
        let text = collapseWhitespace(text)
        let ellipsis = emWidth("…")
        // Where every byte is a character, the bytes are read (a String made
        // of Characters appends them one at a time), and only up to the first
        // that does not fit: what is kept ends before it, whatever follows
        // (a band's label can be a paragraph, and is cut to a dozen letters).
        if text.bytesAreCharacters {
            return text.withUTF8Bytes { bytes in
                var ems = 0.0
                var end = 0
                while end < bytes.count, ems * fontSize <= maxWidth {
                    ems += emWidth(Unicode.Scalar(bytes[end]))
                    end += 1
                }
                // Summed in the order `width(of:)` sums the whole text: it fits when this does.
                guard ems * fontSize > maxWidth else { return text }
                let prefix = Array(bytes[..<end])
                let kept = keptCount(prefix, ellipsis: ellipsis, maxWidth: maxWidth, fontSize: fontSize, em: { emWidth(Unicode.Scalar($0)) }, isSpace: { $0 == 0x20 })
                return String(decoding: prefix[..<kept], as: UTF8.self) + "…"
            }
        }
        guard width(of: text, fontSize: fontSize) > maxWidth else { return text }
        let characters = Array(text)
        let kept = keptCount(characters, ellipsis: ellipsis, maxWidth: maxWidth, fontSize: fontSize, em: { $0.unicodeScalars.first.map(emWidth) ?? 0 }, isSpace: { $0 == " " })
        return String(characters[..<kept]) + "…"
    }

    /// How many characters are kept: they come off the end (and the spaces
    /// before them) until what is left and an ellipsis fit; its width is
    /// summed in the same order as `width(of:)` sums the shortened text's,
    /// from each character's once.
    private static func keptCount<Character>(
        _ characters: [Character], ellipsis: Double, maxWidth: Double, fontSize: Double,
        em: (Character) -> Double, isSpace: (Character) -> Bool
    ) -> Int {
        var ems = [0.0]
        ems.reserveCapacity(characters.count + 1)
        for character in characters {
            ems.append(ems[ems.count - 1] + em(character))
        }
        var kept = characters.count
        while kept > 0 {
            kept -= 1
            while kept > 0, isSpace(characters[kept - 1]) { kept -= 1 }
            if (ems[kept] + ellipsis) * fontSize <= maxWidth { break }
        }
        return kept
    }

    /// Greedy word wrap into at most `maxLines` lines, each fitting
    /// `maxWidth` at `fontSize`; text that does not fit ends in an ellipsis.
    static func wrap(_ text: String, width maxWidth: Double, fontSize: Double, maxLines: Int) -> [String] {
        let collapsed = collapseWhitespace(text)
        guard !collapsed.isEmpty else { return [] }
        guard maxLines > 1 else { return [truncate(text, toWidth: maxWidth, fontSize: fontSize)] }
        if collapsed.bytesAreCharacters {
            return collapsed.withUTF8Bytes { wrap($0, width: maxWidth, fontSize: fontSize, maxLines: maxLines) }
        }
        // Other text: each candidate line measured whole, by its characters.
        let words = collapsed.split(separator: " ").map(String.init)
        var lines: [String] = []
        var current = ""
        var index = 0
        while index < words.count {
            let word = words[index]
            let candidate = current.isEmpty ? word : current + " " + word
            if width(of: candidate, fontSize: fontSize) <= maxWidth {
                current = candidate
                index += 1
                continue
            }
            if current.isEmpty {
                // One word longer than a line: it takes the line, cut.
                current = word
                index += 1
            }
            if lines.count == maxLines - 1 {
                let rest = ([current] + words[index...]).joined(separator: " ")
                lines.append(truncate(rest, toWidth: maxWidth, fontSize: fontSize))
                return lines
            }
            lines.append(truncate(current, toWidth: maxWidth, fontSize: fontSize))
            current = ""
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// `wrap` of text whose every byte is a character, its words one space
    /// apart: a line is a run of the bytes, its width summed on as words join
    /// it (in the order `width(of:)` sums it), and a String is made only for
    /// each line wrapped.
    private static func wrap(_ bytes: UnsafeBufferPointer<UInt8>, width maxWidth: Double, fontSize: Double, maxLines: Int) -> [String] {
        let n = bytes.count
        var lines: [String] = []
        // The current line's bytes (none while `lineStart` is nil) and its width in ems.
        var lineStart: Int?
        var lineEnd = 0
        var lineEms = 0.0
        var next = 0
        while next < n {
            var end = next
            while end < n, bytes[end] != 0x20 { end += 1 }
            var candidateEms = lineStart == nil ? 0 : lineEms + emWidth(" ")
            for k in next..<end { candidateEms += emWidth(Unicode.Scalar(bytes[k])) }
            if candidateEms * fontSize <= maxWidth {
                if lineStart == nil { lineStart = next }
                lineEnd = end
                lineEms = candidateEms
                next = end + 1
                continue
            }
            if lineStart == nil {
                // One word longer than a line: it takes the line, cut.
                lineStart = next
                lineEnd = end
                next = end + 1
            }
            let start = lineStart ?? next
            if lines.count == maxLines - 1 {
                // The rest of the words, as they stand from this line's start.
                lines.append(truncate(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self), toWidth: maxWidth, fontSize: fontSize))
                return lines
            }
            lines.append(truncate(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<lineEnd]), as: UTF8.self), toWidth: maxWidth, fontSize: fontSize))
            lineStart = nil
            lineEms = 0
        }
        if let lineStart { lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), as: UTF8.self)) }
        return lines
    }

    /// A list of points for `points="…"`.
    static func points(_ points: [(x: Double, y: Double)]) -> String {
        var bytes: [UInt8] = []
        appendPoints(points, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `points(points)`'s bytes, appended.
    static func appendPoints(_ points: [(x: Double, y: Double)], to out: inout [UInt8]) {
        for (n, point) in points.enumerated() {
            if n > 0 { out.append(UInt8(ascii: " ")) }
            appendNumber(point.x, to: &out)
            out.append(UInt8(ascii: ","))
            appendNumber(point.y, to: &out)
        }
    }

    /// The whole document: the root element with its accessible name and
    /// description, then the body's lines.
    static func document(idPrefix: String, kind: String, width: Int, height: Int, title: String, description: String, body: SVGBody) -> String {
        let id = Self.idPrefix(idPrefix)
        var out = SVGBody()
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-type-\(kind)\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-labelledby=\"\(id)-title\" aria-describedby=\"\(id)-desc\" fill=\"currentColor\" font-size=\"10\">")
        out.append("<title id=\"\(id)-title\">\(escaped: collapseWhitespace(title))</title>")
        out.append("<desc id=\"\(id)-desc\">\(escaped: collapseWhitespace(description))</desc>")
        out.bytes.reserveCapacity(out.bytes.count + body.bytes.count + 6)
        out.bytes += body.bytes
        out.bytes += "</svg>".utf8
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// A value pinned into a range (for drawing; descriptions keep the real value).
    static func clamp(_ value: Int, _ range: ClosedRange<Int>) -> Int {
        min(max(value, range.lowerBound), range.upperBound)
    }

    /// The values that get a gridline: every step of the range while there
    /// are at most `maxSteps`, else a round step (2, 5, 10, 20, 50, …); both
    /// ends of the range are always included.
    static func gridValues(_ range: ClosedRange<Int>, maxSteps: Int) -> [Int] {
        let lower = range.lowerBound, upper = range.upperBound
        guard upper > lower else { return [lower] }
        let span = upper - lower
        var step = 1
        var magnitude = 1
        search: while magnitude <= 100_000_000_000_000_000 {
            for factor in [1, 2, 5] {
                step = factor * magnitude
                if span / step <= maxSteps { break search }
            }
            magnitude *= 10
        }
        if step == 1 { return Array(range) }
        // Multiples of the step strictly inside the range.
        var quotient = lower / step
        if lower % step != 0 && lower < 0 { quotient -= 1 }
        var values = [lower]
        var value = (quotient + 1) * step
        while value < upper {
            if (value - lower) * 2 >= step { values.append(value) }
            value += step
        }
        // An end too close to the last multiple would crowd its label.
        if let last = values.last, values.count > 1, (upper - last) * 2 < step { values.removeLast() }
        values.append(upper)
        return values
    }
}

/// A chart's lines as bytes, each ended by a new line, written as it is drawn:
/// a chart had been a list of Strings, each made by interpolation and joined.
struct SVGBody {
    var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(2048)
    }

    var isEmpty: Bool { bytes.isEmpty }

    /// One line.
    mutating func append(_ line: SVGLine) {
        bytes += line.bytes
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Another body's lines.
    mutating func append(_ lines: SVGBody) {
        bytes += lines.bytes
    }

    /// A `<text>` element on a line of its own, after `indent`: one line of
    /// text as plain content, several as `<tspan>`s whose first baseline is
    /// `y`, each next one `lineHeight` lower.
    mutating func appendText(_ lines: [String], x: Double, y: Double, lineHeight: Double, anchor: String, cssClass: String, indent: String = "") {
        var line: SVGLine = "\(indent)<text class=\"\(cssClass)\" x=\"\(n: x)\" y=\"\(n: y)\""
        if anchor != "start" {
            let attribute: SVGLine = " text-anchor=\"\(anchor)\""
            line.bytes += attribute.bytes
        }
        line.bytes.append(UInt8(ascii: ">"))
        if lines.count == 1 {
            SVG.appendEscaped(lines[0], to: &line.bytes)
        } else {
            for (index, text) in lines.enumerated() {
                let tspan: SVGLine = "<tspan x=\"\(n: x)\" y=\"\(n: y + Double(index) * lineHeight)\">\(escaped: text)</tspan>"
                line.bytes += tspan.bytes
            }
        }
        line.bytes += "</text>".utf8
        append(line)
    }
}

/// One line of a chart, written by interpolation straight into bytes:
/// `\(n: x)` for a coordinate (`SVG.number`), `\(escaped: label)` for text,
/// `\(points: spots)` for a list of points; a String as it is; an Int's digits.
struct SVGLine: ExpressibleByStringInterpolation {
    var bytes: [UInt8]

    init(stringLiteral literal: String) {
        bytes = Array(literal.utf8)
    }

    init(stringInterpolation: Interpolation) {
        bytes = stringInterpolation.bytes
    }

    struct Interpolation: StringInterpolationProtocol {
        var bytes: [UInt8] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            bytes.reserveCapacity(literalCapacity + interpolationCount * 8)
        }

        mutating func appendLiteral(_ literal: String) {
            bytes += literal.utf8
        }

        mutating func appendInterpolation(_ text: String) {
            bytes += text.utf8
        }

        mutating func appendInterpolation(_ value: Int) {
            bytes.append(decimal: value)
        }

        mutating func appendInterpolation(n value: Double) {
            SVG.appendNumber(value, to: &bytes)
        }

        mutating func appendInterpolation(escaped text: String) {
            SVG.appendEscaped(text, to: &bytes)
        }

        mutating func appendInterpolation(points: [(x: Double, y: Double)]) {
            SVG.appendPoints(points, to: &bytes)
        }
    }
}
