import Foundation
import Testing
@testable import Workbook

/// Writing a site: staged and swapped in whole, marked as workbook's own,
/// never over a folder workbook did not make.
@Suite struct SiteWriterTests {
    func site(_ text: String) -> Site {
        var site = Site()
        site.files["index.html"] = .bytes(Array(text.utf8))
        site.files["chapters/a.html"] = .bytes(Array("a".utf8))
        return site
    }

    @Test func replacesItsOwnOutputAndKeepsThePlaceholder() throws {
        let folder = try TemporaryWorkbook(["content/workbook.yaml": "title: T\n", "out/.gitkeep": ""])
        defer { folder.remove() }
        let out = folder.path + "/out"
        #expect(SiteWriter.write(site("one"), to: out, content: folder.path + "/content").isEmpty)
        #expect(SiteWriter.write(site("two"), to: out, content: folder.path + "/content").isEmpty)
        #expect(try String(contentsOfFile: out + "/index.html", encoding: .utf8) == "two")
        let listing = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(listing == [".gitkeep", ".workbook-output", "chapters", "index.html"])
        // No staging folder is left beside the output.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["content", "out"])
    }

    @Test func refusesAFolderItDidNotMake() throws {
        let folder = try TemporaryWorkbook(["content/workbook.yaml": "title: T\n", "notes/todo.txt": "mine"])
        defer { folder.remove() }
        let problems = SiteWriter.write(site("x"), to: folder.path + "/notes", content: folder.path + "/content")
        #expect(problems.map(\.message) == ["output folder `\(folder.path)/notes` is not empty and was not made by workbook; refusing to replace it (choose another with --output)"])
        #expect(try String(contentsOfFile: folder.path + "/notes/todo.txt", encoding: .utf8) == "mine")
    }

    @Test func refusesTheContentFolderAndItsParents() throws {
        let folder = try TemporaryWorkbook(["content/workbook.yaml": "title: T\n"])
        defer { folder.remove() }
        for target in [folder.path + "/content", folder.path, "/"] {
            let problems = SiteWriter.write(site("x"), to: target, content: folder.path + "/content")
            #expect(problems.count == 1, "\(target) is refused")
        }
        #expect(FileManager.default.fileExists(atPath: folder.path + "/content/workbook.yaml"))
    }
}
