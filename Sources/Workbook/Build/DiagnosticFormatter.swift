import Foundation
import WorkbookMarkdown

/// Prints diagnostics as compilers do: `path:line:col: error: message`, the
/// source line, a caret under the column; or as JSON.
public enum DiagnosticFormatter {
    public static func text(_ diagnostic: Diagnostic, sources: [String: String]) -> String {
        let loc = diagnostic.location
        var out = "\(diagnostic.path):\(loc.line):\(loc.column): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
        if let source = sources[diagnostic.path], let line = Self.line(loc.line, in: source) {
            out += line + "\n"
            // The caret goes under the column; tabs are kept so it lines up.
            let prefix = line.unicodeScalars.prefix(max(loc.column - 1, 0))
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
