import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders and every folder under them (new ones included) with
/// inotify, and reports the paths that changed once a burst of saves has
/// settled: `debounce` after the last event, or at most `maxDelay` after the
/// first of a long burst.
final class FolderWatcher: @unchecked Sendable {
    typealias Handler = @Sendable (Set<String>) -> Void

    private let queue = DispatchQueue(label: "workbook.serve.watcher")
    private let debounce: DispatchTimeInterval
    private let maxDelay: DispatchTimeInterval
    private let handler: Handler
    // Everything below is touched on `queue` only.
    private var roots: [String] = []
    private var pending: Set<String> = []
    private var firstPending: DispatchTime?
    private var isStopped = false
    #if canImport(Glibc)
    private let descriptor: Int32
    private var folders: [Int32: String] = [:]
    private var source: (any DispatchSourceRead)?
    #endif
    private let timer: any DispatchSourceTimer

    init(debounce: Duration = .milliseconds(50), maxDelay: Duration = .seconds(1), handler: @escaping Handler) throws {
        self.debounce = Self.interval(debounce)
        self.maxDelay = Self.interval(maxDelay)
        self.handler = handler
        timer = DispatchSource.makeTimerSource(queue: queue)
        // Resumed at once: a suspended source must not be released, even when init fails.
        timer.schedule(deadline: .distantFuture)
        timer.resume()
        #if canImport(Glibc)
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw ServeError.cannotWatch(String(cString: strerror(errno))) }
        let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
        source.setEventHandler { [weak self] in self?.readEvents() }
        source.setCancelHandler { [descriptor] in close(descriptor) }
        self.source = source
        source.resume()
        #else
        throw ServeError.cannotWatch("watching folders needs inotify (Linux)")
        #endif
        timer.setEventHandler { [weak self] in self?.flush() }
    }

    deinit {
        timer.cancel()
        #if canImport(Glibc)
        source?.cancel()
        #endif
    }

    /// Watches exactly `folders` (and everything under them) from now on.
    func watch(_ folders: [String]) {
        queue.sync {
            let wanted = folders.map(Self.trimmed)
            #if canImport(Glibc)
            for root in roots where !wanted.contains(root) { removeWatches(under: root) }
            for root in wanted where !roots.contains(root) { _ = addWatches(root) }
            #endif
            roots = wanted
        }
    }

    /// No more events, no more calls to the handler.
    func stop() {
        queue.sync {
            isStopped = true
            timer.cancel()
            #if canImport(Glibc)
            source?.cancel()
            source = nil
            #endif
        }
    }

    /// Folders watched now, for tests.
    var watchedFolders: Set<String> {
        #if canImport(Glibc)
        queue.sync { Set(folders.values) }
        #else
        []
        #endif
    }

    private func record(_ paths: some Sequence<String>) {
        pending.formUnion(paths)
        let now = DispatchTime.now()
        let first = firstPending ?? now
        firstPending = first
        timer.schedule(deadline: min(now + debounce, first + maxDelay))
    }

    private func flush() {
        guard !isStopped, !pending.isEmpty else { return }
        let changed = pending
        pending = []
        firstPending = nil
        timer.schedule(deadline: .distantFuture)
        handler(changed)
    }

    static func trimmed(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    static func interval(_ duration: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
    }

    /// Editors' swap and backup files, `.git`: never part of a build.
    static func isIgnored(_ name: some StringProtocol) -> Bool {
        name.hasPrefix(".")
    }

    #if canImport(Glibc)
    static let mask = UInt32(IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE | IN_DELETE_SELF | IN_ONLYDIR)

    /// Watches `folder` and every folder under it; returns the files found
    /// there, which may have been written before the watch was in place.
    private func addWatches(_ folder: String) -> [String] {
        let watch = inotify_add_watch(descriptor, folder, Self.mask)
        guard watch >= 0 else { return [] }
        folders[watch] = folder
        var files: [String] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !Self.isIgnored(name) {
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            // Symlinked folders are not followed: they may lead anywhere.
            if info.st_mode & S_IFMT == S_IFDIR {
                files += addWatches(path)
            } else {
                files.append(path)
            }
        }
        return files
    }

    private func removeWatches(under folder: String) {
        for (watch, path) in folders where path == folder || path.hasPrefix(folder + "/") {
            inotify_rm_watch(descriptor, watch)
            folders[watch] = nil
        }
    }

    private func readEvents() {
        let size = 64 * 1024
        var buffer = [UInt8](repeating: 0, count: size)
        var changed: [String] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, size) }
            guard count > 0 else { break }
            var offset = 0
            while offset + 16 <= count {
                let (watch, mask, length) = buffer.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + 16)..<min(offset + 16 + length, count)].prefix { $0 != 0 }
                offset += 16 + length
                changed += handle(watch: watch, mask: mask, name: String(decoding: nameBytes, as: UTF8.self))
            }
        }
        if !changed.isEmpty, !isStopped { record(changed) }
    }

    private func handle(watch: Int32, mask: UInt32, name: String) -> [String] {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { return roots }
        if mask & UInt32(IN_IGNORED) != 0 {
            folders[watch] = nil
            return []
        }
        guard let folder = folders[watch], !name.isEmpty, !Self.isIgnored(name) else { return [] }
        let path = folder + "/" + name
        guard mask & UInt32(IN_ISDIR) != 0 else { return [path] }
        if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
            return [path] + addWatches(path)
        }
        if mask & UInt32(IN_MOVED_FROM | IN_DELETE) != 0 {
            removeWatches(under: path)
        }
        return [path]
    }
    #endif
}
