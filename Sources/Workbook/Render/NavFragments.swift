import WorkbookMarkdown

/// The sidebar's chapter list, rendered once per folder of the site and
/// assembled per page by copying: the current chapter's item is swapped for
/// its `aria-current` variant. A sidebar of every chapter on every page then
/// costs a copy, not a template render per chapter per page.
struct NavFragments: Sendable {
    private struct Folder: Sendable {
        /// The whole list with no current chapter.
        var html: String
        /// The list of printable sheets.
        var sheets: String
        /// Per chapter name: the UTF-8 range of its item in `html`, and its current variant.
        var items: [String: (range: Range<Int>, current: String)]
    }

    private var folders: [String: Folder] = [:]

    /// Renders the lists for each folder pages live in.
    init(chapters: [Chapter], sheets: (scorecards: [(title: String, id: String)], fieldrefs: [(title: String, id: String)]), folders directories: [String], theme: Theme) {
        for directory in directories {
            var folder = Self.folder(chapters: chapters, directory: directory, theme: theme)
            let link = { (path: String, title: String) in LinkVM(title: title, url: SitePaths.relative(from: directory, to: path)) }
            let scorecards = sheets.scorecards.map { link(SitePaths.scorecard($0.id), $0.title) }
            let fieldrefs = sheets.fieldrefs.map { link(SitePaths.fieldref($0.id), $0.title) }
            folder.sheets = theme.render(
                NavSheetsVM(scorecards: scorecards, hasScorecards: !scorecards.isEmpty, fieldrefs: fieldrefs, hasFieldrefs: !fieldrefs.isEmpty),
                template: "nav-sheets")
            folders[directory] = folder
        }
    }

    /// Equal for two sets of lists with the same HTML (within one process).
    var fingerprint: Int {
        var hasher = Hasher()
        for key in folders.keys.sorted() {
            hasher.combine(key)
            hasher.combine(folders[key]!.html)
            hasher.combine(folders[key]!.sheets)
        }
        return hasher.finalize()
    }

    /// The list of printable sheets for a page in `directory`.
    func sheets(directory: String) -> String {
        folders[directory]?.sheets ?? ""
    }

    /// The list for a page in `directory`, with `current` marked.
    func html(directory: String, current: String?) -> String {
        guard let folder = folders[directory] else { return "" }
        guard let current, let item = folder.items[current] else { return folder.html }
        var utf8 = Array(folder.html.utf8)
        utf8.replaceSubrange(item.range, with: Array(item.current.utf8))
        return String(decoding: utf8, as: UTF8.self)
    }

    private static func folder(chapters: [Chapter], directory: String, theme: Theme) -> Folder {
        let groups = chapters.groupedByPart
        let marker = "\u{1}items\u{1}"
        var html: [UInt8] = []
        var items: [String: (range: Range<Int>, current: String)] = [:]
        for group in groups {
            let shell = theme.render(NavPartVM(hasName: group.part != nil, name: group.part ?? "", itemsHTML: marker), template: "nav-part")
            let parts = shell.components(separatedBy: marker)
            html += Array(parts[0].utf8)
            for chapter in group.chapters {
                let front = chapter.front
                var vm = NavChapterVM(
                    title: front.title, hasNumber: front.number != nil, number: front.number.map(String.init) ?? "",
                    url: SitePaths.relative(from: directory, to: SitePaths.chapter(chapter.name)), isCurrent: false)
                let plain = Array(theme.render(vm, template: "nav-chapter").utf8)
                vm.isCurrent = true
                let start = html.count
                html += plain
                items[chapter.name] = (start..<html.count, theme.render(vm, template: "nav-chapter"))
            }
            if parts.count > 1 { html += Array(parts[1...].joined(separator: marker).utf8) }
        }
        return Folder(html: String(decoding: html, as: UTF8.self), sheets: "", items: items)
    }
}
