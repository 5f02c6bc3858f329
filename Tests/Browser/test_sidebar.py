"""The sidebar of every page: the chapters by part and the printable sheets, filled in
by sidebar.js (pages carry no copy of the lists), with the page's own chapter marked
and kept in view; without scripts, the same lists in a frame (sidebar.html) whose
links open in the page around it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from support import chapters, load, make_driver, run

SIDEBAR = """
var nav = document.querySelector('nav.sidebar');
return Array.from(nav.querySelectorAll('a')).map(function (a) {
  var part = a.closest('.nav-part').querySelector('.nav-part-name');
  return {href: a.href, text: a.textContent.replace(/\\s+/g, ' ').trim(),
          part: part ? part.textContent : '', current: a.getAttribute('aria-current')};
});"""


def file_of(url: str) -> Path:
    return Path(unquote(urlparse(url).path))


@pytest.fixture(scope="module")
def no_script(tmp_path_factory):
    driver = make_driver(tmp_path_factory.mktemp("profile-no-script"), javascript=False)
    yield driver
    driver.quit()


@pytest.mark.parametrize("guide", [False, True], ids=["personal", "guide"])
def test_every_page_lists_every_chapter_and_sheet_and_marks_its_own(sites, browser, guide):
    site = sites.get(guide=guide)
    expected = [(c.rel, f"{c.label.removeprefix('Chapter ')} {c.title}".strip()) for c in chapters(site)]
    sheets = sorted(site.rel(p) for p in site.glob("scorecards/*.html") + site.glob("fieldrefs/*.html"))
    assert len(expected) == 4 and len(sheets) >= 3
    with_sidebar = [site.rel(p) for p in site.pages() if '<nav class="sidebar"' in p.read_text(encoding="utf-8")]
    assert set(with_sidebar) >= {rel for rel, _ in expected} | {"drills.html"}
    if not guide:
        assert set(with_sidebar) >= {"dashboard.html", "stories/index.html"}
    for rel in with_sidebar:
        load(browser, site.url(rel))
        links = browser.execute_script(SIDEBAR)
        listed = [(file_of(link["href"]).relative_to(site.root).as_posix(), link["text"]) for link in links]
        assert listed[:len(expected)] == expected, rel
        assert sorted(path for path, _ in listed[len(expected):]) == sheets, rel
        assert all(file_of(link["href"]).is_file() for link in links), rel
        current = [path for (path, _), link in zip(listed, links) if link["current"] is not None]
        assert current == ([rel] if rel.startswith("chapters/") else []), rel
        assert all(link["current"] in (None, "page") for link in links)
    parts = {link["part"] for link in browser.execute_script(SIDEBAR)}
    assert {"Part I - Calibrating the level", "Part II - Crossing boundaries", "Scorecards", "Field references"} <= parts


def test_pages_carry_no_copy_of_the_lists(sites):
    site = sites.personal
    last = chapters(site)[-1]
    for page in site.pages():
        text = page.read_text(encoding="utf-8")
        if '<nav class="sidebar"' in text:
            sidebar = text.split('<nav class="sidebar"')[1].split("</nav>")[0]
            assert last.title not in sidebar and "nav-chapters" not in sidebar, site.rel(page)


def test_the_current_chapter_is_scrolled_into_view(tmp_path, workbook_binary, browser):
    content = tmp_path / "long"
    (content / "chapters").mkdir(parents=True)
    (content / "workbook.yaml").write_text("title: A long workbook\n", encoding="utf-8")
    for n in range(1, 121):
        (content / "chapters" / f"{n:03}.md").write_text(
            f"---\ntitle: Chapter title {n}\nchapter: {n}\n---\n\nText of chapter {n}.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run([str(workbook_binary), "build", "--content", str(content), "--output", str(out)])
    assert result.returncode == 0, result.stderr
    for n in (1, 60, 120):
        load(browser, (out / "chapters" / f"{n:03}.html").as_uri())
        seen = browser.execute_script("""
            var box = document.querySelector('.sidebar-scroll');
            var a = box.querySelector('a[aria-current="page"]');
            var b = box.getBoundingClientRect(), r = a.getBoundingClientRect();
            return {text: a.textContent, inView: r.top >= b.top && r.bottom <= b.bottom,
                    scrolled: box.scrollTop, scrollable: box.scrollHeight > box.clientHeight};""")
        assert seen["scrollable"]
        assert seen["text"] == f"{n} Chapter title {n}"
        assert seen["inView"], (n, seen)
        assert (seen["scrolled"] == 0) == (n == 1), (n, seen)


def test_without_scripts_the_frame_lists_the_chapters_and_opens_them_in_the_page(sites, no_script):
    site = sites.personal
    expected = chapters(site)
    load(no_script, site.url(expected[0].rel))
    assert no_script.execute_script("return typeof window.WORKBOOK_SEARCH") == "undefined"
    frame = no_script.find_element("css selector", "nav.sidebar iframe.sidebar-frame")
    assert frame.size["height"] >= 300 and frame.size["width"] >= 150, frame.size
    no_script.switch_to.frame(frame)
    links = no_script.find_elements("css selector", "a")
    assert [file_of(a.get_attribute("href")).relative_to(site.root).as_posix() for a in links][:len(expected)] \
        == [c.rel for c in expected]
    links[len(expected) - 1].click()
    no_script.switch_to.default_content()
    assert file_of(no_script.current_url) == site.root / expected[-1].rel
    assert no_script.find_element("css selector", "h1.chapter-title").text == expected[-1].title
