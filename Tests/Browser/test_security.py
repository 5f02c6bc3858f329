"""Inert output, in a real browser. Every page carries a Content-Security-Policy
that allows only the site's own scripts and styles; opened straight from disk
(file://) the theme's script and styles still load and run, with no violation
reported. The XSS corpus (Tests/Fixtures/xss, the same one XSSCorpusTests reads)
runs nothing: no dialog opens and the policy never has to refuse anything,
because nothing from content is live in the first place. With raw HTML allowed
(`unsafe_html: true`) the policy is what stops the injected scripts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.support.ui import WebDriverWait

from support import FIXTURES, load, run

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'")
# sidebar.html, the sidebar's lists shown in a frame when scripts do not run.
SIDEBAR_CSP = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'"


def violations(driver) -> list[str]:
    """Console messages about the policy refusing something."""
    return [entry["message"] for entry in driver.get_log("browser")
            if "Content Security Policy" in entry["message"] or "Refused to" in entry["message"]]


def dialog(driver) -> str | None:
    """The text of an open alert, if a payload managed to open one."""
    try:
        alert = driver.switch_to.alert
        text = alert.text
        alert.dismiss()
        return text
    except NoAlertPresentException:
        return None


def index_loads(driver) -> bool:
    """Focus the search button (which starts loading search-index.js) and wait
    until the index script has defined its data."""
    driver.execute_script("var b = document.querySelector('button.search-button'); if (b) b.focus();")
    try:
        WebDriverWait(driver, 10).until(
            lambda d: d.execute_script("return typeof window.WORKBOOK_SEARCH") == "object")
        return True
    except TimeoutException:
        return False


def theme_ran(driver) -> dict:
    """What the theme's files did on this page: the search index script defined
    its data, workbook.js added its search box, style.css moved the skip link."""
    return {"index": index_loads(driver)} | driver.execute_script("""
        var skip = document.querySelector('.skip-link');
        return {
            script: document.querySelectorAll('script:not([src])').length === 0 &&
                    !!document.querySelector('button.search-button') &&
                    !!document.querySelector('dialog.search-dialog'),
            style: !!skip && getComputedStyle(skip).position === 'absolute'
        };""")


def test_policy_allows_the_theme_from_disk(sites, browser):
    site = sites.personal
    browser.get_log("browser")
    for page in site.pages():
        load(browser, page.as_uri())
        frame = site.rel(page) == "sidebar.html"
        assert browser.execute_script(
            "var m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]');"
            "return m && m.getAttribute('content');") == (SIDEBAR_CSP if frame else CSP), site.rel(page)
        if frame:
            assert browser.execute_script("return document.scripts.length") == 0
            continue
        ran = theme_ran(browser)
        assert ran == {"index": True, "script": True, "style": True}, f"{site.rel(page)}: {ran}"
        # sidebar.js filled the sidebar, where the page has one.
        assert browser.execute_script("var nav = document.querySelector('nav.sidebar');"
                                      "return !nav || nav.querySelectorAll('a').length > 0"), site.rel(page)
        assert violations(browser) == [], site.rel(page)


def corpus(tmp: Path, unsafe: bool = False) -> Path:
    """The XSS corpus, plus chapters and a story whose file names are payloads."""
    content = tmp / "content"
    shutil.copytree(FIXTURES / "xss", content)
    if unsafe:
        settings = content / "workbook.yaml"
        settings.write_text(settings.read_text(encoding="utf-8").replace("unsafe_html: false", "unsafe_html: true"),
                            encoding="utf-8")
    chapter = "---\ntitle: Named\nchapter: 2\n---\nBack to [the corpus](01-corpus.md#matrix-corpus).\n"
    for name in ("javascript:alert('XSS50')", "\"><svg onload=alert('XSS51')>", "x#y?z=%41 'XSS52'"):
        (content / "chapters" / f"{name}.md").write_text(chapter, encoding="utf-8")
    (content / "stories" / "javascript:alert('XSS53').md").write_text(
        "---\ntitle: Named story\nscope: team\nshape: senior\n---\nI did.\n", encoding="utf-8")
    return content


def build(binary: Path, content: Path, out: Path) -> Path:
    result = run([str(binary), "build", "--content", str(content), "--output", str(out)])
    if result.returncode != 0:
        pytest.fail(f"the corpus did not build:\n{result.stderr[-3000:]}", pytrace=False)
    return out


def test_corpus_runs_nothing(tmp_path, workbook_binary, browser):
    out = build(workbook_binary, corpus(tmp_path), tmp_path / "out")
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 14
    browser.get_log("browser")
    for page in pages:
        load(browser, page.as_uri())
        assert dialog(browser) is None, page.relative_to(out)
        # Focus and hover handlers, had any become live.
        browser.execute_script("document.querySelectorAll('a, input, button').forEach(function (e) {"
                               " e.dispatchEvent(new Event('mouseover')); e.focus(); });")
        assert dialog(browser) is None, page.relative_to(out)
        assert violations(browser) == [], f"{page.relative_to(out)}: nothing should even need refusing"
        if page.name != "sidebar.html":
            assert index_loads(browser), page.relative_to(out)
        # Every link and image the browser resolved is a page or file of the site.
        for url in browser.execute_script(
                "return Array.from(document.querySelectorAll('[href], [src]'))"
                ".map(function (e) { return e.href || e.src; });"):
            assert url == "" or url.startswith(("file://", "https://", "http://", "data:image/png")), url


def test_policy_stops_scripts_when_raw_html_is_allowed(tmp_path, workbook_binary, browser):
    out = build(workbook_binary, corpus(tmp_path, unsafe=True), tmp_path / "out")
    browser.get_log("browser")
    load(browser, (out / "chapters" / "01-corpus.html").as_uri())
    assert dialog(browser) is None
    refused = violations(browser)
    assert any("inline" in message for message in refused), refused
