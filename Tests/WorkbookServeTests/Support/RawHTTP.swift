import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs blocking work (socket reads, waiting for a process) on a Dispatch
/// thread, never on the cooperative pool the server in this process needs.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}

/// Reads a file descriptor (a socket, a pipe) with a deadline on every read.
struct DeadlineReader {
    let descriptor: Int32

    /// The bytes available next; empty at the end of the stream. Throws when nothing comes before `deadline`.
    func read(before deadline: ContinuousClock.Instant) throws -> [UInt8] {
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { throw TestFailure("timed out waiting to read") }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(1, remaining / .milliseconds(1)))
        let ready = poll(&poller, 1, milliseconds)
        guard ready > 0 else { throw TestFailure("timed out waiting to read") }
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        guard count >= 0 else { throw TestFailure("read failed: errno \(errno)") }
        return Array(buffer[..<count])
    }
}

/// A bare HTTP/1.1 connection to 127.0.0.1, for requests URLSession would tidy
/// up before sending (`/../`, `//etc/passwd`) and for reading an event stream as it arrives.
final class RawConnection: @unchecked Sendable {
    let descriptor: Int32

    init(port: UInt16) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            Glibc.close(descriptor)
            throw TestFailure("cannot connect to port \(port): errno \(errno)")
        }
    }

    private var isOpen = true

    deinit { close() }

    func close() {
        guard isOpen else { return }
        isOpen = false
        Glibc.close(descriptor)
    }

    func send(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw TestFailure("send failed: errno \(errno)") }
            bytes = bytes.dropFirst(sent)
        }
    }

    func read(before deadline: ContinuousClock.Instant) throws -> [UInt8] {
        try DeadlineReader(descriptor: descriptor).read(before: deadline)
    }
}

/// A response read whole from a connection the server closes after it.
struct RawResponse: Sendable {
    var status: Int
    /// Header names lowercased.
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }

    /// Sends `method target` exactly as written and reads the whole response.
    static func fetch(_ method: String, _ target: String, port: UInt16, timeout: Duration = .seconds(5)) async throws -> RawResponse {
        try await offThePool {
            let connection = try RawConnection(port: port)
            try connection.send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
            let deadline = ContinuousClock.now + timeout
            var raw: [UInt8] = []
            while true {
                let bytes = try connection.read(before: deadline)
                if bytes.isEmpty { break }
                raw += bytes
            }
            return try parse(raw)
        }
    }

    static func parse(_ raw: [UInt8]) throws -> RawResponse {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = raw.firstRange(of: separator) else { throw TestFailure("no end of headers in \(String(decoding: raw, as: UTF8.self))") }
        let lines = String(decoding: raw[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw TestFailure("bad status line \(lines[0])") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(raw[end.upperBound...])
        if headers["transfer-encoding"] == "chunked" {
            var decoder = Dechunker()
            body = decoder.feed(body)
        }
        return RawResponse(status: status, headers: headers, body: body)
    }
}

/// Undoes `Transfer-Encoding: chunked` as bytes arrive.
struct Dechunker {
    private var raw: [UInt8] = []
    private(set) var isFinished = false

    mutating func feed(_ bytes: [UInt8]) -> [UInt8] {
        raw += bytes
        var decoded: [UInt8] = []
        while !isFinished, let lineEnd = raw.firstRange(of: Array("\r\n".utf8)) {
            let sizeText = String(decoding: raw[..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { break }
            if size == 0 {
                isFinished = true
                break
            }
            let start = lineEnd.upperBound
            guard raw.count >= start + size + 2 else { break }
            decoded += raw[start..<(start + size)]
            raw.removeFirst(start + size + 2)
        }
        return decoded
    }
}
