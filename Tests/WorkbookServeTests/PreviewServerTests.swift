import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import Workbook
@testable import WorkbookServe

/// Starts the preview server on a free port of 127.0.0.1 against a copy of a
/// small workbook, and talks to it as a browser would.
@Suite(.serialized) struct PreviewServerTests {
    /// A running server and the workbook it serves; `close()` stops both.
    struct Running {
        let workbook: TestWorkbook
        let server: PreviewServer
        let url: URL
        let serving: Task<Void, any Error>
        var port: UInt16 { UInt16(url.port!) }

        /// Runs `body` against a new server; `theme` adds a theme folder `theme/` beside the workbook.
        static func with(theme: Bool = false, prepare: (TestWorkbook) throws -> Void = { _ in }, _ body: (Running) async throws -> Void) async throws {
            let running = try await start(theme: theme, prepare: prepare)
            do {
                try await body(running)
            } catch {
                await running.close()
                throw error
            }
            await running.close()
        }

        static func start(theme: Bool = false, prepare: (TestWorkbook) throws -> Void = { _ in }) async throws -> Running {
            let workbook = try TestWorkbook()
            try prepare(workbook)
            let options = workbook.options(themePath: theme ? workbook.folder + "/theme" : nil)
            let server = PreviewServer(configuration: .init(build: options, port: 0))
            let started: PreviewServer.Started
            do {
                started = try await server.start()
            } catch {
                workbook.remove()
                throw error
            }
            let serving = Task { try await server.run() }
            return Running(workbook: workbook, server: server, url: started.url, serving: serving)
        }

        func close() async {
            await server.stop()
            _ = await serving.result
            workbook.remove()
        }

        /// GET or HEAD with URLSession: status, headers, body.
        func fetch(_ path: String, method: String = "GET") async throws -> (status: Int, type: String?, length: String?, body: String) {
            var request = URLRequest(url: URL(string: path, relativeTo: url)!, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: 5)
            request.httpMethod = method
            let (data, response) = try await URLSession.shared.data(for: request)
            let http = try #require(response as? HTTPURLResponse)
            return (http.statusCode, http.value(forHTTPHeaderField: "Content-Type"), http.value(forHTTPHeaderField: "Content-Length"), String(decoding: data, as: UTF8.self))
        }
    }

    @Test func servesPagesWithTheirContentTypes() async throws {
        try await Running.with { running in
            #expect(running.url.absoluteString.hasPrefix("http://127.0.0.1:"))
            let index = try await running.fetch("/")
            #expect(index.status == 200)
            #expect(index.type == "text/html; charset=utf-8")
            #expect(index.body.contains("<title>Golden Blocks</title>"))
            #expect(index.body.contains("<script src=\"/__workbook/live.js\" data-page=\"index.html\" defer></script>\n</body>"))
            #expect(index.body.contains("<link rel=\"stylesheet\" href=\"/__workbook/live.css\">\n</head>"))

            for (path, type) in [
                ("/index.html", "text/html; charset=utf-8"),
                ("/chapters/one.html", "text/html; charset=utf-8"),
                ("/theme/style.css", "text/css; charset=utf-8"),
                ("/theme/workbook.js", "text/javascript; charset=utf-8"),
                ("/search-index.js", "text/javascript; charset=utf-8"),
                ("/assets/note.txt", "text/plain; charset=utf-8"),
                ("/__workbook/live.js", "text/javascript; charset=utf-8"),
                ("/__workbook/live.css", "text/css; charset=utf-8"),
            ] {
                let response = try await running.fetch(path)
                #expect(response.status == 200, "\(path)")
                #expect(response.type == type, "\(path)")
                #expect(!response.body.isEmpty, "\(path)")
            }
            #expect(try await running.fetch("/assets/note.txt").body == "an asset\n")

            // HEAD: the headers of a GET, no body.
            let get = try await RawResponse.fetch("GET", "/chapters/one.html", port: running.port)
            let head = try await RawResponse.fetch("HEAD", "/chapters/one.html", port: running.port)
            #expect(head.status == 200)
            #expect(head.headers["content-type"] == "text/html; charset=utf-8")
            #expect(head.headers["content-length"] == String(get.body.count))
            #expect(head.body.isEmpty)
            #expect(try await running.fetch("/chapters/one.html", method: "HEAD").body.isEmpty)
        }
    }

    @Test func refusesPathsOutOfTheSite() async throws {
        try await Running.with { running in
            for target in [
                "/../Package.swift",
                "/%2e%2e/Package.swift",
                "/%2E%2E/%2E%2E/Package.swift",
                "/chapters/..%2f..%2fPackage.swift",
                "/chapters/../../Package.swift",
                "/chapters/%2e%2e/index.html",
                "//etc/passwd",
                "/./index.html",
                "/assets\\..\\..\\Package.swift",
                "/index.html%00.txt",
                "http://127.0.0.1/../Package.swift",
                // A symlink inside the site to a file outside it.
                "/assets/leak.txt",
            ] {
                let response = try await RawResponse.fetch("GET", target, port: running.port)
                #expect(response.status == 404, "\(target)")
                #expect(response.text.contains("Page not found"), "\(target) gets the site's 404 page")
                #expect(!response.text.contains("outside the site"), "\(target)")
                #expect(!response.text.contains("PackageDescription"), "\(target)")
            }
            // The symlink is in the built site as an asset: serving is what refuses it.
            let site = try #require(await running.server.rebuild(changed: []).update.site)
            #expect(site.files["assets/leak.txt"] != nil)
            #expect(try await running.fetch("/assets/note.txt").status == 200)
        }
    }

    @Test func answersOtherMethodsWith405() async throws {
        try await Running.with { running in
            for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
                for target in ["/", "/chapters/one.html", "/__workbook/events", "/no-such-page.html"] {
                    let response = try await RawResponse.fetch(method, target, port: running.port)
                    #expect(response.status == 405, "\(method) \(target)")
                    #expect(response.headers["allow"] == "GET, HEAD", "\(method) \(target)")
                }
            }
        }
    }

    @Test func answersUnknownPagesWithTheSitesOwn404() async throws {
        try await Running.with { running in
            let built = try #require(await running.server.rebuild(changed: []).update.site?.text("404.html"))
            let missing = try await running.fetch("/no-such-page.html")
            #expect(missing.status == 404)
            #expect(missing.type == "text/html; charset=utf-8")
            #expect(missing.body == String(decoding: LiveClient.inject(into: Array(built.utf8), page: ""), as: UTF8.self))
            // Under a folder, the root's 404 page keeps its styles and links with a base URL.
            let nested = try await running.fetch("/chapters/missing.html")
            #expect(nested.status == 404)
            #expect(nested.body.contains("<base href=\"/\">"))
        }
    }

    @Test func redirectsAFolderToItsSlash() async throws {
        try await Running.with(prepare: { workbook in
            try workbook.write("assets/docs/index.html", "<!doctype html><title>Docs</title><body><p>Docs</p></body>")
        }) { running in
            let bare = try await RawResponse.fetch("GET", "/assets/docs", port: running.port)
            #expect(bare.status == 301)
            #expect(bare.headers["location"] == "/assets/docs/")
            let folder = try await running.fetch("/assets/docs/")
            #expect(folder.status == 200)
            #expect(folder.body.contains("data-page=\"assets/docs/index.html\""))
        }
    }

    /// The whole edit loop: a save reloads the page with the new content; an
    /// error shows on every page while the last good pages stay served; a fix reloads.
    @Test func reloadsOnSavesAndShowsErrorsUntilFixed() async throws {
        try await Running.with { running in
            let events = try await EventStreamClient.connect(port: running.port)
            #expect(events.contentType == "text/event-stream; charset=utf-8")
            let original = try running.workbook.read("chapters/one.md")

            // A save.
            let edited = original.replacingOccurrences(of: "Intro paragraph", with: "Freshly edited paragraph")
            try running.workbook.write("chapters/one.md", edited)
            let reload = try await events.next("reload")
            let paths = try #require(try reload.json()["paths"] as? [String])
            #expect(paths.contains("chapters/one.html"))
            #expect(try await running.fetch("/chapters/one.html").body.contains("Freshly edited paragraph"))

            // A broken directive.
            let lines = edited.split(separator: "\n", omittingEmptySubsequences: false).count
            try running.workbook.write("chapters/one.md", edited + "\n:::dril[Typo]{timebox=10m}\nText.\n:::\n")
            let errors = try await events.next("errors")
            let report = try errors.json()
            let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
            let first = try #require(diagnostics.first)
            let expected = "\(running.workbook.content)/chapters/one.md:\(lines + 1):4: error: unknown directive type `dril`; did you mean `drill`?"
            #expect(first["formatted"] as? String == expected + "\n:::dril[Typo]{timebox=10m}\n   ^\n")
            #expect(first["message"] as? String == "unknown directive type `dril`; did you mean `drill`?")
            #expect(first["line"] as? Int == lines + 1)
            #expect(first["column"] as? Int == 4)
            #expect(report["errors"] as? Int == 1)

            // The last good page is still served, with the script that shows the overlay.
            let during = try await running.fetch("/chapters/one.html")
            #expect(during.status == 200)
            #expect(during.body.contains("Freshly edited paragraph"))
            #expect(!during.body.contains("Typo"))
            #expect(during.body.contains("<script src=\"/__workbook/live.js\" data-page=\"chapters/one.html\" defer></script>"))
            // A page opened now gets the errors at once.
            let late = try await EventStreamClient.connect(port: running.port)
            #expect(try await late.next("errors", timeout: .seconds(2)).data == errors.data)

            // The fix: no page differs from the last good build, and the reload still clears the overlays.
            try running.workbook.write("chapters/one.md", edited)
            let fixed = try await events.next("reload")
            #expect(try fixed.json()["paths"] as? [String] == [])
            _ = try await late.next("reload")
            #expect(try await running.fetch("/chapters/one.html").body.contains("Freshly edited paragraph"))
        }
    }

    @Test func watchesNewFoldersAndThemeFiles() async throws {
        try await Running.with(theme: true, prepare: { workbook in
            try workbook.write("theme/static/extra.css", "body { color: black; }\n", under: workbook.folder)
        }) { running in
            let events = try await EventStreamClient.connect(port: running.port)

            // A folder made after the server started, and a file deep in it.
            try running.workbook.write("assets/new/deeper/picture.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
            var paths = try #require(try await events.next("reload").json()["paths"] as? [String])
            #expect(paths.contains("assets/new/deeper/picture.svg"))
            let picture = try await running.fetch("/assets/new/deeper/picture.svg")
            #expect(picture.status == 200)
            #expect(picture.type == "image/svg+xml")

            // A theme file copied as it is: only its bytes change.
            try running.workbook.write("theme/static/extra.css", "body { color: red; }\n", under: running.workbook.folder)
            paths = try #require(try await events.next("reload").json()["paths"] as? [String])
            #expect(paths == ["theme/extra.css"])
            #expect(try await running.fetch("/theme/extra.css").body == "body { color: red; }\n")
        }
    }

    @Test func stopClosesLiveReloadConnectionsAndReturnsFromRun() async throws {
        let running = try await Running.start()
        defer { running.workbook.remove() }
        let events = try await EventStreamClient.connect(port: running.port)
        #expect(await running.server.liveConnections == 1)
        let clock = ContinuousClock()
        let start = clock.now
        await running.server.stop()
        _ = await running.serving.result
        #expect(clock.now - start < .seconds(1))
        #expect(try await events.waitForEnd(timeout: .seconds(3)))
        #expect(await running.server.liveConnections == 0)
    }

    @Test func forgetsPagesThatWentAway() async throws {
        try await Running.with { running in
            let events = try await EventStreamClient.connect(port: running.port)
            #expect(await running.server.liveConnections == 1)
            events.disconnect()
            // The server notices on its next write: the ping it sends every 15 s, sooner here.
            let deadline = ContinuousClock.now + .seconds(2)
            while await running.server.liveConnections > 0, ContinuousClock.now < deadline {
                await running.server.channel.sendPing()
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(await running.server.liveConnections == 0)
        }
    }

    @Test func aBusyPortIsNamed() async throws {
        try await Running.with { running in
            let second = PreviewServer(configuration: .init(build: running.workbook.options(), port: running.port))
            await #expect(throws: ServeError.portInUse(running.port)) { _ = try await second.start() }
        }
    }

    @Test func servesAWaitingPageUntilTheFirstGoodBuild() async throws {
        try await Running.with(prepare: { workbook in
            try workbook.write("chapters/one.md", try workbook.read("chapters/one.md") + "\n:::dril[Typo]\nText.\n:::\n")
        }) { running in
            let waiting = try await running.fetch("/chapters/one.html")
            #expect(waiting.status == 503)
            #expect(waiting.body.contains("The workbook has not built yet"))
            #expect(waiting.body.contains("<script src=\"/__workbook/live.js\" data-page=\"\" defer></script>"))
            let events = try await EventStreamClient.connect(port: running.port)
            _ = try await events.next("errors", timeout: .seconds(2))

            let text = try running.workbook.read("chapters/one.md")
            try running.workbook.write("chapters/one.md", text.replacingOccurrences(of: ":::dril[Typo]", with: ":::drill[Typo]{timebox=5m}"))
            let reload = try await events.next("reload")
            #expect(try #require(try reload.json()["paths"] as? [String]).contains("chapters/one.html"))
            #expect(try await running.fetch("/chapters/one.html").status == 200)
        }
    }
}
