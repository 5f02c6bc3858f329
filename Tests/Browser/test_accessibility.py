"""Accessibility basics in Chromium: on every page of both builds, a skip link to
#main is the first thing Tab reaches, the landmarks are there and <html> has a lang;
at 360 CSS pixels wide the index, the chapters and the printable sheets do not
scroll sideways."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from support import clear_viewport, load, set_viewport

BUILDS = pytest.mark.parametrize("guide", [False, True], ids=["personal", "guide"])

LANDMARKS = """
const outside = el => !el.parentElement.closest('article, aside, main, nav, section');
const main = document.querySelectorAll('main, [role=main]');
return {
  lang: document.documentElement.getAttribute('lang') || '',
  banner: Array.from(document.querySelectorAll('header, [role=banner]')).filter(outside).length,
  navigation: document.querySelectorAll('nav, [role=navigation]').length,
  main: main.length,
  mainId: main.length ? main[0].id : '',
  contentinfo: Array.from(document.querySelectorAll('footer, [role=contentinfo]')).filter(outside).length,
};"""


def first_tab_stop(driver) -> dict:
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    return driver.execute_script("""
        const el = document.activeElement;
        return {tag: el.tagName.toLowerCase(), href: el.getAttribute('href'),
                text: el.textContent.trim(), visible: el.getBoundingClientRect().height > 0};""")


@BUILDS
def test_skip_link_landmarks_and_lang_on_every_page(sites, browser, guide):
    site = sites.get(guide=guide)
    problems = []
    for page in site.pages():
        rel = site.rel(page)
        if rel == "sidebar.html":
            continue  # the frame that pages without scripts show inside their sidebar (test_sidebar.py)
        load(browser, site.url(rel))
        found = browser.execute_script(LANDMARKS)
        if not found["lang"]:
            problems.append(f"{rel}: <html> has no lang")
        for landmark in ("banner", "navigation", "contentinfo"):
            if found[landmark] < 1:
                problems.append(f"{rel}: no {landmark} landmark")
        if found["main"] != 1 or found["mainId"] != "main":
            problems.append(f"{rel}: {found['main']} main landmark(s), the first with id {found['mainId']!r}")
        stop = first_tab_stop(browser)
        if (stop["tag"], stop["href"]) != ("a", "#main"):
            problems.append(f"{rel}: the first Tab stop is <{stop['tag']} href={stop['href']!r}> "
                            f"{stop['text'][:40]!r}, not the skip link to #main")
        elif not stop["visible"]:
            problems.append(f"{rel}: the skip link stays invisible when it has the focus")
    assert not problems, "\n".join(problems)


# What sticks out on the right and is not clipped by a scrolling or clipping box
# (such a box scrolls, not the page); an absolutely positioned element escapes the
# boxes between it and its containing block. The outermost such elements, named.
WIDEST = """
const doc = document.scrollingElement, limit = doc.clientWidth + 0.5;
const clipped = el => {
  let escaping = getComputedStyle(el).position === 'absolute';
  for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
    const style = getComputedStyle(a);
    if (escaping) { if (style.position === 'static') continue; escaping = false; }
    if (style.overflowX !== 'visible') return true;
  }
  return false;
};
const name = el => el.tagName.toLowerCase() +
  (el.classList.length ? '.' + Array.from(el.classList).join('.') : '') +
  ' (right edge ' + Math.round(el.getBoundingClientRect().right) + ')';
const wide = [];
for (const el of document.body.querySelectorAll('*')) {
  if (getComputedStyle(el).position === 'fixed') continue;
  if (el.getBoundingClientRect().right <= limit || clipped(el)) continue;
  if (wide.some(outer => outer.contains(el))) continue;
  wide.push(el);
}
return [doc.clientWidth, doc.scrollWidth, wide.slice(0, 5).map(name)];"""


@pytest.fixture
def narrow(browser):
    set_viewport(browser, 360, 800, mobile=True)
    yield browser
    clear_viewport(browser)


@BUILDS
def test_no_horizontal_scroll_at_360px(sites, narrow, guide):
    site = sites.get(guide=guide)
    pages = (["index.html"] + [site.rel(p) for p in site.glob("chapters/*.html")]
             + [site.rel(p) for p in site.glob("scorecards/*.html") + site.glob("fieldrefs/*.html")])
    problems = []
    for rel in pages:
        load(narrow, site.url(rel))
        width, scroll, culprits = narrow.execute_script(WIDEST)
        assert width == 360, f"{rel}: the viewport is {width}px wide, not 360"
        if scroll > 360:
            problems.append(f"{rel}: scrollWidth {scroll} > 360; widest: {culprits}")
    assert not problems, "\n".join(problems)
