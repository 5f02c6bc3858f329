"""The rest of the interactive pages, driven in the browser: the evidence
inventory sorts by column, a drill's countdown starts, pauses and resets, and
checklist ticks survive a reload."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from support import WAIT, load


def column(driver, index: int) -> list[str]:
    return [row.find_elements(By.CSS_SELECTOR, "th, td")[index].text
            for row in driver.find_elements(By.CSS_SELECTOR, "table.inventory tbody tr")]


def test_inventory_sorts_by_column(sites, browser):
    load(browser, (sites.personal.root / "stories/index.html").as_uri())
    headers = browser.find_elements(By.CSS_SELECTOR, "table.inventory thead button.sort-button")
    assert [h.text.strip(" ↕↑↓") for h in headers] == ["Story", "When", "Scope", "Shape", "Authority", "Anchors", "Checks"]
    sizes = ["task", "project", "team", "multi-team", "org"]
    headers[2].click()  # Scope, by size rather than by name
    ascending = column(browser, 2)
    assert ascending == sorted(ascending, key=sizes.index) and ascending[-1] == "org", ascending
    headers[2].click()  # again: descending
    assert column(browser, 2) == list(reversed(ascending))
    headers[0].click()  # Story, by title
    titles = column(browser, 0)
    assert titles == sorted(titles, key=str.lower)


def test_drill_countdown_starts_pauses_and_resets(sites, browser):
    load(browser, (sites.personal.root / "chapters/02-evidence.html").as_uri())
    drill = browser.find_element(By.CSS_SELECTOR, '[data-block="drill"][id="authority-audit"]')
    timer = drill.find_element(By.CSS_SELECTOR, '[role="timer"]')
    assert timer.text == "10:00"
    drill.find_element(By.CSS_SELECTOR, "button.timer-start").click()
    WebDriverWait(browser, WAIT).until(lambda d: timer.text not in ("10:00", ""))
    drill.find_element(By.CSS_SELECTOR, "button.timer-pause").click()
    paused = timer.text
    assert paused.startswith("09:5"), paused
    drill.find_element(By.CSS_SELECTOR, "button.timer-reset").click()
    assert timer.text == "10:00"


def test_checklist_ticks_survive_a_reload(sites, browser):
    page = (sites.personal.root / "chapters/04-field-reference.html").as_uri()
    load(browser, page)
    box = browser.find_element(By.CSS_SELECTOR, '[data-block="checklist"] input[type="checkbox"]')
    box_id = box.get_attribute("id")
    assert not box.is_selected()
    browser.find_element(By.CSS_SELECTOR, f'label[for="{box_id}"]').click()
    assert browser.find_element(By.ID, box_id).is_selected()
    load(browser, page)
    assert browser.find_element(By.ID, box_id).is_selected()
