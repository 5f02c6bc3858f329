import WorkbookMarkdown

/// Every link between pages must resolve, anchor included.
enum LinkChecker {
    static func check(_ chapters: [Chapter], resolver: LinkResolver) -> [Diagnostic] {
        chapters.flatMap { check($0, resolver: resolver).diagnostics }
    }

    /// The chapter's broken links, and where each of its links leads (what
    /// `LinkResolver.target` gives), by destination.
    static func check(_ chapter: Chapter, resolver: LinkResolver) -> (diagnostics: [Diagnostic], targets: [String: LinkTarget]) {
        var diagnostics: [Diagnostic] = []
        var targets: [String: LinkTarget] = [:]
        targets.reserveCapacity(chapter.links.count)
        for link in chapter.links {
            switch resolver.resolve(link.destination, from: chapter.name) {
            case .success(let target):
                targets[link.destination] = target
            case .failure(let problem):
                targets[link.destination] = problem.fallback
                diagnostics.append(Diagnostic(problem.severity, problem.message, path: chapter.path, at: link.location))
            }
        }
        return (diagnostics, targets)
    }
}

/// Ids of matrices, drills, rubrics and field references are unique across the
/// workbook: stories, scores and output file names use them.
enum IDChecker {
    static func check(_ chapters: [Chapter]) -> [Diagnostic] {
        var seen: [String: (kind: String, path: String, line: Int)] = [:]
        seen.reserveCapacity(chapters.reduce(0) { $0 + $1.workbookWideIDs.count })
        var diagnostics: [Diagnostic] = []
        for chapter in chapters {
            let path = chapter.path
            for (kind, id, location) in chapter.workbookWideIDs {
                if let first = seen[id] {
                    if first.path != path {
                        diagnostics.append(.error("duplicate id `\(id)`: the \(first.kind) at \(first.path):\(first.line) has it too; ids of matrices, drills, rubrics and field references are unique across the workbook", at: location, path: path))
                    }
                } else {
                    seen[id] = (kind, path, location.line)
                }
            }
        }
        return diagnostics
    }
}
