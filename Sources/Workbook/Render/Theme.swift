import Foundation
import Mustache
import WorkbookMarkdown

/// Templates (parsed once) and static files of a theme. A theme folder may
/// hold any subset: what it lacks comes from the default theme.
public struct Theme: Sendable {
    /// Page templates every theme must provide (with the default's help).
    static let pageTemplates = ["index", "chapter", "print", "drills", "scorecard", "fieldref", "404", "stories", "story", "dashboard"]

    /// The templates the template engine renders, parsed: every template
    /// no native renderer stands in for, and the partials those include.
    let library: MustacheLibrary
    /// Site path (`theme/style.css`) → file on disk; later folders override earlier ones.
    let staticFiles: [String: String]
    /// Template name → the file it came from, for diagnostics.
    let templateFiles: [String: String]
    /// Equal for two loads of the same templates and files (within one process).
    let fingerprint: Int
    /// Swift renderers standing in for unchanged default templates (NativeTemplates.swift).
    var native: [String: NativeTemplate] = [:]
    /// Every template parsed, for a view model a native renderer does not take.
    let fallback: FallbackLibrary

    /// Loads the default theme, then `override` on top of it.
    ///
    /// Only what the template engine will render is parsed: a default
    /// template that a native renderer stands in for, and that no engine
    /// template includes, is read for its digest and left unparsed (the
    /// default files parse, as `NativeTemplateTests` shows by rendering
    /// them). That was most of the templates, and more than half of the
    /// instructions a one-chapter build executed.
    /// - Parameter native: use the Swift renderers of unchanged default templates
    ///   (off only to show that they render what the templates do).
    public static func load(defaultDirectory: String, override: String? = nil, native: Bool = true) -> (Theme?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var staticFiles: [String: String] = [:]
        var hasher = Hasher()
        // Each folder's templates in name order, read in parallel; a later folder's replace the earlier's.
        var folderFiles: [(missing: Diagnostic?, files: [TemplateFile])] = []
        // The file each template name comes from, and the default theme's digests of those not replaced.
        var winner: [String: TemplateFile] = [:]
        var defaultDigests: [String: UInt64] = [:]
        let folders = [defaultDirectory] + (override.map { [$0] } ?? [])
        for folder in folders {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                folderFiles.append((.error("theme folder `\(folder)` does not exist", at: SourceLocation(line: 1, column: 1), path: folder), []))
                continue
            }
            let templates = folder + "/templates"
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: templates)) ?? []).sorted().filter { $0.hasSuffix(".mustache") }
            let files = parallelMap(names) { name in
                let path = templates + "/" + name
                let text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
                return TemplateFile(
                    key: String(name.dropLast(".mustache".count)), path: path, text: text, partials: text.map(Theme.partials) ?? [], isDefault: folder == defaultDirectory)
            }
            for file in files {
                guard let text = file.text else { continue }
                hasher.combine(file.path)
                hasher.combine(text)
                winner[file.key] = file
                defaultDigests[file.key] = folder == defaultDirectory ? NativeTemplates.digest(text) : nil
            }
            folderFiles.append((nil, files))
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
        let natives = native ? NativeTemplates.usable(unchanged: defaultDigests) : [:]
        let engine = engineTemplates(winner, natives: natives)
        // Parsed in parallel (a build waits for its theme): every file of the
        // theme folder, and the default files the engine renders.
        let shown = winner.mapValues(\.path)
        let parsed = parallelMap(folderFiles.flatMap(\.files)) { file in
            file.isDefault && file.text != nil && (shown[file.key] != file.path || !engine.contains(file.key)) ? ParsedTemplate.skipped : ParsedTemplate(file)
        }
        var library = MustacheLibrary()
        var templateFiles: [String: String] = [:]
        var registered: Set<String> = []
        var includes: [String: [(name: String, location: SourceLocation)]] = [:]
        var skipped: [String: String] = [:]
        var next = 0
        for (missing, files) in folderFiles {
            if let missing { diagnostics.append(missing) }
            for file in files {
                defer { next += 1 }
                switch parsed[next] {
                case .unreadable:
                    diagnostics.append(.error("cannot read template", at: SourceLocation(line: 1, column: 1), path: file.path))
                    continue
                case .failed(let problem):
                    diagnostics.append(problem)
                    continue
                case .parsed(let template):
                    library.register(template, named: file.key)
                case .skipped:
                    if shown[file.key] == file.path { skipped[file.key] = file.text }
                }
                registered.insert(file.key)
                templateFiles[file.key] = file.path
                includes[file.key] = file.partials
            }
        }
        for (key, partials) in includes.sorted(by: { $0.key < $1.key }) {
            for partial in partials where !registered.contains(partial.name) {
                diagnostics.append(.error("template includes `{{>\(partial.name)}}`, but the theme has no `\(partial.name).mustache`", at: partial.location, path: templateFiles[key] ?? key))
            }
        }
        for name in pageTemplates where !registered.contains(name) {
            diagnostics.append(.error("the theme has no `\(name).mustache` template", at: SourceLocation(line: 1, column: 1), path: (override ?? defaultDirectory) + "/templates/\(name).mustache"))
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        for (site, source) in staticFiles.sorted(by: { $0.key < $1.key }) {
            hasher.combine(site)
            hasher.combine(source)
        }
        let theme = Theme(
            library: library, staticFiles: staticFiles, templateFiles: templateFiles, fingerprint: hasher.finalize(),
            native: natives, fallback: FallbackLibrary(library, unparsed: skipped))
        return (theme, diagnostics)
    }

    /// The templates the engine renders: every one without a native
    /// renderer, and what they include. A dynamic partial (`{{>*name}}`) in
    /// one of them can name any template: then all of them.
    static func engineTemplates(_ files: [String: TemplateFile], natives: [String: NativeTemplate]) -> Set<String> {
        var needed = Set(files.keys.filter { natives[$0] == nil })
        var pending = Array(needed)
        while let key = pending.popLast() {
            if files[key]?.text?.contains("{{>*") == true { return Set(files.keys) }
            for partial in files[key]?.partials ?? [] where files[partial.name] != nil && needed.insert(partial.name).inserted {
                pending.append(partial.name)
            }
        }
        return needed
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

    /// The `{{>name}}` tags of a template, with their positions: each tag
    /// within one line, found in the text's bytes (every template of the
    /// theme is read for them, rendered or not).
    static func partials(in text: String) -> [(name: String, location: SourceLocation)] {
        var found: [(String, SourceLocation)] = []
        text.withUTF8Bytes { bytes in
            var line = 1, lineStart = 0, i = 0
            // The byte compared as a number: a Character's `asciiValue` cost 120 instructions a byte here.
            func at(_ index: Int, _ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }
            while i < bytes.count {
                if bytes[i] == 0x0A {
                    line += 1
                    lineStart = i + 1
                } else if at(i, UInt8(ascii: "{")), at(i + 1, UInt8(ascii: "{")), at(i + 2, UInt8(ascii: ">")) {
                    var close = i + 3
                    while close < bytes.count, bytes[close] != 0x0A, !(at(close, UInt8(ascii: "}")) && at(close + 1, UInt8(ascii: "}"))) { close += 1 }
                    // A tag not closed on its line: the rest of the line is text.
                    guard close < bytes.count, bytes[close] != 0x0A else {
                        i = close
                        continue
                    }
                    let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 3)..<close]), as: UTF8.self).trimmingSpaces
                    if !name.isEmpty, !name.hasPrefix("*") {
                        let before = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<i]), as: UTF8.self)
                        found.append((name, SourceLocation(line: line, column: before.unicodeScalars.count + 1)))
                    }
                    i = close + 2
                    continue
                }
                i += 1
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

    /// A template file as read: its name without `.mustache`, and its text unless it could not be read.
    struct TemplateFile: Sendable {
        var key: String
        var path: String
        var text: String?
        /// The `{{>name}}` tags in the text, with their positions.
        var partials: [(name: String, location: SourceLocation)]
        /// From the default theme's folder, whose files parse.
        var isDefault: Bool
    }

    /// A template file parsed, or why it could not be, or left unparsed.
    private enum ParsedTemplate: Sendable {
        case unreadable
        case failed(Diagnostic)
        case parsed(MustacheTemplate)
        /// An unchanged default file that only a native renderer renders.
        case skipped

        init(_ file: TemplateFile) {
            guard let text = file.text else {
                self = .unreadable
                return
            }
            do {
                self = .parsed(try MustacheTemplate(string: text))
            } catch let error as MustacheTemplate.ParserError {
                self = .failed(
                    .error("template error: \(Theme.describe(error.error))", at: SourceLocation(line: error.context.lineNumber, column: error.context.columnNumber + 1), path: file.path))
            } catch {
                self = .failed(.error("template error: \(error)", at: SourceLocation(line: 1, column: 1), path: file.path))
            }
        }
    }

    func render<Model>(_ object: Model, template name: String) -> String {
        if let native = native[name] {
            if let html = native.render(object) { return String(decoding: html, as: UTF8.self) }
            return fallback.library.render(object, withTemplate: name) ?? ""
        }
        return library.render(object, withTemplate: name) ?? ""
    }

    /// `render`'s HTML as bytes, as a page is written: a native renderer's
    /// bytes as they are.
    func renderBytes<Model>(_ object: Model, template name: String) -> [UInt8] {
        if let native = native[name] {
            if let html = native.render(object) { return html }
            return Array((fallback.library.render(object, withTemplate: name) ?? "").utf8)
        }
        return Array((library.render(object, withTemplate: name) ?? "").utf8)
    }
}

/// The engine's library with every template in it, for a view model that
/// a native renderer does not take (one of another type): the templates
/// left unparsed at load are parsed the first time it is asked for.
final class FallbackLibrary: @unchecked Sendable {
    private let lock = NSLock()
    private var parsed: MustacheLibrary
    private var unparsed: [String: String]

    init(_ library: MustacheLibrary, unparsed: [String: String]) {
        parsed = library
        self.unparsed = unparsed
    }

    var library: MustacheLibrary {
        lock.withLock {
            for (name, text) in unparsed {
                // Unchanged default files: they parse.
                if let template = try? MustacheTemplate(string: text) { parsed.register(template, named: name) }
            }
            unparsed = [:]
            return parsed
        }
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
