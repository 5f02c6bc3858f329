import Foundation
#if canImport(Glibc)
import Glibc
#endif
import WorkbookMarkdown

/// Writes a built site to disk: into a staging folder beside the output,
/// swapped in only once every file is written, so a failed or interrupted
/// write leaves the previous output as it was. Nothing outside the output
/// folder and its staging folder is ever written or deleted.
public enum SiteWriter {
    /// The marker file that says a folder is `workbook` output.
    static let marker = ".workbook-output"

    /// Output folders that would put the user's files at risk.
    static func refusal(output: URL, content: URL, homes: [String] = homeFolders()) -> String? {
        let out = output.path
        if out == "/" { return "refusing to write the output to `/`" }
        if homes.contains(out) { return "refusing to replace the home folder with the output" }
        if homes.contains(where: { $0.hasPrefix(out + "/") }) { return "refusing to write the output over a folder that holds the home folder" }
        if out == content.path || content.path.hasPrefix(out + "/") {
            return "refusing to write the output over the content folder or a folder that holds it"
        }
        return nil
    }

    /// The home folder as `$HOME` names it and as the user database does.
    static func homeFolders() -> [String] {
        let named: [String?] = [ProcessInfo.processInfo.environment["HOME"], FileManager.default.homeDirectoryForCurrentUser.path]
        return named.compactMap { $0 }.filter { !$0.isEmpty }.map { URL(fileURLWithPath: $0).standardized.resolvingSymlinksInPath().path }
    }

    /// The staging folder of a build by process `pid`, beside the output.
    static func staging(for output: URL, pid: Int32) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).staging-\(pid)")
    }

    /// - Parameters:
    ///   - interruption: checked between files; when it is requested the
    ///     write stops, removes its staging folder and leaves the output as it was.
    ///   - pauseAfterEachFile: microseconds to wait after each file, so a test
    ///     can interrupt a write while it is under way (writing is otherwise
    ///     too fast to catch). Zero outside tests.
    public static func write(
        _ site: Site, to output: String, content: String, interruption: Interruption? = nil, pauseAfterEachFile: UInt32 = 0,
        progress: BuildProgress? = nil
    ) -> [Diagnostic] {
        let fm = FileManager.default
        let outputURL = URL(fileURLWithPath: output).standardized.resolvingSymlinksInPath()
        if let refusal = refusal(output: outputURL, content: URL(fileURLWithPath: content).standardized.resolvingSymlinksInPath()) {
            return [.error(refusal, at: SourceLocation(line: 1, column: 1), path: output)]
        }
        let staging = staging(for: outputURL, pid: getpid())
        func failure(_ message: String) -> [Diagnostic] {
            try? fm.removeItem(at: staging)
            return [.error(message, at: SourceLocation(line: 1, column: 1), path: output)]
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: outputURL.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            return [.error("`\(output)` is a file, not a folder; refusing to replace it (choose another with --output)", at: SourceLocation(line: 1, column: 1), path: output)]
        }
        if let existing = try? fm.contentsOfDirectory(atPath: outputURL.path), !existing.isEmpty,
            !existing.contains(marker), existing != [".gitkeep"]
        {
            return [.error("output folder `\(output)` is not empty and was not made by workbook; refusing to replace it (choose another with --output)", at: SourceLocation(line: 1, column: 1), path: output)]
        }
        let interrupted = "the build was interrupted; `\(output)` was left as it was"
        guard interruption?.begin() ?? true else { return [.error(interrupted, at: SourceLocation(line: 1, column: 1), path: output)] }
        defer { interruption?.end() }
        removeAbandonedStaging(of: outputURL)
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            // Marked first: a staging folder left by a killed build is known as ours.
            try writeFile([[]], to: staging.appendingPathComponent(marker).path)
            var folders: Set<String> = []
            for path in site.files.keys {
                let folder = SitePaths.directory(of: path)
                if !folder.isEmpty { folders.insert(folder) }
            }
            for folder in folders.sorted() {
                try fm.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            let groups = writeGroups(site)
            progress?.begin(.write, total: site.files.count)
            defer { progress?.end() }
            // Site paths are relative and normalized (`chapters/a.html`): joined as text, not as URLs.
            let stagingPath = staging.path
            // Each group's first failure, with its file: the one reported is the first by path,
            // whichever thread met it first.
            let errors = parallelMap(groups) { files -> (path: String, message: String)? in
                for (path, content) in files {
                    if interruption?.isRequested == true { return ("", interrupted) }
                    if pauseAfterEachFile > 0 { usleep(pauseAfterEachFile) }
                    let target = stagingPath + "/" + path
                    do {
                        switch content {
                        case .bytes(let bytes): try writeFile([bytes[...]], to: target)
                        case .parts(let parts): try writeFile(parts, to: target)
                        case .copy(let source):
                            // The file a symbolic link points to, never the link (which could lead out of the output).
                            try FileManager.default.copyItem(atPath: URL(fileURLWithPath: source).resolvingSymlinksInPath().path, toPath: target)
                        }
                    } catch {
                        return (path, "cannot write `\(path)`: \(error.localizedDescription)")
                    }
                    progress?.advance()
                }
                return nil
            }
            if let error = errors.compactMap({ $0 }).min(by: { $0.path < $1.path }) { return failure(error.message) }
            // A placeholder that keeps the folder in version control stays.
            let keep = outputURL.appendingPathComponent(".gitkeep")
            if fm.fileExists(atPath: keep.path) { try fm.copyItem(at: keep, to: staging.appendingPathComponent(".gitkeep")) }
            // The swap runs whole or not at all: an interruption waits for it.
            let swapped = try interruption?.unlessRequested { try swap(staging, into: outputURL) } ?? swap(staging, into: outputURL)
            guard swapped else { return failure(interrupted) }
            return []
        } catch {
            return failure("cannot write the output: \(error.localizedDescription)")
        }
    }

    /// The files in the groups threads write, largest first. One folder per
    /// thread: creating files in one folder from two threads only makes them
    /// wait for the folder's lock. The few files at the root (the print page
    /// and the search index among them, half the bytes of a build) are a group
    /// each, so that they do not fall to one thread after the others are done.
    static func writeGroups(_ site: Site) -> [[(String, Site.Content)]] {
        var byFolder: [String: [(String, Site.Content)]] = [:]
        var groups: [[(String, Site.Content)]] = []
        for (path, content) in site.files {
            let folder = SitePaths.directory(of: path)
            if folder.isEmpty { groups.append([(path, content)]) } else { byFolder[folder, default: []].append((path, content)) }
        }
        groups += byFolder.values
        // A group's cost: its bytes, and 16 KB for creating each file.
        let costs = groups.map { $0.reduce(0) { $0 + $1.1.count + 16_384 } }
        return groups.indices.sorted { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : groups[$0][0].0 < groups[$1][0].0 }.map { groups[$0] }
    }

    /// Puts the staging folder in the output's place. Where the system can, in
    /// one atomic exchange (Linux `renameat2` with `RENAME_EXCHANGE`): at no
    /// moment is there no output; the old one ends up in the staging folder's
    /// place and is removed.
    @discardableResult
    static func swap(_ staging: URL, into output: URL) throws -> Bool {
        let fm = FileManager.default
        guard fm.fileExists(atPath: output.path) else {
            try fm.moveItem(at: staging, to: output)
            return true
        }
        if exchange(staging.path, output.path) {
            try? fm.removeItem(at: staging)
            return true
        }
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
        try fm.moveItem(at: output, to: old)
        do {
            try fm.moveItem(at: staging, to: output)
        } catch {
            try? fm.moveItem(at: old, to: output)
            throw error
        }
        try? fm.removeItem(at: old)
        return true
    }

    /// Atomically exchanges two paths; false where the system cannot.
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
        // Glibc declares renameat2 only under _GNU_SOURCE: look it up instead.
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 2
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #else
        return false
        #endif
    }

    /// Staging folders beside the output left by builds that were killed:
    /// their process is gone, and they are marked as ours or still empty.
    static func removeAbandonedStaging(of output: URL) {
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        let prefix = ".\(output.lastPathComponent).staging-"
        for name in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(),
                kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            let folder = parent.appendingPathComponent(name)
            guard fm.fileExists(atPath: folder.appendingPathComponent(marker).path) || (try? fm.contentsOfDirectory(atPath: folder.path))?.isEmpty == true
            else { continue }
            try? fm.removeItem(at: folder)
        }
    }

    /// Writes a file with open/write/close. Foundation's `Data.write` syncs
    /// every file to disk, which made writing a thousand pages take seconds;
    /// a crash mid-write only loses the staging folder, never the output.
    static func writeFile(_ parts: [ArraySlice<UInt8>], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        // A page of many parts (the print page has dozens per chapter) is
        // written with one system call per 256 parts, not one per part.
        var start = 0
        while start < parts.count {
            let end = min(start + 256, parts.count)
            try writeGathered(parts[start..<end], fd: fd, path: path)
            start = end
        }
    }

    /// Writes `parts` with one `writev`; what a short write leaves is written part by part.
    private static func writeGathered(_ parts: ArraySlice<ArraySlice<UInt8>>, fd: Int32, path: String) throws {
        var vectors: [iovec] = []
        vectors.reserveCapacity(parts.count)
        var written = 0
        // Each part's bytes stay valid only inside its closure: the call is made in the innermost.
        func gather(_ index: Int) {
            guard index < parts.endIndex else {
                written = vectors.withUnsafeBufferPointer { writev(fd, $0.baseAddress, Int32($0.count)) }
                return
            }
            parts[index].withUnsafeBytes { buffer in
                vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: buffer.baseAddress), iov_len: buffer.count))
                gather(index + 1)
            }
        }
        gather(parts.startIndex)
        if written < 0 {
            guard errno == EINTR else { throw CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: path]) }
            written = 0
        }
        try writeRemainder(parts, skipping: written, fd: fd, path: path)
    }

    /// Writes what follows the first `skipped` bytes of `parts`, part by part.
    static func writeRemainder(_ parts: ArraySlice<ArraySlice<UInt8>>, skipping skipped: Int, fd: Int32, path: String) throws {
        var skipped = skipped
        for bytes in parts {
            var offset = min(skipped, bytes.count)
            skipped -= offset
            while offset < bytes.count {
                let count = bytes.withUnsafeBytes { buffer in
                    Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: path])
                }
                offset += count
            }
        }
    }
}

/// Lets a signal handler stop a write cleanly: the writer checks it between
/// files and, when it is requested, removes its staging folder and leaves the
/// output as it was; `request()` returns once no write is under way.
public final class Interruption: @unchecked Sendable {
    private let condition = NSCondition()
    private var requested = false
    private var writes = 0
    private var replaced = false

    public init() {}

    public var isRequested: Bool {
        condition.lock()
        defer { condition.unlock() }
        return requested
    }

    /// Asks every write to stop, then waits until none is under way: each has
    /// either removed its staging folder or finished swapping in a whole output.
    /// True when an output was replaced before the request.
    @discardableResult
    public func request() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        requested = true
        while writes > 0 { condition.wait() }
        return replaced
    }

    /// False when already requested: the write must not start.
    func begin() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !requested else { return false }
        writes += 1
        return true
    }

    func end() {
        condition.lock()
        writes -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Runs `body` unless a request came first; a request made meanwhile waits for it.
    func unlessRequested(_ body: () throws -> Bool) rethrows -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !requested else { return false }
        let done = try body()
        replaced = replaced || done
        return done
    }
}
