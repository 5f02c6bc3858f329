/// Inline content of a paragraph, heading or table cell, copied out of cmark.
/// Only links and images are boxed (`indirect`): the other cases fit in the
/// enum itself, so a text node costs no allocation of its own.
public enum Inline: Sendable, Hashable {
    case text(String)
    case code(String)
    case emphasis([Inline])
    case strong([Inline])
    indirect case link(Link, [Inline])
    indirect case image(Link, alt: [Inline])
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

extension Array where Element == Inline {
    /// The text a reader sees, without markup: used for slugs, titles and search.
    public var plainText: String {
        var out = ""
        appendPlainText(to: &out)
        return out
    }

    /// Appends the plain text, as `plainText` gives it.
    public func appendPlainText(to out: inout String) {
        for inline in self {
            switch inline {
            case .text(let s), .code(let s): out += s
            case .emphasis(let c), .strong(let c), .link(_, let c), .image(_, let c): c.appendPlainText(to: &out)
            case .softBreak, .lineBreak: out += " "
            case .html: break
            }
        }
    }
}
