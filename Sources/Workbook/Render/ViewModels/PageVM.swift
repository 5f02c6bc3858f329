// View models: every value a template shows is computed here, in Swift.
// Templates only test Bools, loop over arrays and print strings.
//
// Rule: no optionals in view models. A nil value would make Mustache look the
// key up in the enclosing context and print the page's value instead; use a
// Bool flag with an empty string, or an empty array.

/// What every page shares: the shell of `layout.mustache`.
struct PageVM: Sendable {
    var lang: String
    /// The `<title>` text.
    var pageTitle: String
    var siteTitle: String
    /// Relative prefix from this page to the site root: "" or "../".
    var root: String
    /// `letter` or `a4`: selects `theme/paper-<paper>.css`.
    var paper: String
    /// A CSS class naming the kind of page (`page-index`, `page-chapter`, ...).
    var pageKind: String
    /// The page's own path in the site (`chapters/x.html`): the sidebar marks its entry.
    var path: String
    var homeURL: String
    var drillsURL: String
    var printURL: String
    /// Personal builds: links to the evidence inventory and the dashboard.
    var isPersonal: Bool
    var storiesURL: String
    var dashboardURL: String
    var generator: String
}

/// The printable sheets, as the sidebar lists them (rendered once, links relative to the site root).
struct NavSheetsVM: Sendable {
    var scorecards: [LinkVM]
    var hasScorecards: Bool
    var fieldrefs: [LinkVM]
    var hasFieldrefs: Bool
}

struct LinkVM: Sendable {
    var title: String
    var url: String
}

/// A group of chapters in the sidebar; chapters with no `part:` form a group without a name.
struct NavPartVM: Sendable {
    var hasName: Bool
    var name: String
    /// Its `nav-chapter` items, already rendered.
    var itemsHTML: String
}

struct NavChapterVM: Sendable {
    var title: String
    var hasNumber: Bool
    var number: String
    var url: String
}

/// `sidebar.html`: the sidebar's lists as a page of their own, for readers without scripts.
struct SidebarPageVM: Sendable {
    var lang: String
    var siteTitle: String
    /// The lists, rendered by `nav-part`, `nav-chapter` and `nav-sheets`.
    var html: String
}
