/// Native renderers of a chapter body and its blocks: `chapter-body`, `block`,
/// `table`, the eight `block-*` partials and `drill-group`. Each function is
/// its template, line for line (NativeTemplates.swift says when they are used).
enum BlockTemplates {
    static let blockPartials = [
        "block-matrix", "block-drill", "block-rubric", "block-checklist",
        "block-transcript", "block-phrases", "block-callout", "block-fieldref",
    ]

    static let all: [String: NativeTemplate] = [
        "chapter-body": NativeTemplate(ChapterBodyVM.self, digest: 0x95b6_9ab4_51a8_d4e8, partials: ["block"]) { body($0.body, into: &$1) },
        "block": NativeTemplate(BodyItemVM.self, digest: 0x58e2_d53e_fff4_aa8b, partials: blockPartials) { body([$0], into: &$1) },
        "table": NativeTemplate(TableVM.self, digest: 0x8505_fa01_1084_4caa, partials: [], table),
        "block-matrix": NativeTemplate(MatrixVM.self, digest: 0x8ab4_fbf1_17ab_f359, partials: ["table"], matrix),
        "block-drill": NativeTemplate(DrillVM.self, digest: 0xbda7_0ff0_cc34_0b20, partials: ["block"], drill),
        "block-rubric": NativeTemplate(RubricVM.self, digest: 0xc79f_66d1_62f8_90eb, partials: [], rubric),
        "block-checklist": NativeTemplate(ChecklistVM.self, digest: 0xc034_c8fc_52cb_6291, partials: [], checklist),
        "block-transcript": NativeTemplate(TranscriptVM.self, digest: 0x6cf5_0013_aeef_b130, partials: [], transcript),
        "block-phrases": NativeTemplate(PhrasesVM.self, digest: 0x0d09_61f8_f858_9c67, partials: [], phrases),
        "block-callout": NativeTemplate(CalloutVM.self, digest: 0x367b_749a_f773_f814, partials: ["block"], callout),
        "block-fieldref": NativeTemplate(FieldRefVM.self, digest: 0x97c2_bc5f_c707_8e10, partials: ["block"], fieldref),
        "drill-group": NativeTemplate(DrillGroupVM.self, digest: 0x581d_b57e_866f_5c82, partials: ["block-drill"], drillGroup),
    ]

    /// `{{#body}}{{>block}}{{/body}}`, with `block.mustache` inlined: the Markdown
    /// before each block, the block, a newline.
    static func body(_ items: [BodyItemVM], into out: inout HTMLOutput) {
        for item in items {
            out.append(item.html)
            for block in item.block {
                block.render(into: &out)
            }
            out += "\n"
        }
    }

    static func table(_ vm: TableVM, into out: inout HTMLOutput) {
        func align(_ cell: CellVM) {
            if cell.hasAlign {
                out += " class=\""
                out.appendEscaped(cell.alignClass)
                out += "\""
            }
        }
        out += "<div class=\"table-wrap\">\n<table>\n<thead>\n<tr>"
        for cell in vm.head {
            out += "<th scope=\"col\""
            align(cell)
            out.append(">", cell.html, "</th>")
        }
        out += "</tr>\n</thead>\n<tbody>\n"
        for row in vm.rows {
            out += row.isTarget ? "<tr class=\"is-target\">" : "<tr>"
            for cell in row.rowHeader {
                out += "<th scope=\"row\""
                align(cell)
                out.append(">", cell.html)
                if row.isTarget { out += " <span class=\"target-badge\">target</span>" }
                out += "</th>"
            }
            for cell in row.cells {
                out += "<td"
                align(cell)
                out.append(">", cell.html, "</td>")
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n</div>\n"
    }

    static func matrix(_ vm: MatrixVM, into out: inout HTMLOutput) {
        out += "<section class=\"block matrix\" data-block=\"matrix\" id=\""
        out.appendEscaped(vm.id)
        out.append("\">\n<p class=\"block-kind\">Matrix</p>\n<h3 class=\"block-title\">", vm.titleHTML, "</h3>\n")
        out.append(vm.introHTML, "\n")
        table(vm.table, into: &out)
        out.append("\n", vm.outroHTML, "\n</section>\n")
    }

    static func drill(_ vm: DrillVM, into out: inout HTMLOutput) {
        out += "<section class=\"block drill\" data-block=\"drill\" id=\""
        out.appendEscaped(vm.id)
        out += "\""
        if vm.hasTimebox {
            out += " data-minutes=\""
            out.appendEscaped(vm.minutes)
            out += "\""
            out.appendAttribute("data-seconds", vm.seconds)
        }
        out.append(">\n<header class=\"block-header\">\n<p class=\"block-kind\">Drill</p>\n<h3 class=\"block-title\">", vm.titleHTML, "</h3>\n")
        if vm.hasTimebox {
            out += "<p class=\"timebox\">Timebox: "
            out.appendEscaped(vm.timeboxLabel)
            out += "</p>\n\n"
        } else {
            out += "\n<p class=\"timebox timebox-none\">No timebox</p>\n"
        }
        out += "</header>\n<div class=\"block-body\">\n"
        body(vm.body, into: &out)
        out += "\n</div>\n"
        if vm.hasStories {
            out += "<footer class=\"drill-stories\">\n<p class=\"drill-stories-label\">Your stories that answer it:</p>\n<ul>"
            for story in vm.stories {
                out += "<li>"
                out.appendLink(story.url, story.title)
                out += "</li>"
            }
            out += "</ul>\n</footer>\n"
        }
        out += "</section>\n"
    }

    /// `<p class="gate">Pass mark: 8 of 12</p>`, on a rubric and its scorecard.
    static func passMark(_ gate: Int, of maxTotal: Int, into out: inout HTMLOutput) {
        out += "<p class=\"gate\">Pass mark: "
        out.append(gate)
        out += " of "
        out.append(maxTotal)
        out += "</p>\n"
    }

    static func rubric(_ vm: RubricVM, into out: inout HTMLOutput) {
        out += "<section class=\"block rubric\" data-block=\"rubric\" id=\""
        out.appendEscaped(vm.id)
        out += "\""
        out.appendAttribute("data-min-total", vm.minTotal)
        out.appendAttribute("data-max-total", vm.maxTotal)
        if vm.hasGate { out.appendAttribute("data-pass-mark", vm.gate) }
        out.append(">\n<p class=\"block-kind\">Rubric</p>\n<h3 class=\"block-title\">", vm.titleHTML, "</h3>\n")
        out += "<p class=\"rubric-scale\">Scale: "
        out.appendEscaped(vm.scaleLabel)
        out += " per dimension · Totals: "
        out.append(vm.minTotal)
        out += "–"
        out.append(vm.maxTotal)
        out += "</p>\n"
        out += "<div class=\"table-wrap\">\n<table class=\"rubric-table\">\n<thead>\n<tr><th scope=\"col\">Dimension</th>"
        for anchor in vm.anchors {
            out += "<th scope=\"col\""
            out.appendAttribute("data-value", anchor.value)
            out += ">"
            anchor.appendHeading(to: &out)
            out += "</th>"
        }
        out += "</tr>\n</thead>\n<tbody>\n"
        for dimension in vm.dimensions {
            out += "<tr data-dimension=\""
            out.appendEscaped(dimension.name)
            out += "\""
            if dimension.hasMinimum { out.appendAttribute("data-minimum", dimension.minimum) }
            out += "><th scope=\"row\">"
            out.appendEscaped(dimension.name)
            out += "</th>"
            for descriptor in dimension.descriptors {
                out += "<td"
                out.appendAttribute("data-value", descriptor.value)
                out += ">"
                out.append(descriptor.html, "</td>")
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n</div>\n<h4 class=\"rubric-subhead\">Score bands</h4>\n"
        bands(vm.bands, into: &out)
        if vm.hasGate {
            BlockTemplates.passMark(vm.gate, of: vm.maxTotal, into: &out)
        }
        if vm.hasRequirements {
            out += "<p class=\"requirements-label\">Also required:</p>\n"
            requirements(vm.requirements, into: &out)
        }
        out.append(vm.proseHTML, "\n<p class=\"block-actions\"><a class=\"sheet-link\" href=\"")
        out.appendEscaped(vm.scorecardURL)
        out += "\">Printable scorecard</a></p>\n</section>\n"
    }

    /// A rubric's `<dl class="bands">`, as the rubric block and the scorecard print it.
    static func bands(_ bands: [BandVM], into out: inout HTMLOutput) {
        out += "<dl class=\"bands\">\n"
        for band in bands {
            out += "<div data-range=\""
            out.appendEscaped(band.range)
            out += "\""
            out.appendAttribute("data-min", band.min)
            out.appendAttribute("data-max", band.max)
            out += "><dt>"
            out.appendEscaped(band.range)
            out.append("</dt><dd>", band.textHTML, "</dd></div>\n")
        }
        out += "</dl>\n"
    }

    /// A rubric's `<ul class="requirements">`, as the rubric block and the scorecard print it.
    static func requirements(_ requirements: [RequirementVM], into out: inout HTMLOutput) {
        out += "<ul class=\"requirements\">\n"
        for requirement in requirements {
            out += "<li>"
            out.appendEscaped(requirement.dimension)
            out += " ≥ "
            out.append(requirement.minimum)
            out += "</li>\n"
        }
        out += "</ul>\n"
    }

    static func checklist(_ vm: ChecklistVM, into out: inout HTMLOutput) {
        out += "<div class=\"block checklist\" data-block=\"checklist\" id=\""
        out.appendEscaped(vm.id)
        out += "\">\n"
        if vm.hasTitle { out.append("<h3 class=\"block-title\">", vm.titleHTML, "</h3>") }
        out += "\n<ul class=\"checklist-items\">\n"
        for item in vm.items {
            out += "<li><input type=\"checkbox\" id=\""
            out.appendEscaped(item.id)
            out += "\"> <label for=\""
            out.appendEscaped(item.id)
            out.append("\">", item.html, "</label></li>\n")
        }
        out += "</ul>\n</div>\n"
    }

    static func transcript(_ vm: TranscriptVM, into out: inout HTMLOutput) {
        out += "<div class=\"block transcript\" data-block=\"transcript\" id=\""
        out.appendEscaped(vm.id)
        out += "\">\n<p class=\"block-kind\">Transcript</p>\n"
        if vm.hasTitle { out.append("<h3 class=\"block-title\">", vm.titleHTML, "</h3>") }
        out += "\n"
        for turn in vm.turns {
            out += "<div class=\"turn\">\n<dl class=\"turn-line\"><dt class=\"speaker\">"
            out.appendEscaped(turn.speaker)
            out.append("</dt><dd class=\"turn-text\">", turn.html, "</dd></dl>\n")
            for annotation in turn.annotations {
                out += "<aside class=\"annotation\"><p class=\"annotation-label\">Annotation</p><div class=\"annotation-text\">"
                out.append(annotation.html, "</div></aside>\n")
            }
            out += "</div>\n"
        }
        out += "</div>\n"
    }

    static func phrases(_ vm: PhrasesVM, into out: inout HTMLOutput) {
        out += "<section class=\"block phrases phrases-"
        out.appendEscaped(vm.kind)
        out += "\" data-block=\"phrases\" id=\""
        out.appendEscaped(vm.id)
        out += "\" data-kind=\""
        out.appendEscaped(vm.kind)
        out.append("\">\n<p class=\"block-kind phrases-label\">", (vm.isAvoid ? "Avoid" : "Say"), "</p>\n")
        out.append("<h3 class=\"block-title\">", vm.titleHTML, "</h3>\n<ul class=\"phrase-list\">\n")
        for phrase in vm.phrases {
            out.append("<li>", phrase.html, "</li>\n")
        }
        out += "</ul>\n</section>\n"
    }

    static func callout(_ vm: CalloutVM, into out: inout HTMLOutput) {
        out += "<div class=\"block callout callout-"
        out.appendEscaped(vm.kind)
        out += "\" data-block=\"callout\" id=\""
        out.appendEscaped(vm.id)
        out += "\">\n<p class=\"callout-label\">"
        out.appendEscaped(vm.kindLabel)
        out += "</p>\n"
        if vm.hasTitle { out.append("<p class=\"callout-title\">", vm.titleHTML, "</p>") }
        out += "\n<div class=\"block-body\">\n"
        body(vm.body, into: &out)
        out += "\n</div>\n</div>\n"
    }

    static func fieldref(_ vm: FieldRefVM, into out: inout HTMLOutput) {
        out += "<section class=\"block fieldref\" data-block=\"fieldref\" id=\""
        out.appendEscaped(vm.id)
        out.append("\">\n<p class=\"block-kind\">Field reference</p>\n<h3 class=\"block-title\">", vm.titleHTML, "</h3>\n")
        out += "<div class=\"block-body\">\n"
        body(vm.body, into: &out)
        out += "\n</div>\n<p class=\"block-actions\"><a class=\"sheet-link\" href=\""
        out.appendEscaped(vm.sheetURL)
        out += "\">Printable sheet</a></p>\n</section>\n"
    }

    static func drillGroup(_ vm: DrillGroupVM, into out: inout HTMLOutput) {
        out += "<section class=\"drill-group\">\n<h2 class=\"drill-group-title\">"
        out.appendLink(vm.chapterURL, vm.chapterTitle)
        out += "</h2>\n"
        for drill in vm.drills {
            self.drill(drill, into: &out)
        }
        out += "\n</section>\n"
    }
}

extension AnchorVM {
    /// `heading`, escaped, written without making the String.
    func appendHeading(to out: inout HTMLOutput) {
        out.append(value)
        if hasLabel {
            out += " - "
            out.appendEscaped(label)
        }
    }
}

// Each block's view model writes itself with its partial's renderer: the
// partial a block's item names, chosen by its type without a dynamic cast
// (a chain of `as?` casts was 0.6% of a build's instructions).
extension MatrixVM: BlockVM {
    var partial: String { "block-matrix" }
    func render(into out: inout HTMLOutput) { BlockTemplates.matrix(self, into: &out) }
}
extension DrillVM: BlockVM {
    var partial: String { "block-drill" }
    func render(into out: inout HTMLOutput) { BlockTemplates.drill(self, into: &out) }
}
extension RubricVM: BlockVM {
    var partial: String { "block-rubric" }
    func render(into out: inout HTMLOutput) { BlockTemplates.rubric(self, into: &out) }
}
extension ChecklistVM: BlockVM {
    var partial: String { "block-checklist" }
    func render(into out: inout HTMLOutput) { BlockTemplates.checklist(self, into: &out) }
}
extension TranscriptVM: BlockVM {
    var partial: String { "block-transcript" }
    func render(into out: inout HTMLOutput) { BlockTemplates.transcript(self, into: &out) }
}
extension PhrasesVM: BlockVM {
    var partial: String { "block-phrases" }
    func render(into out: inout HTMLOutput) { BlockTemplates.phrases(self, into: &out) }
}
extension CalloutVM: BlockVM {
    var partial: String { "block-callout" }
    func render(into out: inout HTMLOutput) { BlockTemplates.callout(self, into: &out) }
}
extension FieldRefVM: BlockVM {
    var partial: String { "block-fieldref" }
    func render(into out: inout HTMLOutput) { BlockTemplates.fieldref(self, into: &out) }
}
