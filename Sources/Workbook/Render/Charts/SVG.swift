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
        let kept = text.withUTF8Bytes { bytes in
            bytes.allSatisfy { byte in
                byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
                    && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'")
            }
        }
        if kept { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A coordinate or length: rounded half away from zero to one decimal,
    /// written without a trailing `.0`, never as `-0`, never in exponent form.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        // Far beyond any chart, and beyond what fits an Int in tenths.
        let value = min(max(value, -1e12), 1e12)
        let tenths = Int((value * 10).rounded(.toNearestOrAwayFromZero))
        if tenths == 0 { return "0" }
        let magnitude = tenths.magnitude
        let whole = magnitude / 10
        let fraction = magnitude % 10
        // Digits appended to one String: an interpolation builds its own first.
        var out = tenths < 0 ? "-" : ""
        out += String(whole)
        if fraction != 0 {
            out += "."
            out += String(fraction)
        }
        return out
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
        guard width(of: text, fontSize: fontSize) > maxWidth else { return text }
        // Where every byte is a character, the bytes are read (a String made
        // of Characters appends them one at a time).
        let ellipsis = emWidth("…")
        if text.bytesAreCharacters {
            let bytes = Array(text.utf8)
            let kept = keptCount(bytes, ellipsis: ellipsis, maxWidth: maxWidth, fontSize: fontSize, em: { emWidth(Unicode.Scalar($0)) }, isSpace: { $0 == 0x20 })
            return String(decoding: bytes[..<kept], as: UTF8.self) + "…"
        }
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
        // One space apart: split at the space byte where every byte is a character.
        let words = collapsed.bytesAreCharacters
            ? collapsed.utf8.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
            : collapsed.split(separator: " ").map(String.init)
        guard !words.isEmpty else { return [] }
        guard maxLines > 1 else { return [truncate(text, toWidth: maxWidth, fontSize: fontSize)] }
        // Where every byte is a character, a candidate line's width is the
        // line's so far plus a space and the word, summed on in the same
        // order `width(of:)` sums it; otherwise it is measured whole.
        let asBytes = text.bytesAreCharacters
        func ems(_ word: String, after line: Double) -> Double {
            var ems = line
            for byte in word.utf8 { ems += emWidth(Unicode.Scalar(byte)) }
            return ems
        }
        var lines: [String] = []
        var current = ""
        var currentEms = 0.0
        var index = 0
        while index < words.count {
            let word = words[index]
            let candidate = current.isEmpty ? word : current + " " + word
            let candidateEms = asBytes ? ems(word, after: current.isEmpty ? 0 : currentEms + emWidth(" ")) : 0
            if asBytes ? candidateEms * fontSize <= maxWidth : width(of: candidate, fontSize: fontSize) <= maxWidth {
                current = candidate
                currentEms = candidateEms
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
            currentEms = 0
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// A `<text>` element: one line as plain content, several as `<tspan>`s
    /// whose first baseline is `y`, each next one `lineHeight` lower.
    static func text(_ lines: [String], x: Double, y: Double, lineHeight: Double, anchor: String, cssClass: String) -> String {
        let xs = number(x)
        var out = "<text class=\"\(cssClass)\" x=\"\(xs)\" y=\"\(number(y))\""
        if anchor != "start" { out += " text-anchor=\"\(anchor)\"" }
        out += ">"
        if lines.count == 1 {
            out += escape(lines[0])
        } else {
            for (index, line) in lines.enumerated() {
                out += "<tspan x=\"\(xs)\" y=\"\(number(y + Double(index) * lineHeight))\">\(escape(line))</tspan>"
            }
        }
        return out + "</text>"
    }

    /// A list of points for `points="…"`.
    static func points(_ points: [(x: Double, y: Double)]) -> String {
        points.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
    }

    /// The whole document: the root element with its accessible name and
    /// description, then the body lines.
    static func document(idPrefix: String, kind: String, width: Int, height: Int, title: String, description: String, body: [String]) -> String {
        let id = Self.idPrefix(idPrefix)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-type-\(kind)\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\""
        out += " role=\"img\" aria-labelledby=\"\(id)-title\" aria-describedby=\"\(id)-desc\" fill=\"currentColor\" font-size=\"10\">\n"
        out += "<title id=\"\(id)-title\">\(escape(collapseWhitespace(title)))</title>\n"
        out += "<desc id=\"\(id)-desc\">\(escape(collapseWhitespace(description)))</desc>\n"
        out.reserveCapacity(out.utf8.count + body.reduce(7) { $0 + $1.utf8.count + 1 })
        for line in body {
            out += line
            out += "\n"
        }
        out += "</svg>"
        return out
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
