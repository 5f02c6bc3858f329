"""Search from pages opened straight from disk (file://): `/` opens it, a word found
in one chapter only brings that chapter first, and the result lands on the chapter
at an anchor."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from support import WAIT, Node, load, parse_html

CHAPTER = "chapters/02-evidence.html"


def page_text(site, rel: str) -> str:
    main = parse_html(site.root / rel).find("main")
    return main.text() if main else ""


def distinctive_word(site) -> tuple[str, str]:
    """A word of the chapter's own prose (a paragraph under a heading with an id, not
    inside a directive block) that no other page contains, not even its first six
    letters (so no stemming or prefix matching can find it elsewhere). print.html,
    which holds every chapter, does not count. Returns the word and the id of the
    heading it sits under."""
    others = " ".join(page_text(site, site.rel(p)).lower() for p in site.pages()
                      if site.rel(p) not in (CHAPTER, "print.html"))
    article = parse_html(site.root / CHAPTER).find("article", "chapter")
    assert article is not None, f"{CHAPTER} has no article.chapter"
    heading_id = None
    candidates: list[tuple[str, str]] = []

    def walk(node: Node, in_block: bool) -> None:
        nonlocal heading_id
        for child in node.children:
            if not isinstance(child, Node):
                continue
            if re.fullmatch(r"h[2-6]", child.tag) and child.attrs.get("id"):
                heading_id = child.attrs["id"]
            elif child.tag == "p" and heading_id and not in_block:
                for word in re.findall(r"[A-Za-z]{8,}", child.text()):
                    candidates.append((word.lower(), heading_id))
            else:
                walk(child, in_block or "data-block" in child.attrs or child.tag in ("nav", "header"))

    walk(article, False)
    for word, anchor in candidates:
        if word[:6] not in others:
            return word, anchor
    pytest.fail(f"no word of {CHAPTER} is absent from every other page")


def open_search(driver):
    """Press `/` on the page and return the field that takes the focus."""
    driver.find_element(By.TAG_NAME, "body")  # the page is there
    ActionChains(driver).send_keys("/").perform()
    try:
        WebDriverWait(driver, WAIT).until(
            lambda d: d.switch_to.active_element.tag_name == "input")
    except TimeoutException:
        active = driver.switch_to.active_element
        pytest.fail(f"pressing / should focus the search field; the focus is on "
                    f"<{active.tag_name} {active.get_attribute('outerHTML')[:120]!r}>", pytrace=False)
    return driver.switch_to.active_element


def new_links(driver) -> list:
    return [a for a in driver.find_elements(By.CSS_SELECTOR, "a[href]:not([data-test-before])")
            if a.is_displayed()]


@pytest.mark.parametrize("start", ["index.html", "chapters/01-levels.html"])
def test_search_finds_a_chapter_word_offline(sites, browser, start):
    site = sites.personal
    word, section = distinctive_word(site)
    print(f"searching for {word!r} (in #{section} of {CHAPTER}) from {start}")
    load(browser, site.url(start))
    # Tag every link already on the page: the results are the links that appear.
    browser.execute_script(
        "document.querySelectorAll('a[href]').forEach(a => a.setAttribute('data-test-before', ''))")
    field = open_search(browser)
    field.send_keys(word)
    try:
        WebDriverWait(browser, WAIT).until(lambda d: new_links(d))
    except TimeoutException:
        pytest.fail(f"no result link appeared for {word!r}", pytrace=False)

    first = new_links(browser)[0]
    href = first.get_attribute("href")  # resolved against the page
    target, fragment = urldefrag(href)
    assert target == site.url(CHAPTER), (
        f"the first result for {word!r} is {first.text!r} -> {href}, not {CHAPTER}")
    assert fragment, f"the first result for {word!r} links to {href}, with no anchor"

    first.click()
    WebDriverWait(browser, WAIT).until(lambda d: urldefrag(d.current_url)[0] == site.url(CHAPTER))
    assert browser.current_url == href
    found = browser.execute_script("""
        const target = document.getElementById(arguments[0]);
        if (!target) return null;
        const range = document.createRange();
        range.setStartBefore(target);
        range.setEndAfter(document.querySelector('main') || document.body);
        return range.toString().toLowerCase().includes(arguments[1]);""", fragment, word)
    assert found is not None, f"{CHAPTER} has no element with id {fragment!r}"
    assert found, f"#{fragment} of {CHAPTER} comes after every {word!r}: the anchor misses the match"


def test_pages_load_the_index_only_when_search_is_used(sites, browser):
    """The index is the workbook's whole text: a page loads it when its reader is
    about to search (the button pointed at or focused, or `/` pressed), not before."""
    site = sites.personal
    loaded = "return document.querySelectorAll('script[src$=\"search-index.js\"]').length"
    load(browser, site.url("chapters/01-levels.html"))
    assert browser.execute_script("return typeof window.WORKBOOK_SEARCH") == "undefined"
    assert browser.execute_script(loaded) == 0
    browser.execute_script("document.querySelector('button.search-button').focus()")
    WebDriverWait(browser, WAIT).until(lambda d: d.execute_script("return typeof window.WORKBOOK_SEARCH") == "object")
    assert browser.execute_script(loaded) == 1
    # Opened straight away with `/`, search still answers once the index is in.
    load(browser, site.url("index.html"))
    field = open_search(browser)
    field.send_keys("evidence")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".search-results li[role=option]"))
