import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT and SIGTERM into calls to `handler` instead of the default
/// of ending the process at once, so the caller can stop cleanly. The
/// handler gets the signal and how many stop signals came so far.
public final class StopSignals: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []
    private var received = 0

    /// A queue of its own: a build keeps the shared ones busy, and a stop must not wait for it.
    private let queue = DispatchQueue(label: "workbook.serve.signals", qos: .userInteractive)

    public init(_ signals: [Int32] = [SIGINT, SIGTERM], handler: @escaping @Sendable (_ signal: Int32, _ count: Int) -> Void) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in
                guard let self else { return }
                handler(number, self.lock.withLock { self.received += 1; return self.received })
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Gives the signals their default action back.
    public func cancel() {
        let sources = lock.withLock { defer { self.sources = [] }; return self.sources }
        for source in sources {
            source.cancel()
            signal(Int32(source.handle), SIG_DFL)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
