import FlyingFox
import FlyingSocks
import Foundation
import Workbook

/// `workbook serve`: builds the workbook in memory, serves it over HTTP,
/// rebuilds when its files change and tells open pages to reload. A build
/// with errors keeps the last good pages served and shows its diagnostics
/// on every page instead.
///
///     let server = PreviewServer(configuration: .init(build: options)) { rebuild in … }
///     let started = try await server.start()   // the first build, listening, watching
///     try await server.run()                   // returns once `stop()` was called
public actor PreviewServer {
    public struct Configuration: Sendable {
        public var build: Build.Options
        /// An IPv4 or IPv6 address; `localhost` means 127.0.0.1.
        public var host: String
        /// 0 takes any free port: `Started.url` tells which.
        public var port: UInt16
        /// How long the files must stay quiet after a save before a rebuild.
        public var debounce: Duration

        public init(build: Build.Options, host: String = "127.0.0.1", port: UInt16 = 8080, debounce: Duration = .milliseconds(50)) {
            self.build = build
            self.host = host
            self.port = port
            self.debounce = debounce
        }
    }

    /// A build: the first one, or a rebuild after files changed.
    public struct Rebuild: Sendable {
        public var update: LiveBuild.Update
        /// The files whose changes it follows; empty for the first build.
        public var changedFiles: Set<String>
        public var duration: Duration

        /// The pages that changed, by site path, sorted.
        public var changedPages: [String] { update.changedPaths.filter { $0.hasSuffix(".html") }.sorted() }
    }

    public struct Started: Sendable {
        public var url: URL
        public var firstBuild: Rebuild
    }

    private let configuration: Configuration
    private let onRebuild: @Sendable (Rebuild) -> Void
    private let live: LiveBuild
    private let state = SiteState()
    let channel = LiveReloadChannel()
    private let changes = ChangeQueue()
    private let buildQueue = DispatchQueue(label: "workbook.serve.build", qos: .userInitiated)
    private var http: HTTPServer?
    private var serving: Task<Void, any Error>?
    private var watcher: FolderWatcher?
    private var loops: [Task<Void, Never>] = []
    private var isFailing = false
    private var isStopping = false

    /// `onRebuild` hears of every rebuild after the first, on no particular thread.
    public init(configuration: Configuration, onRebuild: @escaping @Sendable (Rebuild) -> Void = { _ in }) {
        self.configuration = configuration
        self.onRebuild = onRebuild
        self.live = LiveBuild(options: configuration.build)
    }

    /// How many pages have the live-reload stream open.
    public var liveConnections: Int { channel.count }

    /// Builds, starts listening and watching. Throws `ServeError`, or
    /// `CancellationError` when `stop()` came first.
    public func start() async throws -> Started {
        precondition(http == nil && !isStopping, "start() is called once")
        let first = await build(changed: [])
        apply(first.update)
        let server = try Self.makeHTTPServer(host: configuration.host, port: configuration.port, handler: PreviewHandler(site: SiteHandler(state: state), channel: channel))
        let (failures, failed) = AsyncStream<any Error>.makeStream()
        let serving = Task {
            do {
                try await server.run()
                failed.finish()
            } catch {
                failed.yield(error)
                failed.finish()
                throw error
            }
        }
        do {
            try await Self.waitUntilListening(server, failures: failures)
        } catch {
            serving.cancel()
            await server.stop()
            throw Self.listenError(error, host: configuration.host, port: configuration.port)
        }
        let port = Self.port(of: await server.listeningAddress) ?? configuration.port
        http = server
        self.serving = serving
        // Stopped while starting: nothing more to start, and `run()` returns at once.
        guard !isStopping else {
            await server.stop()
            throw CancellationError()
        }
        do {
            let watcher = try FolderWatcher(debounce: configuration.debounce) { [changes] in changes.add($0) }
            watcher.watch(first.update.inputFolders)
            self.watcher = watcher
        } catch {
            await stop()
            throw error
        }
        loops.append(Task { await self.rebuildOnChanges() })
        loops.append(Task { await self.pingEvery(.seconds(15)) })
        return Started(url: Self.url(host: configuration.host, port: port), firstBuild: first)
    }

    /// Serves until `stop()`; throws when the server fails on its own.
    public func run() async throws {
        guard let serving else { return }
        do {
            try await serving.value
        } catch {
            if !isStopping { throw error }
        }
    }

    /// Stops watching, ends every live-reload stream and closes the server;
    /// open connections get a quarter of a second to finish. `run()` then returns.
    public func stop() async {
        guard !isStopping else { return }
        isStopping = true
        watcher?.stop()
        changes.finish()
        for loop in loops { loop.cancel() }
        channel.close()
        await http?.stop(timeout: 0.25)
    }

    /// Rebuilds now, as if `changed` had been saved, and returns when the
    /// pages are served and the open pages told. For tests and benchmarks.
    public func rebuild(changed: Set<String>) async -> Rebuild {
        let rebuild = await build(changed: changed)
        apply(rebuild.update)
        return rebuild
    }

    private func rebuildOnChanges() async {
        for await _ in changes.signals {
            let changed = changes.take()
            guard !changed.isEmpty, !isStopping else { continue }
            let rebuild = await build(changed: changed)
            guard !isStopping else { return }
            apply(rebuild.update)
            // `theme:` in workbook.yaml may name another theme folder now.
            watcher?.watch(rebuild.update.inputFolders)
            onRebuild(rebuild)
        }
    }

    private func pingEvery(_ interval: Duration) async {
        while (try? await Task.sleep(for: interval)) != nil {
            channel.sendPing()
        }
    }

    /// Builds off the cooperative pool: a build blocks for as long as it takes.
    private func build(changed: Set<String>) async -> Rebuild {
        await withCheckedContinuation { continuation in
            buildQueue.async { [live] in
                let clock = ContinuousClock()
                let start = clock.now
                let update = changed.isEmpty ? live.build() : live.rebuild(changed: changed)
                continuation.resume(returning: Rebuild(update: update, changedFiles: changed, duration: clock.now - start))
            }
        }
    }

    /// Serves the update's site, then tells the open pages.
    private func apply(_ update: LiveBuild.Update) {
        state.replace(with: update.site)
        if update.hasErrors {
            isFailing = true
            channel.send(.errors(LiveEvent.ErrorReport(diagnostics: update.diagnostics, sources: update.sources)))
        } else if !update.changedPaths.isEmpty || isFailing {
            // After a fix with no page changed, the empty reload still clears the overlays.
            isFailing = false
            channel.send(.reload(paths: update.changedPaths.sorted()))
        }
    }

    static func makeHTTPServer(host: String, port: UInt16, handler: some HTTPHandler) throws -> HTTPServer {
        let host = host == "localhost" ? "127.0.0.1" : host
        do {
            if host.contains(":") {
                let address: sockaddr_in6 = try .inet6(ip6: host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: port)
                return HTTPServer(address: address, timeout: 15, logger: .disabled, handler: handler)
            }
            let address: sockaddr_in = try .inet(ip4: host, port: port)
            return HTTPServer(address: address, timeout: 15, logger: .disabled, handler: handler)
        } catch {
            throw ServeError.invalidHost(host)
        }
    }

    static func waitUntilListening(_ server: HTTPServer, failures: AsyncStream<any Error>) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.waitUntilListening(timeout: 10) }
            group.addTask {
                for await error in failures { throw error }
                if !Task.isCancelled { throw SocketError.disconnected }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    static func listenError(_ error: any Error, host: String, port: UInt16) -> any Error {
        switch error {
        case SocketError.failed(_, let number, _) where number == EADDRINUSE: ServeError.portInUse(port)
        case SocketError.failed(_, _, let message): ServeError.cannotListen(host: host, port: port, reason: message.lowercased())
        case let error as ServeError: error
        default: ServeError.cannotListen(host: host, port: port, reason: "\(error)")
        }
    }

    static func port(of address: Socket.Address?) -> UInt16? {
        switch address {
        case .ip4(_, let port)?, .ip6(_, let port)?: port
        default: nil
        }
    }

    static func url(host: String, port: UInt16) -> URL {
        let host = host == "localhost" ? "127.0.0.1" : host
        let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return URL(string: "http://\(shown):\(port)/")!
    }
}
