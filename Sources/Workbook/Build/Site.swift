import Foundation

/// A built site, in memory: every output file by its path in the site.
/// `build` writes it to disk; `serve` answers requests from it.
public struct Site: Sendable {
    public enum Content: Sendable, Equatable {
        case bytes([UInt8])
        /// A file copied as it is (theme files, assets).
        case copy(from: String)
    }

    public var files: [String: Content] = [:]

    /// Paths of the HTML pages.
    public var pages: [String] { files.keys.filter { $0.hasSuffix(".html") }.sorted() }

    public init() {}

    /// The size of the search index in bytes.
    public var searchIndexSize: Int {
        if case .bytes(let bytes)? = files[SearchIndex.fileName] { return bytes.count }
        return 0
    }

    /// "48 KB", "6.2 MB"
    public static func sizeLabel(_ bytes: Int) -> String {
        bytes < 1024 * 1024 ? "\((bytes + 1023) / 1024) KB" : String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    public func text(_ path: String) -> String? {
        guard case .bytes(let bytes)? = files[path] else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
