"""The report page in Chromium, opened as the file it is: its Content-Security-Policy blocks
nothing the page uses (its styles and the bench charts beside it) and runs no script."""

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
from tests.browser import chromium_path
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
