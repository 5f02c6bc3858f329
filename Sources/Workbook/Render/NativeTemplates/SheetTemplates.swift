/// Native renderers of the printable sheets, one page per rubric and per field
/// reference: `scorecard` and `fieldref`.
/// Each function is its template, line for line (NativeTemplates.swift says when
/// they are used).
enum SheetTemplates {
    static let all: [String: NativeTemplate] = [
        "scorecard": NativeTemplate(ScorecardPageVM.self, digest: 0x658d_0da3_0afe_a987, partials: ["head", "foot"], scorecard),
        "fieldref": NativeTemplate(FieldRefPageVM.self, digest: 0x38e3_6c6e_9299_da02, partials: ["head", "foot", "block"], fieldref),
    ]

    /// The sheet's header line: "From <chapter>", which both sheets start with.
    private static func source(_ url: String, _ title: String, into out: inout HTMLOutput) {
        out += "<p class=\"sheet-source\">From "
        out.appendLink(url, title)
    }

    static func scorecard(_ vm: ScorecardPageVM, into out: inout HTMLOutput) {
        let rubric = vm.rubric
        PageTemplates.head(vm.page, into: &out)
        out += "\n<main id=\"main\" class=\"sheet-page\">\n<article class=\"sheet scorecard "
        out.appendEscaped(vm.fitClass)
        out += "\""
        out.appendAttribute("data-lines", vm.lines)
        out += " data-state=\""
        out.appendEscaped(vm.state)
        out += "\" data-rubric=\""
        out.appendEscaped(rubric.id)
        out += "\""
        for score in vm.score {
            out.appendAttribute("data-total", score.total)
            out += " data-band=\""
            out.appendEscaped(score.band)
            out += "\" data-gate=\""
            out.appendEscaped(score.gate)
            out += "\""
        }
        out.append(">\n<header class=\"sheet-header\">\n<p class=\"sheet-kind\">Scorecard</p>\n<h1 class=\"sheet-title\">", rubric.titleHTML, "</h1>\n")
        source(vm.chapterURL, vm.chapterTitle, into: &out)
        out += " · Scale: "
        out.appendEscaped(rubric.scaleLabel)
        out += " per dimension · Totals: "
        out.append(rubric.minTotal)
        out += "–"
        out.append(rubric.maxTotal)
        out += "</p>\n"
        if !vm.isFilled {
            out += "<p class=\"write-ins\"><span class=\"write-in\">Name <span class=\"write-line\"></span></span> <span class=\"write-in\">Date <span class=\"write-line\"></span></span> <span class=\"write-in\">Story or drill <span class=\"write-line write-line-wide\"></span></span></p>"
        }
        out += "\n"
        for score in vm.score {
            out += "<p class=\"score-date\">Latest self-score: "
            out.appendEscaped(score.date)
            if score.hasNote {
                out += " · "
                out.appendEscaped(score.note)
            }
            out += "</p>"
        }
        out += "\n</header>\n<table class=\"scorecard-table\">\n<thead>\n<tr><th scope=\"col\">Dimension</th>"
        for anchor in rubric.anchors {
            out += "<th scope=\"col\">"
            anchor.appendHeading(to: &out)
            out += "</th>"
        }
        out += "<th scope=\"col\" class=\"score-col\">Score</th></tr>\n</thead>\n<tbody>\n"
        for dimension in rubric.dimensions {
            out += "<tr data-dimension=\""
            out.appendEscaped(dimension.name)
            out += "\""
            if dimension.hasMinimum { out.appendAttribute("data-minimum", dimension.minimum) }
            out += ">\n<th scope=\"row\">"
            out.appendEscaped(dimension.name)
            if dimension.hasMinimum {
                out += "<span class=\"dimension-minimum\">at least "
                out.append(dimension.minimum)
                out += "</span>"
            }
            out += "</th>\n"
            for descriptor in dimension.descriptors {
                out.append("<td>", descriptor.html, "</td>")
            }
            out += "\n<td class=\"score-cell\"><ol class=\"boxes\">"
            for box in dimension.boxes {
                // `box.classes`, written a word at a time: nothing in it needs escaping.
                out += box.isAnchor ? (box.isMarked ? "<li class=\"box is-anchor is-marked\">" : "<li class=\"box is-anchor\">") : (box.isMarked ? "<li class=\"box is-marked\">" : "<li class=\"box\">")
                out.append(box.value)
                if box.isMarked { out += "<span class=\"visually-hidden\"> (marked)</span>" }
                out += "</li>"
            }
            out += "</ol></td>\n</tr>\n"
        }
        out += "</tbody>\n</table>\n<div class=\"score-summary\""
        out.appendAttribute("data-min-total", rubric.minTotal)
        out.appendAttribute("data-max-total", rubric.maxTotal)
        if rubric.hasGate { out.appendAttribute("data-pass-mark", rubric.gate) }
        out += ">\n"
        if !vm.isFilled {
            out += "<div class=\"total-line\">\n"
            out += "<p><span class=\"total-label\">Total</span> <span class=\"write-box\"></span> <span class=\"of-max\">of "
            out.append(rubric.maxTotal)
            out += "</span></p>\n"
            out += "<p><span class=\"total-label\">Band</span> <span class=\"write-box write-box-wide\"></span></p>\n"
            if rubric.hasGate {
                out += "<p><span class=\"total-label\">Gate</span> <span class=\"write-box write-box-small\"></span> pass <span class=\"write-box write-box-small\"></span> fail</p>"
            }
            out += "\n</div>\n"
        }
        for score in vm.score {
            out += "<div class=\"total-line total-line-filled\">\n"
            out += "<p><span class=\"total-label\">Total</span> <strong class=\"score-total\">"
            out.append(score.total)
            out += "</strong> <span class=\"of-max\">of "
            out.append(score.maxTotal)
            out += "</span></p>\n"
            out += "<p><span class=\"total-label\">Band</span> <strong class=\"score-band\">"
            out.appendEscaped(score.band)
            out += "</strong></p>\n<p><span class=\"total-label\">Gate</span> <strong class=\"score-gate gate-"
            out.appendEscaped(score.gate)
            out += "\">"
            if score.gatePassed { out += "pass" }
            if score.gateFailed { out += "fail" }
            if !score.gatePassed && !score.gateFailed { out += "none" }
            out += "</strong></p>\n</div>\n"
            if score.hasReasons {
                out += "<ul class=\"gate-reasons\">"
                out.appendListItems(score.reasons)
                out += "</ul>"
            }
            out += "\n"
        }
        out += "</div>\n<div class=\"sheet-columns\">\n<section class=\"sheet-bands\" aria-labelledby=\"bands-title\">\n<h2 id=\"bands-title\">Score bands</h2>\n"
        BlockTemplates.bands(rubric.bands, into: &out)
        out += "</section>\n"
        if rubric.hasGate {
            out += "<section class=\"sheet-gate\" aria-labelledby=\"gate-title\">\n<h2 id=\"gate-title\">To pass</h2>\n"
            BlockTemplates.passMark(rubric.gate, of: rubric.maxTotal, into: &out)
            if rubric.hasRequirements { BlockTemplates.requirements(rubric.requirements, into: &out) }
            out += "</section>\n"
        } else if rubric.hasRequirements {
            out += "<section class=\"sheet-gate\" aria-labelledby=\"gate-title\">\n<h2 id=\"gate-title\">Required</h2>\n"
            BlockTemplates.requirements(rubric.requirements, into: &out)
            out += "</section>\n"
        }
        out += "</div>\n</article>\n</main>\n"
        PageTemplates.foot(vm.page, into: &out)
        out += "\n"
    }

    static func fieldref(_ vm: FieldRefPageVM, into out: inout HTMLOutput) {
        PageTemplates.head(vm.page, into: &out)
        out += "\n<main id=\"main\" class=\"sheet-page\">\n<article class=\"sheet fieldref-sheet "
        out.appendEscaped(vm.fitClass)
        out += "\""
        out.appendAttribute("data-lines", vm.lines)
        out += " data-block=\"fieldref\" id=\""
        out.appendEscaped(vm.fieldref.id)
        out.append("\">\n<header class=\"sheet-header\">\n<p class=\"sheet-kind\">Field reference</p>\n<h1 class=\"sheet-title\">", vm.fieldref.titleHTML, "</h1>\n")
        source(vm.chapterURL, vm.chapterTitle, into: &out)
        out += "</p>\n</header>\n<div class=\"sheet-body\">\n"
        BlockTemplates.body(vm.fieldref.body, into: &out)
        out += "\n</div>\n</article>\n</main>\n"
        PageTemplates.foot(vm.page, into: &out)
        out += "\n"
    }
}
