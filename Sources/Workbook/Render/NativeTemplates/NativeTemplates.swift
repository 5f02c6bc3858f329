import WorkbookMarkdown

/// Swift renderers of default-theme templates that run thousands of times a
/// build (chapter bodies, blocks, tables, sheets) or walk every chapter, drill,
/// story or rubric once (print, drills, stories, dashboard), where every value
/// the template engine looks up by name costs microseconds. Each renders exactly
/// what its `.mustache` file renders: the file stays the theme's source and the
/// starting point for a custom theme.
///
/// A native renderer stands in for a template only while that template and
/// every partial it includes are the default theme's files, unchanged (their
/// digest is the one the renderer was written for). A theme that overrides any
/// of them gets the template engine for all of them, with Mustache's context
/// stack intact. `NativeTemplateTests` builds every fixture both ways and
/// compares the bytes, and fails when a default template's digest changes
/// without its renderer.
struct NativeTemplate: Sendable {
    /// `NativeTemplates.digest` of the `.mustache` file this renders like.
    var digest: UInt64
    /// The partials the template includes (`{{>name}}`, and the ones a dynamic `{{>*partial}}` can name).
    var partials: [String]
    /// The view model type it renders.
    private var model: ObjectIdentifier
    /// Appends the HTML of the view model at the pointer, which is a `model`.
    private var renderModel: @Sendable (_ object: UnsafeRawPointer, _ out: inout HTMLOutput) -> Void
    /// Casts an `Any` to the view model, for an object whose static type is not it.
    private var renderAny: @Sendable (_ object: Any) -> [UInt8]?
    /// How long the template's pages have been, to start the next one's buffer at.
    private let size = SizeHint(least: 512)

    /// A renderer that appends the HTML of a `Model` view model.
    init<Model>(_: Model.Type, digest: UInt64, partials: [String], _ render: @escaping @Sendable (Model, inout HTMLOutput) -> Void) {
        self.digest = digest
        self.partials = partials
        self.model = ObjectIdentifier(Model.self)
        self.renderModel = { object, out in render(object.assumingMemoryBound(to: Model.self).pointee, &out) }
        let size = self.size
        self.renderAny = { object in
            (object as? Model).map { vm in
                var out = HTMLOutput(capacity: size.capacity)
                render(vm, &out)
                size.record(out.count)
                return out.bytes()
            }
        }
    }

    /// The page's HTML, or nil when `object` is not the view model it expects.
    /// A view model of the expected static type is read in place: casting it
    /// out of an `Any` copied it, retaining every string it holds.
    func render<Object>(_ object: Object) -> [UInt8]? {
        guard ObjectIdentifier(Object.self) == model else { return renderAny(object) }
        var out = HTMLOutput(capacity: size.capacity)
        withUnsafePointer(to: object) { renderModel(UnsafeRawPointer($0), &out) }
        size.record(out.count)
        return out.bytes()
    }
}

enum NativeTemplates {
    static let all: [String: NativeTemplate] = BlockTemplates.all.merging(SheetTemplates.all) { a, _ in a }
        .merging(PageTemplates.all) { a, _ in a }.merging(PersonalTemplates.all) { a, _ in a }

    /// The native renderers that may stand in for templates: `unchanged` names
    /// the templates that are the default theme's files with the digest given.
    static func usable(unchanged digests: [String: UInt64]) -> [String: NativeTemplate] {
        /// The template and every partial it reaches are unchanged default files
        /// (cycles, such as `block` and `block-drill`, are fine).
        func unchanged(_ name: String) -> Bool {
            var seen: Set<String> = [name]
            var pending = [name]
            while let next = pending.popLast() {
                guard let digest = digests[next] else { return false }
                guard let native = all[next] else { continue }
                guard digest == native.digest else { return false }
                for partial in native.partials where seen.insert(partial).inserted {
                    pending.append(partial)
                }
            }
            return true
        }
        return all.filter { unchanged($0.key) }
    }

    /// FNV-1a over the UTF-8 bytes: stable across runs and machines, unlike `Hasher`.
    static func digest(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }
}

/// What a native renderer writes: the page's UTF-8 bytes, appended in
/// place. (A String output spent more on keeping its count, ASCII flag and
/// breadcrumbs up to date with every small append than on the bytes, and the
/// page was copied into bytes at the end.)
struct HTMLOutput: ~Copyable {
    var buffer: ByteBuffer

    init(capacity: Int = 512) {
        buffer = ByteBuffer(capacity: capacity)
    }

    /// The bytes written so far.
    var count: Int { buffer.count }

    /// What was written, handed over at its exact size.
    consuming func bytes() -> [UInt8] {
        buffer.bytes()
    }

    /// What the template engine escapes: `<`, `>`, `&`, `"` and `'`.
    static let templateEscaped = ByteScan.Set([0x3C, 0x3E, 0x26, 0x22, 0x27])

    static func += (out: inout HTMLOutput, text: String) {
        out.append(text)
    }

    mutating func append(_ text: String) {
        buffer.append(text)
    }

    /// Appends `text` escaped the way the template engine escapes `{{name}}`:
    /// `<`, `>`, `&`, `"` and `'`, compared as whole characters.
    mutating func appendEscaped(_ text: String) {
        // One pass over the bytes: an ASCII byte between ASCII bytes is a
        // character of its own. One next to other bytes (a combining mark
        // after `'`) may be part of a larger character: the rest goes by characters.
        let done = text.withUTF8Bytes { bytes -> Int? in
            var start = 0
            while let i = ByteScan.first(in: bytes, from: start, Self.templateEscaped) {
                guard (i == 0 || bytes[i - 1] < 0x80), (i + 1 == bytes.count || bytes[i + 1] < 0x80) else { return start }
                buffer.append(UnsafeBufferPointer(rebasing: bytes[start..<i]))
                switch bytes[i] {
                case UInt8(ascii: "<"): buffer.append(literal: "&lt;")
                case UInt8(ascii: ">"): buffer.append(literal: "&gt;")
                case UInt8(ascii: "&"): buffer.append(literal: "&amp;")
                case UInt8(ascii: "\""): buffer.append(literal: "&quot;")
                default: buffer.append(literal: "&#39;")
                }
                start = i + 1
            }
            buffer.append(UnsafeBufferPointer(rebasing: bytes[start...]))
            return nil
        }
        // Where the bytes left off, at a character's start (just after an escaped one).
        guard let rest = done else { return }
        let restText = text.utf8.index(text.utf8.startIndex, offsetBy: rest)
        for character in text[restText...] {
            switch character {
            case "<": append("&lt;")
            case ">": append("&gt;")
            case "&": append("&amp;")
            case "\"": append("&quot;")
            case "'": append("&#39;")
            default: for byte in character.utf8 { buffer.append(byte) }
            }
        }
    }

    /// Appends a number's decimal digits, as `"\(number)"` writes them,
    /// without making a String of them.
    mutating func append(_ number: Int) {
        buffer.append(decimal: number)
    }

    /// ` name="number"`: an attribute whose value is a number.
    mutating func appendAttribute(_ name: String, _ number: Int) {
        append(" ")
        append(name)
        append("=\"")
        append(number)
        append("\"")
    }

    mutating func append(_ html: HTMLBytes) {
        buffer.append(html.bytes)
    }

    /// Appends the pieces in turn.
    mutating func append(_ a: String, _ b: String) {
        append(a)
        append(b)
    }

    mutating func append(_ a: String, _ b: String, _ c: String) {
        append(a)
        append(b)
        append(c)
    }

    /// `{{#items}}<li>{{.}}</li>{{/items}}`: each item escaped in a list item.
    mutating func appendListItems(_ items: [String]) {
        for item in items {
            append("<li>")
            appendEscaped(item)
            append("</li>")
        }
    }

    /// `<a href="url">title</a>`, both escaped.
    mutating func appendLink(_ url: String, _ title: String) {
        append("<a href=\"")
        appendEscaped(url)
        append("\">")
        appendEscaped(title)
        append("</a>")
    }
}
