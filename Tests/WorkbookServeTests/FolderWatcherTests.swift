import Foundation
import Testing
@testable import WorkbookServe

@Suite struct FolderWatcherTests {
    /// Collects what the watcher reports, and waits for it with a deadline.
    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var batches: [Set<String>] = []

        func add(_ batch: Set<String>) { lock.withLock { batches.append(batch) } }
        var all: [Set<String>] { lock.withLock { batches } }

        func waitFor(timeout: Duration = .seconds(5), _ done: ([Set<String>]) -> Bool) async throws -> [Set<String>] {
            // Checked once more after the deadline: when other tests hold the
            // machine, this task may first run again after it has passed.
            let deadline = ContinuousClock.now + timeout
            while true {
                let now = all
                if done(now) { return now }
                guard ContinuousClock.now < deadline else { throw TestFailure("the watcher reported \(now)") }
                try await Task.sleep(for: .milliseconds(10))
            }
        }
    }

    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-watch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/chapters", withIntermediateDirectories: true)
        return path
    }

    @Test func reportsFilesInFoldersMadeAfterItStarted() async throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let reports = Reports()
        let watcher = try FolderWatcher { reports.add($0) }
        defer { watcher.stop() }
        watcher.watch([root + "/"])
        #expect(watcher.watchedFolders == [root, root + "/chapters"])

        // Made in one go: the inner folders exist before a watch can be put on them.
        try FileManager.default.createDirectory(atPath: root + "/assets/a/b", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/assets/a/b/c.txt"))
        _ = try await reports.waitFor { $0.reduce(into: Set()) { $0.formUnion($1) }.contains(root + "/assets/a/b/c.txt") }
        #expect(watcher.watchedFolders.contains(root + "/assets/a/b"))

        // A later save deep inside is seen through the new watch.
        let before = reports.all.count
        try Data("y".utf8).write(to: URL(fileURLWithPath: root + "/assets/a/b/c.txt"))
        let after = try await reports.waitFor { $0.count > before }
        #expect(after.last == [root + "/assets/a/b/c.txt"])
    }

    @Test func aBurstOfSavesIsOneReport() async throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let reports = Reports()
        // A debounce long enough that a loaded machine cannot split the burst.
        let watcher = try FolderWatcher(debounce: .milliseconds(300)) { reports.add($0) }
        defer { watcher.stop() }
        watcher.watch([root])
        for index in 0..<5 {
            try Data("chapter \(index)".utf8).write(to: URL(fileURLWithPath: root + "/chapters/\(index).md"))
        }
        // Editors' swap files are not part of any build.
        try Data("swap".utf8).write(to: URL(fileURLWithPath: root + "/chapters/.0.md.swp"))
        let batches = try await reports.waitFor { !$0.isEmpty }
        try await Task.sleep(for: .milliseconds(400))
        #expect(reports.all.count == 1)
        #expect(batches[0] == Set((0..<5).map { root + "/chapters/\($0).md" }))
    }

    @Test func stopsReporting() async throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let reports = Reports()
        let watcher = try FolderWatcher { reports.add($0) }
        watcher.watch([root])
        watcher.stop()
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/chapters/one.md"))
        try await Task.sleep(for: .milliseconds(150))
        #expect(reports.all.isEmpty)
    }
}
