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
        speaker = speaker.trimmingSpaces
        guard !speaker.isEmpty, speaker.count <= 40, !speaker.utf8.contains(UInt8(ascii: "\n")) else { return nil }
        if case .softBreak? = rest.first { rest = rest.droppingFirst() }
        return (speaker, rest)
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
