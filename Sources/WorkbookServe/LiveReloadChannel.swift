import FlyingFox
import Foundation

/// The open pages' live-reload connections, at `/__workbook/events`: a
/// server-sent event stream each. A page that connects while the last build
/// failed gets that build's `errors` at once.
final class LiveReloadChannel: @unchecked Sendable {
    static let path = "__workbook/events"
    /// The first bytes of every stream: how soon to reconnect, and a comment
    /// that tells a client the subscription is live.
    static let greeting = Array("retry: 1000\n: workbook live reload\n\n".utf8)
    static let ping = Array(": ping\n\n".utf8)

    private let lock = NSLock()
    private var subscribers: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]
    private var pendingErrors: LiveEvent?
    private var isClosed = false

    var count: Int { lock.withLock { subscribers.count } }

    /// The response that keeps a connection open and streams events to it.
    func response() -> HTTPResponse {
        HTTPResponse(statusCode: .ok, headers: Self.headers, body: HTTPBodySequence(from: EventBytes(chunks: subscribe())))
    }

    static let headers: HTTPHeaders = [
        .contentType: "text/event-stream; charset=utf-8",
        .cacheControl: "no-store",
        HTTPHeader("X-Accel-Buffering"): "no",
    ]

    func subscribe() -> AsyncStream<[UInt8]> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(32))
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        let accepted = lock.withLock {
            guard !isClosed else { return false }
            continuation.yield(Self.greeting)
            if let pendingErrors { continuation.yield(pendingErrors.bytes) }
            subscribers[id] = continuation
            return true
        }
        // Finishing calls `onTermination`, which takes the lock: never under it.
        if !accepted { continuation.finish() }
        return stream
    }

    /// Sends an event to every open page. `errors` is also kept for pages
    /// that connect later, until a `reload` says the build is good again.
    func send(_ event: LiveEvent) {
        let bytes = event.bytes
        let continuations = lock.withLock {
            if case .errors = event { pendingErrors = event } else { pendingErrors = nil }
            return Array(subscribers.values)
        }
        for continuation in continuations { continuation.yield(bytes) }
    }

    /// A comment every so often, so connections to pages that went away are noticed and closed.
    func sendPing() {
        for continuation in lock.withLock({ Array(subscribers.values) }) { continuation.yield(Self.ping) }
    }

    /// Ends every stream, so their connections close, and refuses new ones.
    func close() {
        let continuations = lock.withLock {
            isClosed = true
            defer { subscribers = [:] }
            return Array(subscribers.values)
        }
        for continuation in continuations { continuation.finish() }
    }

    private func remove(_ id: UUID) {
        _ = lock.withLock { subscribers.removeValue(forKey: id) }
    }
}
