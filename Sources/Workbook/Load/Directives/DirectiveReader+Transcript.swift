import WorkbookMarkdown

extension DirectiveReader {
    /// Paragraphs `Speaker: words`; an `Annotation:` paragraph belongs to the
    /// turn before it; a paragraph with no speaker continues the turn before it.
    mutating func readTranscript(_ directive: Directive, id: String) -> Transcript {
        var turns: [Transcript.Turn] = []
        let problemsBefore = diagnostics.count
        for block in directive.body {
            guard case .paragraph(let content, let location) = block else {
                if case .directive(let inner) = block {
                    nestingError(inner, in: .transcript)
                } else {
                    error("`transcript` holds paragraphs of the form `Speaker: words`", at: block.startLocation ?? directive.location)
                }
                continue
            }
            if let (speaker, words) = Self.splitSpeaker(content) {
                if speaker.lowercased() == "annotation" {
                    guard !turns.isEmpty else {
                        error("an `Annotation:` must follow a turn; this one comes before any `Speaker: words`", at: location)
                        continue
                    }
                    turns[turns.count - 1].annotations.append(words)
                } else {
                    turns.append(Transcript.Turn(speaker: speaker, paragraphs: [words], annotations: []))
                }
            } else if !turns.isEmpty, turns[turns.count - 1].annotations.isEmpty {
                turns[turns.count - 1].paragraphs.append(content)
            } else if !turns.isEmpty {
                turns[turns.count - 1].annotations.append(content)
            } else {
                error("a transcript turn starts with its speaker: `Interviewer: words`", at: location)
            }
        }
        if turns.isEmpty, diagnostics.count == problemsBefore {
            warning("transcript `\(id)` has no turns", at: directive.location)
        }
        return Transcript(id: id, title: directive.title, turns: turns, location: directive.location)
    }

    /// `Speaker: words` or `**Speaker:** words` → ("Speaker", words).
    static func splitSpeaker(_ content: Inlines) -> (String, Inlines)? {
        switch content.withLeadingText(leadingSpeaker) {
        case .noSpeaker?: return nil
        case .speaker(let name, let skipped)?: return speaker(name, content.droppingLeadingText(bytes: skipped))
        case .unsure?, nil: break
        }
        guard let first = content.first else { return nil }
        var rest: Inlines
        var speaker: String
        switch first {
        case .text(let text):
            guard let colon = Self.firstColon(text) else { return nil }
            speaker = String(text[..<colon])
            rest = content.droppingLeadingText(bytes: Self.colonAndSpaces(in: text, from: colon))
        case .strong(let inner), .emphasis(let inner):
            rest = content.droppingFirst()
            speaker = inner.plainText
            if speaker.hasSuffix(":") {
                speaker.removeLast()
            } else if case .text(let text)? = rest.first, text.hasPrefix(":") {
                rest = rest.droppingLeadingText(bytes: Self.colonAndSpaces(in: text, from: text.startIndex))
            } else {
                return nil
            }
        default:
            return nil
        }
        return Self.speaker(speaker, rest)
    }

    /// The speaker's name, trimmed, when it reads as one, and the words.
    private static func speaker(_ name: String, _ words: Inlines) -> (String, Inlines)? {
        let speaker = name.trimmingSpaces
        // At most 40 bytes are at most 40 characters: most names are not counted.
        guard !speaker.isEmpty, speaker.utf8.count <= 40 || speaker.count <= 40, !speaker.containsByte(UInt8(ascii: "\n")) else { return nil }
        var rest = words
        if case .softBreak? = rest.first { rest = rest.droppingFirst() }
        return (speaker, rest)
    }

    /// What a leading text's bytes say about a speaker.
    private enum LeadingSpeaker {
        /// No colon at all.
        case noSpeaker
        /// The text before the colon, and how many bytes the colon and the spaces after it end at.
        case speaker(String, Int)
        /// A colon after non-ASCII text, or far in: read as characters instead.
        case unsure
    }

    /// The speaker read from the first text's bytes, without copying the
    /// paragraph's text out (every paragraph of every transcript is read).
    /// Where the bytes up to the words are ASCII, each byte is a character,
    /// so the colon and spaces found are the ones `firstColon` and `colonAndSpaces` find.
    private static func leadingSpeaker(_ bytes: UnsafeBufferPointer<UInt8>) -> LeadingSpeaker {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return .noSpeaker }
        var end = colon + 1
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") { end += 1 }
        let checked = min(end + 1, bytes.count)
        guard checked <= 256, UnsafeBufferPointer(rebasing: bytes[..<checked]).allSatisfy({ $0 < 0x80 }) else { return .unsure }
        return .speaker(String(decoding: UnsafeBufferPointer(rebasing: bytes[..<colon]), as: UTF8.self), end)
    }

    /// How many bytes of `text` come before the words after the colon at `colon`:
    /// the text up to it, the colon and the spaces after it.
    static func colonAndSpaces(in text: String, from colon: String.Index) -> Int {
        var end = text.index(after: colon)
        while end < text.endIndex, text[end] == " " { end = text.index(after: end) }
        return text.utf8.distance(from: text.utf8.startIndex, to: end)
    }

    /// `text.firstIndex(of: ":")`, found by its byte when the colon is a
    /// character of its own (ASCII on both sides): a transcript's every
    /// paragraph is searched, and most have no speaker's colon early on.
    static func firstColon(_ text: String) -> String.Index? {
        let utf8 = text.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let before = colon == utf8.startIndex || utf8[utf8.index(before: colon)] < 0x80
        let next = utf8.index(after: colon)
        let after = next == utf8.endIndex || utf8[next] < 0x80
        return before && after ? colon : text.firstIndex(of: ":")
    }
}

import Foundation
