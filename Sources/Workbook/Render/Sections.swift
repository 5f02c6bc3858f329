import WorkbookMarkdown

/// Pages made of many sections rendered on their own (the print page's
/// chapters, the drills page's groups, the dashboard's rubrics): the sections
/// render in parallel and are cached; the page is rendered once with a marker
/// in place of each section, and the sections' bytes are spliced in. A page of
/// a thousand sections is then copied once, not concatenated piece by piece
/// by the template engine.
enum Sections {
    /// Stands for one section in the page's template. Content could only put
    /// it in the page with U+0001 characters; then there are more markers than
    /// sections, and the page is rendered whole instead.
    static let marker = "\u{1}workbook-section\u{1}"

    /// The page around `sections`. `render` renders the page with the HTML it
    /// is given for section `n`; when the markers cannot be matched to the
    /// sections one for one, the page is rendered with the sections in place.
    /// - Parameter shell: the page rendered with a marker for each section and
    ///   split at them (`split(render { _ in marker })`), when the caller has it cached.
    static func assemble(_ sections: [[UInt8]], shell: [[UInt8]]? = nil, render: (_ html: (Int) -> String) -> [UInt8]) -> [[UInt8]] {
        if let parts = interleave(shell ?? split(render { _ in marker }), sections) { return parts }
        return [render { String(decoding: sections[$0], as: UTF8.self) }]
    }

    /// `assemble`, for sections that are themselves in pieces: the page's
    /// parts are the shell's pieces with each section's pieces between them.
    static func assemble(
        pieces sections: [[ArraySlice<UInt8>]], shell: [[UInt8]], render: (_ html: (Int) -> String) -> [UInt8]
    ) -> [ArraySlice<UInt8>] {
        guard shell.count == sections.count + 1 else {
            return [render { String(decoding: Array(sections[$0].joined()), as: UTF8.self) }[...]]
        }
        var page: [ArraySlice<UInt8>] = []
        page.reserveCapacity(sections.reduce(shell.count) { $0 + $1.count })
        for (piece, section) in zip(shell, sections) {
            page.append(piece[...])
            page += section
        }
        page.append(shell[sections.count][...])
        return page
    }

    /// The shell's pieces between its markers: one more than it has markers.
    static func split(_ shell: [UInt8]) -> [[UInt8]] {
        let mark = Array(marker.utf8)
        var pieces: [[UInt8]] = []
        var start = 0
        shell.withUnsafeBufferPointer { bytes in
            var i = 0
            // The marker starts with U+0001, which pages otherwise never hold: jump from one to the next.
            while i + mark.count <= bytes.count, let found = ByteScan.first(in: bytes, from: i, Self.markerStart) {
                guard found + mark.count <= bytes.count else { break }
                if UnsafeBufferPointer(rebasing: bytes[found..<(found + mark.count)]).elementsEqual(mark) {
                    pieces.append(Array(bytes[start..<found]))
                    i = found + mark.count
                    start = i
                } else {
                    i = found + 1
                }
            }
        }
        pieces.append(Array(shell[start...]))
        return pieces
    }

    private static let markerStart = ByteScan.Set([0x01])

    /// The shell's pieces with the sections between them; nil unless there is
    /// exactly one marker per section.
    static func interleave(_ pieces: [[UInt8]], _ sections: [[UInt8]]) -> [[UInt8]]? {
        guard pieces.count == sections.count + 1 else { return nil }
        var page: [[UInt8]] = []
        page.reserveCapacity(2 * sections.count + 1)
        for (piece, section) in zip(pieces, sections) {
            page.append(piece)
            page.append(section)
        }
        page.append(pieces[sections.count])
        return page
    }

    /// The page's pieces as one run of bytes.
    static func joined(_ parts: [[UInt8]]) -> [UInt8] {
        guard parts.count > 1 else { return parts.first ?? [] }
        var out: [UInt8] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { out += part }
        return out
    }

    /// `items` with each one's `field` set to `html(n)`.
    static func filled<T>(_ items: [T], _ field: WritableKeyPath<T, String>, _ html: (Int) -> String) -> [T] {
        items.enumerated().map { n, item in
            var item = item
            item[keyPath: field] = html(n)
            return item
        }
    }
}
