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
        var words = 0
        var inWord = false
        for b in bytes {
            let space = b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
            if !space && !inWord { words += 1 }
            inWord = !space
        }
        return words
    }

    /// A word starts at each byte that is not a space and follows a space (or
    /// starts the text): a sum over pairs of neighbours, which vectorizes.
    private static func countWords(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let first = bytes.first else { return 0 }
        @inline(__always) func space(_ b: UInt8) -> Int {
            (b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D) ? 1 : 0
        }
        var words = 1 - space(first)
        for i in 1..<bytes.count {
            words &+= space(bytes[i - 1]) & (1 - space(bytes[i]))
        }
        return words
    }
}
