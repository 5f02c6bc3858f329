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
        var text: String
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
        case .success(let text):
            return .file(File(relativePath: relative, displayPath: display, text: text))
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
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
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
        return .success(Array(bytes[..<count]))
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

/// Checks that bytes are text a workbook can hold: UTF-8, no NUL byte, not a
/// binary file. A leading byte order mark is dropped and a lone `\r` (an old
/// Mac line ending) is read as `\n`, as CommonMark and YAML read it.
enum TextCheck {
    struct Problem: Error {
        var message: String
        var location: SourceLocation
    }

    /// File signatures of binary files an author might save as `.md` or `.yaml`.
    static let signatures: [(bytes: [UInt8], name: String)] = [
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        (Array("GIF8".utf8), "a GIF image"),
        (Array("%PDF-".utf8), "a PDF document"),
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive or an Office document"),
        ([0x1F, 0x8B], "a gzip archive"),
    ]

    static func check(_ input: [UInt8]) -> Result<String, Problem> {
        let start = SourceLocation(line: 1, column: 1)
        if input.starts(with: [0xFF, 0xFE]) || input.starts(with: [0xFE, 0xFF]) {
            return .failure(Problem(message: "UTF-16 text: save the file as UTF-8", location: start))
        }
        for signature in signatures where input.starts(with: signature.bytes) {
            return .failure(Problem(message: "binary file (\(signature.name)), not UTF-8 text; images and other files go in `assets/`", location: start))
        }
        var bytes = input[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // Most files: valid UTF-8 without NUL or CR, found by the standard
        // library's validation and memchr. The walk below places a problem.
        let clean = bytes.withUnsafeBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress else { return "" }
            guard memchr(base, 0, buffer.count) == nil, memchr(base, 0x0D, buffer.count) == nil else { return nil }
            return String(validating: buffer, as: UTF8.self)
        }
        if let clean { return .success(clean) }
        var line = 1
        var lineStart = bytes.startIndex
        var loneCR = false
        var i = bytes.startIndex
        func location(_ index: Int) -> SourceLocation {
            SourceLocation(line: line, column: String(decoding: bytes[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1)
        }
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0 {
                    return .failure(Problem(message: "NUL byte (U+0000): text files hold none; is this a binary file?", location: location(i)))
                }
                if b == 0x0A || b == 0x0D {
                    if b == 0x0D, i + 1 < bytes.endIndex, bytes[i + 1] == 0x0A { i += 1 } else if b == 0x0D { loneCR = true }
                    line += 1
                    lineStart = i + 1
                }
                i += 1
                continue
            }
            let length = utf8SequenceLength(bytes, at: i)
            guard length > 0 else {
                return .failure(Problem(message: String(format: "invalid UTF-8 (byte 0x%02X); save the file as UTF-8", b), location: location(i)))
            }
            i += length
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if loneCR { text = normalizingLoneCR(text) }
        return .success(text)
    }

    /// The length of the well-formed UTF-8 sequence at `i`, or 0 (overlong
    /// forms, surrogates and values past U+10FFFF are ill-formed).
    static func utf8SequenceLength(_ bytes: ArraySlice<UInt8>, at i: Int) -> Int {
        let b0 = bytes[i]
        func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            i + k < bytes.endIndex && range.contains(bytes[i + k])
        }
        switch b0 {
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }

    /// `\r` not followed by `\n` becomes `\n`.
    static func normalizingLoneCR(_ text: String) -> String {
        var out: [UInt8] = []
        let utf8 = Array(text.utf8)
        out.reserveCapacity(utf8.count)
        for (i, b) in utf8.enumerated() {
            if b == 0x0D, i + 1 >= utf8.count || utf8[i + 1] != 0x0A { out.append(0x0A) } else { out.append(b) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
