import WorkbookMarkdown

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks of the personal layer against the workbook: stories (the evidence
/// stack, anchors, avoid phrases, authority labels, "we" over "I") and scores
/// (rubrics, dimensions, scales).
enum PersonalChecks {
    /// What stories are checked against that comes from the chapters alone:
    /// the avoid phrases, matched in one pass. Built before the stories are
    /// read (beside their loading), so it is its own step.
    struct AvoidPhrases: Sendable {
        /// The chapters' names and phrases, hashed: a live build's findings are
        /// reused while it is the same.
        let key: Int
        let matcher: PhraseMatcher
    }

    /// The chapters' avoid phrases, named where the author listed them
    /// (relative to the content folder).
    /// - Parameter cache: a live build's memo: the matcher is reused while the phrases are the same.
    static func avoidPhrases(of chapters: [Chapter], cache: BuildCache? = nil) -> AvoidPhrases {
        var hasher = Hasher()
        for chapter in chapters {
            hasher.combine(chapter.name)
            hasher.combine(chapter.avoidPhrasesHash)
        }
        let key = hasher.finalize()
        let make = {
            PhraseMatcher(
                chapters.lazy.flatMap { chapter in chapter.avoidPhrases.lazy.map { (chapter: chapter.name, phrase: $0) } },
                text: \.phrase.text, definedAt: { "chapters/\($0.chapter).md:\($0.phrase.location.line)" })
        }
        return AvoidPhrases(key: key, matcher: cache?.phraseMatcher(key: key, make) ?? make())
    }

    /// Stories get their findings filled in; returns every diagnostic.
    /// - Parameters:
    ///   - phrases: `avoidPhrases(of: chapters)`, made when not given.
    ///   - cache: a live build's memo: a story's findings are reused while its
    ///     text and the phrases are the same.
    static func check(
        _ personal: inout PersonalLayer, chapters: [Chapter], phrases: AvoidPhrases? = nil, cache: BuildCache? = nil
    ) -> [Diagnostic] {
        // The drills stories name and the rubrics scores name, found (only they
        // are looked up: a workbook has thousands).
        let named = Set(personal.stories.flatMap { $0.drills.map(\.id) })
        let scored = Set(personal.scores.map(\.rubric))
        var drills: Set<String> = []
        var rubrics: [String: Rubric] = [:]
        for chapter in chapters {
            // By index: only the id is read, not a copy of every drill and rubric.
            for i in chapter.drills.indices where named.contains(chapter.drills[i].id) { drills.insert(chapter.drills[i].id) }
            for i in chapter.rubrics.indices where scored.contains(chapter.rubrics[i].id) { rubrics[chapter.rubrics[i].id] = chapter.rubrics[i] }
        }
        let phrases = phrases ?? avoidPhrases(of: chapters, cache: cache)
        let (phrasesKey, matcher) = (phrases.key, phrases.matcher)
        var diagnostics: [Diagnostic] = []
        // Stories are matched against the phrases in parallel.
        let found = parallelMap(personal.stories) { story in
            cache?.findings.value(path: story.path, text: story.text, also: phrasesKey) { findings(story, matcher: matcher) }
                ?? findings(story, matcher: matcher)
        }
        for index in personal.stories.indices {
            var story = personal.stories[index]
            for drill in story.drills where !drills.contains(drill.id) {
                let all = Set(chapters.flatMap { $0.drills.map(\.id) })
                diagnostics.append(.error("story names unknown drill `\(drill.id)`\(suggestion(drill.id, in: all))", at: drill.location, path: story.path))
            }
            story.findings = found[index]
            diagnostics += story.findings
            personal.stories[index] = story
        }
        for entry in personal.scores {
            diagnostics += check(entry, rubrics: rubrics, path: personal.scoresPath ?? "") { Set(chapters.flatMap { $0.rubrics.map(\.id) }) }
        }
        return diagnostics
    }

    static func suggestion(_ id: String, in ids: Set<String>) -> String {
        guard let near = ids.sorted().first(where: { $0.isNear(id) }) else { return "" }
        return "; did you mean `\(near)`?"
    }

    /// The warnings a story's page and the inventory show.
    static func findings(_ story: Story, matcher: PhraseMatcher) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let body = SourceLocation(line: story.bodyLine, column: 1)
        let missing = Story.Part.allCases.filter { !story.parts.contains($0) }
        if !missing.isEmpty {
            let names = missing.map(\.rawValue).joined(separator: ", ")
            let headings = missing.map { "`## \($0.rawValue)`" }.joined(separator: ", ")
            out.append(.warning("story is missing part\(missing.count == 1 ? "" : "s") of the evidence stack: \(names); add \(headings)", at: body, path: story.path))
        }
        let anchors: [(String, String?)] = [("decision", story.anchors.decision), ("hands_on", story.anchors.handsOn), ("risk", story.anchors.risk)]
        for (key, value) in anchors where value == nil {
            out.append(.warning("story has no hands-on anchor `\(key)`: add it under `anchors:`", at: story.anchorsLocation, path: story.path))
        }
        for claim in story.claims where claim.authority == nil {
            out.append(.warning("claim \"\(claim.text)\" has no authority label: add `authority:` (decided, recommended, implemented, ...)", at: claim.location, path: story.path))
        }
        for match in matcher.matches(in: story.text) {
            out.append(.warning("story uses the avoid phrase \"\(match.phrase)\" (listed at \(match.definedAt))", at: match.location, path: story.path))
        }
        if story.weCount >= 3, story.weCount >= 3 * story.iCount {
            out.append(.warning("story says \"we\" \(story.weCount) times and \"I\" \(story.iCount) time\(story.iCount == 1 ? "" : "s"): say what you did yourself", at: body, path: story.path))
        }
        return out
    }

    /// - Parameters:
    ///   - rubrics: the rubrics score entries name, by id.
    ///   - allRubrics: every rubric's id, for the suggestion when the entry names none.
    static func check(_ entry: ScoreEntry, rubrics: [String: Rubric], path: String, allRubrics: () -> Set<String>) -> [Diagnostic] {
        guard let rubric = rubrics[entry.rubric] else {
            return [.error("score entry names unknown rubric `\(entry.rubric)`\(suggestion(entry.rubric, in: allRubrics()))", at: entry.location, path: path)]
        }
        var out: [Diagnostic] = []
        let names = Set(rubric.dimensions.map(\.name))
        for (dimension, value) in entry.scores {
            if !names.contains(dimension) {
                let list = rubric.dimensions.map { "`\($0.name)`" }.joined(separator: ", ")
                out.append(.error("rubric `\(rubric.id)` has no dimension `\(dimension)`; its dimensions: \(list)", at: entry.location, path: path))
            } else if !rubric.scale.contains(value) {
                out.append(.error("score \(value) for `\(dimension)` is outside the scale \(rubric.scale.lowerBound)-\(rubric.scale.upperBound) of rubric `\(rubric.id)`", at: entry.location, path: path))
            }
        }
        let scored = Set(entry.scores.map(\.dimension))
        let unscored = rubric.dimensions.map(\.name).filter { !scored.contains($0) }
        if !unscored.isEmpty {
            out.append(.error("score entry of \(entry.date) leaves \(unscored.map { "`\($0)`" }.joined(separator: ", ")) unscored; score every dimension of `\(rubric.id)`", at: entry.location, path: path))
        }
        return out
    }
}

/// Finds phrases in text ignoring case, punctuation and straight versus
/// curly quotes, on word boundaries, with the position of each find.
struct PhraseMatcher: Sendable {
    struct Match {
        var phrase: String
        var definedAt: String
        var location: SourceLocation
    }

    private struct Phrase {
        var words: [String]
        var text: String
        var definedAt: String
        /// Its place in the listing: matches at one word come in this order.
        var order: Int
    }

    /// Phrases by their first word, then by their second ("" for a phrase of
    /// one word), so a story is scanned once, not once per phrase, and a
    /// common first word ("I", "we") narrows to a few phrases at once.
    private let byFirstWords: [String: [String: [Phrase]]]
    /// The first words' hashes (`Words.hash`) as bits of 32,768: a story's
    /// word whose bit is clear starts no phrase, and is not made a String
    /// and looked up (most words).
    private let firstWordBits: [UInt64]

    /// A phrase listed in several chapters is matched once, with its first listing.
    init(_ phrases: [(text: String, definedAt: String)]) {
        self.init(phrases, text: \.text, definedAt: \.definedAt)
    }

    /// `definedAt` is asked only for the listing a phrase is matched with.
    init<S: Sequence>(_ phrases: S, text: (S.Element) -> String, definedAt: (S.Element) -> String) {
        var index: [String: [String: [Phrase]]] = [:]
        var seen: Set<[String]> = []
        var bits = [UInt64](repeating: 0, count: Self.bitWords)
        // The same text listed again has the same words: skipped before they are read.
        var texts: Set<String> = []
        for phrase in phrases {
            let text = text(phrase)
            guard texts.insert(text).inserted else { continue }
            let found = Words(text)
            guard let first = found.list.first else { continue }
            let words = found.list.indices.map(found.word)
            guard seen.insert(words).inserted else { continue }
            let display = text.trimming(Self.isDisplayTrimmed)
            let second = words.count > 1 ? words[1] : ""
            index[words[0], default: [:]][second, default: []].append(Phrase(words: words, text: display, definedAt: definedAt(phrase), order: seen.count))
            Self.setBit(first.hash, in: &bits)
        }
        byFirstWords = index
        firstWordBits = bits
    }

    private static let bitWords = 512

    private static func setBit(_ hash: UInt64, in bits: inout [UInt64]) {
        let bit = Int(hash & UInt64(bitWords * 64 - 1))
        bits[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    private func mayStartPhrase(_ hash: UInt64) -> Bool {
        let bit = Int(hash & UInt64(Self.bitWords * 64 - 1))
        return firstWordBits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// Quotes, spaces and full stops around a phrase as listed, which its
    /// warnings leave out.
    private static func isDisplayTrimmed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", " ", ".": true
        default: false
        }
    }

    /// The words of a text, lowercased, with where each starts. Letters and
    /// digits make words; apostrophes vanish ("don't" and "don’t" match);
    /// spaces, dashes, quotes and other punctuation separate words.
    static func words(_ text: String) -> [(word: String, line: Int, column: Int)] {
        let found = Words(text)
        return found.list.indices.map { (found.word($0), Int(found.list[$0].line), Int(found.list[$0].column)) }
    }

    /// A text's words, lowercased, end to end in one buffer, each with its
    /// place and a hash of its bytes: no String is made per word.
    struct Words {
        struct Word {
            var start: Int32
            var end: Int32
            var line: Int32
            var column: Int32
            /// FNV-1a of the lowercased bytes.
            var hash: UInt64
        }

        private(set) var bytes: [UInt8] = []
        private(set) var list: [Word] = []

        init(_ text: String) {
            // One loop with no nested functions: a function that changed these
            // would hold them in boxes, checked for exclusive access at every byte.
            var line: Int32 = 1, column: Int32 = 1
            var start: (line: Int32, column: Int32) = (1, 1)
            var wordStart = 0
            var hash = Self.seed
            var scratch = ByteBuffer(capacity: 16)
            // Appended in place (an array's append checks that its storage is
            // not shared, at every byte); handed over as an array at the end.
            var bytes = ByteBuffer(capacity: text.utf8.count + 16)
            var list: [Word] = []
            let kinds = Self.asciiKinds
            text.withUTF8Bytes { utf8 in
                var i = 0
                while i <= utf8.count {
                    // Past the end, a space closes the last word.
                    let lead = i < utf8.count ? utf8[i] : 0x20
                    if lead < 0x80 {
                        // ASCII, nearly all text: classified by a table, lowercased by a bit.
                        i += 1
                        let kind = kinds[Int(lead)]
                        if kind == Self.wordByte {
                            if wordStart == bytes.count { start = (line, column) }
                            let byte = lead >= 0x41 && lead <= 0x5A ? lead | 0x20 : lead
                            bytes.append(byte)
                            hash = (hash ^ UInt64(byte)) &* Self.prime
                        } else if kind == Self.breaksWord, wordStart < bytes.count {
                            list.append(Word(start: Int32(wordStart), end: Int32(bytes.count), line: start.line, column: start.column, hash: hash))
                            wordStart = bytes.count
                            hash = Self.seed
                        }
                        if lead == 0x0A {
                            line += 1
                            column = 1
                        } else {
                            column += 1
                        }
                        continue
                    }
                    // Any other scalar decoded (a String's bytes are well-formed).
                    var decoder = UTF8()
                    var iterator = utf8[i...].makeIterator()
                    guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { break }
                    i += UTF8.width(scalar)
                    if WordLetters.isLetter(scalar) || WordLetters.isDigit(scalar) {
                        if wordStart == bytes.count { start = (line, column) }
                        scratch.removeAll()
                        WordLetters.appendLowercased(scalar, to: &scratch)
                        scratch.withBytes { lowered in
                            for byte in lowered {
                                bytes.append(byte)
                                hash = (hash ^ UInt64(byte)) &* Self.prime
                            }
                        }
                    } else if scalar != "\u{2019}" && scalar != "\u{2018}", wordStart < bytes.count {
                        list.append(Word(start: Int32(wordStart), end: Int32(bytes.count), line: start.line, column: start.column, hash: hash))
                        wordStart = bytes.count
                        hash = Self.seed
                    }
                    column += 1
                }
            }
            self.bytes = bytes.bytes()
            self.list = list
        }

        /// What an ASCII byte is to a word: part of it (a letter or a digit),
        /// nothing (the apostrophe, which vanishes), or its end.
        private static let wordByte: UInt8 = 1, breaksWord: UInt8 = 0, vanishes: UInt8 = 2
        private static let asciiKinds: [UInt8] = (0..<128).map { value in
            let scalar = Unicode.Scalar(UInt8(value))
            if WordLetters.isLetter(scalar) || WordLetters.isDigit(scalar) { return wordByte }
            return scalar == "'" ? vanishes : breaksWord
        }

        private static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
        private static let prime: UInt64 = 0x100_0000_01b3

        /// Word `k` as a String.
        func word(_ k: Int) -> String {
            String(decoding: bytes[Int(list[k].start)..<Int(list[k].end)], as: UTF8.self)
        }

        /// Whether word `k` is `text`: its bytes compared in place.
        func word(_ k: Int, is text: String) -> Bool {
            let start = Int(list[k].start), count = Int(list[k].end) - start
            return text.withUTF8Bytes { expected in
                guard expected.count == count, count > 0 else { return expected.count == count }
                return bytes.withUnsafeBufferPointer { memcmp(expected.baseAddress!, $0.baseAddress! + start, count) == 0 }
            }
        }
    }

    /// The first phrase of either list, whichever was listed first.
    private static func earlier(_ a: inout ArraySlice<Phrase>, _ b: inout ArraySlice<Phrase>) -> Phrase? {
        guard let x = a.first else { return b.popFirst() }
        guard let y = b.first else { return a.popFirst() }
        return x.order < y.order ? a.popFirst() : b.popFirst()
    }

    func matches(in text: String) -> [Match] {
        guard !byFirstWords.isEmpty else { return [] }
        let words = Words(text)
        let count = words.list.count
        var found: [Match] = []
        var i = 0
        while i < count {
            var matched = 0
            if mayStartPhrase(words.list[i].hash), let bySecond = byFirstWords[words.word(i)] {
                // The one-word phrases and those whose second word follows, in listing order.
                var one = (bySecond[""] ?? [])[...]
                var two = (i + 1 < count ? bySecond[words.word(i + 1)] ?? [] : [])[...]
                while let phrase = Self.earlier(&one, &two) {
                    guard i + phrase.words.count <= count, phrase.words.indices.allSatisfy({ words.word(i + $0, is: phrase.words[$0]) }) else { continue }
                    let at = words.list[i]
                    found.append(Match(phrase: phrase.text, definedAt: phrase.definedAt, location: SourceLocation(line: Int(at.line), column: Int(at.column))))
                    matched = max(matched, phrase.words.count)
                }
            }
            i += max(matched, 1)
        }
        return found
    }
}
