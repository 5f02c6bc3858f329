"""Fixtures of the browser suite.

`sites` builds the tool once (`swift build --product workbook`) and the sample
workbook with the built binary into fresh temporary folders, each variant once per
session: the personal build of Content/, the --guide build, and copies of Content/
with `paper: a4` and `paper: letter`. `browser` is a headless Chromium with a fresh
profile for each test module, so localStorage never leaks between modules."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support import REPO, Site, content_copy, make_driver, run, sample_paper


class Sites:
    def __init__(self, factory: pytest.TempPathFactory, binary: Path):
        self._factory = factory
        self._binary = binary
        self._built: dict[tuple[bool, str | None], Site] = {}
        self._contents: dict[str, Path] = {}

    def content(self, paper: str | None) -> Path:
        """Content/ itself, or one temporary copy of it per paper."""
        if paper is None:
            return REPO / "Content"
        if paper not in self._contents:
            self._contents[paper] = content_copy(
                self._factory.mktemp(f"content-{paper}") / "Content", paper)
        return self._contents[paper]

    def get(self, guide: bool = False, paper: str | None = None) -> Site:
        """The sample workbook built (guide or personal), on its own paper or on `paper`."""
        key = (guide, paper)
        if key not in self._built:
            content = self.content(paper)
            out = self._factory.mktemp(("guide" if guide else "personal") + f"-{paper or 'sample'}")
            cmd = [str(self._binary), "build", "--content", str(content), "--output", str(out)]
            if guide:
                cmd.append("--guide")
            result = run(cmd)
            if result.returncode != 0:
                pytest.fail(f"{' '.join(cmd)} failed ({result.returncode}):\n"
                            f"{result.stdout}\n{result.stderr}", pytrace=False)
            self._built[key] = Site(out, guide, paper or sample_paper())
        return self._built[key]

    @property
    def personal(self) -> Site:
        return self.get(guide=False)

    @property
    def guide(self) -> Site:
        return self.get(guide=True)


@pytest.fixture(scope="session")
def workbook_binary() -> Path:
    swift = os.environ.get("SWIFT", "swift")
    built = run([swift, "build", "--product", "workbook"])
    if built.returncode != 0:
        pytest.fail(f"swift build --product workbook failed:\n{built.stdout}\n{built.stderr}",
                    pytrace=False)
    bin_path = run([swift, "build", "--show-bin-path"]).stdout.strip()
    binary = Path(bin_path) / "workbook"
    assert binary.is_file(), f"no workbook binary at {binary}"
    return binary


@pytest.fixture(scope="session")
def sites(tmp_path_factory, workbook_binary) -> Sites:
    return Sites(tmp_path_factory, workbook_binary)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = make_driver(tmp_path_factory.mktemp("profile"))
    yield driver
    driver.quit()
