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

    enum Failure: Error {
        case missing
        case unclosed
    }

    static func split(_ text: String) -> Result<Split, Failure> {
        var lineNumber = 0
        var yamlStart: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let lineEnd = text.utf8[index...].firstIndex(of: 0x0A) ?? text.endIndex
            let line = text[index..<lineEnd].trimmingTrailingSpaceAndCR
            lineNumber += 1
            let next = lineEnd < text.endIndex ? text.utf8.index(after: lineEnd) : text.endIndex
            if let start = yamlStart {
                if line == "---" || line == "..." {
                    return .success(Split(yaml: text[start..<index], body: text[next...], bodyFirstLine: lineNumber + 1))
                }
            } else {
                guard line == "---" else { return .failure(.missing) }
                yamlStart = next
            }
            index = next
        }
        return .failure(yamlStart == nil ? .missing : .unclosed)
    }
}

extension FrontMatterSplitter {
    /// The split, or the diagnostic for a file without closed front matter.
    static func split(_ text: String, path: String, keys: String) -> Result<Split, Diagnostic> {
        switch split(text) {
        case .success(let split): .success(split)
        case .failure(.missing) where text.allSatisfy(\.isWhitespace):
            .failure(.error("the file is empty: a \(keys) starts with front matter: a `---` line, `title: ...`, and a closing `---`", at: SourceLocation(line: 1, column: 1), path: path))
        case .failure(.missing):
            .failure(.error("a \(keys) starts with front matter: a `---` line, `title: ...`, and a closing `---`", at: SourceLocation(line: 1, column: 1), path: path))
        case .failure(.unclosed):
            .failure(.error("front matter is not closed: add a `---` line after its last key", at: SourceLocation(line: 1, column: 1), path: path))
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
        let parsed = MarkdownParser.parse(bytes, firstLine: split.bodyFirstLine, isValidUTF8: true)
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
        let (parsed, problems) = YAMLMapping.parse(String(yaml), path: path, lineOffset: 1, what: "front matter")
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

extension Substring {
    var trimmingTrailingSpaceAndCR: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\r" || last == "\t" { s = s.dropLast() }
        return s
    }
}
