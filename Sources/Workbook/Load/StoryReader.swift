import Yams
import WorkbookMarkdown

/// Reads one story file: front matter (scope, shape, claims, anchors,
/// metrics, drills) and the narrative.
enum StoryReader {
    static func read(_ text: String, path: String, name: String) -> (Story?, [Diagnostic]) {
        let split: FrontMatterSplitter.Split
        switch FrontMatterSplitter.split(text, path: path, keys: "story") {
        case .success(let s): split = s
        case .failure(let problem): return (nil, [problem])
        }
        let (parsed, problems) = YAMLMapping.parse(String(split.yaml), path: path, lineOffset: 1, what: "front matter")
        guard var yaml = parsed else { return (nil, problems) }
        var diagnostics = problems
        let title = yaml.string("title", required: true)
        let when = yaml.string("when")
        if let when, let node = yaml.node("when"), !isYearMonth(when) {
            yaml.error("invalid `when` value `\(when)`: write a year (`2025`) or a year and month (`2025-03`)", at: yaml.location(node))
        }
        let scope = required(&yaml, "scope", Story.Scope.self)
        let shape = required(&yaml, "shape", Story.Shape.self)
        let claims = readClaims(&yaml)
        let anchors = readAnchors(&yaml)
        let anchorsKey = yaml.mapping.first { $0.key.string == "anchors" }?.key ?? yaml.mapping.first { $0.key.string == "title" }?.key
        let anchorsLocation = anchorsKey.map { yaml.location($0) } ?? yaml.start
        let metrics = yaml.strings("metrics")?.map(\.0) ?? []
        let drills = yaml.strings("drills")?.map { (id: $0.0, location: $0.1) } ?? []
        yaml.warnUnknownKeys(in: "story front matter")
        diagnostics += yaml.diagnostics

        let reader = BodyReader(split, path: path)
        diagnostics += reader.diagnostics
        guard let title, let scope, let shape else { return (nil, diagnostics) }

        var parts: Set<Story.Part> = []
        for case .markdown(.heading(let heading)) in reader.body {
            let text = heading.content.plainText.lowercased()
            for part in Story.Part.allCases where Self.mentions(text, part.rawValue.lowercased()) { parts.insert(part) }
        }
        let (i, we) = PersonCount.count(String(split.body))
        let story = Story(
            path: path, name: name, title: title, when: when, scope: scope, shape: shape, claims: claims,
            anchors: anchors, metrics: metrics, drills: drills, body: reader.body, ids: reader.ids,
            parts: parts, iCount: i, weCount: we, findings: [], text: text, bodyLine: split.bodyFirstLine,
            anchorsLocation: anchorsLocation)
        return (story, diagnostics)
    }

    static func isYearMonth(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count == 4, Int(parts[0]) != nil else { return false }
        if parts.count == 2 {
            guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return false }
        }
        return true
    }

    private static func required<T: RawRepresentable & CaseIterable>(_ yaml: inout YAMLMapping, _ key: String, _ type: T.Type) -> T? where T.RawValue == String {
        guard yaml.node(key) != nil else {
            let names = T.allCases.map(\.rawValue).joined(separator: " | ")
            yaml.error("missing required key `\(key)` (\(names))", at: yaml.start)
            return nil
        }
        return yaml.choice(key, of: type)
    }

    private static func readClaims(_ yaml: inout YAMLMapping) -> [Story.Claim] {
        guard let node = yaml.node("claims") else { return [] }
        guard let sequence = node.sequence else {
            yaml.error("`claims` must be a list of `- text: ...` entries with an `authority:`", at: yaml.location(node))
            return []
        }
        var claims: [Story.Claim] = []
        for item in sequence {
            if let text = item.scalar?.string {
                claims.append(Story.Claim(text: text, authority: nil, location: yaml.location(item)))
                continue
            }
            guard let mapping = item.mapping, let text = mapping["text"]?.string else {
                yaml.error("a claim needs `text:` (and an `authority:`)", at: yaml.location(item))
                continue
            }
            var authority: Story.Authority?
            if let value = mapping["authority"] {
                authority = value.string.flatMap(Story.Authority.init(rawValue:))
                if authority == nil {
                    let names = Story.Authority.allCases.map(\.rawValue).joined(separator: ", ")
                    yaml.error("invalid authority `\(value.string ?? "")`: use one of \(names)", at: yaml.location(value))
                }
            }
            for (key, _) in mapping where key.string != "text" && key.string != "authority" {
                yaml.diagnostics.append(.warning("unknown key `\(key.string ?? "")` in a claim", at: yaml.location(key), path: yaml.path))
            }
            claims.append(Story.Claim(text: text, authority: authority, location: yaml.location(item)))
        }
        return claims
    }

    private static func readAnchors(_ yaml: inout YAMLMapping) -> Story.Anchors {
        guard let node = yaml.node("anchors") else { return Story.Anchors() }
        guard let mapping = node.mapping else {
            yaml.error("`anchors` must be a mapping with `decision:`, `hands_on:` and `risk:`", at: yaml.location(node))
            return Story.Anchors()
        }
        func value(_ key: String) -> String? {
            guard let text = mapping[key]?.string?.trimmingSpaces, !text.isEmpty else { return nil }
            return text
        }
        for (key, _) in mapping where !["decision", "hands_on", "risk"].contains(key.string ?? "") {
            yaml.diagnostics.append(.warning("unknown anchor `\(key.string ?? "")`; anchors are `decision`, `hands_on` and `risk`", at: yaml.location(key), path: yaml.path))
        }
        return Story.Anchors(decision: value("decision"), handsOn: value("hands_on"), risk: value("risk"))
    }
}

/// Counts first-person words: "I" (I, me, my, mine, I'm, ...) against "we"
/// (we, us, our, ours, we're, ...), whole words, any case.
enum PersonCount {
    static let singular: Set<String> = ["i", "me", "my", "mine", "myself", "i'm", "i've", "i'll", "i'd"]
    static let plural: Set<String> = ["we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll", "we'd"]

    /// The length in bytes of the longest pronoun.
    static let longest = singular.union(plural).map(\.utf8.count).max() ?? 0

    /// The pronouns as bytes, each with whether it is singular, listed under
    /// their first byte: a word is compared in place, not made into a String
    /// and hashed (a story has thousands of short words), and only with the
    /// few pronouns of its first letter and length.
    fileprivate static let pronounsByFirstByte: [[(bytes: [UInt8], singular: Bool)]] = {
        let all = singular.sorted().map { (Array($0.utf8), true) } + plural.sorted().map { (Array($0.utf8), false) }
        return (0...255).map { byte in all.filter { $0.0.first == UInt8(byte) } }
    }()

    static func count(_ text: String) -> (i: Int, we: Int) {
        var counter = Counter()
        text.withUTF8Bytes { utf8 in
            var index = 0
            while index < utf8.count {
                let lead = utf8[index]
                if lead < 0x80 {
                    // ASCII, nearly all text: a letter is lowercased by a bit.
                    index += 1
                    if (lead | 0x20) >= UInt8(ascii: "a") && (lead | 0x20) <= UInt8(ascii: "z") {
                        counter.word.append(lead >= 0x41 && lead <= 0x5A ? lead | 0x20 : lead)
                    } else if lead == UInt8(ascii: "'"), !counter.word.isEmpty {
                        counter.word.append(lead)
                    } else {
                        counter.flush()
                    }
                    continue
                }
                // Any other scalar decoded (a String's bytes are well-formed).
                var decoder = UTF8()
                var iterator = utf8[index...].makeIterator()
                guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { break }
                index += UTF8.width(scalar)
                if WordLetters.isLetter(scalar) {
                    WordLetters.appendLowercased(scalar, to: &counter.word)
                } else if scalar == "\u{2019}", !counter.word.isEmpty {
                    counter.word.append(UInt8(ascii: "'"))
                } else {
                    counter.flush()
                }
            }
        }
        counter.flush()
        return (counter.i, counter.we)
    }

    /// The counts so far and the word being read: its methods change it in
    /// place (a nested function would hold what it changes in boxes).
    private struct Counter: ~Copyable {
        var i = 0, we = 0
        var word = ByteBuffer(capacity: 64)

        mutating func flush() {
            // No pronoun is longer than "ourselves": longer words are not looked up.
            if !word.isEmpty, word.count <= PersonCount.longest,
                let pronoun = word.withBytes({ bytes in
                    PersonCount.pronounsByFirstByte[Int(bytes[0])].first { $0.bytes.count == bytes.count && $0.bytes.elementsEqual(bytes) }
                })
            {
                if pronoun.singular { i += 1 } else { we += 1 }
            }
            word.removeAll()
        }
    }
}

import Foundation

extension StoryReader {
    /// Whether `text` holds `word`: where every byte of `text` is a
    /// character, by its bytes (Foundation's search, 4,000 instructions a
    /// call, read each heading seven times); otherwise as Foundation finds it.
    static func mentions(_ text: String, _ word: String) -> Bool {
        guard text.bytesAreCharacters else { return text.contains(word) }
        return text.withUTF8Bytes { haystack in
            word.withUTF8Bytes { needle in
                guard let first = needle.first, haystack.count >= needle.count else { return needle.isEmpty }
                var i = 0
                while i <= haystack.count - needle.count {
                    if haystack[i] == first, memcmp(haystack.baseAddress! + i, needle.baseAddress!, needle.count) == 0 { return true }
                    i += 1
                }
                return false
            }
        }
    }
}
