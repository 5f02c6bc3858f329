/// GitHub-style heading ids, unique within a page: the text lowercased,
/// punctuation removed (but `-` and `_`), spaces turned into `-`; a repeated
/// slug gets `-1`, `-2`, ...
public struct Slugger: Sendable {
    private var used: Set<String> = []
    /// The last suffix tried for each base: ids are only ever added, so the
    /// next free one is never below it (a page of 100,000 equal headings stays linear).
    private var lastSuffix: [String: Int] = [:]

    public init() {}

    /// The GitHub slug of `text`, without making it unique.
    public static func slug(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if scalar == " " {
                out.unicodeScalars.append("-")
            } else if scalar == "-" || scalar == "_" {
                out.unicodeScalars.append(scalar)
            } else if scalar.isASCII {
                let v = scalar.value
                if (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) {
                    out.unicodeScalars.append(scalar)
                } else if v >= 0x41 && v <= 0x5A {
                    out.unicodeScalars.append(Unicode.Scalar(v + 0x20)!)
                }
            } else {
                let p = scalar.properties
                if p.isAlphabetic || p.generalCategory == .decimalNumber || p.generalCategory == .letterNumber
                    || p.generalCategory == .otherNumber || p.generalCategory == .nonspacingMark
                    || p.generalCategory == .spacingMark || p.generalCategory == .enclosingMark
                    || p.generalCategory == .connectorPunctuation
                {
                    out += String(scalar).lowercased()
                }
            }
        }
        return out
    }

    /// Marks an id as taken (e.g. a directive's explicit `#id`).
    public mutating func reserve(_ id: String) {
        used.insert(id)
    }

    public func isUsed(_ id: String) -> Bool { used.contains(id) }

    /// Every id taken so far.
    public var ids: Set<String> { used }

    /// A unique id for `text`: its slug, or the slug with `-1`, `-2`, ... appended.
    /// An empty slug becomes `section`.
    public mutating func unique(for text: String) -> String {
        uniqueID(Self.slug(text))
    }

    /// `base` if free, else `base-1`, `base-2`, ...
    public mutating func uniqueID(_ base: String) -> String {
        let base = base.isEmpty ? "section" : base
        var n = lastSuffix[base] ?? 0
        var candidate = n == 0 ? base : "\(base)-\(n)"
        while used.contains(candidate) {
            n += 1
            candidate = "\(base)-\(n)"
        }
        lastSuffix[base] = n
        used.insert(candidate)
        return candidate
    }
}
