import Yams
import WorkbookMarkdown

/// Reads `stories/scores.yaml`: a list of dated self-scores against rubrics.
enum ScoresReader {
    static func read(_ text: String, path: String) -> ([ScoreEntry], [Diagnostic]) {
        if let problem = YAMLGuard.check(text, path: path, lineOffset: 0) { return ([], [problem]) }
        let node: Node?
        do {
            node = try YAMLMapping.compose(text)
        } catch let error as YamlError {
            return ([], [YAMLMapping.diagnostic(for: error, in: text, path: path, lineOffset: 0)])
        } catch {
            return ([], [.error("malformed YAML: \(error)", at: SourceLocation(line: 1, column: 1), path: path)])
        }
        guard let node else { return ([], []) }
        func location(_ node: Node) -> SourceLocation {
            node.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? SourceLocation(line: 1, column: 1)
        }
        guard let sequence = node.sequence else {
            return ([], [.error("scores.yaml is a list of entries, each starting with `- rubric:`", at: location(node), path: path)])
        }
        var entries: [ScoreEntry] = []
        var diagnostics: [Diagnostic] = []
        for item in sequence {
            guard let mapping = item.mapping else {
                diagnostics.append(.error("a score entry is a mapping: `- rubric: ID`, `date: YYYY-MM-DD`, `scores: {Dimension: N}`", at: location(item), path: path))
                continue
            }
            var yaml = YAMLMapping(entry: mapping, path: path)
            let rubric = yaml.string("rubric", required: true)
            let date = yaml.string("date", required: true)
            if let date, let dateNode = yaml.node("date"), !isDate(date) {
                yaml.error("invalid date `\(date)`: write `YYYY-MM-DD`, e.g. `2026-11-01`", at: yaml.location(dateNode))
            }
            var scores: [(String, Int)] = []
            if let scoresNode = yaml.node("scores") {
                if let map = scoresNode.mapping {
                    for (key, value) in map {
                        guard let score = YAMLMapping.int(value) else {
                            yaml.error("the score for `\(key.string ?? "")` must be a whole number", at: yaml.location(value))
                            continue
                        }
                        scores.append((key.string ?? "", score))
                    }
                } else {
                    yaml.error("`scores` must be a mapping of dimension names to scores: `{Scope: 3, Attribution: 2}`", at: yaml.location(scoresNode))
                }
            } else {
                yaml.error("missing required key `scores`", at: yaml.start)
            }
            let note = yaml.string("note")
            yaml.warnUnknownKeys(in: "a score entry")
            diagnostics += yaml.diagnostics
            if let rubric, let date, isDate(date), !scores.isEmpty {
                entries.append(ScoreEntry(rubric: rubric, date: date, scores: scores, note: note, location: location(item)))
            }
        }
        return (entries, diagnostics)
    }

    /// A real calendar date written `YYYY-MM-DD`.
    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }
}

extension YAMLMapping {
    /// A mapping nested in a larger document (a list entry), positions as they are.
    init(entry mapping: Node.Mapping, path: String) {
        self.init(mapping: mapping, path: path, lineOffset: 0)
    }
}
