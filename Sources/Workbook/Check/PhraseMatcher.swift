import WorkbookMarkdown

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// The phrases of one first word: those of one word, and the longer ones
    /// by their second word's hash (`Words.hash`).
    private struct FirstWord {
        var oneWord: [Phrase] = []
        var bySecond: [UInt64: [Phrase]] = [:]
    }

    /// Phrases by their first word's hash, then by their second's, so a story
    /// is scanned once, not once per phrase, and a common first word ("I",
    /// "we") narrows to a few phrases at once. Looked up by the hashes a
    /// story's words already have: no String is made or hashed per word. (Two
    /// words of one hash would share a list; each phrase is matched word by word.)
    private let byFirstWords: [UInt64: FirstWord]
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
        var index: [UInt64: FirstWord] = [:]
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
            let entry = Phrase(words: words, text: display, definedAt: definedAt(phrase), order: seen.count)
            if found.list.count > 1 {
                index[first.hash, default: FirstWord()].bySecond[found.list[1].hash, default: []].append(entry)
            } else {
                index[first.hash, default: FirstWord()].oneWord.append(entry)
            }
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
            if mayStartPhrase(words.list[i].hash), let candidates = byFirstWords[words.list[i].hash] {
                // The one-word phrases and those whose second word follows, in listing order.
                var one = candidates.oneWord[...]
                var two = (i + 1 < count ? candidates.bySecond[words.list[i + 1].hash] ?? [] : [])[...]
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
