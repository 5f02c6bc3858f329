/// A `:::TYPE[Title]{#id key=value}` container, as written. The Workbook layer
/// turns it into a typed block (matrix, drill, rubric, ...).
public struct Directive: Sendable, Hashable {
    public struct Attribute: Sendable, Hashable {
        public var key: String
        public var value: String
        public var location: SourceLocation

        public init(key: String, value: String, location: SourceLocation) {
            self.key = key
            self.value = value
            self.location = location
        }
    }

    /// The TYPE, as written.
    public var name: String
    /// Inline Markdown of `[Title]`, or nil without brackets.
    public var title: Inlines?
    /// `#id`, when written.
    public var id: String?
    public var idLocation: SourceLocation?
    public var attributes: [Attribute]
    public var body: [Block]
    /// The first colon of the opening fence.
    public var location: SourceLocation
    /// Where the TYPE starts, for "unknown directive type" diagnostics.
    public var nameLocation: SourceLocation
    public var fenceLength: Int

    public init(
        name: String, title: Inlines?, id: String?, idLocation: SourceLocation?,
        attributes: [Attribute], body: [Block], location: SourceLocation,
        nameLocation: SourceLocation, fenceLength: Int
    ) {
        self.name = name
        self.title = title
        self.id = id
        self.idLocation = idLocation
        self.attributes = attributes
        self.body = body
        self.location = location
        self.nameLocation = nameLocation
        self.fenceLength = fenceLength
    }

    public func attribute(_ key: String) -> Attribute? {
        attributes.first { $0.key == key }
    }
}
