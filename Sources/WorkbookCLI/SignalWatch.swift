import Dispatch
import Foundation
import WorkbookTerminal
import Workbook

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT), SIGTERM and SIGHUP during a build: a write under way
/// stops between files and removes its staging folder, so the output is left
/// exactly as it was; then the process exits with status 130.
final class SignalWatch: @unchecked Sendable {
    let interruption = Interruption()
    private let output: String
    /// The build's progress line, cleared before the message.
    private let progress: ProgressLine?
    /// Set once, in `init`.
    private var sources: [any DispatchSourceSignal] = []
    /// Held by whichever thread exits first: the message is printed once.
    private let exiting = NSLock()

    init(output: String, progress: ProgressLine? = nil) {
        self.output = output
        self.progress = progress
        for number in [SIGINT, SIGTERM, SIGHUP] {
            // The handler runs on a queue, not in signal context: it may take locks and remove files.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                exitInterrupted()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Waits for a write under way to stop (or to finish swapping in the new
    /// output), says which, and exits with 130.
    func exitInterrupted() -> Never {
        let replaced = interruption.request()
        exiting.lock()
        progress?.stop()
        Terminal.printError(replaced ? "\nInterrupted after the new output was written to \(output).\n" : "\nInterrupted: \(output) was left as it was.\n")
        exit(130)
    }
}
