import Foundation
import Testing
@testable import Workbook

/// A build reports each step and counts every file it renders and writes.
@Suite struct BuildProgressTests {
    func count(_ needle: String, in haystack: String?) -> Int {
        (haystack ?? "").components(separatedBy: needle).count - 1
    }

    @Test(arguments: ["golden/blocks", "golden/personal"])
    func everyStepCountsItsFiles(_ fixture: String) throws {
        let progress = BuildProgress()
        let result = Build.run(Build.Options(contentPath: Repo.fixture(fixture), defaultThemePath: Repo.defaultTheme), progress: progress)
        let site = try #require(result.site)
        let out = try TemporaryWorkbook([:])
        defer { out.remove() }
        #expect(SiteWriter.write(site, to: out.path + "/out", content: Repo.fixture(fixture), progress: progress).isEmpty)

        #expect(progress.steps.map(\.step) == [.load, .render, .write])
        let (render, write) = (progress.steps[1], progress.steps[2])
        // Rendered: every file held in memory, each chapter's body (its page
        // and the print page show it), and the sections the print, drills and
        // dashboard pages are made of.
        let inMemory = site.files.values.filter { $0.inMemory != nil }.count
        let bodies = site.files.keys.filter { $0.hasPrefix("chapters/") }.count
        #expect(bodies > 0)
        let sections = bodies + count("<section class=\"print-chapter\"", in: site.text("print.html"))
            + count("<section class=\"drill-group\"", in: site.text("drills.html"))
            + count("<section class=\"dashboard-rubric\"", in: site.text("dashboard.html"))
        #expect(sections > 2)
        #expect(render.total == inMemory + sections)
        #expect(render.done == render.total)
        #expect(write == BuildProgress.Snapshot(step: .write, done: site.files.count, total: site.files.count))
        #expect(progress.snapshot.step == nil)
    }

    @Test func theLineSaysTheStepAndTheCount() {
        #expect(BuildProgress.Snapshot(step: .render, done: 1234, total: 3106).line == "Rendering 1,234 of 3,106 files")
        #expect(BuildProgress.Snapshot(step: .load, done: 0, total: 0).line == "Reading and checking…")
        #expect(BuildProgress.Snapshot(step: nil, done: 0, total: 0).line == "")
    }
}
