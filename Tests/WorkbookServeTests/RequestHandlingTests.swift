import Foundation
import Testing
import WorkbookMarkdown
@testable import WorkbookServe

/// The pure parts of serving: paths, content types, the injected tags, the events.
@Suite struct RequestHandlingTests {
    @Test(arguments: [
        ("/", ""),
        ("/index.html", "index.html"),
        ("/chapters/one.html", "chapters/one.html"),
        ("/stories/", "stories/"),
        ("/assets/a%20b.png", "assets/a b.png"),
        ("/chapters/one.html..", "chapters/one.html.."),
    ])
    func turnsRequestPathsIntoSitePaths(request: String, site: String) {
        #expect(RequestPath.sitePath(request) == site)
    }

    @Test(arguments: [
        "/..", "/../Package.swift", "/%2e%2e/Package.swift", "/%2E%2e/x", "/chapters/..%2f..%2fPackage.swift",
        "/chapters/%2e%2e%2f%2e%2e%2fPackage.swift", "//etc/passwd", "/a//b", "/./a", "/a/.", "/a\\..\\b",
        "/a%5c..%5cb", "/a%00b", "/%zz", "Package.swift", "http://host/a", "",
    ])
    func refusesPathsThatCouldLeaveTheSite(request: String) {
        #expect(RequestPath.sitePath(request) == nil)
    }

    @Test func namesContentTypesByExtension() {
        #expect(ContentType.of("index.html") == "text/html; charset=utf-8")
        #expect(ContentType.of("theme/style.css") == "text/css; charset=utf-8")
        #expect(ContentType.of("search-index.js") == "text/javascript; charset=utf-8")
        #expect(ContentType.of("assets/Photo.JPG") == "image/jpeg")
        #expect(ContentType.of("assets/chart.svg") == "image/svg+xml")
        #expect(ContentType.of("assets/notes") == "application/octet-stream")
        #expect(ContentType.of("assets.d/file") == "application/octet-stream")
    }

    @Test func findsTheFolderACopiedFileComesFrom() {
        #expect(CopiedFile.folder(of: "Content/assets/a/b.png", sitePath: "assets/a/b.png") == "Content/assets")
        #expect(CopiedFile.folder(of: "/t/Themes/default/static/style.css", sitePath: "theme/style.css") == "/t/Themes/default/static")
        #expect(CopiedFile.folder(of: "/elsewhere/x.css", sitePath: "theme/y.css") == "/elsewhere")
    }

    @Test func injectsTheLiveTagsBeforeTheClosingTags() {
        let page = Array("<html><head><title>T</title></head><body><p>x</p></body></html>".utf8)
        let injected = String(decoding: LiveClient.inject(into: page, page: "chapters/a \"b\".html"), as: UTF8.self)
        #expect(injected == """
            <html><head><title>T</title><link rel="stylesheet" href="/__workbook/live.css">
            </head><body><p>x</p><script src="/__workbook/live.js" data-page="chapters/a &quot;b&quot;.html" defer></script>
            </body></html>
            """)
        let bare = String(decoding: LiveClient.inject(into: Array("<p>x</p>".utf8), page: "", base: "/"), as: UTF8.self)
        #expect(bare.hasPrefix("<base href=\"/\"><link rel=\"stylesheet\""))
        #expect(bare.hasSuffix("<p>x</p><script src=\"/__workbook/live.js\" data-page=\"\" defer></script>\n"))
    }

    @Test func theClientHasNoInlineCodeToForbid() {
        let script = String(decoding: LiveClient.script, as: UTF8.self)
        #expect(!script.contains("innerHTML"))
        #expect(!script.contains(".style."))
        #expect(!script.contains("setAttribute(\"style\""))
        #expect(!script.contains("eval("))
        let waiting = String(decoding: LiveClient.waitingPage, as: UTF8.self)
        #expect(!waiting.contains("<script>"))
        #expect(!waiting.contains("<style"))
        #expect(!waiting.contains("style="))
    }

    @Test func writesEventsAsServerSentEvents() {
        #expect(String(decoding: LiveEvent.reload(paths: ["chapters/one.html", "theme/style.css"]).bytes, as: UTF8.self)
            == "event: reload\ndata: {\"paths\":[\"chapters/one.html\",\"theme/style.css\"]}\n\n")
        let diagnostics: [Diagnostic] = [
            .warning("drill `x` has no timebox", at: SourceLocation(line: 2, column: 1), path: "C/chapters/a.md"),
            .error("unknown directive type `dril`", at: SourceLocation(line: 3, column: 4), path: "C/chapters/a.md"),
        ]
        let report = LiveEvent.ErrorReport(diagnostics: diagnostics, sources: ["C/chapters/a.md": "a\nb\n:::dril\n"])
        #expect(report.errors == 1)
        #expect(report.warnings == 1)
        #expect(report.diagnostics.map(\.severity) == ["error", "warning"])
        #expect(report.diagnostics[0].formatted == "C/chapters/a.md:3:4: error: unknown directive type `dril`\n:::dril\n   ^\n")
        let wire = String(decoding: LiveEvent.errors(report).bytes, as: UTF8.self)
        #expect(wire.hasPrefix("event: errors\ndata: {"))
        #expect(wire.hasSuffix("}\n\n"))
        #expect(wire.split(separator: "\n").count == 2)
    }
}
