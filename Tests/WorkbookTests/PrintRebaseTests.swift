import Testing
@testable import Workbook

/// A chapter page's body moved onto the print page: ids prefixed by chapter,
/// links to printed chapters kept in the page, other links rebased to the root.
@Suite struct PrintRebaseTests {
    let rebase = PrintRebase { ["one", "two", "a b", "q&a", "ü"].contains($0) }

    /// The body as the print page shows it; checked to be the same in one
    /// array and in pieces (runs of the body between the changed values).
    func moved(_ html: String, chapter: String = "one") -> String {
        let body = Array(html.utf8)
        let whole = rebase.rebase(body, chapter: chapter)
        let pieces = rebase.pieces(body, chapter: chapter)
        #expect(Array(pieces.joined()) == whole, "pieces of \(html)")
        let noneEmpty = pieces.allSatisfy { !$0.isEmpty }
        #expect(noneEmpty)
        return String(decoding: whole, as: UTF8.self)
    }

    /// The pieces of a body are runs of the body itself between the values
    /// that change; a short run is copied into the piece of the values around it.
    @Test func piecesShareTheBody() {
        let text = String(repeating: "words ", count: 12)
        let body = Array(###"<h2 id="a">A</h2><p>\###(text)<a href="#b">b</a> and <a href="#c">c</a>\###(text)</p>"###.utf8)
        let pieces = rebase.pieces(body, chapter: "one")
        #expect(pieces.map { String(decoding: $0, as: UTF8.self) } == [
            ###"<h2 id="one--a"###, ###"">A</h2><p>"### + text + ###"<a href=""###, ###"#one--b">b</a> and <a href="#one--c"###, ###"">c</a>"### + text + "</p>",
        ])
        // The long runs are the body's own bytes.
        body.withUnsafeBufferPointer { whole in
            pieces[1].withUnsafeBufferPointer { #expect($0.baseAddress == whole.baseAddress! + 9) }
            pieces[3].withUnsafeBufferPointer { #expect($0.baseAddress == whole.baseAddress! + body.count - pieces[3].count) }
        }
        #expect(rebase.pieces([], chapter: "one").isEmpty)
    }

    @Test func idsAndTheirReferencesCarryTheChapter() {
        #expect(moved(###"<h2 id="scope">Scope</h2>"###) == ###"<h2 id="one--scope">Scope</h2>"###)
        #expect(moved(###"<input type="checkbox" id="c-1"> <label for="c-1">x</label>"###)
            == ###"<input type="checkbox" id="one--c-1"> <label for="one--c-1">x</label>"###)
        #expect(moved(###"<td headers="a  b" aria-describedby='n'>"###) == ###"<td headers="one--a  one--b" aria-describedby='one--n'>"###)
        #expect(moved(###"<P ID=x>"###) == ###"<P ID=one--x>"###)
        // Every id reference, in any case; names of other lengths and near misses stay.
        #expect(moved(###"<div aria-labelledby="a" ARIA-CONTROLS="b" aria-owns="c" Headers="d" FOR="e" idx="f" hreff="g" data-id="h">"###)
            == ###"<div aria-labelledby="one--a" ARIA-CONTROLS="one--b" aria-owns="one--c" Headers="one--d" FOR="one--e" idx="f" hreff="g" data-id="h">"###)
        #expect(moved(###"<img SRC="a.png"><a HREF="#x">"###) == ###"<img SRC="chapters/a.png"><a HREF="#one--x">"###)
        #expect(moved(###"<h2 id="x">"###, chapter: "q&a") == ###"<h2 id="q&amp;a--x">"###)
        #expect(moved(###"<p id='x'>"###, chapter: "it's") == ###"<p id='it&#39;s--x'>"###)
    }

    @Test func anchorsInThePageCarryTheChapter() {
        #expect(moved(###"<a href="#scope">s</a>"###) == ###"<a href="#one--scope">s</a>"###)
        #expect(moved(###"<a href="#">top</a>"###) == ###"<a href="#">top</a>"###)
    }

    @Test func linksToPrintedChaptersStayInThePage() {
        #expect(moved(###"<a href="two.html#rubric-one">r</a>"###) == ###"<a href="#two--rubric-one">r</a>"###)
        #expect(moved(###"<a href="two.html">t</a>"###) == ###"<a href="#two">t</a>"###)
        #expect(moved(###"<a href="one.html#levels">own</a>"###) == ###"<a href="#one--levels">own</a>"###)
        #expect(moved(###"<a href="a%20b.html#x">s</a>"###) == ###"<a href="#a%20b--x">s</a>"###)
        #expect(moved(###"<a href="q&amp;a.html">s</a>"###) == ###"<a href="#q&amp;a">s</a>"###)
        #expect(moved(###"<a href="%C3%BC.html#x">s</a>"###) == ###"<a href="#%C3%BC--x">s</a>"###)
        #expect(moved(###"<a href="../chapters/two.html">s</a>"###) == ###"<a href="chapters/two.html">s</a>"###)
    }

    @Test func otherRelativeLinksMoveToTheRoot() {
        #expect(moved(###"<a href="../scorecards/r.html">card</a>"###) == ###"<a href="scorecards/r.html">card</a>"###)
        #expect(moved(###"<img src="../assets/a.png" alt="a">"###) == ###"<img src="assets/a.png" alt="a">"###)
        #expect(moved(###"<a href="notes.txt">n</a>"###) == ###"<a href="chapters/notes.txt">n</a>"###)
        #expect(moved(###"<a href="three.html#x">draft</a>"###) == ###"<a href="chapters/three.html#x">draft</a>"###)
    }

    @Test(arguments: ["https://example.com/a.html#x", "mailto:a@example.com", "/root.html", "//cdn.example.com/x.js"])
    func absoluteLinksStay(_ href: String) {
        #expect(moved("<a href=\"\(href)\">x</a>") == "<a href=\"\(href)\">x</a>")
    }

    @Test func textCommentsAndScriptsAreCopied() {
        let text = ###"<p>write id=&quot;x&quot; or href=&quot;#y&quot;</p><code>&lt;a href=&quot;#z&quot;&gt;</code>"###
        #expect(moved(text) == text)
        #expect(moved(###"<!-- <a href="#c"> --><script>var s = '<a id="k">';</script><a id="k">"###)
            == ###"<!-- <a href="#c"> --><script>var s = '<a id="k">';</script><a id="one--k">"###)
        #expect(moved("a < b and <3 and </p>") == "a < b and <3 and </p>")
    }

    @Test func unfinishedTagsEndTheScan() {
        #expect(moved(###"<a href="#x"###) == ###"<a href="#one--x"###)
        #expect(moved("<a id=") == "<a id=")
        #expect(moved("<a id") == "<a id")
    }
}
