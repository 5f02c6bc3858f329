import WorkbookMarkdown

/// Reads one chapter file: front matter, Markdown, typed blocks, ids.
enum ChapterReader {
    static func read(_ text: String, path: String, name: String) -> (Chapter?, [Diagnostic]) {
        let split: FrontMatterSplitter.Split
        switch FrontMatterSplitter.split(text) {
        case .success(let s): split = s
        case .failure(.missing):
            return (nil, [.error("a chapter starts with front matter: a `---` line, `title: ...`, and a closing `---`", at: SourceLocation(line: 1, column: 1), path: path)])
        case .failure(.unclosed):
            return (nil, [.error("front matter is not closed: add a `---` line after its last key", at: SourceLocation(line: 1, column: 1), path: path)])
        }
        var diagnostics: [Diagnostic] = []
        let (front, frontProblems) = FrontMatterReader.read(split.yaml, path: path)
        diagnostics += frontProblems
        let parsed = MarkdownParser.parse(Array(split.body.utf8), firstLine: split.bodyFirstLine)
        diagnostics += parsed.diagnostics.map { $0.in(path) }
        var reader = DirectiveReader(path: path)
        var body = reader.read(parsed.blocks)
        reader.assignHeadingIDs(&body)
        diagnostics += reader.diagnostics
        guard let front else { return (nil, diagnostics) }
        let chapter = Chapter(
            path: path, name: name, front: front, body: body, ids: reader.slugger.ids,
            wordCount: Self.countWords(split.body.utf8))
        return (chapter, diagnostics)
    }

    static func countWords(_ bytes: Substring.UTF8View) -> Int {
        var words = 0
        var inWord = false
        for b in bytes {
            let space = b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
            if !space && !inWord { words += 1 }
            inWord = !space
        }
        return words
    }
}
