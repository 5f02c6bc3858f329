/// Renders blocks to HTML, as cmark's HTML renderer does, plus tables and
/// heading ids. Directives are the Workbook layer's to render: they are skipped.
public struct HTMLRenderer: ~Copyable {
    public struct Options: Sendable {
        /// Keep raw HTML from the Markdown (`unsafe_html: true`); otherwise it
        /// is replaced by `<!-- raw HTML omitted -->`.
        public var unsafeHTML: Bool
        /// Prefix for every heading id (the print page makes ids unique across chapters).
        public var idPrefix: String
        /// The URL a link or image points to in this page; nil renders the link
        /// as its text alone. Defaults to the destination, dropped when dangerous.
        public var resolveLink: @Sendable (Link, _ isImage: Bool) -> String?

        public init(
            unsafeHTML: Bool = false,
            idPrefix: String = "",
            resolveLink: @escaping @Sendable (Link, _ isImage: Bool) -> String? = HTMLRenderer.defaultLink
        ) {
            self.unsafeHTML = unsafeHTML
            self.idPrefix = idPrefix
            self.resolveLink = resolveLink
        }
    }

    @Sendable public static func defaultLink(_ link: Link, _ isImage: Bool) -> String? {
        HTMLEscaping.isDangerous(link.destination) ? "" : link.destination
    }

    public var options: Options
    private var out: ByteBuffer

    public init(options: Options = Options(), capacity: Int = 1024) {
        self.options = options
        out = ByteBuffer(capacity: capacity)
    }

    /// The HTML of `blocks`.
    public static func html(_ blocks: [Block], options: Options = Options()) -> String {
        String(decoding: htmlBytes(blocks, options: options), as: UTF8.self)
    }

    /// The HTML of `blocks` as UTF-8 bytes, for a page written as bytes.
    public static func htmlBytes(_ blocks: [Block], options: Options = Options()) -> [UInt8] {
        var renderer = HTMLRenderer(options: options, capacity: blocks.count * 128)
        for block in blocks { renderer.block(block, tight: false) }
        return renderer.out.bytes()
    }

    /// The HTML of inline content (a title, a table cell).
    public static func html(_ inlines: Inlines, options: Options = Options()) -> String {
        if let plain = plainHTML(inlines) { return plain }
        var renderer = HTMLRenderer(options: options, capacity: 256)
        renderer.inlines(inlines)
        return renderer.out.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// The HTML of inline content that needs no options: none, or plain text
    /// with nothing to escape, which is its own HTML (most table cells). Nil otherwise.
    public static func plainHTML(_ inlines: Inlines) -> String? {
        if inlines.isEmpty { return "" }
        // Tested in the store's bytes: a String is made only for text that is its own HTML.
        return inlines.onlyText { !HTMLEscaping.needsEscaping($0) }
    }

    /// `<h1` … `<h6` and their closing tags, as literals.
    private static let headingOpen: [StaticString] = ["<h1", "<h2", "<h3", "<h4", "<h5", "<h6"]
    private static let headingClose: [StaticString] = ["</h1>\n", "</h2>\n", "</h3>\n", "</h4>\n", "</h5>\n", "</h6>\n"]

    private mutating func write(_ s: StaticString) {
        out.append(literal: s)
    }

    private mutating func write(_ s: String) {
        out.append(s)
    }

    private mutating func escaped(_ s: String) {
        HTMLEscaping.appendEscaped(s, to: &out)
    }

    /// A newline unless the output already ends with one (cmark's `cr`).
    private mutating func cr() {
        if let last = out.last, last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
    }

    private mutating func block(_ block: Block, tight: Bool) {
        switch block {
        case .paragraph(let content, _):
            if tight {
                inlines(content)
            } else {
                cr()
                write("<p>")
                inlines(content)
                write("</p>\n")
            }
        case .heading(let heading):
            cr()
            let common = (1...6).contains(heading.level)
            if common { write(Self.headingOpen[heading.level - 1]) } else { write("<h\(heading.level)") }
            if !heading.id.isEmpty {
                write(" id=\"")
                escaped(options.idPrefix + heading.id)
                write("\"")
            }
            write(">")
            inlines(heading.content)
            if common { write(Self.headingClose[heading.level - 1]) } else { write("</h\(heading.level)>\n") }
        case .blockQuote(let children):
            cr()
            write("<blockquote>\n")
            for child in children { self.block(child, tight: false) }
            cr()
            write("</blockquote>\n")
        case .list(let list):
            cr()
            if list.isOrdered {
                write(list.start == 1 ? "<ol>\n" : "<ol start=\"\(list.start)\">\n")
            } else {
                write("<ul>\n")
            }
            for item in list.items {
                cr()
                write("<li>")
                for child in item { self.block(child, tight: list.isTight) }
                write("</li>\n")
            }
            write(list.isOrdered ? "</ol>\n" : "</ul>\n")
        case .codeBlock(let info, let literal):
            cr()
            write("<pre><code")
            let language = info.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            if !language.isEmpty {
                write(" class=\"language-")
                escaped(language)
                write("\"")
            }
            write(">")
            escaped(literal)
            write("</code></pre>\n")
        case .html(let literal):
            cr()
            if options.unsafeHTML { write(literal) } else { write("<!-- raw HTML omitted -->") }
            cr()
        case .thematicBreak:
            cr()
            write("<hr />\n")
        case .table(let table):
            self.table(table)
        case .directive:
            break
        }
    }

    private mutating func table(_ table: Table) {
        cr()
        write("<div class=\"table-scroll\"><table>\n<thead>\n<tr>\n")
        for (column, cell) in table.header.cells.enumerated() {
            self.cell(header: true, cell, table.alignments[column])
        }
        write("</tr>\n</thead>\n")
        if !table.rows.isEmpty {
            write("<tbody>\n")
            for row in table.rows {
                write("<tr>\n")
                for (column, cell) in row.cells.enumerated() {
                    self.cell(header: false, cell, table.alignments[column])
                }
                write("</tr>\n")
            }
            write("</tbody>\n")
        }
        write("</table></div>\n")
    }

    /// A `th` or `td` cell; each tag is one literal (a table has thousands of cells).
    private mutating func cell(header: Bool, _ cell: Table.Cell, _ alignment: Table.Alignment) {
        switch (header, alignment) {
        case (true, .none): write("<th>")
        case (true, .left): write("<th class=\"align-left\">")
        case (true, .center): write("<th class=\"align-center\">")
        case (true, .right): write("<th class=\"align-right\">")
        case (false, .none): write("<td>")
        case (false, .left): write("<td class=\"align-left\">")
        case (false, .center): write("<td class=\"align-center\">")
        case (false, .right): write("<td class=\"align-right\">")
        }
        inlines(cell.content)
        write(header ? "</th>\n" : "</td>\n")
    }

    /// Walks the store's table directly: no `Inline` values, no copies of the text.
    private mutating func inlines(_ inlines: Inlines) {
        guard !inlines.isEmpty else { return }
        let store = inlines.store
        let links = store.links
        store.nodes.withUnsafeBufferPointer { nodes in
            store.bytes.withUnsafeBufferPointer { text in
                self.inlines(Int(inlines.lower)..<Int(inlines.upper), nodes: nodes, text: text, links: links, store: store)
            }
        }
    }

    private mutating func inlines(
        _ range: Range<Int>, nodes: UnsafeBufferPointer<InlineNode>, text: UnsafeBufferPointer<UInt8>, links: [Link], store: InlineStore
    ) {
        var i = range.lowerBound
        while i < range.upperBound {
            let node = nodes[i]
            let end = Int(node.end)
            let children = (i + 1)..<end
            func literal() -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: text[Int(node.start)..<Int(node.start + node.length)])
            }
            switch node.kind {
            case .text:
                HTMLEscaping.appendEscaped(literal(), to: &out)
            case .code:
                write("<code>")
                HTMLEscaping.appendEscaped(literal(), to: &out)
                write("</code>")
            case .emphasis:
                write("<em>")
                inlines(children, nodes: nodes, text: text, links: links, store: store)
                write("</em>")
            case .strong:
                write("<strong>")
                inlines(children, nodes: nodes, text: text, links: links, store: store)
                write("</strong>")
            case .link:
                // A link never leads to a `data:` URL: it shows its text alone.
                let link = links[Int(node.start)]
                guard let url = options.resolveLink(link, false), !HTMLEscaping.isData(url) else {
                    inlines(children, nodes: nodes, text: text, links: links, store: store)
                    break
                }
                write("<a href=\"")
                HTMLEscaping.appendHref(url, to: &out)
                write("\"")
                if !link.title.isEmpty {
                    write(" title=\"")
                    escaped(link.title)
                    write("\"")
                }
                write(">")
                inlines(children, nodes: nodes, text: text, links: links, store: store)
                write("</a>")
            case .image:
                let link = links[Int(node.start)]
                let url = options.resolveLink(link, true) ?? ""
                write("<img src=\"")
                HTMLEscaping.appendHref(url, to: &out)
                write("\" alt=\"")
                escaped(Inlines(store: store, lower: Int32(children.lowerBound), upper: Int32(children.upperBound)).plainText)
                write("\"")
                if !link.title.isEmpty {
                    write(" title=\"")
                    escaped(link.title)
                    write("\"")
                }
                write(" />")
            case .softBreak:
                write("\n")
            case .lineBreak:
                write("<br />\n")
            case .html:
                if options.unsafeHTML { out.append(literal()) } else { write("<!-- raw HTML omitted -->") }
            }
            i = end
        }
    }
}
