import CYaml
import WorkbookMarkdown
import Yams

/// A YAML mapping read with positions, so every problem can point at its key
/// or value. `lineOffset` places the YAML inside its file (front matter starts
/// on the line after `---`).
struct YAMLMapping {
    let mapping: Node.Mapping
    let path: String
    let lineOffset: Int
    var diagnostics: [Diagnostic] = []
    private var seen: Set<String> = []
    /// Each text key's value (the first, should a key repeat), for lookups by name.
    private let values: [String: Node]

    init(mapping: Node.Mapping, path: String, lineOffset: Int) {
        self.mapping = mapping
        self.path = path
        self.lineOffset = lineOffset
        var values: [String: Node] = [:]
        values.reserveCapacity(mapping.count)
        for (key, value) in mapping {
            if let name = key.string, values[name] == nil { values[name] = value }
        }
        self.values = values
        seen.reserveCapacity(mapping.count)
    }

    /// Parses `text` as a YAML document whose root must be a mapping.
    static func parse(_ text: String, path: String, lineOffset: Int, what: String) -> (YAMLMapping?, [Diagnostic]) {
        if let problem = YAMLGuard.check(text, path: path, lineOffset: lineOffset) { return (nil, [problem]) }
        let node: Node?
        do {
            node = try Self.compose(text)
        } catch let error as YamlError {
            return (nil, [Self.diagnostic(for: error, in: text, path: path, lineOffset: lineOffset)])
        } catch {
            return (nil, [.error("malformed YAML: \(error)", at: SourceLocation(line: lineOffset + 1, column: 1), path: path)])
        }
        guard let node else {
            return (nil, [.error("\(what) is empty", at: SourceLocation(line: lineOffset + 1, column: 1), path: path)])
        }
        guard let mapping = node.mapping else {
            let at = node.mark.map { SourceLocation(line: $0.line + lineOffset, column: $0.column) } ?? SourceLocation(line: lineOffset + 1, column: 1)
            return (nil, [.error("\(what) must be a mapping of `key: value` lines", at: at, path: path)])
        }
        return (YAMLMapping(mapping: mapping, path: path, lineOffset: lineOffset), [])
    }

    /// Composes `text` with no tag-resolution rules: every untagged scalar is
    /// text until read as a number or a flag (`typed`). Yams hashes each
    /// mapping key to find duplicates, and resolving a key's tag by the default
    /// rules runs seven regular expressions over it. (So `1:` and `"1":` are
    /// one key twice, as the key lookups here see them too.)
    static func compose(_ text: String) throws -> Node? {
        // UTF-8 named: by default Yams reads the process environment on every parse.
        try Yams.compose(yaml: text, .basic, constructor, .utf8)
    }

    /// Yams's default constructor, made once: `.default` builds its three
    /// tables of closures anew on every call (10,000 instructions a parse).
    /// Immutable once made, so it is read from any thread.
    nonisolated(unsafe) private static let constructor = Constructor.default

    /// `node` with its tag resolved by YAML's default rules, as `.bool` needs
    /// (`true`, `yes`); explicitly tagged and quoted scalars keep theirs.
    /// (`.int` reads plain scalars by their text alone.)
    static func typed(_ node: Node) -> Node {
        guard case .scalar(let scalar) = node, scalar.tag.rawValue == Tag.Name.implicit.rawValue else { return node }
        return .scalar(Node.Scalar(scalar.string, Tag(.implicit), scalar.style, scalar.mark))
    }

    /// `node.int`, read at once when the scalar is plain decimal digits (no
    /// sign, no leading `0`, which YAML 1.1 reads as octal): Yams reads every
    /// integer through Foundation's string replacing and prefix tests, and
    /// front matter and scores hold thousands of small numbers.
    static func int(_ node: Node) -> Int? {
        if case .scalar(let scalar) = node, scalar.style == .any || scalar.style == .plain {
            let utf8 = scalar.string.utf8
            if let first = utf8.first, first != UInt8(ascii: "0"), utf8.count <= 18,
                utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            {
                return utf8.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            }
        }
        return node.int
    }

    static func diagnostic(for error: YamlError, in text: String, path: String, lineOffset: Int) -> Diagnostic {
        // Positions within the YAML text; `at` places them in the file.
        func local(_ mark: Mark) -> SourceLocation { SourceLocation(line: mark.line, column: mark.column) }
        func at(_ location: SourceLocation) -> SourceLocation {
            SourceLocation(line: location.line + lineOffset, column: location.column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            // The text ended inside a quoted value, `[...]` or `{...}`: point at where it opens,
            // not at the end of the text.
            if let context, local(mark) >= Self.end(of: text), let construct = Self.unclosedConstruct(context.text) {
                return .error("malformed YAML: \(construct) that starts here is not closed (\(problem))", at: at(local(context.mark)), path: path)
            }
            var message = "malformed YAML: \(problem)\(context.map { " \($0.text)" } ?? "")"
            if let hint = Self.hint(problem, at: local(mark), in: text) { message += "; " + hint }
            return .error(message, at: at(local(mark)), path: path)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = local(context.mark)
            if let second = Self.repeatedKey(key, after: first, in: text) {
                return .error("duplicate key `\(key)`: already given on line \(at(first).line)", at: at(second), path: path)
            }
            return .error("duplicate key `\(key)`: give each key only once", at: at(first), path: path)
        case .reader(let problem, let offset, let value, let yaml):
            var location = SourceLocation(line: 1, column: 1)
            if let offset, let index = yaml.index(yaml.startIndex, offsetBy: offset, limitedBy: yaml.endIndex) {
                let before = yaml[..<index]
                let lineStart = before.lastIndex(where: Self.isLineBreak).map { before.index(after: $0) } ?? before.startIndex
                location = SourceLocation(
                    line: before.reduce(1) { Self.isLineBreak($1) ? $0 + 1 : $0 },
                    column: before[lineStart...].unicodeScalars.count + 1)
            }
            let character = Unicode.Scalar(UInt32(bitPattern: value)).map { String(format: " (U+%04X)", $0.value) } ?? ""
            return .error("malformed YAML: \(problem)\(character)", at: at(location), path: path)
        default:
            // Other cases carry multi-line descriptions; a diagnostic is one line.
            return .error("malformed YAML", at: SourceLocation(line: lineOffset + 1, column: 1), path: path)
        }
    }

    /// `\r\n` is one Character: splitting on "\n" alone would miss it.
    private static func isLineBreak(_ c: Character) -> Bool { c == "\n" || c == "\r\n" }

    private static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: isLineBreak)
    }

    /// The position just past the last character, as libyaml reports "end of stream".
    private static func end(of text: String) -> SourceLocation {
        let lines = Self.lines(text)
        return SourceLocation(line: lines.count, column: (lines.last?.unicodeScalars.count ?? 0) + 1)
    }

    /// "a quoted scalar" for "while scanning a quoted scalar"; nil for contexts
    /// that do not need closing (block mappings, simple keys, ...).
    private static func unclosedConstruct(_ context: String) -> String? {
        let construct = context.replacingOccurrences(of: "while scanning ", with: "").replacingOccurrences(of: "while parsing ", with: "")
        return ["quoted scalar", "flow sequence", "flow mapping"].contains { construct.hasSuffix($0) } ? construct : nil
    }

    /// What libyaml's wording leaves an author to guess.
    private static func hint(_ problem: String, at mark: SourceLocation, in text: String) -> String? {
        if problem.hasPrefix("mapping values are not allowed") {
            return "put a value that contains `: ` in quotes, and check the indentation"
        }
        if problem.hasPrefix("found character that cannot start any token"),
            Self.scalar(at: mark, in: text) == "\t"
        {
            return "indent with spaces, not tabs"
        }
        return nil
    }

    private static func scalar(at mark: SourceLocation, in text: String) -> Unicode.Scalar? {
        let lines = Self.lines(text)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let scalars = Array(lines[mark.line - 1].unicodeScalars)
        return mark.column >= 1 && mark.column <= scalars.count ? scalars[mark.column - 1] : nil
    }

    /// The next `key:` at the same indentation as the first, within the same block mapping.
    private static func repeatedKey(_ key: String, after first: SourceLocation, in text: String) -> SourceLocation? {
        let lines = Self.lines(text)
        let indent = first.column - 1
        for index in first.line..<max(first.line, lines.count) {
            let line = lines[index]
            let leading = line.prefix { $0 == " " }.count
            if line.allSatisfy({ $0 == " " }) || line.dropFirst(leading).hasPrefix("#") { continue }
            if leading < indent { return nil }
            guard leading == indent else { continue }
            let rest = line.dropFirst(indent)
            for written in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(written) {
                if rest.dropFirst(written.count).drop(while: { $0 == " " }).first == ":" {
                    return SourceLocation(line: index + 1, column: indent + 1)
                }
            }
        }
        return nil
    }

    func location(_ node: Node) -> SourceLocation {
        node.mark.map { SourceLocation(line: $0.line + lineOffset, column: $0.column) } ?? SourceLocation(line: lineOffset + 1, column: 1)
    }

    /// The start of the document, for "missing key" problems.
    var start: SourceLocation {
        mapping.mark.map { SourceLocation(line: $0.line + lineOffset, column: $0.column) } ?? SourceLocation(line: lineOffset + 1, column: 1)
    }

    mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(message, at: location, path: path))
    }

    /// The value of `key`, if present; records the key as known.
    mutating func node(_ key: String) -> Node? {
        seen.insert(key)
        return values[key]
    }

    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let value = node(key) else {
            if required { error("missing required key `\(key)`", at: start) }
            return nil
        }
        guard let scalar = value.scalar else {
            error("`\(key)` must be text", at: location(value))
            return nil
        }
        let text = value.null != nil ? "" : scalar.string.trimmingSpaces
        if text.isEmpty {
            if required { error("`\(key)` must not be empty", at: location(value)) }
            return nil
        }
        return text
    }

    mutating func int(_ key: String, range: ClosedRange<Int> = 0...1_000_000) -> Int? {
        guard let value = node(key) else { return nil }
        guard let n = Self.int(value), range.contains(n) else {
            error("`\(key)` must be a whole number from \(range.lowerBound) to \(range.upperBound)", at: location(value))
            return nil
        }
        return n
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = node(key) else { return nil }
        guard let b = Self.typed(value).bool else {
            error("`\(key)` must be `true` or `false`", at: location(value))
            return nil
        }
        return b
    }

    /// One of `choices`, or an error listing them.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, of type: T.Type) -> T? where T.RawValue == String {
        guard let value = node(key) else { return nil }
        guard let text = value.string, let choice = T(rawValue: text) else {
            let names = T.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            error("invalid `\(key)` value `\(value.string ?? "")`: use one of \(names)", at: location(value))
            return nil
        }
        return choice
    }

    /// A list of text items; a single text value counts as a one-item list.
    mutating func strings(_ key: String) -> [(String, SourceLocation)]? {
        guard let value = node(key) else { return nil }
        if let sequence = value.sequence {
            var out: [(String, SourceLocation)] = []
            for item in sequence {
                guard let text = item.scalar?.string, item.scalar != nil else {
                    error("every item of `\(key)` must be text", at: location(item))
                    continue
                }
                out.append((text, location(item)))
            }
            return out
        }
        if let text = value.scalar?.string {
            return text.isEmpty ? [] : [(text, location(value))]
        }
        error("`\(key)` must be a list, as in `\(key): [A, B]`", at: location(value))
        return nil
    }

    /// Warnings for keys nobody asked for.
    mutating func warnUnknownKeys(in what: String) {
        for (key, _) in mapping {
            let name = key.string ?? ""
            guard !seen.contains(name) else { continue }
            var message = "unknown key `\(name)` in \(what)"
            if let near = seen.sorted().first(where: { $0.isNear(name) }) { message += "; did you mean `\(near)`?" }
            diagnostics.append(.warning(message, at: location(key), path: path))
        }
    }
}

import Foundation

/// Looks at a YAML text's events before Yams composes it: aliases (`*name`)
/// are refused, since expanding them can take exponential time and memory (a
/// "billion laughs"), and so is nesting deeper than `Limits.yamlNesting`.
enum YAMLGuard {
    /// The first alias or over-deep collection; nil when there is none, or when
    /// the text does not parse (Yams reports that, with its position).
    static func check(_ text: String, path: String, lineOffset: Int) -> Diagnostic? {
        guard !text.isEmpty, mayHoldAliasOrDeepNesting(text) else { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> Diagnostic? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    // libyaml stops at 1,000 levels by itself, sometimes while scanning ahead.
                    guard let problem = parser.problem, String(cString: problem).hasPrefix("Maximum nesting level") else { return nil }
                    let mark = parser.problem_mark
                    return nesting(at: SourceLocation(line: Int(mark.line) + 1 + lineOffset, column: Int(mark.column) + 1), path: path)
                }
                let type = event.type
                let at = SourceLocation(line: Int(event.start_mark.line) + 1 + lineOffset, column: Int(event.start_mark.column) + 1)
                yaml_event_delete(&event)
                switch type {
                case YAML_STREAM_END_EVENT, YAML_NO_EVENT:
                    return nil
                case YAML_ALIAS_EVENT:
                    return .error("YAML aliases (`*name`) are not supported: write the value out in full", at: at, path: path)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    depth += 1
                    if depth > Limits.yamlNesting { return nesting(at: at, path: path) }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                default:
                    break
                }
            }
        }
    }

    /// False when the text cannot hold either problem, read without parsing:
    /// an alias needs a `*`, and each level of nesting opens with a `-`, `:`,
    /// `?`, `[` or `{` of its own, so fewer of those than the limit cannot nest
    /// past it. Front matter has a few dozen at most.
    static func mayHoldAliasOrDeepNesting(_ text: String) -> Bool {
        // The bytes read in place: a String's `utf8` iterator cost 30 instructions a byte here.
        text.withUTF8Bytes { bytes in
            var indicators = 0
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "*"): return true
                case UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "{"): indicators += 1
                default: break
                }
            }
            return indicators > Limits.yamlNesting
        }
    }

    static func nesting(at location: SourceLocation, path: String) -> Diagnostic {
        .error("nesting deeper than \(Limits.yamlNesting) levels: YAML lists and mappings may nest at most \(Limits.yamlNesting) deep", at: location, path: path)
    }
}
