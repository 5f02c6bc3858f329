import Foundation
import Testing
@testable import Workbook
import WorkbookMarkdown

/// The XSS corpus (Tests/Fixtures/xss): 25 HTML payloads and 14 dangerous
/// links, each marked `XSSnn`, in every field a workbook has (workbook.yaml,
/// front matter, headings, directive titles and attributes, table cells,
/// dimension names, bands, speakers, phrases, checklist items, story front
/// matter and body, score notes, file names), with `unsafe_html` off. The site
/// is built and written, then every page is read back by a tokenizer as a
/// browser would read it: no element, attribute or URL from a payload is live.
@Suite(.serialized) struct XSSCorpusTests {
    /// Elements the theme and the renderer make; anything else came from content.
    static let allowedElements: Set<String> = [
        "html", "head", "meta", "title", "link", "body", "a", "header", "nav", "ul", "ol", "li", "main", "section",
        "article", "aside", "footer", "div", "span", "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code",
        "pre", "blockquote", "hr", "br", "img", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption",
        "dl", "dt", "dd", "label", "input", "button", "script", "svg", "g", "path", "circle", "line", "polyline",
        "polygon", "rect", "text", "tspan", "desc", "small", "details", "summary", "ins", "del", "output", "dialog", "search",
        "time", "abbr", "caption", "col", "colgroup", "sup", "sub", "b", "i", "noscript",
    ]
    /// Attributes that hold a URL.
    static let urlAttributes: Set<String> = [
        "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "srcset", "ping", "manifest", "codebase",
    ]
    static let csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'"
    /// sidebar.html, the lists shown in a frame without scripts: no scripts, no frames.
    static let sidebarCSP = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'"

    /// The scheme of a URL as a browser parses it: leading controls and spaces
    /// skipped, tabs and line breaks ignored, lowercased.
    static func scheme(_ url: String) -> String? {
        var cleaned = ""
        for scalar in url.unicodeScalars.drop(while: { $0.value <= 0x20 }) where scalar != "\t" && scalar != "\n" && scalar != "\r" {
            cleaned.unicodeScalars.append(scalar)
        }
        guard let colon = cleaned.firstIndex(of: ":") else { return nil }
        let scheme = cleaned[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return scheme.lowercased()
    }

    /// Every way a page could run or load something from a payload.
    /// - Parameter policy: the page's Content-Security-Policy; nil for a fragment (the sidebar's lists).
    static func problems(in html: String, page: String, policy: String? = csp) -> [String] {
        let tokens = HTMLTokens(html)
        var problems: [String] = []
        func problem(_ tag: HTMLTokens.StartTag, _ what: String) { problems.append("\(page):\(tag.line): <\(tag.name)> \(what)") }
        var policies = 0
        for tag in tokens.startTags {
            if !allowedElements.contains(tag.name) && !isSidebarFrame(tag, page: page) { problem(tag, "is not an element workbook makes") }
            for (name, value) in tag.attributes {
                if name.hasPrefix("on") { problem(tag, "has an event handler `\(name)`") }
                if name == "style" { problem(tag, "has an inline style") }
                if name == "srcdoc" || name == "formaction" || name == "http-equiv" && value != "Content-Security-Policy" {
                    problem(tag, "has `\(name)=\(value)`")
                }
                guard urlAttributes.contains(name), let scheme = scheme(value) else { continue }
                let rasterImage = tag.name == "img" && name == "src"
                    && ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { value.lowercased().hasPrefix($0) }
                if ["javascript", "vbscript", "file"].contains(scheme) || (scheme == "data" && !rasterImage) {
                    problem(tag, "has a live `\(scheme):` URL in `\(name)`: \(value.prefix(60))")
                }
            }
            switch tag.name {
            case "script":
                let src = tag.attribute("src") ?? ""
                if !(src.hasSuffix("search-index.js") || src.hasSuffix("theme/workbook.js") || src.hasSuffix("sidebar.js")) || src.contains(":") {
                    problem(tag, "is not one of the theme's scripts: src=\(src)")
                }
                if !(tag.rawText ?? "").isEmpty { problem(tag, "has inline code") }
            case "link":
                if tag.attribute("rel") != "stylesheet" || !(tag.attribute("href") ?? "").contains("theme/") { problem(tag, "is not a theme stylesheet") }
            case "meta":
                if tag.attribute("http-equiv") == "Content-Security-Policy" {
                    policies += 1
                    if tag.attribute("content") != policy { problem(tag, "has another policy: \(tag.attribute("content") ?? "")") }
                }
            case "input":
                if tag.attribute("type") != "checkbox" { problem(tag, "is not a checkbox") }
            default:
                break
            }
        }
        if policies != (policy == nil ? 0 : 1) { problems.append("\(page): has \(policies) Content-Security-Policy meta elements") }
        return problems
    }

    /// The sidebar's frame (`<iframe class="sidebar-frame" src="../sidebar.html">`)
    /// on pages, and `<base target="_parent">` in sidebar.html: the only frame and
    /// base element workbook makes.
    static func isSidebarFrame(_ tag: HTMLTokens.StartTag, page: String) -> Bool {
        switch tag.name {
        case "iframe":
            var src = Substring(tag.attribute("src") ?? "")
            while src.hasPrefix("../") { src = src.dropFirst(3) }
            return tag.attribute("class") == "sidebar-frame" && src == "sidebar.html"
        case "base":
            return page == "sidebar.html" && tag.attributes.map(\.0) == ["target"] && tag.attribute("target") == "_parent"
        default:
            return false
        }
    }

    /// The corpus in a temporary folder, plus chapters and a story whose file names are payloads.
    static func corpus() throws -> TemporaryWorkbook {
        let folder = try TemporaryWorkbook([:])
        try FileManager.default.copyItem(atPath: Repo.fixture("xss"), toPath: folder.path + "/content")
        let chapter = "---\ntitle: Named\nchapter: 2\n---\nBack to [the corpus](01-corpus.md#matrix-corpus).\n"
        for name in ["javascript:alert('XSS50')", "\"><svg onload=alert('XSS51')>", "x#y?z=%41 'XSS52'"] {
            try Data(chapter.utf8).write(to: URL(fileURLWithPath: folder.path + "/content/chapters/\(name).md"))
        }
        try Data("---\ntitle: Named story\nscope: team\nshape: senior\n---\nI did.\n".utf8)
            .write(to: URL(fileURLWithPath: folder.path + "/content/stories/javascript:alert('XSS53').md"))
        return folder
    }

    @Test func noPayloadIsLiveInAnyPage() throws {
        let folder = try Self.corpus()
        defer { folder.remove() }
        let result = buildSite(folder.path + "/content")
        #expect(result.errorCount == 0, "\(result.diagnostics.filter { $0.severity == .error }.map(\.message))")
        let site = try #require(result.site)
        #expect(SiteWriter.write(site, to: folder.path + "/out", content: folder.path + "/content").isEmpty)
        let out = folder.path + "/out"
        var pages = 0
        var problems: [String] = []
        let enumerator = try #require(FileManager.default.enumerator(atPath: out))
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".html") else { continue }
            let html = try String(contentsOfFile: out + "/" + path, encoding: .utf8)
            problems += Self.problems(in: html, page: path, policy: path == "sidebar.html" ? Self.sidebarCSP : Self.csp)
            pages += 1
        }
        #expect(pages >= 14)
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(40).joined(separator: "\n"))")
    }

    /// The checker itself: with raw HTML allowed (`unsafe_html: true`, the
    /// author's opt-in) the same corpus is live, and the checker says so.
    @Test func theCheckerSeesLivePayloadsWhenRawHTMLIsAllowed() throws {
        let folder = try Self.corpus()
        defer { folder.remove() }
        let settings = folder.path + "/content/workbook.yaml"
        let yaml = try String(contentsOfFile: settings, encoding: .utf8).replacingOccurrences(of: "unsafe_html: false", with: "unsafe_html: true")
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: settings))
        let site = try #require(buildSite(folder.path + "/content").site)
        let problems = Self.problems(in: try #require(site.text("chapters/01-corpus.html")), page: "chapter").joined(separator: "\n")
        for expected in [
            "<script> is not one of the theme's scripts", "<img> has an event handler `onerror`", "<svg> has an event handler `onload`",
            "<iframe> is not an element workbook makes", "<a> has a live `javascript:` URL in `href`", "<style> is not an element",
            "<meta> has `http-equiv=refresh`", "<base> is not an element", "<form> is not an element", "<object> is not an element",
            "<div> has an inline style", "<details> has an event handler `ontoggle`", "<embed> is not an element",
        ] {
            #expect(problems.contains(expected), "the checker reports \(expected)")
        }
    }

    /// The payloads reached the pages, as text: escaping, not dropping, made them inert.
    @Test func payloadsAreShownAsText() throws {
        let folder = try Self.corpus()
        defer { folder.remove() }
        let site = try #require(buildSite(folder.path + "/content").site)
        let chapter = HTMLTokens(try #require(site.text("chapters/01-corpus.html")))
        for marker in ["<script>alert('XSS01')</script>", "<img src=x onerror=alert('XSS02')>", "{{XSS09}}{{{page.html}}}", "]]><script>alert('XSS22')</script>"] {
            #expect(chapter.text.contains(marker), "the chapter shows \(marker) as text")
        }
        let titles = chapter.startTags.filter { $0.name == "title" }.compactMap(\.rawText)
        #expect(titles.first?.contains("&lt;svg onload=alert(&#39;XSS03&#39;)&gt;") == true || titles.first?.contains("&lt;svg onload=alert('XSS03')&gt;") == true)
        // The rubric's dimension names, in attributes and text.
        let scorecard = HTMLTokens(try #require(site.text("scorecards/rubric-corpus.html")))
        #expect(scorecard.startTags.contains { $0.attribute("data-dimension") == "\" onmouseover=\"alert('XSS07')" })
        #expect(scorecard.text.contains("<img src=x onerror=alert('XSS02')>"))
        // Score notes and story fields on the personal pages.
        #expect(HTMLTokens(try #require(site.text("dashboard.html"))).text.contains("alert('XSS13')"))
        let story = HTMLTokens(try #require(site.text("stories/corpus-story.html")))
        #expect(story.text.contains("<base href=\"javascript:alert('XSS14')//\">"))
        // `lang` keeps its quote inside the attribute.
        #expect(chapter.startTags.first { $0.name == "html" }?.attribute("lang") == "en\" onload=\"alert('XSS26')")
    }

    /// The search index is a script file: no `</script>` or `<!--` can appear
    /// in it, and it reads back as JSON holding the payloads' text unchanged.
    @Test func searchIndexHoldsThePayloadsInert() throws {
        let folder = try Self.corpus()
        defer { folder.remove() }
        let site = try #require(buildSite(folder.path + "/content").site)
        let script = try #require(site.text(SearchIndex.fileName))
        #expect(!script.lowercased().contains("</script"))
        #expect(!script.contains("</"))
        // (`<!--` from a payload stays inside a string literal, where a script reads it as text.)
        let prefix = "window.WORKBOOK_SEARCH = ", suffix = ";\n"
        #expect(script.hasPrefix(prefix) && script.hasSuffix(suffix))
        let json = Data(script.dropFirst(prefix.count).dropLast(suffix.count).utf8)
        let index = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let entries = try #require(index["entries"] as? [[String: String]])
        let all = entries.flatMap { [$0["title"] ?? "", $0["text"] ?? "", $0["page"] ?? ""] }.joined(separator: "\n")
        #expect(all.contains("</script><script>alert('XSS08')</script>") || all.contains("alert('XSS08')"))
        // Every entry's URL is a page of the site, never a scheme.
        for entry in entries {
            let url = entry["url"] ?? ""
            #expect(Self.scheme(url) == nil, "\(url)")
            #expect(url.hasPrefix("chapters/") || url.hasPrefix("stories/"))
        }
    }

    /// sidebar.js holds the sidebar's lists as one JSON string: no `</` can
    /// appear in it, and the HTML it holds has every title as text.
    @Test func sidebarScriptHoldsThePayloadsInert() throws {
        let folder = try Self.corpus()
        defer { folder.remove() }
        let site = try #require(buildSite(folder.path + "/content").site)
        let script = try #require(site.text(Sidebar.scriptPath))
        #expect(!script.contains("</"))
        let start = try #require(script.range(of: "  var html = \""))
        let end = try #require(script.range(of: "\";\n", range: start.upperBound..<script.endIndex))
        let literal = Data(script[script.index(before: start.upperBound)..<script.index(after: end.lowerBound)].utf8)
        let html = try #require(try JSONSerialization.jsonObject(with: literal, options: .fragmentsAllowed) as? String)
        #expect(Self.problems(in: html, page: Sidebar.scriptPath, policy: nil) == [])
        let lists = HTMLTokens(html)
        #expect(lists.text.contains("<svg onload=alert('XSS03')>"), "a chapter title is shown as text")
        #expect(lists.startTags.compactMap { $0.attribute("href") }.contains("chapters/javascript%3Aalert('XSS50').html"))
    }

    /// Pages name file names in URLs: a name with `:` must not read as a
    /// scheme, a `#` or `?` must not cut the path.
    @Test func fileNamesAreEncodedInURLs() throws {
        let folder = try Self.corpus()
        defer { folder.remove() }
        let site = try #require(buildSite(folder.path + "/content").site)
        let index = HTMLTokens(try #require(site.text("index.html")))
        let hrefs = index.startTags.compactMap { $0.attribute("href") }
        #expect(hrefs.contains("chapters/javascript%3Aalert('XSS50').html"))
        #expect(hrefs.contains("chapters/%22%3E%3Csvg%20onload=alert('XSS51')%3E.html"))
        #expect(hrefs.contains("chapters/x%23y%3Fz=%2541%20'XSS52'.html"))
        let sibling = HTMLTokens(try #require(site.text("chapters/01-corpus.html"))).startTags.compactMap { $0.attribute("href") }
        #expect(sibling.contains("%22%3E%3Csvg%20onload=alert('XSS51')%3E.html"), "a link between two chapters (the pager) starts with the name")
        #expect(site.files["chapters/javascript:alert('XSS50').html"] != nil, "the file itself keeps its name")
    }
}
