import Foundation
import Testing
@testable import Workbook
import WorkbookMarkdown

/// Every input `make fuzz` found crashing, replayed through the same entry
/// point as its fuzz target (Tests/Fixtures/fuzz/<target>/): each must now
/// finish without crashing.
@Suite struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [String] {
        let folder = Repo.fixture("fuzz/" + target)
        // `.gitkeep` keeps a folder without crashers in git; it is not an input.
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static let theme = Theme.load(defaultDirectory: Repo.defaultTheme).0

    @Test func everyTargetHasItsFolder() {
        for target in ["FuzzDirectives", "FuzzFrontMatter", "FuzzChapter"] {
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: Repo.fixture("fuzz/" + target), isDirectory: &isDirectory) && isDirectory.boolValue, "\(target)")
        }
        #expect(!Self.inputs("FuzzDirectives").isEmpty)
    }

    @Test(arguments: inputs("FuzzDirectives"))
    func directives(_ path: String) throws {
        FuzzEntry.directives(try Self.bytes(path))
    }

    @Test(arguments: inputs("FuzzFrontMatter"))
    func frontMatter(_ path: String) throws {
        FuzzEntry.frontMatter(try Self.bytes(path))
    }

    @Test(arguments: inputs("FuzzChapter"))
    func chapter(_ path: String) throws {
        FuzzEntry.chapter(try Self.bytes(path), theme: Self.theme)
    }

    /// What `lone-cr-then-nul` broke: cmark reads a lone `\r` as a line break,
    /// and the source lines the tables are read from must agree.
    @Test func loneCarriageReturnsSplitLines() {
        let parsed = MarkdownParser.parse("| a | b |\r|---|---|\r| 1 | [x](y) |\r", firstLine: 4)
        guard case .table(let table)? = parsed.blocks.first else {
            Issue.record("a table is read: \(parsed.blocks)")
            return
        }
        #expect(table.rows.first?.cells[1].location == WorkbookMarkdown.SourceLocation(line: 6, column: 7))
        #expect(parsed.diagnostics.isEmpty)
    }
}
