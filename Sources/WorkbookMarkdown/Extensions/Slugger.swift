/// GitHub-style heading ids, unique within a page: the text lowercased,
/// punctuation removed (but `-` and `_`), spaces turned into `-`; a repeated
/// slug gets `-1`, `-2`, ...
public struct Slugger: Sendable {
    private var used: Set<String> = []
    /// The last suffix tried for each base: ids are only ever added, so the
    /// next free one is never below it (a page of 100,000 equal headings stays linear).
    private var lastSuffix: [String: Int] = [:]

    public init() {
        // A chapter has a few dozen ids: room for them from the start, so the
        // set is not rehashed as it grows (each rehash hashes every id again).
        used.reserveCapacity(32)
    }

    /// The GitHub slug of `text`, without making it unique.
    public static func slug(_ text: String) -> String {
        // ASCII, the usual heading, is read in place and written straight into
        // the String's storage (read through `utf8`'s iterator, twice, it cost
        // 55 instructions a byte).
        let ascii: String? = text.withUTF8Bytes { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                var count = 0
                for v in bytes {
                    if v == 0x20 {
                        buffer[count] = UInt8(ascii: "-")
                    } else if v == UInt8(ascii: "-") || v == UInt8(ascii: "_") || (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) {
                        buffer[count] = v
                    } else if v >= 0x41 && v <= 0x5A {
                        buffer[count] = v + 0x20
                    } else {
                        continue
                    }
                    count += 1
                }
                return count
            }
        }
        if let ascii { return ascii }
        // Otherwise gathered as UTF-8 bytes and made a String once.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let v = UInt8(scalar.value)
                if v == 0x20 {
                    out.append(UInt8(ascii: "-"))
                } else if v == UInt8(ascii: "-") || v == UInt8(ascii: "_") || (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) {
                    out.append(v)
                } else if v >= 0x41 && v <= 0x5A {
                    out.append(v + 0x20)
                }
            } else {
                let p = scalar.properties
                if p.isAlphabetic || p.generalCategory == .decimalNumber || p.generalCategory == .letterNumber
                    || p.generalCategory == .otherNumber || p.generalCategory == .nonspacingMark
                    || p.generalCategory == .spacingMark || p.generalCategory == .enclosingMark
                    || p.generalCategory == .connectorPunctuation
                {
                    out.append(contentsOf: String(scalar).lowercased().utf8)
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
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
        let tried = lastSuffix.isEmpty ? nil : lastSuffix[base]
        // Most ids are free at the first try: one lookup, nothing to remember
        // (a base never tried starts from its bare slug either way).
        if tried == nil, used.insert(base).inserted { return base }
        var n = tried ?? 0
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
