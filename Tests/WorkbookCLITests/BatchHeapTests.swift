import Foundation
import Testing

/// The `workbook` binary sets mimalloc up for a batch run before anything
/// allocates (Sources/BatchHeap): 2 MiB pages, every segment committed at
/// once. mimalloc lists its options on standard error when
/// `MIMALLOC_VERBOSE=1`, which shows what the binary set.
@Suite struct BatchHeapTests {
    static func options(_ extra: [String: String]) throws -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MIMALLOC_") }
        environment["MIMALLOC_VERBOSE"] = "1"
        environment.merge(extra) { _, new in new }
        let run = try CommandLineTests.run(["--version"], in: CommandLineTests.repo, environment: environment)
        #expect(run.status == 0)
        var options: [String: String] = [:]
        for line in run.stderr.split(separator: "\n") where line.hasPrefix("mimalloc: option '") {
            let parts = line.dropFirst("mimalloc: option '".count).split(separator: "'", maxSplits: 1)
            guard parts.count == 2 else { continue }
            options[String(parts[0])] = String(parts[1].drop { $0 == ":" || $0 == " " })
        }
        return options
    }

    #if os(Linux)
    @Test func aBuildAsksForLargePagesCommittedAtOnce() throws {
        let options = try Self.options([:])
        #expect(options["large_os_pages"] == "1")
        #expect(options["eager_commit_delay"] == "0")
        #expect(options["eager_commit"] == "1")
    }

    @Test func theUsersOwnSettingsWin() throws {
        let options = try Self.options(["MIMALLOC_LARGE_OS_PAGES": "0", "MIMALLOC_EAGER_COMMIT_DELAY": "2"])
        #expect(options["large_os_pages"] == "0")
        #expect(options["eager_commit_delay"] == "2")
    }

    @Test func aSimilarNameIsNotTheSetting() throws {
        let options = try Self.options(["MIMALLOC_LARGE_OS_PAGES_X": "0", "MIMALLOC_EAGER_COMMIT": "1"])
        #expect(options["large_os_pages"] == "1")
        #expect(options["eager_commit_delay"] == "0")
    }
    #endif
}
