import WorkbookMarkdown

/// Splits a Markdown file into its YAML front matter and its body.
enum FrontMatterSplitter {
    struct Split {
        /// The YAML between the fences.
        var yaml: Substring
        /// The Markdown after the closing fence, and its first line number.
        var body: Substring
        var bodyFirstLine: Int
    }

    /// A split as byte offsets into the file's text.
    struct Ranges {
        var yaml: Range<Int>
        var body: Range<Int>
        var bodyFirstLine: Int
    }

    enum Failure: Error {
        case missing
        case unclosed
    }

    static func split(_ text: String) -> Result<Split, Failure> {
        let utf8 = text.utf8
        func slice(_ range: Range<Int>) -> Substring {
            Substring(utf8[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)])
        }
        return split(Array(utf8)).map { Split(yaml: slice($0.yaml), body: slice($0.body), bodyFirstLine: $0.bodyFirstLine) }
    }

    /// The front matter fences found line by line: a first line `---`, and
    /// the next line `---` or `...` (trailing spaces, tabs and `\r` aside).
    static func split(_ bytes: [UInt8]) -> Result<Ranges, Failure> {
        bytes.withUnsafeBufferPointer { bytes in
            var lineNumber = 0
            var yamlStart: Int?
            var index = 0
            func isFence(_ line: UnsafeBufferPointer<UInt8>, _ dots: Bool) -> Bool {
                var end = line.count
                while end > 0, line[end - 1] == 0x20 || line[end - 1] == 0x0D || line[end - 1] == 0x09 { end -= 1 }
                guard end == 3 else { return false }
                let mark = line[0]
                return (mark == UInt8(ascii: "-") || (dots && mark == UInt8(ascii: "."))) && line[1] == mark && line[2] == mark
            }
            while index < bytes.count {
                let lineEnd = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
                let line = UnsafeBufferPointer(rebasing: bytes[index..<lineEnd])
                lineNumber += 1
                let next = lineEnd < bytes.count ? lineEnd + 1 : bytes.count
                if let start = yamlStart {
                    if isFence(line, true) {
                        return .success(Ranges(yaml: start..<index, body: next..<bytes.count, bodyFirstLine: lineNumber + 1))
                    }
                } else {
                    guard isFence(line, false) else { return .failure(.missing) }
                    yamlStart = next
                }
                index = next
            }
            return .failure(yamlStart == nil ? .missing : .unclosed)
        }
    }
}

extension FrontMatterSplitter {
    /// The split, or the diagnostic for a file without closed front matter.
    static func split(_ text: String, path: String, keys: String) -> Result<Split, Diagnostic> {
        split(text).mapError { diagnostic($0, blank: text.allSatisfy(\.isWhitespace), path: path, keys: keys) }
    }

    /// The split of a file's checked bytes, or the diagnostic for one without closed front matter.
    static func split(_ bytes: [UInt8], path: String, keys: String) -> Result<Ranges, Diagnostic> {
        split(bytes).mapError { diagnostic($0, blank: String(decoding: bytes, as: UTF8.self).allSatisfy(\.isWhitespace), path: path, keys: keys) }
    }

    private static func diagnostic(_ failure: Failure, blank: Bool, path: String, keys: String) -> Diagnostic {
        let start = SourceLocation(line: 1, column: 1)
        switch failure {
        case .missing where blank:
            return .error("the file is empty: a \(keys) starts with front matter: a `---` line, `title: ...`, and a closing `---`", at: start, path: path)
        case .missing:
            return .error("a \(keys) starts with front matter: a `---` line, `title: ...`, and a closing `---`", at: start, path: path)
        case .unclosed:
            return .error("front matter is not closed: add a `---` line after its last key", at: start, path: path)
        }
    }
}

/// The Markdown after the front matter, read into typed blocks with ids.
struct BodyReader {
    var body: [ChapterBlock]
    var ids: Set<String>
    var diagnostics: [Diagnostic]

    init(_ split: FrontMatterSplitter.Split, path: String) {
        // Copied whole where the bytes are contiguous (a file read into a String), not byte by byte.
        let bytes = split.body.utf8.withContiguousStorageIfAvailable(Array.init) ?? Array(split.body.utf8)
        self.init(bytes, firstLine: split.bodyFirstLine, path: path)
    }

    /// - Parameter bytes: checked text (`TextCheck`): valid UTF-8.
    init(_ bytes: [UInt8], firstLine: Int, path: String) {
        let parsed = MarkdownParser.parse(bytes, firstLine: firstLine, isValidUTF8: true)
        var reader = DirectiveReader(path: path)
        var body = reader.read(parsed.blocks)
        reader.assignHeadingIDs(&body)
        self.body = body
        self.ids = reader.slugger.ids
        self.diagnostics = parsed.diagnostics.map { $0.in(path) } + reader.diagnostics
    }
}

/// Reads a chapter's front matter into `FrontMatter`.
enum FrontMatterReader {
    static func read(_ yaml: Substring, path: String) -> (FrontMatter?, [Diagnostic]) {
        read(String(yaml), path: path)
    }

    static func read(_ yaml: String, path: String) -> (FrontMatter?, [Diagnostic]) {
        let (parsed, problems) = YAMLMapping.parse(yaml, path: path, lineOffset: 1, what: "front matter")
        guard var map = parsed else { return (nil, problems) }
        let title = map.string("title", required: true)
        var front = FrontMatter(title: title ?? "")
        front.number = map.int("chapter")
        front.part = map.string("part")
        front.summary = map.string("summary")
        front.skills = map.strings("skills")?.map(\.0) ?? []
        front.rounds = map.strings("rounds")?.map(\.0) ?? []
        front.minutes = map.int("minutes", range: 1...10_000)
        front.draft = map.bool("draft") ?? false
        map.warnUnknownKeys(in: "front matter")
        return (title == nil ? nil : front, problems + map.diagnostics)
    }
}
