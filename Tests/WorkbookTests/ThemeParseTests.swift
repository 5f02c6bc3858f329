import Foundation
import Testing
@testable import Workbook
import WorkbookMarkdown

/// A theme parses the templates the template engine renders, and leaves
/// unparsed the default files a native renderer stands in for.
@Suite struct ThemeParseTests {
    static let defaultTemplates: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: Repo.defaultTheme + "/templates")) ?? [])
        .filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }.sorted()

    /// The templates in the engine's library.
    static func parsed(_ theme: Theme) -> [String] {
        theme.templateFiles.keys.filter { theme.library.getTemplate(named: $0) != nil }.sorted()
    }

    static func load(override files: [String: String]) throws -> (Theme?, [Diagnostic]) {
        let folder = try TemporaryWorkbook(files)
        defer { folder.remove() }
        return Theme.load(defaultDirectory: Repo.defaultTheme, override: folder.path)
    }

    @Test func defaultThemeParsesOnlyTemplatesWithoutANativeRenderer() throws {
        #expect(Self.defaultTemplates.count == 32)
        let theme = try #require(Theme.load(defaultDirectory: Repo.defaultTheme).0)
        // 404 and the sidebar's page have no native renderer; 404 includes head and foot.
        #expect(Self.parsed(theme) == ["404", "foot", "head", "sidebar-page"])
        #expect(theme.templateFiles.keys.sorted() == Self.defaultTemplates)
        let engine = try #require(Theme.load(defaultDirectory: Repo.defaultTheme, native: false).0)
        #expect(Self.parsed(engine) == Self.defaultTemplates)
    }

    @Test func anOverridingTemplateAndThePartialsItIncludesAreParsed() throws {
        let (theme, diagnostics) = try Self.load(override: ["templates/index.mustache": "{{>head}}<p>mine</p>{{>nav-part}}\n{{>foot}}\n"])
        #expect(diagnostics.isEmpty)
        let loaded = try #require(theme)
        #expect(Self.parsed(loaded) == ["404", "foot", "head", "index", "nav-part", "sidebar-page"])
        #expect(loaded.native["nav-part"] != nil)
        #expect(loaded.native["index"] == nil)
    }

    /// A dynamic partial can name any template.
    @Test func aDynamicPartialParsesEveryTemplate() throws {
        let (theme, _) = try Self.load(override: ["templates/index.mustache": "{{>head}}{{>*partial}}{{>foot}}\n"])
        #expect(Self.parsed(try #require(theme)) == Self.defaultTemplates)
    }

    /// A template error in a theme folder is still reported where it is.
    @Test func anOverridingTemplatesErrorIsReported() throws {
        let (theme, diagnostics) = try Self.load(override: ["templates/index.mustache": "{{#open}}\n"])
        #expect(theme == nil)
        #expect(diagnostics.map(\.message) == ["template error: a section is not closed: add its `{{/name}}`"])
        #expect(diagnostics.first?.path.hasSuffix("/templates/index.mustache") == true)
    }

    /// A view model of another type than the native renderer's goes to the
    /// engine, which parses the template then.
    @Test func aViewModelTheNativeRendererDoesNotTakeIsRenderedByTheEngine() throws {
        let theme = try #require(Theme.load(defaultDirectory: Repo.defaultTheme).0)
        #expect(theme.native["nav-part"] != nil)
        #expect(theme.library.getTemplate(named: "nav-part") == nil)
        let model: [String: Any] = ["hasName": true, "name": "Part <1>", "itemsHTML": "<li>x</li>\n"]
        let html = theme.render(model, template: "nav-part")
        #expect(html == "<div class=\"nav-part\">\n<h2 class=\"nav-part-name\">Part &lt;1&gt;</h2>\n<ol class=\"nav-chapters\">\n<li>x</li>\n</ol>\n</div>\n")
        let engine = try #require(Theme.load(defaultDirectory: Repo.defaultTheme, native: false).0)
        #expect(engine.render(model, template: "nav-part") == html)
    }
}
