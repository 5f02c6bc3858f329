import Foundation
import WorkbookMarkdown

/// Prints diagnostics as compilers do: `path:line:col: error: message`, the
/// source line, a caret under the column; or as JSON.
public enum DiagnosticFormatter {
    public static func text(_ diagnostic: Diagnostic, sources: [String: String]) -> String {
        text(diagnostic, line: sources[diagnostic.path].flatMap { Self.line(diagnostic.location.line, in: $0) })
    }

    /// Every diagnostic, in order: each source is split into lines once, so
    /// printing many problems of a long file stays linear.
    public static func text(_ diagnostics: [Diagnostic], sources: [String: String]) -> String {
        var lines: [String: [Substring]] = [:]
        var out = ""
        for diagnostic in diagnostics {
            if lines[diagnostic.path] == nil, let source = sources[diagnostic.path] {
                lines[diagnostic.path] = source.split(separator: "\n", omittingEmptySubsequences: false)
            }
            let number = diagnostic.location.line
            var line: String?
            if let all = lines[diagnostic.path], number >= 1, number <= all.count {
                var text = all[number - 1]
                if text.hasSuffix("\r") { text = text.dropLast() }
                line = String(text)
            }
            out += text(diagnostic, line: line)
        }
        return out
    }

    /// A source line longer than this is shown cut to a window around the column.
    static let shownLineLength = 160

    private static func text(_ diagnostic: Diagnostic, line: String?) -> String {
        let loc = diagnostic.location
        var out = "\(diagnostic.path):\(loc.line):\(loc.column): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
        if let line {
            var scalars = Array(line.unicodeScalars)
            var column = max(loc.column - 1, 0)
            if scalars.count > shownLineLength {
                // A window of the line around the column, `…` where it is cut.
                let start = max(0, min(column - shownLineLength / 2, scalars.count - shownLineLength))
                let end = min(scalars.count, start + shownLineLength)
                scalars = (start > 0 ? ["…"] : []) + scalars[start..<end] + (end < scalars.count ? ["…"] : [])
                column = column - start + (start > 0 ? 1 : 0)
            }
            var shown = String.UnicodeScalarView()
            shown.append(contentsOf: scalars)
            out += String(shown) + "\n"
            // The caret goes under the column; tabs are kept so it lines up.
            let prefix = scalars.prefix(column)
            out += String(String.UnicodeScalarView(prefix.map { $0 == "\t" ? "\t" : " " })) + "^\n"
        }
        return out
    }

    static func line(_ number: Int, in source: String) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = source.utf8.startIndex
        while current < number {
            guard let newline = source.utf8[start...].firstIndex(of: 0x0A) else { return nil }
            start = source.utf8.index(after: newline)
            current += 1
        }
        let end = source.utf8[start...].firstIndex(of: 0x0A) ?? source.utf8.endIndex
        var line = Substring(source[start..<end])
        if line.hasSuffix("\r") { line = line.dropLast() }
        return String(line)
    }

    /// "2 errors, 1 warning"
    public static func counts(errors: Int, warnings: Int) -> String {
        "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    public static func json(_ diagnostics: [Diagnostic]) -> String {
        struct Entry: Encodable {
            var severity: String
            var path: String
            var line: Int
            var column: Int
            var message: String
        }
        struct Report: Encodable {
            var diagnostics: [Entry]
            var errors: Int
            var warnings: Int
        }
        let report = Report(
            diagnostics: diagnostics.map { Entry(severity: $0.severity.rawValue, path: $0.path, line: $0.location.line, column: $0.location.column, message: $0.message) },
            errors: diagnostics.filter { $0.severity == .error }.count,
            warnings: diagnostics.filter { $0.severity == .warning }.count)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(report)) ?? Data(), as: UTF8.self)
    }
}
