/// Native renderers of the personal pages: `story` (one per story),
/// `dashboard-rubric` (one per rubric on the dashboard), `dashboard`, and
/// `stories`, the inventory of every story.
/// Each function is its template, line for line, inside the frame of the pages
/// with the sidebar (`PageTemplates.sidebarPage`); NativeTemplates.swift says
/// when they are used.
enum PersonalTemplates {
    static let all: [String: NativeTemplate] = [
        "story": NativeTemplate(StoryPageVM.self, digest: 0xfc69_1718_a404_364a, partials: ["head", "sidebar", "block", "foot"], story),
        "dashboard-rubric": NativeTemplate(DashboardRubricVM.self, digest: 0x7072_a3a9_36a6_1c36, partials: [], dashboardRubric),
        "dashboard": NativeTemplate(DashboardPageVM.self, digest: 0xd6ff_e73c_aaff_a143, partials: ["head", "sidebar", "foot"], dashboard),
        "stories": NativeTemplate(StoriesPageVM.self, digest: 0x0c5b_1872_2198_b37b, partials: ["head", "sidebar", "foot"], stories),
    ]

    /// Every rubric's section (`dashboard-rubric`, rendered before), as it is.
    static func dashboard(_ vm: DashboardPageVM, into out: inout HTMLOutput) {
        PageTemplates.sidebarPage(vm.page, main: "content dashboard", into: &out) { out in
            out += "<header class=\"page-header\">\n<h1>Dashboard</h1>\n"
            out += "<p class=\"lead\">Your latest self-score against every rubric, and how the totals moved.</p>\n</header>\n"
            for rubric in vm.rubrics { out += rubric.html }
            out += "\n"
            if !vm.hasRubrics { out += "<p>This workbook has no rubrics.</p>" }
            out += "\n"
        }
    }

    /// The evidence inventory: a sortable table of every story.
    static func stories(_ vm: StoriesPageVM, into out: inout HTMLOutput) {
        PageTemplates.sidebarPage(vm.page, main: "content stories", into: &out) { out in inventory(vm, into: &out) }
    }

    private static func inventory(_ vm: StoriesPageVM, into out: inout HTMLOutput) {
        out += "<header class=\"page-header\">\n<h1>Evidence inventory</h1>\n"
        out += "<p class=\"lead\">Your stories by scope, shape, authority and hands-on anchors, with what the checks found.</p>\n</header>\n"
        if vm.hasStories {
            out += "<div class=\"table-wrap\">\n<table class=\"inventory\" data-sortable>\n<thead>\n"
            out += "<tr><th scope=\"col\" data-sort=\"text\">Story</th><th scope=\"col\" data-sort=\"text\">When</th>"
            out += "<th scope=\"col\" data-sort=\"number\">Scope</th><th scope=\"col\" data-sort=\"number\">Shape</th>"
            out += "<th scope=\"col\" data-sort=\"text\">Authority</th><th scope=\"col\" data-sort=\"number\">Anchors</th>"
            out += "<th scope=\"col\" data-sort=\"number\">Checks</th></tr>\n</thead>\n<tbody>\n"
            for row in vm.rows {
                out += "<tr>\n<th scope=\"row\">"
                out.appendLink(row.url, row.title)
                out += "</th>\n<td>"
                out.appendEscaped(row.when)
                out += "</td>\n<td"
                out.appendAttribute("data-value", row.scopeRank)
                out += ">"
                out.appendEscaped(row.scope)
                out += "</td>\n<td"
                out.appendAttribute("data-value", row.shapeRank)
                out += ">"
                out.appendEscaped(row.shape)
                out += "</td>\n<td>"
                out.appendEscaped(row.authorities)
                out += "</td>\n<td"
                out.appendAttribute("data-value", row.anchorCount)
                out += ">"
                out.appendEscaped(row.anchorsLabel)
                out += "</td>\n<td"
                out.appendAttribute("data-value", row.warningCount)
                out += " class=\""
                out += row.isClean ? "check-ok" : "check-warn"
                out += "\">"
                out.appendEscaped(row.checksLabel)
                out += "</td>\n</tr>\n"
            }
            out += "</tbody>\n</table>\n</div>\n"
        }
        if !vm.hasStories { out += "<p>No stories yet: add Markdown files to <code>stories/</code>.</p>" }
        out += "\n"
    }

    static func story(_ vm: StoryPageVM, into out: inout HTMLOutput) {
        PageTemplates.sidebarPage(vm.page, main: "content", into: &out) { out in storyArticle(vm, into: &out) }
    }

    private static func storyArticle(_ vm: StoryPageVM, into out: inout HTMLOutput) {
        out += "<article class=\"story\">\n<header class=\"chapter-header\">\n<p class=\"chapter-part\">Story</p>\n<h1 class=\"chapter-title\">"
        out.appendEscaped(vm.title)
        out += "</h1>\n<dl class=\"chapter-meta\">\n"
        if vm.hasWhen { term("When", vm.when, into: &out) }
        out += "\n"
        term("Scope", vm.scope, into: &out)
        out += "\n"
        term("Shape", vm.shape, into: &out)
        out += "\n"
        term("First person", vm.personCounts, into: &out)
        out += "\n</dl>\n</header>\n<section class=\"story-checks\" aria-labelledby=\"checks-title\">\n<h2 id=\"checks-title\">Checks</h2>\n"
        if vm.hasFindings {
            out += "<ul class=\"findings\">"
            for finding in vm.findings {
                out.append("<li class=\"finding\">", finding.messageHTML, " <span class=\"finding-place\">(")
                out.appendEscaped(finding.place)
                out += ")</span></li>"
            }
            out += "</ul>"
        }
        out += "\n"
        if !vm.hasFindings { out += "<p class=\"check-ok\">Every check passes.</p>" }
        out += "\n</section>\n<section class=\"story-audit\" aria-labelledby=\"audit-title\">\n<h2 id=\"audit-title\">Authority audit</h2>\n"
        if vm.hasClaims {
            out += "<ul class=\"claims\">"
            for claim in vm.claims {
                out += "<li>"
                out.appendEscaped(claim.text)
                out += " — "
                if claim.hasAuthority {
                    out += "<strong class=\"authority\">"
                    out.appendEscaped(claim.authority)
                    out += "</strong>"
                } else {
                    out += "<strong class=\"authority authority-missing\">no label</strong>"
                }
                out += "</li>"
            }
            out += "</ul>"
        }
        out += "\n"
        if !vm.hasClaims { out += "<p>No claims listed.</p>" }
        out += "\n<h3>Hands-on anchors</h3>\n<dl class=\"anchors\">"
        for anchor in vm.anchors {
            out += anchor.isMissing ? "<div class=\"anchor-missing\"><dt>" : "<div><dt>"
            out.appendEscaped(anchor.label)
            out += "</dt><dd>"
            out.appendEscaped(anchor.text)
            out += "</dd></div>"
        }
        out += "</dl>\n"
        if vm.hasMetrics {
            out += "<h3>Metrics</h3><ul class=\"metrics\">"
            out.appendListItems(vm.metrics)
            out += "</ul>"
        }
        out += "\n"
        if vm.hasDrills { links("Drills it answers", vm.drills, into: &out) }
        out += "\n"
        if vm.hasRubrics { links("Score it against", vm.rubrics, into: &out) }
        out += "\n</section>\n<div class=\"chapter-body\">\n"
        BlockTemplates.body(vm.body, into: &out)
        out += "\n</div>\n</article>\n"
    }

    private static func term(_ name: String, _ value: String, into out: inout HTMLOutput) {
        out.append("<div><dt>", name, "</dt><dd>")
        out.appendEscaped(value)
        out += "</dd></div>"
    }

    private static func links(_ heading: String, _ links: [LinkVM], into out: inout HTMLOutput) {
        out.append("<h3>", heading, "</h3><ul>")
        for link in links {
            out += "<li>"
            out.appendLink(link.url, link.title)
            out += "</li>"
        }
        out += "</ul>"
    }

    static func dashboardRubric(_ vm: DashboardRubricVM, into out: inout HTMLOutput) {
        out += "<section class=\"dashboard-rubric\" id=\""
        out.appendEscaped(vm.id)
        out += "\" aria-labelledby=\""
        out.appendEscaped(vm.id)
        out += "-title\">\n<h2 id=\""
        out.appendEscaped(vm.id)
        out += "-title\">"
        out.appendLink(vm.scorecardURL, vm.title)
        out += "</h2>\n"
        if vm.hasScores {
            let latest = vm.latest
            out += "<p class=\"dashboard-latest\""
            out.appendAttribute("data-total", latest.total)
            out += " data-band=\""
            out.appendEscaped(latest.band)
            out += "\" data-gate=\""
            out.appendEscaped(latest.gate)
            out += "\">Latest ("
            out.appendEscaped(latest.date)
            out += "): <strong>"
            out.append(latest.total)
            out += "</strong> of "
            out.append(latest.maxTotal)
            out += " · band <strong>"
            out.appendEscaped(latest.band)
            out += "</strong> · gate <strong class=\"gate-"
            out.appendEscaped(latest.gate)
            out += "\">"
            out.appendEscaped(latest.gate)
            out += "</strong></p>\n"
            if latest.hasReasons {
                out += "<ul class=\"gate-reasons\">"
                out.appendListItems(latest.reasons)
                out += "</ul>"
            }
            out.append("\n<div class=\"dashboard-charts\">\n<figure class=\"chart-figure\">", vm.radarSVG)
            out.append("<figcaption>Latest score per dimension</figcaption></figure>\n<figure class=\"chart-figure\">", vm.lineSVG)
            out += "<figcaption>Totals over time</figcaption></figure>\n</div>\n<div class=\"table-wrap\">\n<table class=\"history\">\n"
                + "<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Total</th><th scope=\"col\">Band</th><th scope=\"col\">Gate</th><th scope=\"col\">Note</th></tr></thead>\n<tbody>\n"
            for entry in vm.history {
                out += "<tr><th scope=\"row\">"
                out.appendEscaped(entry.date)
                out += "</th><td>"
                out.append(entry.total)
                out += "</td><td>"
                out.appendEscaped(entry.band)
                out += "</td><td>"
                out.appendEscaped(entry.gate)
                out += "</td><td>"
                out.appendEscaped(entry.note)
                out += "</td></tr>\n"
            }
            out += "</tbody>\n</table>\n</div>\n"
        }
        if !vm.hasScores { out += "<p>No self-scores yet for this rubric: add an entry to <code>stories/scores.yaml</code>.</p>" }
        out += "\n</section>\n"
    }
}
