"""The static site in a real headless Chromium, opened from disk (``file://``).

Drives the system's Chromium (Debian's ``chromium`` package) through
Playwright for Python, never a browser Playwright downloads.  Without a
browser these tests skip and say why; with the ``CI`` environment variable
set they fail instead, so CI cannot pass without running them.

Screenshots of the index, a source page and a claim page are saved in
``artifacts/screenshots/`` (kept out of git), for CI to keep as artifacts.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import pytest

import carsi_claims
from carsi_claims.output.site import build_site

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
SOURCE = "fs-2011-03-14-citizen-safety"
CLAIM = "carsi.assistance-committed.260m"

#: The flags of a quiet, isolated headless run (with a fresh profile folder).
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

#: Every page kind of the site, and every source page, for the accessibility check.
PAGES = (
    "index.html",
    "claims.html",
    "conflicts.html",
    "entities.html",
    "lists.html",
    *(f"sources/{s.id}.html" for s in carsi_claims.load().sources),
    f"claims/{CLAIM}.html",
    "entities/hillary-clinton.html",
)


def _chromium() -> str:
    """The Chromium executable, or skip (fail under CI) saying what is missing."""
    found = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    missing = None
    if found is None:
        missing = "no Chromium: install Debian's chromium package (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "Playwright for Python is not installed (uv sync installs the dev group)"
    if missing is not None:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {missing}")
        pytest.skip(missing)
    assert found is not None
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(carsi_claims.load(), out)
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")),
            executable_path=executable,
            headless=True,
            args=list(FLAGS),
            viewport={"width": 1100, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


class _Tab:
    """One browser tab, recording the console errors and failed loads of the page it shows."""

    def __init__(self, context: BrowserContext) -> None:
        self.errors: list[str] = []
        self.page: Page = context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))

    def open(self, path: Path) -> Page:
        """Show the file at ``path``; ``errors`` then holds only what this page caused."""
        self.errors = []
        self.page.goto(path.as_uri())
        return self.page

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")


@pytest.fixture
def tab(browser: BrowserContext) -> Iterator[_Tab]:
    opened = _Tab(browser)
    yield opened
    opened.page.close()


def test_each_source_page_highlights_each_quote_exactly(tab: _Tab, site: Path) -> None:
    """One highlight per claim quote in the source, reading exactly the quoted text."""
    ds = carsi_claims.load()
    for source in ds.sources:
        shown: dict[str, str] = tab.open(site / "sources" / f"{source.id}.html").evaluate(
            """() => {
                const out = {};
                for (const el of document.querySelectorAll('.source-text [data-q]'))
                    for (const key of el.dataset.q.split(' '))
                        out[key] = (out[key] || '') + el.textContent;
                return out;
            }"""
        )
        expected = {
            f"q-{c.id}-{i}": p.quote
            for c in ds.claims
            for i, p in enumerate(c.provenance)
            if p.source == source.id
        }
        assert shown == expected, source.id
        assert tab.errors == []


def test_every_link_resolves_and_the_console_is_quiet(tab: _Tab, site: Path) -> None:
    """On every page, every link reaches a file of the site (and its anchor); no console error."""
    links: dict[Path, list[str]] = {}
    ids: dict[Path, set[str]] = {}
    for path in sorted(site.rglob("*.html")):
        found: dict[str, list[str]] = tab.open(path).evaluate(
            """() => ({
                links: [...document.querySelectorAll('a[href]')].map(a => a.href),
                ids: [...document.querySelectorAll('[id]')].map(e => e.id),
            })"""
        )
        assert tab.errors == [], path
        links[path], ids[path] = found["links"], set(found["ids"])
    checked = 0
    for path, urls in links.items():
        for url in urls:
            if url.startswith(("http://", "https://")):
                continue  # a source's own address, outside the site
            assert url.startswith("file://"), (path, url)
            target, _, anchor = unquote(url.removeprefix("file://")).partition("#")
            if target.endswith(".json"):  # a claim's JSON: a file, without anchors
                assert Path(target).is_file(), (path, url)
                assert not anchor, (path, url)
            else:
                assert Path(target) in ids, (path, url)
                assert not anchor or anchor in ids[Path(target)], (path, url)
            checked += 1
    assert checked > 1000


def _axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page (the script comes from the axe-playwright-python wheel)."""
    script = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
    page.evaluate(script)
    result: dict[str, Any] = page.evaluate(
        "axe.run(document, {resultTypes: ['violations'], preload: false})"
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["html"][:120] for n in v["nodes"][:3]]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("name", PAGES)
def test_pages_pass_the_accessibility_check(tab: _Tab, site: Path, name: str) -> None:
    """axe-core finds no violation: landmarks, heading order, contrast, link names, ..."""
    assert _axe_violations(tab.open(site / name)) == []


def test_print_hides_navigation_and_keeps_the_text(tab: _Tab, site: Path) -> None:
    """Printed, a source page drops the navigation, keeps the highlighted text, makes a PDF."""
    page = tab.open(site / "sources" / f"{SOURCE}.html")
    page.emulate_media(media="print")
    assert page.eval_on_selector("header.site nav", "e => getComputedStyle(e).display") == "none"
    assert page.eval_on_selector(".source-text", "e => getComputedStyle(e).display") == "block"
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")


def test_screenshots(tab: _Tab, site: Path) -> None:
    """Screenshots of the index, a source page and a claim page, for CI's artifacts."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, rel in (
        ("index", "index.html"),
        ("source-page", f"sources/{SOURCE}.html"),
        ("claim-page", f"claims/{CLAIM}.html"),
    ):
        target = SCREENSHOTS / f"{name}.png"
        tab.open(site / rel).screenshot(path=str(target), full_page=True)
        assert target.read_bytes().startswith(b"\x89PNG")
        assert tab.errors == []


def test_without_a_browser_the_tests_skip_saying_why(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """No Chromium on the PATH: skip with the package to install; under CI: fail."""
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    reason = "no Chromium: install Debian's chromium package (apt-get install chromium)"
    with pytest.raises(pytest.skip.Exception, match=r"^no Chromium: install Debian's chromium"):
        _chromium()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception) as failed:
        _chromium()
    assert str(failed.value) == f"browser tests cannot run in CI: {reason}"
