import Mustache

/// HTML kept as the UTF-8 bytes the Markdown renderer wrote, for a view
/// model: a native renderer copies them into the page as they are; the
/// template engine renders them as text. (A String of them cost a UTF-8
/// validation and a copy of most of every chapter's body.)
struct HTMLBytes: Sendable, MustacheCustomRenderable {
    var bytes: [UInt8]

    var string: String { String(decoding: bytes, as: UTF8.self) }

    var renderText: String { string }

    /// Like a String, even an empty one opens a section.
    var isNull: Bool { false }
}
