"""Scoring a rubric in the browser (Themes/default/static/workbook.js).

The rubric in Content/chapters/02-evidence.md, worked by hand:

    :::rubric[Evidence calibration]{gate=22 require="Attribution >= 3; Hands-on depth >= 3"}
    six dimensions, anchors 1, 3, 5: scale 1..5, totals 6..30
    bands 6-13, 14-21, 22-30

    PASSING        Scope 4 + Complexity 3 + Attribution 3 + Consequence 5
                   + Hands-on depth 4 + Leverage 3 = 22: band 22-30, reaches the gate,
                   both minimums hold (3 >= 3, 4 >= 3): pass
    MISSES_MINIMUM Scope 5 + Complexity 5 + Attribution 2 + Consequence 5
                   + Hands-on depth 3 + Leverage 2 = 22: band 22-30, reaches the gate,
                   Attribution 2 < 3: fail

Hooks: a click on `tr[data-dimension="<name>"] li.box` scores that dimension; the live
status element carries data-live-total, data-live-band ("A-B") and data-live-gate
(pass | fail | none | incomplete); the choice is kept in localStorage under
`workbook:rubric:<id>`. A personal build's scorecard starts from the build's marks
(li.is-marked) and its article.scorecard root carries data-total, data-band and
data-gate."""

from __future__ import annotations

import json

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from support import FIXTURES, WAIT, load

RUBRIC = "evidence-calibration"
PAGE = f"scorecards/{RUBRIC}.html"
STORAGE_KEY = f"workbook:rubric:{RUBRIC}"

PASSING = {"Scope": 4, "Complexity": 3, "Attribution": 3, "Consequence": 5,
           "Hands-on depth": 4, "Leverage": 3}
PASSING_LIVE = {"total": "22", "band": "22-30", "gate": "pass"}

MISSES_MINIMUM = {"Scope": 5, "Complexity": 5, "Attribution": 2, "Consequence": 5,
                  "Hands-on depth": 3, "Leverage": 2}
MISSES_MINIMUM_LIVE = {"total": "22", "band": "22-30", "gate": "fail"}

assert sum(PASSING.values()) == 22 and sum(MISSES_MINIMUM.values()) == 22


def live(driver) -> dict[str, str] | None:
    return driver.execute_script("""
        const el = document.querySelector('[data-live-total]');
        if (!el) return null;
        return {total: el.getAttribute('data-live-total'),
                band: el.getAttribute('data-live-band'),
                gate: el.getAttribute('data-live-gate')};""")


def wait_live(driver, expected: dict[str, str], what: str) -> None:
    """Wait until the live status shows `expected` (only the keys given)."""
    try:
        WebDriverWait(driver, WAIT).until(
            lambda d: (lambda now: now is not None and all(now[k] == v for k, v in expected.items()))(live(d)))
    except TimeoutException:
        pytest.fail(f"{what}: the live status should be {expected}, it is {live(driver)} "
                    "(None: no element carries data-live-total)", pytrace=False)


def open_fresh(driver, url: str) -> None:
    """Open the scorecard with nothing kept in localStorage for it."""
    load(driver, url)
    driver.execute_script("localStorage.clear()")
    load(driver, url)


def box(driver, dimension: str, value: int):
    boxes = driver.find_elements(By.CSS_SELECTOR, f'tr[data-dimension="{dimension}"] li.box')
    assert boxes, f"no li.box in tr[data-dimension={dimension!r}]"
    matching = [b for b in boxes if b.text.split()[0] == str(value)]
    assert len(matching) == 1, f"{dimension}: no single box for {value} in {[b.text for b in boxes]}"
    return matching[0]


def score(driver, scores: dict[str, int]) -> None:
    for dimension, value in scores.items():
        box(driver, dimension, value).click()


def marked(driver) -> dict[str, list[str]]:
    return driver.execute_script("""
        const out = {};
        document.querySelectorAll('tr[data-dimension]').forEach(tr => {
          out[tr.getAttribute('data-dimension')] = Array.from(tr.querySelectorAll('li.box.is-marked'))
            .map(li => li.textContent.trim().split(/\\s+/)[0]);
        });
        return out;""")


def rubric_dimensions(driver) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('.scorecard tr[data-dimension]'))"
        ".map(tr => tr.getAttribute('data-dimension'))")


@pytest.fixture
def blank(sites, browser):
    site = sites.guide
    open_fresh(browser, site.url(PAGE))
    assert browser.find_element(By.CSS_SELECTOR, "article.scorecard").get_attribute("data-state") == "blank"
    assert sorted(rubric_dimensions(browser)) == sorted(PASSING), "the rubric's dimensions changed"
    assert marked(browser) == {d: [] for d in PASSING}, "a guide scorecard starts blank"
    return site


def test_passing_score_is_totalled_banded_and_gated_and_kept(blank, browser):
    first, *rest = PASSING.items()
    score(browser, dict([first]))
    wait_live(browser, {"gate": "incomplete"}, "one dimension of six scored")
    score(browser, dict(rest))
    wait_live(browser, PASSING_LIVE, f"after scoring {PASSING}")
    assert marked(browser) == {d: [str(v)] for d, v in PASSING.items()}

    stored = browser.execute_script("return localStorage.getItem(arguments[0])", STORAGE_KEY)
    assert stored, f"nothing kept in localStorage under {STORAGE_KEY}"
    print(f"localStorage[{STORAGE_KEY}] = {stored}")

    browser.refresh()
    wait_live(browser, PASSING_LIVE, "after a reload")
    assert marked(browser) == {d: [str(v)] for d, v in PASSING.items()}, "the marks are not back after a reload"


def test_gate_total_with_a_missed_minimum_fails(blank, browser):
    score(browser, MISSES_MINIMUM)
    wait_live(browser, MISSES_MINIMUM_LIVE, f"after scoring {MISSES_MINIMUM}")
    assert marked(browser) == {d: [str(v)] for d, v in MISSES_MINIMUM.items()}

    browser.refresh()
    wait_live(browser, MISSES_MINIMUM_LIVE, "after a reload")
    assert marked(browser) == {d: [str(v)] for d, v in MISSES_MINIMUM.items()}


def test_rescoring_a_dimension_replaces_its_mark(blank, browser):
    score(browser, MISSES_MINIMUM)
    wait_live(browser, MISSES_MINIMUM_LIVE, "the failing combination")
    # Raise Attribution from 2 to 3: 23, still 22-30, and now both minimums hold.
    score(browser, {"Attribution": 3})
    wait_live(browser, {"total": "23", "band": "22-30", "gate": "pass"}, "Attribution raised to 3")
    assert marked(browser)["Attribution"] == ["3"]


def latest_scores() -> dict[str, dict]:
    entries = json.loads((FIXTURES / "sample-scores.json").read_text(encoding="utf-8"))
    return {e["rubric"]: e for e in entries if e["latest"]}


@pytest.mark.parametrize("rubric", sorted(latest_scores()))
def test_personal_scorecard_starts_from_the_latest_self_score(sites, browser, rubric):
    expected = latest_scores()[rubric]
    open_fresh(browser, sites.personal.url(f"scorecards/{rubric}.html"))
    root = browser.find_element(By.CSS_SELECTOR, "article.scorecard")
    assert root.get_attribute("data-state") == "filled"
    assert {k: root.get_attribute(f"data-{k}") for k in ("total", "band", "gate")} == \
        {"total": str(expected["total"]), "band": expected["band"], "gate": expected["gate"]}

    marks = marked(browser)
    assert all(len(values) == 1 for values in marks.values()), f"one mark per dimension: {marks}"
    assert sum(int(values[0]) for values in marks.values()) == expected["total"], marks
    wait_live(browser, {"total": str(expected["total"]), "band": expected["band"],
                        "gate": expected["gate"]}, f"{rubric}, from the build's marks")


def test_copy_gives_a_scores_yaml_entry(blank, browser):
    score(browser, PASSING)
    wait_live(browser, PASSING_LIVE, f"after scoring {PASSING}")
    browser.find_element(By.XPATH, "//button[normalize-space()='Copy as scores.yaml entry']").click()
    area = WebDriverWait(browser, WAIT).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "textarea.rubric-yaml"))
    WebDriverWait(browser, WAIT).until(lambda d: area.get_attribute("value"))
    today = browser.execute_script(
        "const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0')"
        " + '-' + String(d.getDate()).padStart(2, '0');")
    order = rubric_dimensions(browser)
    scores = ", ".join(f"{d}: {PASSING[d]}" for d in order)
    assert area.get_attribute("value") == f"- rubric: {RUBRIC}\n  date: {today}\n  scores: {{{scores}}}"
