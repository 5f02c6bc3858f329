/// A problem found in the input, as a value: loaders collect them, the command
/// line prints them.
public struct Diagnostic: Sendable, Hashable, Error {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public var severity: Severity
    /// The file, relative to the current folder; empty while the Markdown layer
    /// does not know it yet (the caller fills it in).
    public var path: String
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, _ message: String, path: String = "", at location: SourceLocation) {
        self.severity = severity
        self.message = message
        self.path = path
        self.location = location
    }

    public static func error(_ message: String, at location: SourceLocation, path: String = "") -> Diagnostic {
        Diagnostic(.error, message, path: path, at: location)
    }

    public static func warning(_ message: String, at location: SourceLocation, path: String = "") -> Diagnostic {
        Diagnostic(.warning, message, path: path, at: location)
    }

    /// The same diagnostic, placed in a file.
    public func `in`(_ path: String) -> Diagnostic {
        var copy = self
        copy.path = path
        return copy
    }
}
