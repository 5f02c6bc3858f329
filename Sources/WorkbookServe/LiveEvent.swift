import Foundation
import Workbook
import WorkbookMarkdown

/// What the live-reload channel tells open pages, as server-sent events:
/// `reload` with the site paths that changed, or `errors` with the
/// diagnostics of a build that failed.
enum LiveEvent: Equatable {
    case reload(paths: [String])
    case errors(ErrorReport)

    struct ErrorReport: Codable, Equatable {
        struct Entry: Codable, Equatable {
            var severity: String
            var path: String
            var line: Int
            var column: Int
            var message: String
            /// As the terminal prints it: `path:line:col: error: message`, the source line, a caret.
            var formatted: String
        }

        var errors: Int
        var warnings: Int
        var diagnostics: [Entry]

        init(diagnostics: [Diagnostic], sources: [String: String]) {
            // Errors first: they are what the overlay is for.
            let ordered = diagnostics.filter { $0.severity == .error } + diagnostics.filter { $0.severity != .error }
            self.errors = diagnostics.count { $0.severity == .error }
            self.warnings = diagnostics.count - errors
            self.diagnostics = ordered.map {
                Entry(severity: $0.severity.rawValue, path: $0.path, line: $0.location.line, column: $0.location.column,
                      message: $0.message, formatted: DiagnosticFormatter.text($0, sources: sources))
            }
        }
    }

    var name: String {
        switch self {
        case .reload: "reload"
        case .errors: "errors"
        }
    }

    /// The event as it goes on the wire: `event:`, one `data:` line of JSON, a blank line.
    var bytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data?
        switch self {
        case .reload(let paths): data = try? encoder.encode(["paths": paths])
        case .errors(let report): data = try? encoder.encode(report)
        }
        // JSON without pretty-printing has no line breaks, so one `data:` line holds it.
        return Array("event: \(name)\ndata: ".utf8) + Array(data ?? Data("{}".utf8)) + Array("\n\n".utf8)
    }
}
