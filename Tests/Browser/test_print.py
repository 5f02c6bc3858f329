"""Printing, as Chromium prints: every scorecard and field reference is exactly one
sheet of the paper workbook.yaml names, and print.html starts every chapter on a
new page."""

from __future__ import annotations

import pytest

from support import (PAPER_POINTS, chapters, pdf_info, pdf_pages_text, print_to_pdf,
                     squash)

PAPERS = ["letter", "a4"]


def assert_paper(info, paper: str, what: str) -> None:
    want_w, want_h = PAPER_POINTS[paper]
    assert info.sizes, f"{what}: pdfinfo reported no page size"
    for number, (w, h) in enumerate(info.sizes, 1):
        assert abs(w - want_w) <= 1 and abs(h - want_h) <= 1, (
            f"{what}: page {number} is {w} x {h} pts, not {paper} ({want_w} x {want_h})")


@pytest.mark.parametrize("guide", [False, True], ids=["personal", "guide"])
@pytest.mark.parametrize("paper", PAPERS)
def test_sheets_print_on_one_page(sites, browser, tmp_path, paper, guide):
    site = sites.get(guide=guide, paper=paper)
    sheets = site.glob("scorecards/*.html") + site.glob("fieldrefs/*.html")
    assert len(sheets) >= 3, f"expected the sample's scorecards and field reference, got {sheets}"
    problems = []
    for sheet in sheets:
        rel = site.rel(sheet)
        pdf = print_to_pdf(browser, site.url(rel), tmp_path / (rel.replace("/", "_") + ".pdf"))
        info = pdf_info(pdf)
        print(f"{paper} {'guide' if guide else 'personal'} {rel}: {info.pages} page(s), {info.sizes}")
        if info.pages != 1:
            problems.append(f"{rel} prints on {info.pages} {paper} pages, not 1")
        try:
            assert_paper(info, paper, rel)
        except AssertionError as error:
            problems.append(str(error))
    assert not problems, "\n".join(problems)


def page_lines(text: str) -> list[str]:
    """A page's non-empty lines, whitespace squashed and case folded (the print CSS
    may set labels in capitals)."""
    return [squash(line).casefold() for line in text.splitlines() if line.strip()]


def chapter_starts(pages: list[str], chapter) -> list[int]:
    """The pages whose first lines are the chapter's header: its "Chapter N" label
    (within the first three lines) followed closely by its title."""
    starts = []
    for number, text in enumerate(pages):
        lines = page_lines(text)
        head = lines[:3]
        label, title = chapter.label.casefold(), chapter.title.casefold()
        if label:
            if label not in head:
                continue
            after = lines[head.index(label) + 1: head.index(label) + 4]
            if title in " ".join(after):
                starts.append(number)
        elif title in " ".join(lines[:4]):
            starts.append(number)
    return starts


@pytest.mark.parametrize("paper", PAPERS)
def test_print_starts_every_chapter_on_a_new_page(sites, browser, tmp_path, paper):
    site = sites.get(paper=paper)
    info_chapters = chapters(site)
    assert len(info_chapters) >= 2 and all(c.title for c in info_chapters), info_chapters
    pdf = print_to_pdf(browser, site.url("print.html"), tmp_path / "print.pdf")
    info = pdf_info(pdf)
    assert_paper(info, paper, "print.html")
    pages = pdf_pages_text(pdf)
    assert len(pages) == info.pages
    print(f"print.html on {paper}: {info.pages} pages")

    first_pages = []
    for chapter in info_chapters:
        starts = chapter_starts(pages, chapter)
        assert len(starts) == 1, (
            f"{chapter.label} {chapter.title!r} ({chapter.rel}) should open exactly one page "
            f"of print.html on {paper}; pages opening with it: {[s + 1 for s in starts]}")
        first_pages.append(starts[0])
    assert first_pages == sorted(first_pages) and len(set(first_pages)) == len(first_pages), (
        f"chapters start on pages {[p + 1 for p in first_pages]}, not in order")
    assert first_pages[0] >= 1, "the first chapter should follow the cover on its own page"

    # A chapter label standing alone on a line is a chapter header: it may only be at
    # the top of a page, never in the middle of a page that began with something else.
    labels = {c.label.casefold() for c in info_chapters if c.label}
    for number, text in enumerate(pages):
        lines = page_lines(text)
        for index, line in enumerate(lines):
            if line in labels and index >= 3:
                pytest.fail(f"print.html on {paper}: {line!r} is line {index + 1} of page "
                            f"{number + 1}, which begins {lines[:3]}: the chapter does not "
                            "start on a new page")
