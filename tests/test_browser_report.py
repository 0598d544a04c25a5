"""The report page in Chromium, opened as the file it is: its Content-Security-Policy blocks
nothing the page uses (its styles and the bench charts beside it) and runs no script; on a
phone nothing scrolls sideways, and on a desktop no heading breaks inside a word."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

from parity.bench.layout import THROUGHPUT
from parity.report import merge
from parity.report import render_html
from tests.browser import CHROMIUM_ARGS
from tests.browser import PHONE_WIDTH
from tests.browser import chromium_path
from tests.browser import layout_problems
from tests.test_report_page import _leg_measurement

pytestmark = [pytest.mark.browser]

PAYLOAD = "<script>window.ran = 1</script><img src=x onerror='window.ran = 1'>"


def _png() -> bytes:
    """A 1x1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_the_report_page_needs_nothing_its_policy_blocks(tmp_path: Path) -> None:
    """Opened from disk, the page shows its chart and styles with no policy violation, the
    `javascript:` upstream is not a link, and no script from the data runs."""
    measured = _leg_measurement(PAYLOAD)
    measured["divergences"][0]["upstream"] = "javascript:window.ran = 1"
    bench: dict[str, Any] = {
        "machine": {},
        "per_server": {},
        "goal": None,
        "charts": [{"file": THROUGHPUT, "caption": "throughput"}],
    }
    (tmp_path / THROUGHPUT).write_bytes(_png())
    page_file = tmp_path / "index.html"
    page_file.write_text(render_html(merge([measured]), bench))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            violations: list[str] = []
            page.on("console", lambda message: violations.append(message.text))
            page.goto(page_file.as_uri())
            chart = page.locator(f"img[src='{THROUGHPUT}']")
            chart.wait_for()
            assert chart.evaluate("image => image.complete && image.naturalWidth") == 1
            assert page.evaluate("() => window.ran") is None
            assert page.locator("a[href^='javascript']").count() == 0
            margin = page.evaluate("() => getComputedStyle(document.body).marginTop")
            assert margin == "32px", "the page's own style sheet did not apply"
        finally:
            browser.close()
    assert not [text for text in violations if "Content Security Policy" in text], violations


SENTENCE = "Werkzeug's Response.get_app_iter returns an empty iterable for HEAD requests"
LABEL = """() => {
  const cell = document.querySelector("td[data-label]");
  return cell && getComputedStyle(cell, "::before").content;
}"""
"""The column name shown above the first labelled cell, or null."""
LONG_TOKEN = "x" * 300
"""A header value or body with no place to break, as a run can put in a cell."""


def _leg(version: str) -> dict[str, Any]:
    """One leg measured as a run writes it, with every cell a table can hold filled in."""
    measured = _leg_measurement(SENTENCE)
    measured["leg"].update(
        id=f"flask3.1.3-quart{version}-py3.11",
        python="3.11.7",
        flask="3.1.3",
        quart=version,
        werkzeug="3.1.9",
        generated="2026-12-03T12:25:41+00:00",
    )
    result = measured["scenarios"][0]["result"]
    result["flask"]["headers"].append(["x-long", LONG_TOKEN])
    prediction = {"client": "jquery3-guess", "summary": f"data is string {LONG_TOKEN}"}
    side = {"served_by": "Gunicorn (gthread worker, 32 threads)", "unpredicted": None}
    finding = {"id": "near-miss-header", "title": SENTENCE, "detail": SENTENCE, "fix": SENTENCE}
    result["clients"] = {
        "flask": {**side, "predictions": [prediction], "findings": [finding]},
        "quart": {**side, "served_by": "Hypercorn", "predictions": [prediction], "findings": []},
    }
    cell = {
        "result": "complete",
        "http_version": "HTTP/1.1",
        "status": 200,
        "reason": "OK",
        "headers": [["Content-Type", "text/html; charset=utf-8"], ["X-Long", LONG_TOKEN]],
        "framing": "content-length",
        "body": LONG_TOKEN,
        "differences": [SENTENCE],
        "unexplained": [],
        "explained_by": ["content-length-too-long"],
        "detail": "",
    }
    result["wire"] = {"flask/gunicorn-gthread": cell, "quart/hypercorn": cell}
    return measured


@pytest.mark.parametrize("width", [PHONE_WIDTH, 840, 1280])
def test_the_report_fits_the_screen_and_keeps_headings_whole(tmp_path: Path, width: int) -> None:
    """Two legs, a finding, client verdicts, wire cells and unbreakable data: at a phone's
    width, just above where the tables turn into cards, and on a desktop, nothing reaches past
    the right edge and nothing scrolls sideways, no table heading breaks inside a word, and
    only the cards name each cell's column."""
    bench: dict[str, Any] = {
        "machine": {},
        "per_server": {
            "flask/gunicorn": {
                "project_over_minimal": 0.9,
                "project_over_bare": 0.5,
                "minimal_over_bare": 0.6,
            }
        },
        "goal": 0.8,
        "charts": [],
    }
    page_file = tmp_path / "index.html"
    page_file.write_text(render_html(merge([_leg("0.22.0"), _leg("0.23.0")]), bench))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(page_file.as_uri())
            found = layout_problems(page)
            page.screenshot(path=str(tmp_path / f"report-{width}.png"), full_page=True)
            label = page.evaluate(LABEL)
        finally:
            browser.close()
    assert found["scrollWidth"] <= found["innerWidth"], found
    assert found["wider"] == [], found
    assert found["scrolling"] == [], found
    assert found["split"] == [], found
    assert label == ('"Leg"' if width == PHONE_WIDTH else "none")
