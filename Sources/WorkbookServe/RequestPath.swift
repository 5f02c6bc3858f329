import Foundation

/// A request's path turned into a path in the site, or refused. Refusal
/// happens here, before any lookup: a path that climbs (`..`, also when
/// percent-encoded), names the current folder (`.`), has an empty segment
/// (`//etc/passwd`), a backslash or a NUL never reaches the site.
enum RequestPath {
    /// `/chapters/one.html` → `chapters/one.html`; `/` → ""; `/stories/` → `stories/`.
    /// `rawPath` is the path as sent, still percent-encoded.
    static func sitePath(_ rawPath: String) -> String? {
        guard rawPath.hasPrefix("/"), let decoded = rawPath.removingPercentEncoding else { return nil }
        guard !decoded.contains("\\"), !decoded.contains("\0") else { return nil }
        let segments = decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            if segment == "." || segment == ".." { return nil }
            // Only the last segment may be empty: the trailing slash of a folder.
            if segment.isEmpty && index != segments.count - 1 { return nil }
        }
        return String(decoded.dropFirst())
    }
}
