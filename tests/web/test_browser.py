"""End to end in a real browser: Debian's headless Chromium, driven by Playwright.

Playwright's own browser downloads are never used: the test launches the system's
``/usr/bin/chromium`` (installed by ``.ci/run`` with apt-get) through
``executable_path``, against ``uncut serve`` on a free loopback port.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, require
from tests.web._server import running_server
from tests.web.conftest import CHILD_SENTENCE, ZT, _web_available

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
"""Flags for a root, offline machine: no sandbox (root), no background connections
(they are refused here and slow the start), no GPU."""

README_SHOT = ROOT / "docs" / "web-zero-tolerance.png"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require(Path(CHROMIUM).exists() or shutil.which("chromium") is not None,
            f"{CHROMIUM} not found (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright is not installed (pip install -e '.[dev]')")
        raise
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                    headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    require(_web_available(), "the web extra is not installed (pip install 'uncut[web]')")
    with running_server() as url:
        yield url


def test_zero_tolerance_in_chromium(browser: Any, server: str, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server)
    assert page.title() == "uncut"

    # Fill the form by its labels, as a user of a screen reader would find the fields.
    page.get_by_label("The quotes as published").fill(
        (ZT / "clip.txt").read_text(encoding="utf-8"))
    page.get_by_label("Text of source 1").fill((ZT / "source.txt").read_text(encoding="utf-8"))
    page.get_by_role("button", name="Check the clip").click()
    page.wait_for_selector("#results")

    # The first finding is the quote most likely to change the meaning, and what it
    # left out first is the child-separation sentence.
    first = page.locator("ol.findings > li").first
    assert first.locator("h3").inner_text().startswith("Quote 2")
    top = " ".join(first.locator("blockquote.omitted-top").inner_text().split())
    assert top == CHILD_SENTENCE
    assert "ALTERED" in first.inner_text()

    # The full report (uncut.report.render_html) in its frame shows the same.
    frame = page.frame_locator("#report-frame")
    card = frame.locator("#quote-2 li.card.first blockquote")
    card.wait_for()
    assert " ".join(card.inner_text().split()) == CHILD_SENTENCE
    kept = frame.locator("#quote-2 mark.kept").all_inner_texts()
    assert "we will prosecute you" in " ".join(kept)

    # After the check the findings have the focus (keyboard and screen-reader users).
    assert page.evaluate("document.activeElement && document.activeElement.id") == "results"
    height = page.evaluate("document.getElementById('report-frame').offsetHeight")
    assert height > 600, "the report frame did not grow to its content"

    # Downloads are real files.
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the JSON report").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name == "uncut-clip.json" and b'"verdict": "altered"' in saved.read_bytes()

    shot = tmp_path / "zero-tolerance.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    tall = int.from_bytes(data[20:24], "big")
    assert width == 1280 and 1200 < tall < 20_000
    assert 50_000 < len(data) < 10_000_000
    if os.environ.get("UNCUT_UPDATE_SCREENSHOT") == "1":
        # The README's picture: the form, the findings and the top of the full report.
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(README_SHOT), full_page=True,
                        clip={"x": 0, "y": 0, "width": 1280, "height": 2380})
    assert errors == [], errors
    page.close()


def test_keyboard_only(browser: Any, server: str) -> None:
    """Tab reaches every field in order; Enter on the button submits."""
    page = browser.new_page()
    page.goto(server)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the form"
    order = []
    for _ in range(8):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.name"))
    assert order[:4] == ["clip", "clip-file", "source-name-1", "source-text-1"]
    assert "add-source" in order and "source-files" in order
    # Add a second source with the keyboard: it gets its own labelled fields.
    page.focus("#add-source")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "source-text-2"
    assert page.get_by_label("Text of source 2").count() == 1
    page.get_by_label("The quotes as published").fill("We will prosecute you.")
    page.get_by_label("Text of source 1").fill("If you cross, then we will prosecute you.")
    page.get_by_label("Text of source 2").fill("Something else.")
    page.focus("#submit")
    page.keyboard.press("Enter")
    page.wait_for_selector("#results")
    assert page.locator(".summary").inner_text().startswith("1 quote: 1 trimmed.")
    page.close()
