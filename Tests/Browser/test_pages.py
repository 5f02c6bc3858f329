"""Every page of the sample output, personal and guide, opened from disk in Chromium:
no console error, no failed request, no request anywhere but the output folder; and
every URL in every page and style sheet is relative (or an in-page anchor)."""

from __future__ import annotations

import json
from urllib.parse import unquote, urldefrag, urlparse

import pytest

from support import css_urls, drain_logs, is_relative, load, page_urls

BUILDS = pytest.mark.parametrize("guide", [False, True], ids=["personal", "guide"])


def network_problems(driver, root_uri: str) -> list[str]:
    """Failed requests and requests outside the output folder made by pages of the
    output (the browser's own start page is no concern), from the performance log."""
    problems, urls = [], {}
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            if not params.get("documentURL", "").startswith(root_uri):
                continue
            url = params["request"]["url"]
            urls[params["requestId"]] = url
            scheme = urlparse(url).scheme
            if scheme == "file":
                if not url.startswith(root_uri):
                    problems.append(f"request outside the output folder: {url}")
            elif scheme not in ("data", "blob", "about"):
                problems.append(f"request to another host: {url}")
        elif method == "Network.loadingFailed" and params.get("requestId") in urls \
                and not params.get("canceled"):
            problems.append(f"failed request: {urls[params['requestId']]} ({params.get('errorText')})")
    return problems


@BUILDS
def test_no_console_errors_or_failed_requests(sites, browser, guide):
    site = sites.get(guide=guide)
    root_uri = site.root.as_uri() + "/"
    pages = site.pages()
    assert len(pages) >= (10 if guide else 15), [site.rel(p) for p in pages]
    report = {}
    drain_logs(browser)
    for page in pages:
        rel = site.rel(page)
        load(browser, site.url(rel))
        problems = [f"{e['level']}: {e['message']}" for e in browser.get_log("browser")
                    if e["level"] == "SEVERE"]
        problems += network_problems(browser, root_uri)
        if problems:
            report[rel] = [p.replace(root_uri, "<output>/") for p in problems]
    assert not report, "\n".join(f"{rel}:\n  " + "\n  ".join(p) for rel, p in report.items())


@BUILDS
def test_every_url_is_relative_and_resolves(sites, guide):
    site = sites.get(guide=guide)
    problems = []
    for page in site.pages():
        rel = site.rel(page)
        for tag, attribute, url in page_urls(page):
            if not is_relative(url):
                problems.append(f"{rel}: <{tag} {attribute}={url!r}> is not relative")
                continue
            path = unquote(urldefrag(url)[0].split("?")[0])
            if path and not (page.parent / path).resolve().is_file():
                problems.append(f"{rel}: <{tag} {attribute}={url!r}> names no file of the output")
    for sheet in site.glob("**/*.css"):
        for url in css_urls(sheet.read_text(encoding="utf-8")):
            if not is_relative(url):
                problems.append(f"{site.rel(sheet)}: url({url!r}) is not relative")
    assert not problems, "\n".join(problems)
