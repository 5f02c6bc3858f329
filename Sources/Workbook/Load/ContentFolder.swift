import Foundation
import WorkbookMarkdown

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The disk side of loading: what is in a content folder, read into memory.
/// Every file is checked before it is used: a regular file, at most
/// `Limits.fileBytes`, valid UTF-8 without NUL bytes.
struct ContentFolder {
    /// The folder as given, used to name files in diagnostics.
    let path: String
    /// A live build's files from earlier builds, reused while unchanged on disk.
    var files: FileCache? = nil

    struct File {
        /// Relative to the content folder: `chapters/01-levels.md`.
        var relativePath: String
        /// As diagnostics name it: `Content/chapters/01-levels.md`.
        var displayPath: String
        /// The checked text (`TextCheck`): UTF-8 without a NUL byte, a byte
        /// order mark or a lone `\r`.
        var bytes: [UInt8]
        /// The text as a String, made when the file was read for a live build,
        /// whose memos are keyed by texts.
        private let madeText: String?

        init(relativePath: String, displayPath: String, bytes: [UInt8], makeText: Bool) {
            self.relativePath = relativePath
            self.displayPath = displayPath
            self.bytes = bytes
            self.madeText = makeText ? String(decoding: bytes, as: UTF8.self) : nil
        }

        /// The text as a String: made anew on each use in a one-shot build,
        /// where only small files and those with diagnostics need one. (A
        /// String checks its bytes again as it is made, byte by byte.)
        var text: String { madeText ?? String(decoding: bytes, as: UTF8.self) }
    }

    /// What reading a file gave.
    enum Read {
        /// No such file.
        case missing
        case file(File)
        /// A file that cannot be used: the error, and the text to show under it, if any.
        case unusable(Diagnostic, text: String?)

        /// The file, when it could be read.
        var file: File? {
            if case .file(let file) = self { return file }
            return nil
        }
    }

    func displayPath(_ relative: String) -> String {
        path == "." || path.isEmpty ? relative : (path.hasSuffix("/") ? path + relative : path + "/" + relative)
    }

    var exists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Whether anything (a file, a folder) is at `relative`.
    func contains(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: displayPath(relative))
    }

    func read(_ relative: String) -> Read {
        guard let files else { return readFromDisk(relative) }
        return files.read(displayPath(relative)) { readFromDisk(relative) }
    }

    private func readFromDisk(_ relative: String) -> Read {
        let display = displayPath(relative)
        func unusable(_ message: String, at location: SourceLocation = SourceLocation(line: 1, column: 1), text: String? = nil) -> Read {
            .unusable(.error(message, at: location, path: display), text: text)
        }
        let bytes: [UInt8]
        switch Self.readRegularFile(display) {
        case .success(let read): bytes = read
        case .failure(.missing): return .missing
        case .failure(.problem(let message)): return unusable(message)
        }
        switch TextCheck.check(bytes) {
        case .success(let checked):
            return .file(File(relativePath: relative, displayPath: display, bytes: checked, makeText: files != nil))
        case .failure(let problem):
            return unusable(problem.message, at: problem.location, text: String(decoding: bytes, as: UTF8.self))
        }
    }

    enum ReadFailure: Error {
        case missing
        case problem(String)
    }

    /// The bytes of a regular file of at most `Limits.fileBytes`. Opened without
    /// blocking and checked after opening, so a FIFO or a device never hangs the read.
    static func readRegularFile(_ path: String) -> Result<[UInt8], ReadFailure> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            switch code {
            case ENOENT:
                // A name in a listing that cannot be opened is a dangling link.
                if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                    return .failure(.problem("cannot read: a symbolic link to `\(target)`, which does not exist"))
                }
                return .failure(.missing)
            case ELOOP:
                return .failure(.problem("cannot read: a symbolic link loop (too many levels of symbolic links)"))
            case EACCES:
                return .failure(.problem("cannot read: permission denied"))
            default:
                return .failure(.problem("cannot read: \(String(cString: strerror(code)))"))
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.problem("cannot read: \(String(cString: strerror(errno)))")) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(.problem("this is a folder, not a file"))
        default: return .failure(.problem("this is not a regular file (a FIFO, socket or device); only regular files are read"))
        }
        let size = Int(info.st_size)
        guard size <= Limits.fileBytes else { return .failure(.problem(tooLarge(size))) }
        // Read up to one byte past the limit: a file that grew meanwhile is still caught.
        // Read into memory that is not zeroed first, up to the end of the file
        // as its size says; a file that grew meanwhile is read on below.
        var failure: Int32 = 0
        var ended = false
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, initialized in
            initialized = 0
            while initialized < buffer.count {
                let n = posixRead(fd, buffer.baseAddress! + initialized, buffer.count - initialized)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 {
                    ended = true
                    return
                }
                initialized += n
            }
        }
        if failure != 0 { return .failure(.problem("cannot read: \(String(cString: strerror(failure)))")) }
        if ended { return .success(bytes) }
        var count = bytes.count
        while true {
            if count == bytes.count {
                guard bytes.count <= Limits.fileBytes else { return .failure(.problem(tooLarge(bytes.count))) }
                bytes += [UInt8](repeating: 0, count: min(max(bytes.count, 4096), Limits.fileBytes + 1 - bytes.count))
            }
            let n = bytes.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.problem("cannot read: \(String(cString: strerror(errno)))"))
            }
            if n == 0 { break }
            count += n
        }
        bytes.removeLast(bytes.count - count)  // in place: no copy
        return .success(bytes)
    }

    static func tooLarge(_ size: Int) -> String {
        "this file is \(Site.sizeLabel(size)), over the limit of \(Limits.fileBytesLabel) per file"
    }

    /// `*.md` files directly in `folder`, sorted by name.
    func markdownFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: displayPath(folder))) ?? []
        return names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
    }

    /// An error when `folder` exists but is not a folder.
    func notAFolder(_ folder: String) -> Diagnostic? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: displayPath(folder), isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return .error("`\(folder)` is a file; it must be a folder", at: SourceLocation(line: 1, column: 1), path: displayPath(folder))
    }

    /// Every file under `assets/`, relative to the content folder, sorted.
    /// Symbolic links are followed; a link that leads back into a folder it is
    /// in, a dangling link and anything that is not a regular file are errors.
    func assetFiles() -> (files: [String], diagnostics: [Diagnostic]) {
        struct FolderID: Hashable {
            var device: UInt64
            var inode: UInt64
        }
        func identity(_ path: String) -> FolderID? {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return FolderID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        }
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        func problem(_ relative: String, _ message: String) {
            diagnostics.append(.error(message, at: SourceLocation(line: 1, column: 1), path: displayPath(relative)))
        }
        guard let root = identity(displayPath("assets")) else { return ([], []) }
        if let problem = notAFolder("assets") { return ([], [problem]) }
        // Folders still to list, each with the folders that hold it (to find loops).
        var pending: [(relative: String, ancestors: Set<FolderID>)] = [("assets", [root])]
        while let (folder, ancestors) = pending.popLast() {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: displayPath(folder))) ?? []).sorted()
            for name in names where !name.hasPrefix(".") {
                let relative = folder + "/" + name
                let full = displayPath(relative)
                var info = stat()
                guard stat(full, &info) == 0 else {
                    let code = errno
                    if code == ELOOP {
                        problem(relative, "cannot read: a symbolic link loop (too many levels of symbolic links)")
                    } else if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: full) {
                        problem(relative, "cannot read: a symbolic link to `\(target)`, which does not exist")
                    } else {
                        problem(relative, "cannot read: \(String(cString: strerror(code)))")
                    }
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFREG:
                    files.append(relative)
                case S_IFDIR:
                    let id = FolderID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                    if ancestors.contains(id) {
                        problem(relative, "a symbolic link loop: this folder leads back to a folder that holds it")
                    } else {
                        pending.append((relative, ancestors.union([id])))
                    }
                default:
                    problem(relative, "this is not a regular file (a FIFO, socket or device); only regular files are copied")
                }
            }
        }
        return (files.sorted(), diagnostics)
    }
}

/// `read(2)`, by a name the members called `read` do not hide.
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
