import Foundation

/// Reads `/__workbook/events` as a browser's EventSource would, one event at a time.
final class EventStreamClient: @unchecked Sendable {
    struct Event: Sendable, CustomStringConvertible {
        /// `reload`, `errors`; nil for a block of comments only.
        var name: String?
        var data: String
        var comments: [String]
        var description: String { "\(name ?? "(comment)"): \(data)\(comments.joined(separator: " "))" }

        func json() throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any] ?? [:]
        }
    }

    private let connection: RawConnection
    private var dechunker = Dechunker()
    private var pending = ""
    private var headers: RawResponse?
    private var rawHeaderBytes: [UInt8] = []
    private(set) var isClosed = false

    /// Connects and waits until the server has taken the subscription (its greeting comment).
    static func connect(port: UInt16, timeout: Duration = .seconds(5)) async throws -> EventStreamClient {
        try await offThePool {
            let client = try EventStreamClient(port: port)
            let greeting = try client.nextBlock(before: .now + timeout)
            guard greeting?.comments.contains("workbook live reload") == true else { throw TestFailure("no greeting: \(String(describing: greeting))") }
            return client
        }
    }

    private init(port: UInt16) throws {
        connection = try RawConnection(port: port)
        try connection.send("GET /__workbook/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
    }

    var contentType: String? { headers?.headers["content-type"] }

    /// Closes the connection, as a page does when it goes away.
    func disconnect() {
        connection.close()
    }

    /// The next event named `name`, skipping others; throws after `timeout`.
    func next(_ name: String, timeout: Duration = .seconds(5)) async throws -> Event {
        try await offThePool {
            let deadline = ContinuousClock.now + timeout
            while true {
                guard let block = try self.nextBlock(before: deadline) else { throw TestFailure("the stream ended before a `\(name)` event") }
                if block.name == name { return block }
            }
        }
    }

    /// Waits for the server to end the stream; true if it did before `timeout`.
    func waitForEnd(timeout: Duration) async throws -> Bool {
        try await offThePool {
            let deadline = ContinuousClock.now + timeout
            do {
                while try self.nextBlock(before: deadline) != nil {}
                return true
            } catch is TestFailure {
                return false
            }
        }
    }

    /// nil once the stream has ended.
    private func nextBlock(before deadline: ContinuousClock.Instant) throws -> Event? {
        while true {
            if let range = pending.range(of: "\n\n") {
                let block = String(pending[..<range.lowerBound])
                pending.removeSubrange(..<range.upperBound)
                return Self.parse(block)
            }
            if isClosed || dechunker.isFinished { return nil }
            let bytes = try connection.read(before: deadline)
            if bytes.isEmpty {
                isClosed = true
                continue
            }
            if headers == nil {
                rawHeaderBytes += bytes
                guard let end = rawHeaderBytes.firstRange(of: Array("\r\n\r\n".utf8)) else { continue }
                headers = try RawResponse.parse(Array(rawHeaderBytes[..<end.upperBound]))
                pending += String(decoding: dechunker.feed(Array(rawHeaderBytes[end.upperBound...])), as: UTF8.self)
            } else {
                pending += String(decoding: dechunker.feed(bytes), as: UTF8.self)
            }
        }
    }

    static func parse(_ block: String) -> Event {
        var event = Event(name: nil, data: "", comments: [])
        var data: [String] = []
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(":") {
                event.comments.append(line.dropFirst().trimmingCharacters(in: .whitespaces))
            } else if line.hasPrefix("event:") {
                event.name = line.dropFirst("event:".count).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("data:") {
                data.append(String(line.dropFirst("data:".count).drop { $0 == " " }))
            }
        }
        event.data = data.joined(separator: "\n")
        if event.name == nil && !data.isEmpty { event.name = "message" }
        return event
    }
}
