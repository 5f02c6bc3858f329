import Foundation
import Mustache
import WorkbookMarkdown

/// Templates (parsed once) and static files of a theme. A theme folder may
/// hold any subset: what it lacks comes from the default theme.
public struct Theme: Sendable {
    /// Page templates every theme must provide (with the default's help).
    static let pageTemplates = ["index", "chapter", "print", "drills", "scorecard", "fieldref", "404", "stories", "story", "dashboard"]

    let library: MustacheLibrary
    /// Site path (`theme/style.css`) → file on disk; later folders override earlier ones.
    let staticFiles: [String: String]
    /// Template name → the file it came from, for diagnostics.
    let templateFiles: [String: String]
    /// Equal for two loads of the same templates and files (within one process).
    let fingerprint: Int
    /// Swift renderers standing in for unchanged default templates (NativeTemplates.swift).
    var native: [String: NativeTemplate] = [:]

    /// Loads the default theme, then `override` on top of it.
    /// - Parameter native: use the Swift renderers of unchanged default templates
    ///   (off only to show that they render what the templates do).
    public static func load(defaultDirectory: String, override: String? = nil, native: Bool = true) -> (Theme?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        var staticFiles: [String: String] = [:]
        var templateFiles: [String: String] = [:]
        // The default theme's templates a theme folder has not replaced, by digest.
        var defaultDigests: [String: UInt64] = [:]
        var hasher = Hasher()
        // Template name → the partials it includes, with where: Mustache renders a missing one as nothing.
        var includes: [String: [(name: String, location: SourceLocation)]] = [:]
        let folders = [defaultDirectory] + (override.map { [$0] } ?? [])
        for folder in folders {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                diagnostics.append(.error("theme folder `\(folder)` does not exist", at: SourceLocation(line: 1, column: 1), path: folder))
                continue
            }
            let templates = folder + "/templates"
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: templates)) ?? []).sorted().filter { $0.hasSuffix(".mustache") }
            // Read and parsed in parallel (a build waits for its theme), registered in order.
            let parsed = parallelMap(names) { name in ParsedTemplate(path: templates + "/" + name) }
            for (name, template) in zip(names, parsed) {
                let path = templates + "/" + name
                if let text = template.text {
                    hasher.combine(path)
                    hasher.combine(text)
                }
                switch template {
                case .unreadable:
                    diagnostics.append(.error("cannot read template", at: SourceLocation(line: 1, column: 1), path: path))
                case .failed(_, let problem):
                    diagnostics.append(problem)
                case .parsed(let text, let template, let partials):
                    let key = String(name.dropLast(".mustache".count))
                    library.register(template, named: key)
                    templateFiles[key] = path
                    defaultDigests[key] = folder == defaultDirectory ? NativeTemplates.digest(text) : nil
                    includes[key] = partials
                }
            }
            let assets = folder + "/static"
            if let enumerator = FileManager.default.enumerator(atPath: assets) {
                while let item = enumerator.nextObject() as? String {
                    var isDir: ObjCBool = false
                    if FileManager.default.fileExists(atPath: assets + "/" + item, isDirectory: &isDir), !isDir.boolValue {
                        staticFiles["theme/" + item] = assets + "/" + item
                    }
                }
            }
        }
        for (key, partials) in includes.sorted(by: { $0.key < $1.key }) {
            for partial in partials where library.getTemplate(named: partial.name) == nil {
                diagnostics.append(.error("template includes `{{>\(partial.name)}}`, but the theme has no `\(partial.name).mustache`", at: partial.location, path: templateFiles[key] ?? key))
            }
        }
        for name in pageTemplates where library.getTemplate(named: name) == nil {
            diagnostics.append(.error("the theme has no `\(name).mustache` template", at: SourceLocation(line: 1, column: 1), path: (override ?? defaultDirectory) + "/templates/\(name).mustache"))
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        for (site, source) in staticFiles.sorted(by: { $0.key < $1.key }) {
            hasher.combine(site)
            hasher.combine(source)
        }
        let theme = Theme(
            library: library, staticFiles: staticFiles, templateFiles: templateFiles, fingerprint: hasher.finalize(),
            native: native ? NativeTemplates.usable(unchanged: defaultDigests) : [:])
        return (theme, diagnostics)
    }

    /// Every file of the theme folders with its stamp: equal while no template
    /// or static file was added, removed or changed.
    static func stamps(defaultDirectory: String, override: String?) -> [String] {
        var stamps: [String] = []
        for folder in [defaultDirectory] + (override.map { [$0] } ?? []) {
            stamps.append(FileCache.stamp(folder) ?? folder)
            for sub in ["templates", "static"] {
                let root = folder + "/" + sub
                stamps.append(FileCache.stamp(root) ?? root)
                let enumerator = FileManager.default.enumerator(atPath: root)
                while let item = enumerator?.nextObject() as? String {
                    stamps.append(FileCache.stamp(root + "/" + item) ?? item)
                }
            }
        }
        return stamps
    }

    /// The `{{>name}}` tags of a template, with their positions.
    static func partials(in text: String) -> [(name: String, location: SourceLocation)] {
        var found: [(String, SourceLocation)] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{>") {
                guard let close = rest[open.upperBound...].range(of: "}}") else { break }
                let name = rest[open.upperBound..<close.lowerBound].trimmingSpaces
                if !name.isEmpty, !name.hasPrefix("*") {
                    found.append((name, SourceLocation(line: n + 1, column: line[..<open.lowerBound].unicodeScalars.count + 1)))
                }
                rest = rest[close.upperBound...]
            }
        }
        return found
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: "a section is closed with a different name than it was opened with"
        case MustacheTemplate.Error.unfinishedName: "a tag is not finished: `{{` without a matching `}}`"
        case MustacheTemplate.Error.expectedSectionEnd: "a section is not closed: add its `{{/name}}`"
        case MustacheTemplate.Error.invalidSetDelimiter: "malformed set-delimiter tag"
        default: "\(error)"
        }
    }

    /// A template file read and parsed, or why it could not be.
    private enum ParsedTemplate: Sendable {
        case unreadable
        case failed(text: String, Diagnostic)
        case parsed(text: String, MustacheTemplate, partials: [(name: String, location: SourceLocation)])

        /// The file's text, when it could be read.
        var text: String? {
            switch self {
            case .unreadable: nil
            case .failed(let text, _), .parsed(let text, _, _): text
            }
        }

        init(path: String) {
            guard let data = FileManager.default.contents(atPath: path) else {
                self = .unreadable
                return
            }
            let text = String(decoding: data, as: UTF8.self)
            do {
                self = .parsed(text: text, try MustacheTemplate(string: text), partials: Theme.partials(in: text))
            } catch let error as MustacheTemplate.ParserError {
                self = .failed(
                    text: text,
                    .error("template error: \(Theme.describe(error.error))", at: SourceLocation(line: error.context.lineNumber, column: error.context.columnNumber + 1), path: path))
            } catch {
                self = .failed(text: text, .error("template error: \(error)", at: SourceLocation(line: 1, column: 1), path: path))
            }
        }
    }

    func render<Model>(_ object: Model, template name: String) -> String {
        if let native = native[name], let html = native.render(object) { return String(decoding: html, as: UTF8.self) }
        return library.render(object, withTemplate: name) ?? ""
    }

    /// `render`'s HTML as bytes, as a page is written: a native renderer's
    /// bytes as they are.
    func renderBytes<Model>(_ object: Model, template name: String) -> [UInt8] {
        if let native = native[name], let html = native.render(object) { return html }
        return Array((library.render(object, withTemplate: name) ?? "").utf8)
    }
}

/// Finds the default theme: installed beside the binary, or in the source
/// tree the binary was built in, so `workbook` works from any folder.
public enum ThemeLocator {
    public static func defaultTheme(executablePath: String) -> String? {
        let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        var candidates = [folder.appendingPathComponent("../share/workbook/Themes/default").standardized.path]
        for _ in 0..<6 {
            candidates.append(folder.appendingPathComponent("Themes/default").path)
            folder = folder.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/templates/chapter.mustache") }
    }
}
