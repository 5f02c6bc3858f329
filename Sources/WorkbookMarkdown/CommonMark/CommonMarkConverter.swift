import CCmark
import CmarkArena
#if canImport(Glibc)
import Glibc
#endif

/// The only code that calls libcmark: parse a buffer, copy the tree into Swift
/// values, give the C tree back (it lives in the thread's arena, CmarkArena).
/// C types never leave this file.
enum CommonMarkConverter {
    /// Maps a cmark position (1-based line and byte column, relative to the
    /// parsed buffer) to a location in the source file.
    typealias PositionMap = (_ line: Int, _ byteColumn: Int) -> SourceLocation

    /// Called for every paragraph before its inlines are converted: may replace
    /// it, e.g. with a pipe table. Gets the paragraph's first and last line
    /// (1-based, buffer-relative) and first byte column.
    typealias ParagraphHook = (
        _ startLine: Int, _ endLine: Int, _ startColumn: Int, _ diagnostics: inout [Diagnostic], _ inlines: inout InlineTable
    ) -> [Block]?

    static let options: Int32 = CMARK_OPT_VALIDATE_UTF8

    /// The options for text that is known to be valid UTF-8 (it came from a
    /// String) or not: cmark's own check is a fifth of its parsing time, and
    /// it only replaces invalid sequences.
    static func options(validUTF8: Bool) -> Int32 {
        validUTF8 ? CMARK_OPT_DEFAULT : options
    }

    /// Parses `bytes` and converts the document's blocks. `depth` is how deep
    /// the text already sits (in directives); nesting past the limit is left
    /// out and reported. Inlines go to `table`, read through `store` once it is frozen.
    static func blocks(
        _ bytes: UnsafeBufferPointer<UInt8>,
        validUTF8: Bool = false,
        position: @escaping PositionMap,
        depth: Int = 0,
        store: InlineStore,
        table: inout InlineTable,
        paragraphHook: ParagraphHook? = nil
    ) -> (blocks: [Block], diagnostics: [Diagnostic]) {
        withDocument(bytes, validUTF8: validUTF8) { document in
            var converter = Walker(position: position, store: store, paragraphHook: paragraphHook)
            let blocks = converter.children(of: document, depth: depth, &table)
            return (blocks, converter.diagnostics)
        }
    }

    /// Parses `bytes` and returns, for each top-level node, its 1-based start
    /// line and its content as inlines (paragraphs) or as text (anything else).
    /// Used for table cells and directive titles, where only inline Markdown applies.
    static func topLevelInlines(
        _ bytes: UnsafeBufferPointer<UInt8>,
        validUTF8: Bool = false,
        position: @escaping PositionMap,
        store: InlineStore,
        table: inout InlineTable,
        diagnostics: inout [Diagnostic]
    ) -> [(line: Int, inlines: Inlines)] {
        let (out, problems) = withDocument(bytes, validUTF8: validUTF8) { document in
            var walker = Walker(position: position, store: store, paragraphHook: nil)
            var out: [(line: Int, inlines: Inlines)] = []
            var node = cmark_node_first_child(document)
            while let current = node {
                let line = Int(cmark_node_get_start_line(current))
                switch cmark_node_get_type(current) {
                case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                    out.append((line, walker.inlines(of: current, &table)))
                case CMARK_NODE_HTML_BLOCK:
                    let first = table.nextIndex
                    Walker.appendLiteral(current, kind: .html, trimmingNewlines: true, to: &table)
                    out.append((line, Inlines(store: store, lower: first, upper: table.nextIndex)))
                default:
                    break
                }
                node = cmark_node_next(current)
            }
            return (out, walker.diagnostics)
        }
        diagnostics += problems
        return out
    }

    /// Parses `bytes` into a tree in the thread's arena, and lets `body` read it.
    /// The parser and the tree are given back by rewinding the arena: no walk
    /// frees a node at a time. A parse inside `body` (a table cell) takes the
    /// memory above this one and gives it back first.
    private static func withDocument<T>(_ bytes: UnsafeBufferPointer<UInt8>, validUTF8: Bool, _ body: (OpaquePointer) -> T) -> T {
        let mark = workbook_arena_mark_now()
        defer { workbook_arena_release(mark) }
        guard let parser = cmark_parser_new_with_mem(options(validUTF8: validUTF8), arena) else { fatalError("libcmark could not allocate a parser") }
        if let base = bytes.baseAddress, !bytes.isEmpty {
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { cmark_parser_feed(parser, $0, bytes.count) }
        }
        guard let document = cmark_parser_finish(parser) else { fatalError("libcmark could not allocate a document") }
        return body(document)
    }

    /// cmark's allocator: the calling thread's arena (CmarkArena).
    nonisolated(unsafe) private static let arena: UnsafeMutablePointer<cmark_mem> = {
        let mem = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        mem.initialize(to: cmark_mem(calloc: workbook_arena_calloc, realloc: workbook_arena_realloc, free: workbook_arena_free))
        return mem
    }()

    private struct Walker {
        let position: PositionMap
        let store: InlineStore
        let paragraphHook: ParagraphHook?
        /// Nesting past the limits, reported once per kind.
        private(set) var diagnostics: [Diagnostic] = []
        private var reportedBlockDepth = false
        private var reportedInlineDepth = false

        init(position: @escaping PositionMap, store: InlineStore, paragraphHook: ParagraphHook?) {
            self.position = position
            self.store = store
            self.paragraphHook = paragraphHook
        }

        /// True (and reported once) when `node` would nest deeper than the limit:
        /// the caller leaves it out instead of recursing.
        mutating func tooDeep(_ node: OpaquePointer, depth: Int, inline: Bool) -> Bool {
            guard depth > (inline ? MarkdownLimits.inlineNesting : MarkdownLimits.blockNesting) else { return false }
            if inline ? !reportedInlineDepth : !reportedBlockDepth {
                diagnostics.append(.error(inline ? MarkdownLimits.inlineNestingMessage : MarkdownLimits.blockNestingMessage, at: location(node)))
                if inline { reportedInlineDepth = true } else { reportedBlockDepth = true }
            }
            return true
        }

        static func literal(_ node: OpaquePointer) -> String {
            guard let c = cmark_node_get_literal(node) else { return "" }
            return String(cString: c)
        }

        static func childCount(_ parent: OpaquePointer) -> Int {
            var count = 0
            var child = cmark_node_first_child(parent)
            while let current = child {
                count += 1
                child = cmark_node_next(current)
            }
            return count
        }

        static func appendLiteral(_ node: OpaquePointer, to bytes: inout [UInt8]) {
            guard let c = cmark_node_get_literal(node) else { return }
            c.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: strlen(c))) }
        }

        /// Adds a leaf of `kind` holding the node's literal.
        static func appendLiteral(_ node: OpaquePointer, kind: InlineNode.Kind, trimmingNewlines: Bool = false, to table: inout InlineTable) {
            let start = table.bytes.count
            appendLiteral(node, to: &table.bytes)
            if trimmingNewlines {
                // Trailing `\n`s, but not a `\r\n` (one character, as String sees it).
                while table.bytes.count > start, table.bytes.last == UInt8(ascii: "\n"),
                    table.bytes.count - 1 == start || table.bytes[table.bytes.count - 2] != UInt8(ascii: "\r")
                {
                    table.bytes.removeLast()
                }
            }
            table.appendLeaf(kind, start: start, length: table.bytes.count - start)
        }

        func location(_ node: OpaquePointer) -> SourceLocation {
            position(Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node)))
        }

        /// The blocks in `parent`, which sits `depth` containers deep.
        mutating func children(of parent: OpaquePointer, depth: Int, _ table: inout InlineTable) -> [Block] {
            var out: [Block] = []
            out.reserveCapacity(Self.childCount(parent))
            var node = cmark_node_first_child(parent)
            while let current = node {
                block(current, depth: depth, into: &out, &table)
                node = cmark_node_next(current)
            }
            return out
        }

        mutating func block(_ node: OpaquePointer, depth: Int, into out: inout [Block], _ table: inout InlineTable) {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH:
                if let hook = paragraphHook,
                    let replaced = hook(
                        Int(cmark_node_get_start_line(node)), Int(cmark_node_get_end_line(node)),
                        Int(cmark_node_get_start_column(node)), &diagnostics, &table)
                {
                    out.append(contentsOf: replaced)
                } else {
                    out.append(.paragraph(inlines(of: node, &table), location(node)))
                }
            case CMARK_NODE_HEADING:
                let level = Int(cmark_node_get_heading_level(node))
                let startLine = Int(cmark_node_get_start_line(node))
                let endLine = Int(cmark_node_get_end_line(node))
                // A setext underline right below a pipe table: GitHub ends the table at
                // `---` (a thematic break) and reads `===` as one more row.
                if endLine > startLine, let hook = paragraphHook,
                    let replaced = hook(startLine, level == 1 ? endLine : endLine - 1, Int(cmark_node_get_start_column(node)), &diagnostics, &table)
                {
                    out.append(contentsOf: replaced)
                    if level == 2 { out.append(.thematicBreak) }
                } else {
                    out.append(.heading(Heading(level: level, content: inlines(of: node, &table), location: location(node))))
                }
            case CMARK_NODE_BLOCK_QUOTE:
                if tooDeep(node, depth: depth + 1, inline: false) { return }
                out.append(.blockQuote(children(of: node, depth: depth + 1, &table)))
            case CMARK_NODE_LIST:
                if tooDeep(node, depth: depth + 1, inline: false) { return }
                var items: [[Block]] = []
                items.reserveCapacity(Self.childCount(node))
                var item = cmark_node_first_child(node)
                while let current = item {
                    items.append(children(of: current, depth: depth + 1, &table))
                    item = cmark_node_next(current)
                }
                out.append(
                    .list(
                        List(
                            isOrdered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                            start: Int(cmark_node_get_list_start(node)),
                            isTight: cmark_node_get_list_tight(node) != 0,
                            items: items, location: location(node))))
            case CMARK_NODE_CODE_BLOCK:
                let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
                out.append(.codeBlock(info: info, literal: Self.literal(node)))
            case CMARK_NODE_HTML_BLOCK:
                out.append(.html(Self.literal(node)))
            case CMARK_NODE_THEMATIC_BREAK:
                out.append(.thematicBreak)
            default:
                // Custom blocks and anything cmark adds later: keep their content.
                if tooDeep(node, depth: depth + 1, inline: false) { return }
                out.append(contentsOf: children(of: node, depth: depth + 1, &table))
            }
        }

        /// The inlines in `parent`, which sits `depth` inlines deep (0 for a paragraph).
        mutating func inlines(of parent: OpaquePointer, depth: Int = 0, _ table: inout InlineTable) -> Inlines {
            let first = table.nextIndex
            appendInlines(of: parent, depth: depth, &table)
            return Inlines(store: store, lower: first, upper: table.nextIndex)
        }

        /// Adds the inlines in `parent` to `table`, each container before its children.
        mutating func appendInlines(of parent: OpaquePointer, depth: Int, _ table: inout InlineTable) {
            var node = cmark_node_first_child(parent)
            while let current = node {
                switch cmark_node_get_type(current) {
                case CMARK_NODE_TEXT:
                    // cmark splits text at some punctuation: a run of text nodes becomes one.
                    let start = table.bytes.count
                    var next: OpaquePointer? = current
                    while let following = next, cmark_node_get_type(following) == CMARK_NODE_TEXT {
                        Self.appendLiteral(following, to: &table.bytes)
                        next = cmark_node_next(following)
                    }
                    table.appendLeaf(.text, start: start, length: table.bytes.count - start)
                    node = next
                    continue
                case CMARK_NODE_CODE: Self.appendLiteral(current, kind: .code, to: &table)
                case CMARK_NODE_SOFTBREAK: table.appendLeaf(.softBreak, start: table.bytes.count, length: 0)
                case CMARK_NODE_LINEBREAK: table.appendLeaf(.lineBreak, start: table.bytes.count, length: 0)
                case CMARK_NODE_HTML_INLINE: Self.appendLiteral(current, kind: .html, to: &table)
                case _ where tooDeep(current, depth: depth + 1, inline: true): break
                case CMARK_NODE_EMPH: container(.emphasis, current, depth: depth, &table)
                case CMARK_NODE_STRONG: container(.strong, current, depth: depth, &table)
                case CMARK_NODE_LINK: container(.link, current, link: link(current), depth: depth, &table)
                case CMARK_NODE_IMAGE: container(.image, current, link: link(current), depth: depth, &table)
                default: appendInlines(of: current, depth: depth + 1, &table)
                }
                node = cmark_node_next(current)
            }
        }

        private mutating func container(_ kind: InlineNode.Kind, _ node: OpaquePointer, link: Link? = nil, depth: Int, _ table: inout InlineTable) {
            let index = table.open(kind, link: link)
            appendInlines(of: node, depth: depth + 1, &table)
            table.close(index)
        }

        func link(_ node: OpaquePointer) -> Link {
            Link(
                destination: cmark_node_get_url(node).map { String(cString: $0) } ?? "",
                title: cmark_node_get_title(node).map { String(cString: $0) } ?? "",
                location: location(node))
        }
    }
}

extension CommonMarkConverter {
    /// cmark's own HTML for `text`, in its safe default: the reference the
    /// renderer is tested against.
    static func referenceHTML(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                guard let html = cmark_markdown_to_html(chars.baseAddress, chars.count, options) else { return "" }
                defer { free(html) }
                return String(cString: html)
            }
        }
    }
}
