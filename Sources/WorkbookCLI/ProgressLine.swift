import Dispatch
import Foundation
import Workbook

#if canImport(Glibc)
import Glibc
#endif

/// A build's progress on standard error, when it is a terminal and the build
/// has run for a second: one line (`Rendering 1,234 of 3,106 files`), redrawn
/// ten times a second and cleared before anything else is printed.
final class ProgressLine: @unchecked Sendable {
    let progress = BuildProgress()
    private let queue = DispatchQueue(label: "workbook.progress")
    private let timer: DispatchSourceTimer?
    /// Touched only on `queue`.
    private var drawn = ""

    init(enabled: Bool = isatty(STDERR_FILENO) == 1) {
        guard enabled else {
            timer = nil
            return
        }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        self.timer = timer
        timer.schedule(deadline: .now() + .seconds(1), repeating: .milliseconds(100))
        timer.setEventHandler { [unowned self] in draw(progress.snapshot.line) }
        timer.resume()
    }

    /// Stops redrawing and clears the line; call before printing anything else.
    func stop() {
        guard let timer else { return }
        queue.sync {
            timer.cancel()
            draw("")
        }
    }

    private func draw(_ line: String) {
        guard line != drawn else { return }
        drawn = line
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
    }
}
