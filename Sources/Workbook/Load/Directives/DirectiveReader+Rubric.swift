import WorkbookMarkdown

extension DirectiveReader {
    /// A table (dimensions × anchors), then a bullet list of bands, then prose.
    mutating func readRubric(_ directive: Directive, id: String) -> Rubric? {
        rejectDirectives(in: directive.body, of: .rubric)
        guard let tableIndex = directive.body.firstIndex(where: { if case .table = $0 { true } else { false } }),
            case .table(let table) = directive.body[tableIndex]
        else {
            error("`rubric` needs a pipe table: `| Dimension | 1 - Weak | 3 - Competent | 5 - Strong |`, then one row per dimension", at: directive.location)
            return nil
        }
        guard let anchors = readAnchors(table) else { return nil }
        guard let dimensions = readDimensions(table) else { return nil }
        let bandIndex = directive.body[(tableIndex + 1)...].firstIndex { if case .list(let l) = $0 { !l.isOrdered } else { false } }
        guard let bandIndex, case .list(let list) = directive.body[bandIndex] else {
            error("`rubric` needs a bullet list of score bands after its table, e.g. `- 7-17: Needs work`", at: table.location)
            return nil
        }
        var rubric = Rubric(
            id: id, title: directive.title ?? [], anchors: anchors, dimensions: dimensions, bands: [],
            gate: nil, requirements: [], prose: [], location: directive.location)
        let totals = rubric.maxTotal - rubric.minTotal + 1
        guard totals <= Limits.rubricTotals else {
            error("this rubric has \(totals) possible totals (\(dimensions.count) dimensions scored \(rubric.scale.lowerBound) to \(rubric.scale.upperBound)); a rubric may have at most \(Limits.rubricTotals)", at: table.location)
            return nil
        }
        guard let bands = readBands(list) else { return nil }
        rubric.bands = bands
        var ok = checkCoverage(rubric, list: list)
        if let attribute = directive.attribute("gate") {
            if let gate = Int(attribute.value), (rubric.minTotal...rubric.maxTotal).contains(gate) {
                rubric.gate = gate
            } else {
                error("invalid gate `\(attribute.value)`: the pass mark must be a total from \(rubric.minTotal) to \(rubric.maxTotal)", at: attribute.location)
                ok = false
            }
        }
        if let attribute = directive.attribute("require") {
            guard let requirements = readRequirements(attribute, rubric: rubric) else { return nil }
            rubric.requirements = requirements
        }
        rubric.prose = directive.body.enumerated().filter { $0.offset != tableIndex && $0.offset != bandIndex }.map(\.element)
        return ok ? rubric : nil
    }

    /// Header cells after the first: `N` or `N - Label`, strictly ascending.
    private mutating func readAnchors(_ table: Table) -> [Rubric.Anchor]? {
        guard table.header.cells.count >= 2 else {
            error("a rubric table needs a Dimension column and at least one score anchor column", at: table.location)
            return nil
        }
        var anchors: [Rubric.Anchor] = []
        for cell in table.header.cells.dropFirst() {
            let text = cell.content.plainText.trimmingSpaces
            let sign = text.hasPrefix("-") ? "-" : ""
            // ASCII text (most anchors) is read by its bytes: its only number characters are the digits.
            let digits = text.bytesAreCharacters
                ? text.utf8.dropFirst(sign.count).prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
                : text.dropFirst(sign.count).prefix { $0.isASCII && $0.isNumber }.count
            let numberPart = sign + text.dropFirst(sign.count).prefix(digits)
            guard let value = Int(numberPart) else {
                error("score anchor `\(text)` must start with a whole number: `3` or `3 - Competent`", at: cell.location)
                return nil
            }
            var rest = text.dropFirst(numberPart.count).trimmingSpaces
            if let first = rest.first, "-–—:".contains(first) {
                rest = rest.dropFirst().trimmingSpaces
            } else if !rest.isEmpty {
                error("score anchor `\(text)` must read `N` or `N - Label`", at: cell.location)
                return nil
            }
            guard Limits.anchorValues.contains(value) else {
                error("score anchor \(value) is outside \(Limits.anchorValues.lowerBound) to \(Limits.anchorValues.upperBound)", at: cell.location)
                return nil
            }
            if let previous = anchors.last, value <= previous.value {
                error("score anchors must rise from left to right: \(value) comes after \(previous.value)", at: cell.location)
                return nil
            }
            anchors.append(Rubric.Anchor(value: value, label: rest.isEmpty ? nil : rest))
        }
        return anchors
    }

    private mutating func readDimensions(_ table: Table) -> [Rubric.Dimension]? {
        guard !table.rows.isEmpty else {
            error("a rubric table needs at least one dimension row", at: table.location)
            return nil
        }
        var dimensions: [Rubric.Dimension] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            let name = row.cells[0].content.plainText.trimmingSpaces
            guard !name.isEmpty else {
                error("a rubric row needs a dimension name in its first cell", at: row.location)
                return nil
            }
            if let line = seen[name] {
                error("duplicate dimension `\(name)`: already on line \(line)", at: row.cells[0].location)
                return nil
            }
            seen[name] = row.location.line
            dimensions.append(Rubric.Dimension(name: name, descriptors: row.cells.dropFirst().map(\.content), location: row.cells[0].location))
        }
        return dimensions
    }

    /// `- A-B: text` items (or `- A: text` for one total).
    private mutating func readBands(_ list: List) -> [Rubric.Band]? {
        var bands: [Rubric.Band] = []
        var ok = true
        for item in list.items {
            guard case .paragraph(let content, let location)? = item.first else {
                error("a score band reads `A-B: text`, e.g. `- 7-17: Needs work`", at: item.first?.startLocation ?? list.location)
                ok = false
                continue
            }
            // Most bands: read from the text's bytes, without copying it out.
            if case let (range, skipped)?? = content.withLeadingText(Self.asciiBandPrefix) {
                bands.append(Rubric.Band(range: range, text: content.droppingLeadingText(bytes: skipped), location: location))
                continue
            }
            guard case .text(let text)? = content.first else {
                error("a score band starts with its totals as plain text, as in `- 7-17: Needs work`; no bold, code or links around them", at: location)
                ok = false
                continue
            }
            guard let (range, rest) = Self.parseBandPrefix(text) else {
                if let (high, low) = Self.backwardsBand(text) {
                    error("score band `\(high)-\(low)` runs backwards: write the lower total first, `\(low)-\(high)`", at: location)
                } else {
                    error("a score band reads `A-B: text`, e.g. `- 7-17: Needs work`; found `\(content.plainText.prefix(40))`", at: location)
                }
                ok = false
                continue
            }
            // The band's words are the end of the first text: drop what comes before them.
            let inlines = content.droppingLeadingText(bytes: text.utf8.count - rest.utf8.count)
            bands.append(Rubric.Band(range: range, text: inlines, location: location))
        }
        return ok ? bands : nil
    }

    /// `parseBandPrefix` of text whose bytes are ASCII up to the words (each
    /// byte a character): the totals, and how many bytes come before the
    /// words. Nil when the text is not such a band; `parseBandPrefix` then
    /// decides, and explains.
    static func asciiBandPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> (ClosedRange<Int>, Int)? {
        var i = 0
        func spaces() {
            while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
        }
        func number() -> Int? {
            spaces()
            let start = i
            var value = 0
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                // Six digits at most make a total; a longer run is only counted.
                if i - start < 6 { value = value * 10 + Int(bytes[i] - UInt8(ascii: "0")) }
                i += 1
            }
            return (1..<7).contains(i - start) ? value : nil
        }
        guard let low = number() else { return nil }
        spaces()
        var high = low
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") {
            i += 1
            guard let n = number() else { return nil }
            high = n
        }
        spaces()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":"), low <= high else { return nil }
        i += 1
        spaces()
        guard UnsafeBufferPointer(rebasing: bytes[..<min(i + 1, bytes.count)]).allSatisfy({ $0 < 0x80 }) else { return nil }
        return (low...high, i)
    }

    static func parseBandPrefix(_ text: String) -> (ClosedRange<Int>, String)? {
        var scanner = Substring(text)
        func number() -> Int? {
            scanner = scanner.drop { $0 == " " }
            let digits = scanner.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count < 7 else { return nil }
            scanner = scanner.dropFirst(digits.count)
            return Int(digits)
        }
        guard let low = number() else { return nil }
        scanner = scanner.drop { $0 == " " }
        var high = low
        if let dash = scanner.first, "-–—".contains(dash) {
            scanner = scanner.dropFirst()
            guard let n = number() else { return nil }
            high = n
        }
        scanner = scanner.drop { $0 == " " }
        guard scanner.first == ":", low <= high else { return nil }
        return (low...high, String(scanner.dropFirst().drop { $0 == " " }))
    }

    /// `17-7: text`: the two totals of a band written high to low.
    static func backwardsBand(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: ":", maxSplits: 1).first?.split(whereSeparator: { "-–—".contains($0) }) ?? []
        guard parts.count == 2, let high = Int(parts[0].trimmingSpaces),
            let low = Int(parts[1].trimmingSpaces), high > low
        else { return nil }
        return (high, low)
    }

    /// Bands must name every possible total exactly once.
    private mutating func checkCoverage(_ rubric: Rubric, list: List) -> Bool {
        let possible = rubric.minTotal...rubric.maxTotal
        // How many bands hold each total, through differences: linear in bands plus totals.
        var change = [Int](repeating: 0, count: possible.count + 1)
        var ok = true
        for band in rubric.bands {
            if band.range.lowerBound < possible.lowerBound || band.range.upperBound > possible.upperBound {
                error("score band `\(band.label)` goes outside the possible totals \(possible.lowerBound)-\(possible.upperBound) (\(rubric.dimensions.count) dimension\(rubric.dimensions.count == 1 ? "" : "s") scored \(rubric.scale.lowerBound) to \(rubric.scale.upperBound))", at: band.location)
                ok = false
            }
            let low = max(band.range.lowerBound, possible.lowerBound), high = min(band.range.upperBound, possible.upperBound)
            if low <= high {
                change[low - possible.lowerBound] += 1
                change[high - possible.lowerBound + 1] -= 1
            }
        }
        var count = [Int](repeating: 0, count: possible.count)
        var running = 0
        for i in count.indices {
            running += change[i]
            count[i] = running
        }
        let missing = possible.filter { count[$0 - possible.lowerBound] == 0 }
        let doubled = possible.filter { count[$0 - possible.lowerBound] > 1 }
        if !missing.isEmpty {
            error("score bands leave \(Self.describeTotals(missing)) uncovered; together they must cover every total from \(possible.lowerBound) to \(possible.upperBound)", at: list.location)
            ok = false
        }
        if !doubled.isEmpty {
            error("score bands overlap: \(Self.describeTotals(doubled)) fall\(doubled.count == 1 ? "s" : "") in more than one band", at: list.location)
            ok = false
        }
        return ok
    }

    /// "total 8", "totals 8-9", "totals 3, 8-9".
    static func describeTotals(_ totals: [Int]) -> String {
        var runs: [String] = []
        var i = 0
        while i < totals.count {
            var j = i
            while j + 1 < totals.count, totals[j + 1] == totals[j] + 1 { j += 1 }
            runs.append(i == j ? "\(totals[i])" : "\(totals[i])-\(totals[j])")
            i = j + 1
        }
        return (totals.count == 1 ? "total " : "totals ") + runs.joined(separator: ", ")
    }

    /// `require="Technical depth >= 3; Production responsibility >= 3"`.
    private mutating func readRequirements(_ attribute: Directive.Attribute, rubric: Rubric) -> [Rubric.Requirement]? {
        var requirements: [Rubric.Requirement] = []
        // Split at the `;` byte where every byte is a character (a split by
        // Characters cost 16,000 instructions a rubric).
        let value = attribute.value
        let parts = value.bytesAreCharacters ? value.utf8.split(separator: UInt8(ascii: ";")).map { Substring($0) } : value.split(separator: ";")
        for part in parts {
            let clause = part.trimmingSpaces
            if clause.isEmpty { continue }
            let op = Self.firstRange(of: ">=", in: clause) ?? Self.firstRange(of: "≥", in: clause)
            guard let op, let minimum = Int(clause[op.upperBound...].trimmingSpaces) else {
                error("malformed requirement `\(clause)`: write `Dimension >= N`, several separated by `;`", at: attribute.location)
                return nil
            }
            let name = clause[..<op.lowerBound].trimmingSpaces
            guard rubric.dimensions.contains(where: { $0.name == name }) else {
                let names = rubric.dimensions.map { "`\($0.name)`" }.joined(separator: ", ")
                error("`require` names unknown dimension `\(name)`; dimensions: \(names)", at: attribute.location)
                return nil
            }
            guard rubric.scale.contains(minimum) else {
                error("`require` minimum \(minimum) for `\(name)` is outside the scale \(rubric.scale.lowerBound)-\(rubric.scale.upperBound)", at: attribute.location)
                return nil
            }
            requirements.append(Rubric.Requirement(dimension: name, minimum: minimum))
        }
        return requirements
    }

    /// Where `pattern` first occurs in `text`, found by its bytes. (A Character
    /// search differs only where a combining mark follows `=`, and the number
    /// after it does not read then either.)
    static func firstRange(of pattern: StaticString, in text: String) -> Range<String.Index>? {
        let utf8 = text.utf8
        let first = pattern.utf8Start.pointee
        var i = utf8.startIndex
        while let start = utf8[i...].firstIndex(of: first) {
            var j = start
            var k = 0
            while k < pattern.utf8CodeUnitCount, j < utf8.endIndex, utf8[j] == pattern.utf8Start[k] {
                j = utf8.index(after: j)
                k += 1
            }
            if k == pattern.utf8CodeUnitCount { return start..<j }
            i = utf8.index(after: start)
        }
        return nil
    }
}

import Foundation
