/// One inline of a paragraph, heading or table cell, as a consumer sees it
/// when it walks `Inlines`: its children are a range of the document's inline
/// table, its text is copied out when it is read. The renderer and the plain
/// text walks read the table itself and copy nothing.
public enum Inline: Sendable, Hashable {
    case text(String)
    case code(String)
    case emphasis(Inlines)
    case strong(Inlines)
    case link(Link, Inlines)
    case image(Link, alt: Inlines)
    case softBreak
    case lineBreak
    /// Raw inline HTML: dropped at render time unless unsafe HTML is allowed.
    case html(String)
}

/// A link or image destination as written, with where it was written.
public struct Link: Sendable, Hashable {
    public var destination: String
    public var title: String
    public var location: SourceLocation

    public init(destination: String, title: String, location: SourceLocation) {
        self.destination = destination
        self.title = title
        self.location = location
    }
}

/// Inline content: a run of sibling inlines in an `InlineStore`, the flat
/// table that holds every inline of one parsed document. A paragraph costs
/// no allocation of its own, and its text is not copied out of the store.
///
/// Walk it as a sequence of `Inline`; build one from an array literal
/// (`[.text("a"), .strong([.text("b")])]`) where a value is written by hand.
public struct Inlines: Sendable, Hashable, Sequence, ExpressibleByArrayLiteral {
    let store: InlineStore
    /// The first top-level node and the end of the last one's subtree.
    let lower: Int32
    let upper: Int32

    public var isEmpty: Bool { lower == upper }

    /// How many inlines there are at the top level.
    public var count: Int {
        var n = 0
        var i = lower
        while i < upper {
            n += 1
            i = store.nodes[Int(i)].end
        }
        return n
    }

    public var first: Inline? {
        isEmpty ? nil : store.inline(at: lower)
    }

    public var last: Inline? {
        var last: Int32?
        var i = lower
        while i < upper {
            last = i
            i = store.nodes[Int(i)].end
        }
        return last.map { store.inline(at: $0) }
    }

    /// The inlines after the first one.
    public func droppingFirst() -> Inlines {
        isEmpty ? self : Inlines(store: store, lower: store.nodes[Int(lower)].end, upper: upper)
    }

    /// These inlines without the first `count` bytes of the first one's
    /// text (a speaker's name, a score band's totals), and without the first
    /// inline when that is all of it. The text is shared, not copied.
    /// - Precondition: the first inline is a text of at least `count` bytes.
    public func droppingLeadingText(bytes count: Int) -> Inlines {
        let first = store.nodes[Int(lower)]
        precondition(!isEmpty && first.kind == .text && Int(first.length) >= count, "only a leading text can be shortened")
        if count == 0 { return self }
        if count == Int(first.length) { return droppingFirst() }
        var nodes = Array(store.nodes[Int(lower)..<Int(upper)])
        let shift = lower
        for i in nodes.indices { nodes[i].end -= shift }
        nodes[0].start += Int32(count)
        nodes[0].length -= Int32(count)
        let derived = InlineStore(nodes: nodes, links: store.links, bytes: store.bytes)
        return Inlines(store: derived, lower: 0, upper: Int32(nodes.count))
    }

    /// The inlines one after the other; no copy when they already are, as
    /// the parts of one source snippet are.
    public static func + (lhs: Inlines, rhs: Inlines) -> Inlines {
        if rhs.isEmpty { return lhs }
        if lhs.isEmpty { return rhs }
        if lhs.store === rhs.store, lhs.upper == rhs.lower {
            return Inlines(store: lhs.store, lower: lhs.lower, upper: rhs.upper)
        }
        return Inlines(Array(lhs) + Array(rhs))
    }

    /// The inlines of each part, one after the other.
    public static func joined(_ parts: [Inlines]) -> Inlines {
        parts.reduce(Inlines()) { $0 + $1 }
    }

    public struct Iterator: IteratorProtocol {
        let store: InlineStore
        var position: Int32
        let upper: Int32

        public mutating func next() -> Inline? {
            guard position < upper else { return nil }
            let inline = store.inline(at: position)
            position = store.nodes[Int(position)].end
            return inline
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(store: store, position: lower, upper: upper)
    }

    public var underestimatedCount: Int { isEmpty ? 0 : 1 }

    public static func == (lhs: Inlines, rhs: Inlines) -> Bool {
        if lhs.store === rhs.store, lhs.lower == rhs.lower, lhs.upper == rhs.upper { return true }
        var left = lhs.makeIterator()
        var right = rhs.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case (let l?, let r?): if l != r { return false }
            default: return false
            }
        }
    }

    public func hash(into hasher: inout Hasher) {
        for inline in self { hasher.combine(inline) }
        hasher.combine(-1)
    }

    /// The text a reader sees, without markup: used for slugs, titles and search.
    /// Written straight into the string's storage, sized first.
    public var plainText: String {
        var count = 0
        forEachPlainTextPiece { count += $0?.count ?? 1 }
        guard count > 0 else { return "" }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var at = 0
            forEachPlainTextPiece { piece in
                if let piece {
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[at...]).initialize(fromContentsOf: piece)
                    at += piece.count
                } else {
                    buffer[at] = UInt8(ascii: " ")
                    at += 1
                }
            }
            return at
        }
    }

    /// Appends the plain text, as `plainText` gives it.
    public func appendPlainText(to out: inout String) {
        out += plainText
    }

    /// Appends the plain text's UTF-8 bytes.
    public func appendPlainText(to out: inout [UInt8]) {
        forEachPlainTextPiece { piece in
            if let piece { out.append(contentsOf: piece) } else { out.append(UInt8(ascii: " ")) }
        }
    }

    /// Calls `body` with each piece of the plain text in order: the UTF-8
    /// bytes of a text or a code span, or nil for the space a line break reads
    /// as. Walks the store's table directly, the way search and sheet sizing
    /// read every inline; the bytes are valid only during the call.
    public func forEachPlainTextPiece(_ body: (UnsafeBufferPointer<UInt8>?) throws -> Void) rethrows {
        guard !isEmpty else { return }
        try store.bytes.withUnsafeBufferPointer { text in
            try store.nodes.withUnsafeBufferPointer { nodes in
                for i in Int(lower)..<Int(upper) {
                    let node = nodes[i]
                    switch node.kind {
                    case .text, .code: try body(UnsafeBufferPointer(rebasing: text[Int(node.start)..<Int(node.start + node.length)]))
                    case .softBreak, .lineBreak: try body(nil)
                    case .html, .emphasis, .strong, .link, .image: break
                    }
                }
            }
        }
    }

    /// The text when these inlines are one plain text and nothing else.
    /// Calls `body` with the first inline's UTF-8 bytes, read in place, when
    /// it is a text; nil otherwise. The bytes are valid only during the call.
    public func withLeadingText<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        guard !isEmpty else { return nil }
        let node = store.nodes[Int(lower)]
        guard node.kind == .text else { return nil }
        return try store.bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[Int(node.start)..<Int(node.start + node.length)])) }
    }

    public var onlyText: String? {
        onlyText(where: { _ in true })
    }

    /// `onlyText` when the text's bytes, read in place, pass `test`; nil
    /// otherwise, and then no String is made.
    public func onlyText(where test: (UnsafeBufferPointer<UInt8>) -> Bool) -> String? {
        guard !isEmpty, store.nodes[Int(lower)].kind == .text, store.nodes[Int(lower)].end == upper else { return nil }
        let node = store.nodes[Int(lower)]
        assert(store.isFrozen, "inline text is read once the store is frozen")
        return store.bytes.withUnsafeBufferPointer { all in
            let bytes = UnsafeBufferPointer(rebasing: all[Int(node.start)..<Int(node.start + node.length)])
            return test(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
        }
    }
}

extension Inlines {
    /// No inlines.
    public init() {
        self = InlineStore.empty
    }

    /// Inlines copied into a store of their own.
    public init(_ inlines: some Sequence<Inline>) {
        var table = InlineTable()
        for inline in inlines { table.append(inline) }
        let count = table.nextIndex
        let store = InlineStore()
        store.freeze(table)
        self.init(store: store, lower: 0, upper: count)
    }

    public init(arrayLiteral elements: Inline...) {
        self.init(elements)
    }

    /// Calls `body` with every link's and image's destination, outermost first,
    /// in the order they are written.
    public func forEachLink(_ body: (Link) throws -> Void) rethrows {
        guard !isEmpty else { return }
        let links = store.links
        try store.nodes.withUnsafeBufferPointer { nodes in
            for i in Int(lower)..<Int(upper) where nodes[i].kind == .link || nodes[i].kind == .image {
                try body(links[Int(nodes[i].start)])
            }
        }
    }
}

/// A run of text kept in an inline store's bytes (a table cell's text as
/// written), made into a String only when it is read.
struct StoredText: Sendable, Hashable {
    let store: InlineStore
    let start: Int32
    let length: Int32

    var bytes: ArraySlice<UInt8> { store.bytes[Int(start)..<Int(start + length)] }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    static func == (lhs: StoredText, rhs: StoredText) -> Bool { lhs.bytes.elementsEqual(rhs.bytes) }

    func hash(into hasher: inout Hasher) {
        hasher.combine(length)
        for byte in bytes { hasher.combine(byte) }
    }
}

extension StoredText {
    /// No text.
    init() {
        self.init(store: InlineStore.empty.store, start: 0, length: 0)
    }

    /// `string`, in a store of its own.
    init(_ string: String) {
        var table = InlineTable()
        table.bytes = Array(string.utf8)
        let store = InlineStore()
        store.freeze(table)
        self.init(store: store, start: 0, length: Int32(string.utf8.count))
    }
}

/// One inline in the store's table. Children follow their parent; `end` is
/// the index after the parent's last descendant, so siblings are found by
/// jumping from `end` to `end`.
struct InlineNode {
    enum Kind: UInt8 {
        case text, code, html, softBreak, lineBreak, emphasis, strong, link, image
    }

    var kind: Kind
    var end: Int32
    /// Text, code and HTML: the first byte in the store's text; links and images: the index in `links`.
    var start: Int32
    /// Text, code and HTML: the byte count.
    var length: Int32
}

/// The inlines of one document while it is parsed: a value the parser owns
/// and passes along `inout`, so that appending costs no exclusivity check.
/// `InlineStore.freeze` takes it when the document is done. Its bytes are
/// UTF-8 that cmark produced or checked, or that came from a String.
struct InlineTable {
    var nodes: [InlineNode] = []
    var links: [Link] = []
    var bytes: [UInt8] = []

    /// The index the next node gets.
    var nextIndex: Int32 { Int32(nodes.count) }

    /// Adds a leaf whose text is the `length` bytes at `start` in `bytes`.
    mutating func appendLeaf(_ kind: InlineNode.Kind, start: Int, length: Int) {
        nodes.append(InlineNode(kind: kind, end: Int32(nodes.count + 1), start: Int32(start), length: Int32(length)))
    }

    /// Adds a leaf holding `text`.
    mutating func appendLeaf(_ kind: InlineNode.Kind, _ text: some Sequence<UInt8>) {
        let start = bytes.count
        bytes.append(contentsOf: text)
        appendLeaf(kind, start: start, length: bytes.count - start)
    }

    /// Opens a container; its children are the nodes added until `close`.
    mutating func open(_ kind: InlineNode.Kind, link: Link? = nil) -> Int32 {
        var start: Int32 = 0
        if let link {
            start = Int32(links.count)
            links.append(link)
        }
        nodes.append(InlineNode(kind: kind, end: 0, start: start, length: 0))
        return Int32(nodes.count - 1)
    }

    mutating func close(_ index: Int32) {
        nodes[Int(index)].end = Int32(nodes.count)
    }

    /// Appends a hand-built inline and its children.
    mutating func append(_ inline: Inline) {
        switch inline {
        case .text(let s): appendLeaf(.text, s.utf8)
        case .code(let s): appendLeaf(.code, s.utf8)
        case .html(let s): appendLeaf(.html, s.utf8)
        case .softBreak: appendLeaf(.softBreak, start: bytes.count, length: 0)
        case .lineBreak: appendLeaf(.lineBreak, start: bytes.count, length: 0)
        case .emphasis(let c): append(.emphasis, c)
        case .strong(let c): append(.strong, c)
        case .link(let link, let c): append(.link, c, link: link)
        case .image(let link, let alt): append(.image, alt, link: link)
        }
    }

    private mutating func append(_ kind: InlineNode.Kind, _ children: Inlines, link: Link? = nil) {
        let index = open(kind, link: link)
        for child in children { append(child) }
        close(index)
    }
}

/// Every inline of one parsed document (or of one hand-built `Inlines`), in
/// one table, and all their text in one byte array (valid UTF-8: no String
/// is made of it, so nothing checks it again).
///
/// Blocks refer to it while the document is still being parsed; the parser
/// freezes it, handing over the finished `InlineTable`, before it returns
/// those blocks, and it never changes after that. That is what makes it safe
/// to share between threads.
final class InlineStore: @unchecked Sendable {
    private(set) var nodes: [InlineNode] = []
    private(set) var links: [Link] = []
    /// The UTF-8 text of every text, code and HTML node.
    private(set) var bytes: [UInt8] = []
    private(set) var isFrozen = false

    static let empty: Inlines = {
        let store = InlineStore()
        store.freeze(InlineTable())
        return Inlines(store: store, lower: 0, upper: 0)
    }()

    init() {}

    /// A frozen store of the given table.
    init(nodes: [InlineNode], links: [Link], bytes: [UInt8]) {
        self.nodes = nodes
        self.links = links
        self.bytes = bytes
        isFrozen = true
    }

    /// Takes the parsed table; nothing changes after this.
    func freeze(_ table: consuming InlineTable) {
        precondition(!isFrozen, "an inline store is frozen once")
        nodes = table.nodes
        links = table.links
        bytes = table.bytes
        isFrozen = true
    }

    /// The text of a text, code or HTML node.
    func string(_ node: InlineNode) -> String {
        assert(isFrozen, "inline text is read once the store is frozen")
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[Int(node.start)..<Int(node.start + node.length)]), as: UTF8.self)
        }
    }

    func children(of index: Int32) -> Inlines {
        Inlines(store: self, lower: index + 1, upper: nodes[Int(index)].end)
    }

    func inline(at index: Int32) -> Inline {
        let node = nodes[Int(index)]
        switch node.kind {
        case .text: return .text(string(node))
        case .code: return .code(string(node))
        case .html: return .html(string(node))
        case .softBreak: return .softBreak
        case .lineBreak: return .lineBreak
        case .emphasis: return .emphasis(children(of: index))
        case .strong: return .strong(children(of: index))
        case .link: return .link(links[Int(node.start)], children(of: index))
        case .image: return .image(links[Int(node.start)], alt: children(of: index))
        }
    }
}
