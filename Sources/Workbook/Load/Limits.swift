import WorkbookMarkdown

/// The explicit limits on what a workbook may hold, so that no input makes
/// the tool crash or hang. docs/authoring.md ("Limits") lists them for authors.
public enum Limits {
    /// The largest text file read: a chapter, a story, workbook.yaml, scores.yaml.
    public static let fileBytes = 10 * 1024 * 1024
    /// How deep YAML lists and mappings may nest.
    public static let yamlNesting = 64
    /// Score anchors of a rubric lie in this range ...
    public static let anchorValues = -1_000...1_000
    /// ... and a rubric has at most this many possible totals.
    public static let rubricTotals = 100_000
    /// Problems listed per file; the rest are counted in one last line.
    public static let diagnosticsPerFile = 100

    /// "10 MB"
    static var fileBytesLabel: String { "\(fileBytes / 1024 / 1024) MB" }

    /// At most `diagnosticsPerFile` diagnostics of each file (in the sorted
    /// order), then one that says how many more there were.
    static func capPerFile(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var index = 0
        while index < diagnostics.count {
            let path = diagnostics[index].path
            var end = index
            while end < diagnostics.count, diagnostics[end].path == path { end += 1 }
            if end - index <= diagnosticsPerFile {
                out += diagnostics[index..<end]
            } else {
                out += diagnostics[index..<(index + diagnosticsPerFile)]
                let rest = diagnostics[(index + diagnosticsPerFile)..<end]
                let errors = rest.filter { $0.severity == .error }.count
                let warnings = rest.count - errors
                let counts = [errors > 0 ? "\(errors) more error\(errors == 1 ? "" : "s")" : nil, warnings > 0 ? "\(warnings) more warning\(warnings == 1 ? "" : "s")" : nil]
                out.append(Diagnostic(
                    errors > 0 ? .error : .warning,
                    "too many problems in this file: \(counts.compactMap { $0 }.joined(separator: " and ")) not shown (at most \(diagnosticsPerFile) are listed per file)",
                    path: path, at: rest[rest.startIndex].location))
            }
            index = end
        }
        return out
    }
}
