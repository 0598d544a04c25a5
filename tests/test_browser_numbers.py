"""Numbers in client predictions print as Chromium prints them: the JavaScript value a
prediction shows for `JSON.parse(text)` is the one `String(JSON.parse(text))` gives."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page
from playwright.sync_api import sync_playwright

from shared.clients.js_value import JsValue
from shared.clients.js_value import js_number_text
from shared.clients.js_value import json_parse
from tests.browser import CHROMIUM_ARGS
from tests.browser import chromium_path

pytestmark = [pytest.mark.browser]

NUMBERS = [
    "7",
    "7.0",
    "-7",
    "0",
    "-0",
    "-0.0",
    "0.1",
    "123.456",
    "1e21",
    "1e20",
    "123456789012345678901",
    "9007199254740993",
    "18446744073709551616",
    "1.5e-7",
    "0.000001",
    "0.0000012345",
    "1e-7",
    "5e-324",
    "1.7976931348623157e308",
    "1e400",
    "-1e400",
    "2.5E+3",
    "100",
    "1e2",
]
"""JSON number texts: integers, -0, the 1e21 and 1e-6 layout switches, past 2**53, the ends
of the double range and overflow."""


@pytest.fixture(name="page", scope="module")
def _page() -> Iterator[Page]:
    """One blank Chromium page: `String` and `JSON.parse` need no server."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


@pytest.mark.parametrize("text", NUMBERS)
def test_a_number_prints_as_chromium_prints_it(page: Page, text: str) -> None:
    """The prediction's text for a parsed number is Chromium's `String(JSON.parse(text))`."""
    printed = page.evaluate("text => String(JSON.parse(text))", text)
    parsed, value = json_parse(text)
    assert parsed
    assert js_number_text(value) == printed
    assert JsValue.of(value).json == printed


def test_an_object_shows_its_integers_as_chromium_does(page: Page) -> None:
    """`{"id": 7, "big": 9007199254740993}` is shown with `7` and the rounded double, as
    Chromium's `JSON.stringify(JSON.parse(...))` writes them."""
    text = '{"id": 7, "big": 9007199254740993, "tiny": [1e-7, -0]}'
    written = page.evaluate("text => JSON.stringify(JSON.parse(text))", text)
    parsed, value = json_parse(text)
    assert parsed
    shown = JsValue.of(value).json
    assert shown is not None
    assert json.loads(shown) == json.loads(written)
    assert shown.replace(" ", "") == '{"big":9007199254740992,"id":7,"tiny":[1e-7,0]}'
    assert written == '{"id":7,"big":9007199254740992,"tiny":[1e-7,0]}'
