import Foundation
import Testing
@testable import Workbook
import WorkbookMarkdown

/// The sample workbook's output, crawled: every link and resource is relative
/// and lands on a file of the site (and an id in it), so the site works opened
/// from disk and under any sub-path.
@Suite struct SiteIntegrityTests {
    let result = buildSite(Repo.content)

    @Test func sampleBuildsWithoutErrors() {
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.message) == [])
        #expect(buildSite(Repo.content, guide: true).diagnostics.map(\.message) == [])
    }

    @Test func everyLinkResolvesInsideTheSite() throws {
        let site = try #require(result.site)
        var checked = 0
        for page in site.pages {
            let html = try #require(site.text(page))
            let directory = SitePaths.directory(of: page)
            for url in Self.urls(in: html) {
                if url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("mailto:") { continue }
                #expect(!url.hasPrefix("/"), "\(page): \(url) is absolute")
                let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? page : LinkResolver.normalize(parts[0], relativeTo: directory) ?? "<outside>"
                #expect(site.files[target] != nil, "\(page): \(url) points to a missing file")
                if parts.count == 2, !parts[1].isEmpty, let targetHTML = site.text(target) {
                    #expect(targetHTML.contains("id=\"\(parts[1])\""), "\(page): \(url) points to a missing id")
                }
                checked += 1
            }
        }
        #expect(checked > 200)
    }

    @Test func idsAreUniqueInEveryPage() throws {
        let site = try #require(result.site)
        for page in site.pages {
            let html = try #require(site.text(page))
            var seen: Set<String> = []
            for match in html.matches(of: #/\sid="([^"]+)"/#) {
                let id = String(match.1)
                #expect(!seen.contains(id), "\(page): id \(id) appears twice")
                seen.insert(id)
            }
        }
    }

    @Test func printPageStartsEveryChapter() throws {
        let workbook = try #require(result.workbook)
        let html = try #require(result.site?.text("print.html"))
        for chapter in workbook.chapters {
            #expect(html.contains("id=\"\(chapter.name)\""))
        }
    }

    static func urls(in html: String) -> [String] {
        html.matches(of: #/\s(?:href|src)="([^"]*)"/#).map { String($0.1).replacingOccurrences(of: "&amp;", with: "&") }
    }
}

@Suite struct RawHTMLTests {
    func build(unsafe: Bool) throws -> String {
        let folder = try TemporaryWorkbook([
            "workbook.yaml": "title: Raw\nunsafe_html: \(unsafe)\n",
            "chapters/a.md": "---\ntitle: A\n---\nPress <kbd>Enter</kbd>.\n\n<div class=\"note\">Block</div>\n",
        ])
        defer { folder.remove() }
        return mainContent(buildSite(folder.path).site?.text("chapters/a.html") ?? "")
    }

    @Test func rawHTMLIsOmittedByDefault() throws {
        let html = try build(unsafe: false)
        #expect(html.contains("<p>Press <!-- raw HTML omitted -->Enter<!-- raw HTML omitted -->.</p>\n<!-- raw HTML omitted -->\n"))
    }

    @Test func rawHTMLIsKeptWhenAllowed() throws {
        let html = try build(unsafe: true)
        #expect(html.contains("<p>Press <kbd>Enter</kbd>.</p>\n<div class=\"note\">Block</div>\n"))
    }
}
