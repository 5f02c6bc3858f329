import Foundation

/// A built site, in memory: every output file by its path in the site.
/// `build` writes it to disk; `serve` answers requests from it.
public struct Site: Sendable {
    public enum Content: Sendable, Equatable {
        case bytes([UInt8])
        /// A file made of pieces, written and served one after the other: a
        /// page assembled from cached sections (print.html holds every
        /// chapter), so assembling it again copies no section. A piece may be
        /// a run of a larger array: the print page's chapters are runs of the
        /// chapter pages' bodies between the values rebased for it.
        case parts([ArraySlice<UInt8>])
        /// A file copied as it is (theme files, assets).
        case copy(from: String)

        /// The file's bytes when it is held in memory; nil for a copied file.
        public var inMemory: [UInt8]? {
            switch self {
            case .bytes(let bytes): bytes
            case .parts(let parts): Array(parts.joined())
            case .copy: nil
            }
        }

        /// The size of a file held in memory.
        var count: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .parts(let parts): parts.reduce(0) { $0 + $1.count }
            case .copy: 0
            }
        }
    }

    public var files: [String: Content] = [:]

    /// Paths of the HTML pages.
    public var pages: [String] { files.keys.filter { $0.hasSuffix(".html") }.sorted() }

    /// How many HTML pages there are (`pages.count`, without sorting thousands of paths).
    public var pageCount: Int { files.keys.reduce(0) { $1.hasSuffix(".html") ? $0 + 1 : $0 } }

    public init() {}

    /// The size of the search index in bytes.
    public var searchIndexSize: Int {
        files[SearchIndex.fileName]?.count ?? 0
    }

    /// "48 KB", "6.2 MB"
    public static func sizeLabel(_ bytes: Int) -> String {
        bytes < 1024 * 1024 ? "\((bytes + 1023) / 1024) KB" : String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    public func text(_ path: String) -> String? {
        guard let bytes = files[path]?.inMemory else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
