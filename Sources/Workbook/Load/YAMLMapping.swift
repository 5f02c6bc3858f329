import WorkbookMarkdown
import Yams

/// A YAML mapping read with positions, so every problem can point at its key
/// or value. `lineOffset` places the YAML inside its file (front matter starts
/// on the line after `---`).
struct YAMLMapping {
    let mapping: Node.Mapping
    let path: String
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []
    private var seen: Set<String> = []

    /// Parses `text` as a YAML document whose root must be a mapping.
    static func parse(_ text: String, path: String, lineOffset: Int, what: String) -> (YAMLMapping?, [Diagnostic]) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return (nil, [Self.diagnostic(for: error, path: path, lineOffset: lineOffset)])
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

    static func diagnostic(for error: YamlError, path: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _):
            return .error("malformed YAML: \(problem)\(context.map { " \($0.text)" } ?? "")", at: SourceLocation(line: mark.line + lineOffset, column: mark.column), path: path)
        case .parser(let context, let problem, let mark, _):
            return .error("malformed YAML: \(problem)\(context.map { " \($0.text)" } ?? "")", at: SourceLocation(line: mark.line + lineOffset, column: mark.column), path: path)
        case .composer(let context, let problem, let mark, _):
            return .error("malformed YAML: \(problem)\(context.map { " \($0.text)" } ?? "")", at: SourceLocation(line: mark.line + lineOffset, column: mark.column), path: path)
        default:
            return .error("malformed YAML: \(error)", at: SourceLocation(line: lineOffset + 1, column: 1), path: path)
        }
    }

    func location(_ node: Node) -> SourceLocation {
        node.mark.map { SourceLocation(line: $0.line + lineOffset, column: $0.column) } ?? SourceLocation(line: lineOffset + 1, column: 1)
    }

    /// The start of the document, for "missing key" problems.
    var start: SourceLocation {
        mapping.mark.map { SourceLocation(line: $0.line + lineOffset, column: $0.column) } ?? SourceLocation(line: lineOffset + 1, column: 1)
    }

    private func entry(_ key: String) -> (key: Node, value: Node)? {
        mapping.first { $0.key.string == key }
    }

    mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(message, at: location, path: path))
    }

    /// The value of `key`, if present; records the key as known.
    mutating func node(_ key: String) -> Node? {
        seen.insert(key)
        return entry(key)?.value
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
        let text = value.null != nil ? "" : scalar.string.trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            if required { error("`\(key)` must not be empty", at: location(value)) }
            return nil
        }
        return text
    }

    mutating func int(_ key: String, range: ClosedRange<Int> = 0...1_000_000) -> Int? {
        guard let value = node(key) else { return nil }
        guard let n = value.int, range.contains(n) else {
            error("`\(key)` must be a whole number from \(range.lowerBound) to \(range.upperBound)", at: location(value))
            return nil
        }
        return n
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = node(key) else { return nil }
        guard let b = value.bool else {
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
            if !seen.contains(name) {
                diagnostics.append(.warning("unknown key `\(name)` in \(what)", at: location(key), path: path))
            }
        }
    }
}

import Foundation
