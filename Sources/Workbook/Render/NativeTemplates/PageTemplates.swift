/// Native renderers of the chapter pages, the index, the print and drills pages
/// and their frame: `chapter`, `print-chapter`, `chapter-meta`, `index`, `print`,
/// `drills`, and `head`, `sidebar` and `foot`,
/// which every page includes; and the sidebar's lists, `nav-part`,
/// `nav-chapter` and `nav-sheets`. Each function is its template, line for line,
/// except that the pages with the sidebar share their frame (`sidebarPage`:
/// head, layout, sidebar, `<main>`, foot). NativeTemplates.swift says when they
/// are used.
enum PageTemplates {
    static let all: [String: NativeTemplate] = [
        "head": NativeTemplate(PageVM.self, digest: 0x2576_2611_daf0_86e2, partials: [], head),
        "foot": NativeTemplate(PageVM.self, digest: 0x4574_b8d7_38ae_05b4, partials: [], foot),
        "sidebar": NativeTemplate(PageVM.self, digest: 0xd7b9_c1d0_3a4e_8e35, partials: [], sidebar),
        "chapter-meta": NativeTemplate(ChapterSummaryVM.self, digest: 0x3b27_51d7_bbe5_42a0, partials: [], chapterMeta),
        "chapter": NativeTemplate(ChapterPageVM.self, digest: 0x0a1d_8c51_5ed8_b0d3, partials: ["head", "sidebar", "chapter-meta", "foot"], chapter),
        "index": NativeTemplate(IndexPageVM.self, digest: 0xe791_6ca6_2ea2_ce28, partials: ["head", "chapter-meta", "foot"], index),
        "print-chapter": NativeTemplate(PrintChapterVM.self, digest: 0x2323_8fd8_47b6_bc82, partials: ["chapter-meta"], printChapter),
        "print": NativeTemplate(PrintPageVM.self, digest: 0x9827_29f5_15ce_8d19, partials: ["head", "foot"], printPage),
        "drills": NativeTemplate(DrillsPageVM.self, digest: 0x9e21_bfb6_6aaf_b3f3, partials: ["head", "sidebar", "foot"], drills),
        "nav-chapter": NativeTemplate(NavChapterVM.self, digest: 0xc2b6_f0e9_c322_8393, partials: [], navChapter),
        "nav-part": NativeTemplate(NavPartVM.self, digest: 0xb387_6239_9021_2f31, partials: [], navPart),
        "nav-sheets": NativeTemplate(NavSheetsVM.self, digest: 0x8521_ea32_ee3b_a755, partials: [], navSheets),
    ]

    static func navChapter(_ vm: NavChapterVM, into out: inout HTMLOutput) {
        out += "<li><a href=\""
        out.appendEscaped(vm.url)
        out += "\">"
        if vm.hasNumber {
            out += "<span class=\"nav-number\">"
            out.appendEscaped(vm.number)
            out += "</span> "
        }
        out.appendEscaped(vm.title)
        out += "</a></li>\n"
    }

    static func navPart(_ vm: NavPartVM, into out: inout HTMLOutput) {
        out += "<div class=\"nav-part\">\n"
        if vm.hasName {
            out += "<h2 class=\"nav-part-name\">"
            out.appendEscaped(vm.name)
            out += "</h2>"
        }
        out += "\n<ol class=\"nav-chapters\">\n"
        out += vm.itemsHTML
        out += "</ol>\n</div>\n"
    }

    static func navSheets(_ vm: NavSheetsVM, into out: inout HTMLOutput) {
        func group(_ heading: String, _ links: [LinkVM]) {
            out.append("<div class=\"nav-part nav-sheets\">\n<h2 class=\"nav-part-name\">", heading, "</h2>\n<ul class=\"nav-chapters\">\n")
            for link in links {
                out += "<li>"
                out.appendLink(link.url, link.title)
                out += "</li>\n"
            }
            out += "</ul>\n</div>\n"
        }
        if vm.hasScorecards { group("Scorecards", vm.scorecards) }
        if vm.hasFieldrefs { group("Field references", vm.fieldrefs) }
    }

    static func head(_ page: PageVM, into out: inout HTMLOutput) {
        out += "<!doctype html>\n<html lang=\""
        out.appendEscaped(page.lang)
        out += "\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n"
        out += "<meta name=\"generator\" content=\""
        out.appendEscaped(page.generator)
        out += "\">\n<title>"
        out.appendEscaped(page.pageTitle)
        out += "</title>\n<link rel=\"stylesheet\" href=\""
        out.appendEscaped(page.root)
        out += "theme/style.css\">\n<link rel=\"stylesheet\" href=\""
        out.appendEscaped(page.root)
        out += "theme/paper-"
        out.appendEscaped(page.paper)
        out += ".css\">\n<link rel=\"stylesheet\" href=\""
        out.appendEscaped(page.root)
        out += "theme/print.css\" media=\"print\">\n</head>\n<body class=\""
        out.appendEscaped(page.pageKind)
        out += "\" data-root=\""
        out.appendEscaped(page.root)
        out += "\" data-page=\""
        out.appendEscaped(page.path)
        out += "\">\n<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n<header class=\"site-header\">\n<a class=\"site-title\" href=\""
        out.appendEscaped(page.homeURL)
        out += "\">"
        out.appendEscaped(page.siteTitle)
        out += "</a>\n<nav class=\"site-nav\" aria-label=\"Site\">\n<ul>\n"
        link(page.homeURL, "Contents", into: &out)
        link(page.drillsURL, "Drills", into: &out)
        link(page.printURL, "Print", into: &out)
        if page.isPersonal {
            link(page.storiesURL, "Stories", into: &out)
            link(page.dashboardURL, "Dashboard", into: &out)
        }
        out += "</ul>\n</nav>\n</header>\n"
    }

    private static func link(_ url: String, _ label: String, into out: inout HTMLOutput) {
        out += "<li><a href=\""
        out.appendEscaped(url)
        out.append("\">", label, "</a></li>\n")
    }

    static func foot(_ page: PageVM, into out: inout HTMLOutput) {
        out += "<footer class=\"site-footer\">\n<p>"
        out.appendEscaped(page.siteTitle)
        out += " · built with "
        out.appendEscaped(page.generator)
        out += "</p>\n</footer>\n<script src=\""
        out.appendEscaped(page.root)
        out += "theme/workbook.js\" defer></script>\n</body>\n</html>\n"
    }

    static func sidebar(_ page: PageVM, into out: inout HTMLOutput) {
        out += "<nav class=\"sidebar\" aria-label=\"Chapters\">\n<div class=\"sidebar-scroll\">\n<script src=\""
        out.appendEscaped(page.root)
        out += "sidebar.js\"></script>\n<noscript><iframe class=\"sidebar-frame\" src=\""
        out.appendEscaped(page.root)
        out += "sidebar.html\" title=\"Chapters\"></iframe></noscript>\n</div>\n</nav>\n"
    }

    /// The frame of a page with the sidebar, as its template writes it:
    /// `{{#page}}{{>head}}{{/page}}`, the layout and `{{>sidebar}}`, `<main>`
    /// with `classes`, what `content` writes, and the closing lines with `{{>foot}}`.
    static func sidebarPage(_ page: PageVM, main classes: String, into out: inout HTMLOutput, _ content: (inout HTMLOutput) -> Void) {
        head(page, into: &out)
        out += "\n<div class=\"layout\">\n"
        sidebar(page, into: &out)
        out.append("\n<main id=\"main\" class=\"", classes, "\">\n")
        content(&out)
        out += "</main>\n</div>\n"
        foot(page, into: &out)
        out += "\n"
    }

    /// The cover's title, subtitle and author lines, the same on the index and the print page.
    private static func cover(title: String, subtitle: String?, author: String?, into out: inout HTMLOutput) {
        out += "<h1 class=\"cover-title\">"
        out.appendEscaped(title)
        out += "</h1>\n"
        if let subtitle {
            out += "<p class=\"cover-subtitle\">"
            out.appendEscaped(subtitle)
            out += "</p>"
        }
        out += "\n"
        if let author {
            out += "<p class=\"cover-author\">"
            out.appendEscaped(author)
            out += "</p>"
        }
        out += "\n"
    }

    static func chapterMeta(_ chapter: ChapterSummaryVM, into out: inout HTMLOutput) {
        out += "<dl class=\"chapter-meta\">\n<div><dt>Reading time</dt><dd>"
        out.appendEscaped(chapter.minutesLabel)
        out += "</dd></div>\n"
        func tags(_ label: String, _ kind: String, _ tags: [String]) {
            out.append("<div><dt>", label, "</dt><dd><ul class=\"tags tags-")
            out.append(kind, "\">")
            out.appendListItems(tags)
            out += "</ul></dd></div>\n"
        }
        if chapter.hasSkills { tags("Skills", "skills", chapter.skills) }
        if chapter.hasRounds { tags("Rounds", "rounds", chapter.rounds) }
        out += "</dl>\n"
    }

    /// The chapter's title line, the same on its page and on the print page.
    private static func title(_ chapter: ChapterSummaryVM, into out: inout HTMLOutput) {
        out += "<h1 class=\"chapter-title\">"
        out.appendEscaped(chapter.title)
        if chapter.isDraft { out += " <span class=\"badge badge-draft\">Draft</span>" }
        out += "</h1>\n"
        if chapter.hasSummary {
            out += "<p class=\"chapter-summary\">"
            out.appendEscaped(chapter.summary)
            out += "</p>"
        }
        out += "\n"
        chapterMeta(chapter, into: &out)
    }

    private static func part(_ chapter: ChapterSummaryVM, into out: inout HTMLOutput) {
        if chapter.hasPart {
            out += "<p class=\"chapter-part\">"
            out.appendEscaped(chapter.part)
            out += "</p>"
        }
        out += "\n"
    }

    static func chapter(_ vm: ChapterPageVM, into out: inout HTMLOutput) {
        sidebarPage(vm.page, main: "content", into: &out) { out in chapterArticle(vm, into: &out) }
    }

    private static func chapterArticle(_ vm: ChapterPageVM, into out: inout HTMLOutput) {
        out += "<article class=\"chapter\">\n<header class=\"chapter-header\">\n"
        part(vm.chapter, into: &out)
        if vm.chapter.hasNumber {
            out += "<p class=\"chapter-number\">Chapter "
            out.appendEscaped(vm.chapter.number)
            out += "</p>"
        }
        out += "\n"
        title(vm.chapter, into: &out)
        out += "</header>\n"
        if vm.hasToc {
            out += "<nav class=\"toc\" aria-label=\"On this page\">\n<h2 class=\"toc-title\">On this page</h2>\n<ul>\n"
            for entry in vm.toc {
                out += "<li class=\"toc-level-"
                out.append(entry.level)
                out += "\">"
                out.appendLink(entry.url, entry.title)
                out += "</li>\n"
            }
            out += "</ul>\n</nav>\n"
        }
        out.append("<div class=\"chapter-body\">\n", vm.bodyHTML, "\n</div>\n</article>\n<nav class=\"pager\" aria-label=\"Previous and next chapter\">\n")
        if vm.hasPrevious { pager("prev", "Previous", vm.previous, into: &out) }
        out += "\n"
        if vm.hasNext { pager("next", "Next", vm.next, into: &out) }
        out += "\n</nav>\n"
    }

    private static func pager(_ rel: String, _ label: String, _ link: LinkVM, into out: inout HTMLOutput) {
        out.append("<a class=\"pager-", rel, "\" rel=\"")
        out.append(rel, "\" href=\"")
        out.appendEscaped(link.url)
        out.append("\"><span class=\"pager-label\">", label, "</span> <span class=\"pager-title\">")
        out.appendEscaped(link.title)
        out += "</span></a>"
    }

    static func printChapter(_ vm: PrintChapterVM, into out: inout HTMLOutput) {
        out += "<section class=\"print-chapter\" id=\""
        out.appendEscaped(vm.id)
        out += "\">\n<header class=\"chapter-header\">\n"
        part(vm.chapter, into: &out)
        out += "<p class=\"chapter-number\">"
        out.appendEscaped(vm.numberLabel)
        out += "</p>\n"
        title(vm.chapter, into: &out)
        out.append("</header>\n<div class=\"chapter-body\">\n", vm.bodyHTML, "\n</div>\n</section>\n")
    }

    /// The whole workbook: a contents list of every chapter, then each
    /// chapter's section (`print-chapter`, rendered before), as it is.
    static func printPage(_ vm: PrintPageVM, into out: inout HTMLOutput) {
        head(vm.page, into: &out)
        out += "\n<main id=\"main\" class=\"print-document\">\n<header class=\"print-cover\">\n"
        cover(title: vm.title, subtitle: vm.hasSubtitle ? vm.subtitle : nil, author: vm.hasAuthor ? vm.author : nil, into: &out)
        out += "<p class=\"screen-only print-hint\">Use your browser\u{2019}s Print command to print this page or save it as PDF.</p>\n"
        out += "<nav class=\"print-toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n"
        for chapter in vm.chapters {
            out += "<li><a href=\"#"
            out.appendEscaped(chapter.id)
            out += "\"><span class=\"print-toc-number\">"
            out.appendEscaped(chapter.numberLabel)
            out += "</span> "
            out.appendEscaped(chapter.chapter.title)
            out += "</a></li>\n"
        }
        out += "</ol>\n</nav>\n</header>\n"
        for chapter in vm.chapters { out += chapter.html }
        out += "\n</main>\n"
        foot(vm.page, into: &out)
        out += "\n"
    }

    /// Every drill, grouped by chapter: each group rendered before (`drill-group`), as it is.
    static func drills(_ vm: DrillsPageVM, into out: inout HTMLOutput) {
        sidebarPage(vm.page, main: "content drills", into: &out) { out in
            out += "<header class=\"page-header\">\n<h1>Drills</h1>\n"
            if vm.hasDrills {
                out += "<p class=\"lead\">"
                out.append(vm.drillCount)
                out += " in all, "
                out.appendEscaped(vm.totalLabel)
                out += " of timed practice. Pick one, set the timer, answer aloud, then score yourself.</p>"
            }
            out += "\n</header>\n"
            for group in vm.groups { out += group.html }
            out += "\n"
            if vm.groups.isEmpty { out += "<p>This workbook has no drills yet.</p>" }
            out += "\n"
        }
    }

    static func index(_ vm: IndexPageVM, into out: inout HTMLOutput) {
        head(vm.page, into: &out)
        out += "\n<main id=\"main\" class=\"content index\">\n<header class=\"cover\">\n"
        cover(title: vm.title, subtitle: vm.hasSubtitle ? vm.subtitle : nil, author: vm.hasAuthor ? vm.author : nil, into: &out)
        out += "</header>\n<section class=\"contents\" aria-labelledby=\"contents-title\">\n<h2 id=\"contents-title\">Chapters</h2>\n"
        for part in vm.parts {
            out += "<div class=\"part\">\n"
            if part.hasName {
                out += "<h3 class=\"part-name\">"
                out.appendEscaped(part.name)
                out += "</h3>"
            }
            out += "\n<ol class=\"chapter-list\">\n"
            for chapter in part.chapters {
                out += chapter.isDraft ? "<li class=\"chapter-card is-draft\">\n" : "<li class=\"chapter-card\">\n"
                out += "<p class=\"card-title\">"
                if chapter.hasNumber {
                    out += "<span class=\"card-number\">"
                    out.appendEscaped(chapter.number)
                    out += "</span> "
                }
                out.appendLink(chapter.url, chapter.title)
                if chapter.isDraft { out += " <span class=\"badge badge-draft\">Draft</span>" }
                out += "</p>\n"
                if chapter.hasSummary {
                    out += "<p class=\"card-summary\">"
                    out.appendEscaped(chapter.summary)
                    out += "</p>"
                }
                out += "\n"
                chapterMeta(chapter, into: &out)
                out += "</li>\n"
            }
            out += "</ol>\n</div>\n"
        }
        if vm.parts.isEmpty { out += "<p>No chapters yet.</p>" }
        out += "\n</section>\n<section class=\"practice\" aria-labelledby=\"practice-title\">\n<h2 id=\"practice-title\">Practice and print</h2>\n<ul class=\"link-list\">\n"
        if vm.hasDrills {
            out += "<li><a href=\""
            out.appendEscaped(vm.page.drillsURL)
            out += "\">Drills</a>: "
            out.append(vm.drillCount)
            out += " in all, "
            out.appendEscaped(vm.drillMinutes)
            out += " of timed practice</li>\n"
        }
        out += "<li><a href=\""
        out.appendEscaped(vm.page.printURL)
        out += "\">Printable workbook</a>: every chapter, each starting on a new page</li>\n</ul>\n"
        func links(_ heading: String, _ links: [LinkVM]) {
            out.append("<h3>", heading, "</h3>\n<ul class=\"link-list\">\n")
            for link in links {
                out += "<li>"
                out.appendLink(link.url, link.title)
                out += "</li>\n"
            }
            out += "</ul>\n"
        }
        if vm.hasScorecards { links("Scorecards", vm.scorecards) }
        if vm.hasFieldrefs { links("Field references", vm.fieldrefs) }
        out += "</section>\n</main>\n"
        foot(vm.page, into: &out)
        out += "\n"
    }
}
