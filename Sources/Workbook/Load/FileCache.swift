import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Files a live build read before, reused while they are unchanged on disk:
/// a rebuild after one save reads one file, not the whole content folder.
/// A file counts as unchanged while its device, inode, size, modification
/// time and change time are (one `stat`) and no watcher reported it since:
/// the watcher's report covers two saves within one tick of the file
/// system's clock that keep the size.
final class FileCache: @unchecked Sendable {
    private struct Stamp: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: timespec
        var changed: timespec

        static func == (a: Stamp, b: Stamp) -> Bool {
            a.device == b.device && a.inode == b.inode && a.size == b.size
                && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
                && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
        }
    }

    private struct Entry {
        var stamp: Stamp
        var read: ContentFolder.Read
        /// The file's absolute, standardized path: how the watcher names it.
        var absolute: String
        /// The last round (see `forgetUnread`) that asked for it.
        var round: Int
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    /// How many files were read from disk (for tests).
    private(set) var diskReads = 0
    private var round = 0

    init() {}

    /// The file at `path` as `read` reads it, or as it was read before when it is unchanged.
    func read(_ path: String, _ read: () -> ContentFolder.Read) -> ContentFolder.Read {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            lock.withLock { _ = entries.removeValue(forKey: path) }
            return read()
        }
        let stamp = Stamp(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
            modified: info.st_mtim, changed: info.st_ctim)
        let cached = lock.withLock { () -> ContentFolder.Read? in
            guard entries[path]?.stamp == stamp else { return nil }
            entries[path]!.round = round
            return entries[path]!.read
        }
        if let cached { return cached }
        let fresh = read()
        let absolute = Self.absolute(path)
        lock.withLock {
            diskReads += 1
            entries[path] = Entry(stamp: stamp, read: fresh, absolute: absolute, round: round)
        }
        return fresh
    }

    /// A path as a watcher reports it: absolute, without `.` and `..`.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// A file's stamp as text, for caches of whole folders (the theme); nil when it cannot be read.
    static func stamp(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "\(path)\u{1}\(info.st_dev) \(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
    }

    /// Forgets the files not asked for since the last call (a build reads
    /// every file of the workbook; one it no longer reads is gone).
    func forgetUnread() {
        lock.withLock {
            let current = round
            if entries.values.contains(where: { $0.round != current }) { entries = entries.filter { $0.value.round == current } }
            round += 1
        }
    }

    /// The paths it holds (for tests).
    var paths: Set<String> { lock.withLock { Set(entries.keys) } }

    /// Forgets the files a watcher reported (absolute paths): they are read again.
    func forget(_ paths: Set<String>) {
        guard !paths.isEmpty else { return }
        let standardized = Set(paths.map(Self.absolute))
        lock.withLock {
            // Keys first: removing while iterating would copy the whole table.
            let gone = entries.compactMap { standardized.contains($0.value.absolute) ? $0.key : nil }
            for path in gone { entries[path] = nil }
        }
    }
}
