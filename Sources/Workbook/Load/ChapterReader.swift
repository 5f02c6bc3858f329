import WorkbookMarkdown

/// Reads one chapter file: front matter, Markdown, typed blocks, ids.
enum ChapterReader {
    static func read(_ text: String, path: String, name: String) -> (Chapter?, [Diagnostic]) {
        let split: FrontMatterSplitter.Split
        switch FrontMatterSplitter.split(text, path: path, keys: "chapter") {
        case .success(let s): split = s
        case .failure(let problem): return (nil, [problem])
        }
        let (front, frontProblems) = FrontMatterReader.read(split.yaml, path: path)
        let body = BodyReader(split, path: path)
        let diagnostics = frontProblems + body.diagnostics
        guard let front else { return (nil, diagnostics) }
        let chapter = Chapter(
            path: path, name: name, front: front, body: body.body, ids: body.ids,
            wordCount: Self.countWords(split.body.utf8))
        return (chapter, diagnostics)
    }

    static func countWords(_ bytes: Substring.UTF8View) -> Int {
        // Over the bytes in place when they are contiguous (they are for a file read into a String).
        bytes.withContiguousStorageIfAvailable(countWords) ?? countWords(bytes)
    }

    private static func countWords(_ bytes: some Sequence<UInt8>) -> Int {
        // Without branches, so the loop vectorizes: a word starts at each
        // non-space byte that follows a space (or the start).
        var words = 0
        var previousSpace = 1
        for b in bytes {
            let space = (b == 0x20 ? 1 : 0) | (b == 0x0A ? 1 : 0) | (b == 0x09 ? 1 : 0) | (b == 0x0D ? 1 : 0)
            words &+= previousSpace & (space ^ 1)
            previousSpace = space
        }
        return words
    }
}
