import WorkbookMarkdown

/// Reads `workbook.yaml` into `Settings`.
enum SettingsReader {
    static func read(_ text: String, path: String) -> (Settings?, [Diagnostic]) {
        let (parsed, problems) = YAMLMapping.parse(text, path: path, lineOffset: 0, what: "workbook.yaml")
        guard var yaml = parsed else { return (nil, problems) }
        let title = yaml.string("title", required: true)
        var settings = Settings(title: title ?? "")
        settings.subtitle = yaml.string("subtitle")
        settings.author = yaml.string("author")
        settings.language = yaml.string("language") ?? "en"
        settings.paper = yaml.choice("paper", of: Settings.Paper.self) ?? .letter
        settings.targetLevel = yaml.string("target_level")
        settings.theme = yaml.string("theme")
        settings.unsafeHTML = yaml.bool("unsafe_html") ?? false
        if let order = yaml.strings("chapters") {
            settings.chapterOrder = order.map { (path: $0.0, location: $0.1) }
        }
        yaml.warnUnknownKeys(in: "workbook.yaml")
        let diagnostics = problems + yaml.diagnostics
        return (title == nil ? nil : settings, diagnostics)
    }
}
