import Foundation
import Testing
@testable import Workbook
import WorkbookMarkdown

/// Themes: one template at a time may be overridden; template errors are
/// positioned diagnostics; a missing page template is an error.
@Suite struct ThemeTests {
    /// `{{>name}}` tags are found with their line and column (in scalars);
    /// a dynamic partial is no name, and a tag not closed on its line is text.
    @Test func partialTagsAndTheirPlaces() {
        let text = "a {{> x }} b\n{{>y}}{{>*dyn}}\n  é {{>z}}\r\n{{>open\n{{>w}}"
        let found = Theme.partials(in: text).map { "\($0.name) \($0.location.line):\($0.location.column)" }
        #expect(found == ["x 1:3", "y 2:1", "z 3:5", "w 5:1"])
    }

    @Test func overridingOneTemplateKeepsTheRest() throws {
        let theme = try TemporaryWorkbook(["templates/404.mustache": "<main>Lost: {{page.siteTitle}}</main>\n", "static/extra.css": "body{}\n"])
        defer { theme.remove() }
        let result = buildSite(Repo.fixture("golden/blocks"), themePath: theme.path)
        let site = try #require(result.site)
        #expect(site.text("404.html") == "<main>Lost: Golden Blocks</main>\n")
        #expect(site.text("index.html")?.contains("<!doctype html>") == true)
        #expect(site.files["theme/extra.css"] == .copy(from: theme.path + "/static/extra.css"))
        #expect(site.files["theme/style.css"] == .copy(from: Repo.defaultTheme + "/static/style.css"))
    }

    @Test func templateSyntaxErrorIsPositioned() throws {
        let theme = try TemporaryWorkbook(["templates/chapter.mustache": "<main>\n{{#chapter}}\n<h1>{{title}}</h1>\n"])
        defer { theme.remove() }
        let result = buildSite(Repo.fixture("golden/blocks"), themePath: theme.path)
        #expect(result.site == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.path == theme.path + "/templates/chapter.mustache")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message == "template error: a section is not closed: add its `{{/name}}`")
        #expect(diagnostic.location.line >= 3)
    }

    @Test func themeNamedInWorkbookYAML() throws {
        let folder = try TemporaryWorkbook([
            "Content/workbook.yaml": "title: Themed\ntheme: plain\n",
            "Content/chapters/a.md": "---\ntitle: A\n---\nText.\n",
            "Themes/plain/templates/index.mustache": "plain index\n",
        ])
        defer { folder.remove() }
        let result = buildSite(folder.path + "/Content")
        #expect(result.site?.text("index.html") == "plain index\n")
        #expect(result.site?.text("chapters/a.html")?.contains("<p>Text.</p>") == true)
    }

    @Test func missingThemeFolderIsAnError() throws {
        let result = buildSite(Repo.fixture("golden/blocks"), themePath: "/nonexistent/theme")
        #expect(result.site == nil)
        #expect(result.diagnostics.map(\.message) == ["theme folder `/nonexistent/theme` does not exist"])
    }
}
