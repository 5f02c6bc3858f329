/// One item of a body: the run of Markdown (as HTML) before a directive
/// block, and that block; the body's last item may be Markdown alone.
/// `block.mustache` prints `html` and renders `block` (empty after the last
/// block) with the partial named by `partial`: three lookups an item, where a
/// section per block type made ten (templates are most of a build's time).
struct BodyItemVM: Sendable {
    /// The HTML of the Markdown before the block; empty when a block follows a block.
    var html: HTMLBytes
    /// The block's view model (MatrixVM, DrillVM, ...), or nothing for the Markdown after the last block.
    var block: [any BlockVM]
    /// `block-matrix`, `block-drill`, ...: the partial that renders `block`
    /// (its `BlockVM.partial`), "" after the last block.
    var partial: String
}

/// A directive block's view model: the templates read its values, the
/// native renderer (`BlockTemplates`) writes it by its own type, with no cast.
protocol BlockVM: Sendable {
    /// The `block-*` partial that renders it (`block.mustache` names it).
    var partial: String { get }
    /// That partial, written natively.
    func render(into out: inout HTMLOutput)
}

struct TableVM: Sendable {
    var head: [CellVM]
    var rows: [RowVM]
}

struct RowVM: Sendable {
    /// A matrix row's first cell, rendered as `<th scope="row">`; empty in other tables.
    var rowHeader: [CellVM]
    /// The row's other cells (every cell outside matrices).
    var cells: [CellVM]
    /// The row's first cell matches the workbook's `target_level`.
    var isTarget: Bool
}

struct CellVM: Sendable {
    var html: String
    /// "" or `align-left`, `align-center`, `align-right`.
    var alignClass: String
    var hasAlign: Bool
}

/// `:::matrix` — root carries `data-block="matrix"` and `id`.
struct MatrixVM: Sendable {
    var id: String
    var titleHTML: String
    var introHTML: String
    var table: TableVM
    var outroHTML: String
}

/// `:::drill` — root carries `data-block="drill"`, `id`, and `data-minutes`.
struct DrillVM: Sendable {
    var id: String
    var titleHTML: String
    var hasTimebox: Bool
    /// Minutes for `data-minutes`: "15", or "1.5" for 90 s; "" without a timebox.
    var minutes: String
    /// The timebox in seconds, for the countdown script; 0 without a timebox.
    var seconds: Int
    /// "15 min", "1 h", "1 h 30 min", "90 s".
    var timeboxLabel: String
    var body: [BodyItemVM]
    var chapterTitle: String
    var chapterURL: String
    /// Personal builds: the stories that answer this drill.
    var hasStories: Bool
    var stories: [LinkVM]
}

/// `:::rubric` — root carries `data-block="rubric"`, `id`, `data-min-total`, `data-max-total`.
struct RubricVM: Sendable {
    var id: String
    var titleHTML: String
    var anchors: [AnchorVM]
    var dimensions: [DimensionVM]
    /// Every score on the scale, lowest first.
    var scale: [Int]
    var scaleLabel: String
    var minTotal: Int
    var maxTotal: Int
    var bands: [BandVM]
    var hasGate: Bool
    var gate: Int
    var hasRequirements: Bool
    var requirements: [RequirementVM]
    var proseHTML: String
    var scorecardURL: String
}

struct AnchorVM: Sendable {
    var value: Int
    var hasLabel: Bool
    var label: String
    /// The column's heading: "4 - Calibrated", or "4" without a label.
    var heading: String { hasLabel ? "\(value) - \(label)" : "\(value)" }
}

struct DimensionVM: Sendable {
    var name: String
    /// One per anchor, in anchor order.
    var descriptors: [DescriptorVM]
    /// One box per score of the scale, for the printable scorecard.
    var boxes: [ScoreBoxVM]
    var hasMinimum: Bool
    var minimum: Int
}

struct DescriptorVM: Sendable {
    var value: Int
    var html: String
}

struct ScoreBoxVM: Sendable {
    var value: Int
    var isAnchor: Bool
    var isMarked: Bool
    /// "box", plus "is-anchor" and "is-marked" when they apply: one lookup where three sections were.
    var classes: String { "box" + (isAnchor ? " is-anchor" : "") + (isMarked ? " is-marked" : "") }
}

struct BandVM: Sendable {
    /// "A-B", as in `data-band`.
    var range: String
    var min: Int
    var max: Int
    var textHTML: String
}

struct RequirementVM: Sendable {
    var dimension: String
    var minimum: Int
}

/// `:::checklist`
struct ChecklistVM: Sendable {
    var id: String
    var hasTitle: Bool
    var titleHTML: String
    var items: [ChecklistItemVM]
}

struct ChecklistItemVM: Sendable {
    /// Unique in the page: `<checklist-id>-<n>`, for the checkbox's id and label.
    var id: String
    var html: String
}

/// `:::transcript`
struct TranscriptVM: Sendable {
    var id: String
    var hasTitle: Bool
    var titleHTML: String
    var turns: [TurnVM]
}

struct TurnVM: Sendable {
    var speaker: String
    var html: String
    var hasAnnotations: Bool
    var annotations: [AnnotationVM]
}

struct AnnotationVM: Sendable {
    var html: String
}

/// `:::phrases`
struct PhrasesVM: Sendable {
    var id: String
    var titleHTML: String
    /// `safe` or `avoid`
    var kind: String
    var isAvoid: Bool
    var phrases: [PhraseVM]
}

struct PhraseVM: Sendable {
    var html: String
}

/// `:::callout`
struct CalloutVM: Sendable {
    var id: String
    /// `note`, `weak`, `better`, `tip` or `warning`
    var kind: String
    /// "Note", "Weak answer", "Better answer", "Tip", "Warning"
    var kindLabel: String
    var hasTitle: Bool
    var titleHTML: String
    var body: [BodyItemVM]
}

/// `:::fieldref`
struct FieldRefVM: Sendable {
    var id: String
    var titleHTML: String
    var body: [BodyItemVM]
    var sheetURL: String
}
