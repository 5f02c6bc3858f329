/// A small HTML tokenizer after the WHATWG tokenization rules, enough to see a
/// page as a browser would: start tags with their attributes (character
/// references decoded), text, comments, and the raw text of `<script>`,
/// `<style>`, `<title>` and `<textarea>`. For checking that nothing from
/// content became an element, an attribute or a URL.
struct HTMLTokens {
    struct StartTag {
        var name: String
        var attributes: [(name: String, value: String)]
        /// The raw text up to the end tag, for `script`, `style`, `title` and `textarea`.
        var rawText: String?
        /// 1-based line of the `<`.
        var line: Int

        func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }
    }

    private(set) var startTags: [StartTag] = []
    /// Text between tags, character references decoded.
    private(set) var text = ""

    static let rawTextElements: Set<String> = ["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "plaintext"]

    init(_ html: String) {
        let s = Array(html.unicodeScalars)
        var i = 0
        var line = 1
        func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
            (c.value >= 0x41 && c.value <= 0x5A) ? Unicode.Scalar(c.value + 0x20)! : c
        }
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\u{C}" || c == "\r" }
        func isLetter(_ c: Unicode.Scalar) -> Bool { (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A) }
        func starts(with prefix: String, at k: Int, caseInsensitive: Bool = true) -> Bool {
            let p = Array(prefix.unicodeScalars)
            guard k + p.count <= s.count else { return false }
            for j in 0..<p.count where (caseInsensitive ? lower(s[k + j]) : s[k + j]) != p[j] { return false }
            return true
        }
        var pendingText = ""
        while i < s.count {
            let c = s[i]
            if c == "\n" { line += 1 }
            guard c == "<", i + 1 < s.count else {
                pendingText.unicodeScalars.append(c)
                i += 1
                continue
            }
            let next = s[i + 1]
            if starts(with: "<!--", at: i) {
                // A comment ends at the first `-->` (or `--!>`); `<!-->` and `<!--->` end at once.
                var j = i + 4
                if j < s.count, s[j] == ">" { i = j + 1; continue }
                if j + 1 < s.count, s[j] == "-", s[j + 1] == ">" { i = j + 2; continue }
                while j < s.count, !starts(with: "-->", at: j), !starts(with: "--!>", at: j) {
                    if s[j] == "\n" { line += 1 }
                    j += 1
                }
                i = min(s.count, j + (starts(with: "--!>", at: j) ? 4 : 3))
                continue
            }
            if next == "!" || next == "?" || (next == "/" && !(i + 2 < s.count && isLetter(s[i + 2]))) {
                // A doctype or a bogus comment, up to the next `>`; `</>` is dropped.
                var j = i + 1
                while j < s.count, s[j] != ">" {
                    if s[j] == "\n" { line += 1 }
                    j += 1
                }
                i = j + 1
                continue
            }
            let isEnd = next == "/"
            let nameStart = isEnd ? i + 2 : i + 1
            guard nameStart < s.count, isLetter(s[nameStart]) else {
                pendingText.unicodeScalars.append(c)
                i += 1
                continue
            }
            text += Self.decode(pendingText)
            pendingText = ""
            let tagLine = line
            var j = nameStart
            var name = ""
            while j < s.count, !isSpace(s[j]), s[j] != "/", s[j] != ">" {
                name.unicodeScalars.append(lower(s[j]))
                j += 1
            }
            var attributes: [(String, String)] = []
            // Attributes, as the "before attribute name" state reads them.
            while j < s.count, s[j] != ">" {
                if isSpace(s[j]) || s[j] == "/" {
                    if s[j] == "\n" { line += 1 }
                    j += 1
                    continue
                }
                var attributeName = ""
                attributeName.unicodeScalars.append(lower(s[j]))
                j += 1
                while j < s.count, !isSpace(s[j]), s[j] != "/", s[j] != ">", s[j] != "=" {
                    attributeName.unicodeScalars.append(lower(s[j]))
                    j += 1
                }
                while j < s.count, isSpace(s[j]) {
                    if s[j] == "\n" { line += 1 }
                    j += 1
                }
                var value = ""
                if j < s.count, s[j] == "=" {
                    j += 1
                    while j < s.count, isSpace(s[j]) { j += 1 }
                    if j < s.count, s[j] == "\"" || s[j] == "'" {
                        let quote = s[j]
                        j += 1
                        while j < s.count, s[j] != quote {
                            if s[j] == "\n" { line += 1 }
                            value.unicodeScalars.append(s[j])
                            j += 1
                        }
                        j += 1
                    } else {
                        while j < s.count, !isSpace(s[j]), s[j] != ">" {
                            value.unicodeScalars.append(s[j])
                            j += 1
                        }
                    }
                }
                if !isEnd, !attributes.contains(where: { $0.0 == attributeName }) {
                    attributes.append((attributeName, Self.decode(value)))
                }
            }
            i = j + 1
            guard !isEnd else { continue }
            var tag = StartTag(name: name, attributes: attributes, rawText: nil, line: tagLine)
            if Self.rawTextElements.contains(name) {
                // Everything up to `</name` is text.
                var k = i
                while k < s.count, !starts(with: "</" + name, at: k) {
                    if s[k] == "\n" { line += 1 }
                    k += 1
                }
                var raw = String.UnicodeScalarView()
                raw.append(contentsOf: s[i..<min(k, s.count)])
                tag.rawText = String(raw)
                i = k
            }
            startTags.append(tag)
        }
        text += Self.decode(pendingText)
    }

    /// Character references: numeric ones, and the named ones that matter here.
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "colon": ":", "tab": "\t",
        "newline": "\n", "sol": "/", "lpar": "(", "rpar": ")", "period": ".", "comma": ",", "semi": ";", "equals": "=",
    ]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            let reference = after.prefix { $0 != ";" && $0 != "&" && $0 != " " && $0 != "<" }.prefix(32)
            var replacement: String?
            if reference.hasPrefix("#x") || reference.hasPrefix("#X") {
                replacement = UInt32(reference.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if reference.hasPrefix("#") {
                replacement = UInt32(reference.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                replacement = named[reference.lowercased()]
            }
            if let replacement {
                out += replacement
                rest = after.dropFirst(reference.count)
                if rest.first == ";" { rest = rest.dropFirst() }
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }
}
