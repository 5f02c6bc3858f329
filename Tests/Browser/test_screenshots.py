"""Screenshots for the docs: the index, a chapter and a scorecard of the sample
(personal) build, light and dark, 1280x900, into docs/images/. Only with
WORKBOOK_SCREENSHOTS=1, so that CI never rewrites them:

    WORKBOOK_SCREENSHOTS=1 python3 -m pytest Tests/Browser/test_screenshots.py -q
"""

from __future__ import annotations

import pytest

from support import REPO, clear_viewport, env_flag, load, png_size, set_viewport

pytestmark = pytest.mark.skipif(not env_flag("WORKBOOK_SCREENSHOTS"),
                                reason="set WORKBOOK_SCREENSHOTS=1 to rewrite docs/images/")

WIDTH, HEIGHT = 1280, 900
SHOTS = {"index": "index.html",
         "chapter": "chapters/01-levels.html",
         "scorecard": "scorecards/evidence-calibration.html"}


@pytest.fixture
def desktop(browser):
    set_viewport(browser, WIDTH, HEIGHT)
    yield browser
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    clear_viewport(browser)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(SHOTS))
def test_screenshot(sites, desktop, name, scheme):
    desktop.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]})
    load(desktop, sites.personal.url(SHOTS[name]))
    assert desktop.execute_script(
        f"return matchMedia('(prefers-color-scheme: {scheme})').matches"), f"{scheme} not emulated"
    desktop.execute_async_script("document.fonts.ready.then(() => arguments[0](true))")
    png = desktop.get_screenshot_as_png()
    assert png_size(png) == (WIDTH, HEIGHT)
    out = REPO / "docs" / "images" / f"{name}-{scheme}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(png)
    print(f"wrote {out.relative_to(REPO)}")


def test_dark_scheme_changes_the_page(sites, desktop):
    colours = {}
    for scheme in ("light", "dark"):
        desktop.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]})
        load(desktop, sites.personal.url("index.html"))
        colours[scheme] = desktop.execute_script(
            "const s = getComputedStyle(document.body); return [s.backgroundColor, s.color]")
    assert colours["light"] != colours["dark"], colours
