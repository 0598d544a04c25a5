"""Chromium under Playwright for the browser tests: find it, launch it, open the harness page
of a server and run the clients there. A missing Chromium or npm install skips with one
message on a workstation and fails under CI."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from typing import NoReturn
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from playwright.sync_api import sync_playwright

from parity.request import ProbeRequest
from parity.wire.reader import fetch
from shared.clients.assets import ASSETS
from shared.clients.assets import HARNESS_PATH
from shared.clients.predictions import CLIENTS
from shared.clients.predictions import observed

CHROMIUM_VARIABLE = "PARITY_CHROMIUM"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def unavailable(message: str) -> NoReturn:
    """Skip with one clear message on a workstation; fail under CI, which must have it all."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true, so this is a failure)")
    pytest.skip(message)


def chromium_path() -> str:
    """Chromium's executable: PARITY_CHROMIUM, else `chromium` on PATH."""
    named = os.environ.get(CHROMIUM_VARIABLE)
    found = named or shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None or not os.access(found, os.X_OK):
        unavailable(
            "browser tests need Chromium: apt-get install chromium, or set "
            f"{CHROMIUM_VARIABLE} to its path"
        )
    return found


@contextmanager
def launched(base_url: str) -> Iterator[Browser]:
    """Chromium, once the server at `base_url` serves the client libraries; closed after."""
    executable = chromium_path()
    address = urlsplit(base_url)
    assert address.hostname is not None
    assert address.port is not None
    library = fetch(address.hostname, address.port, ProbeRequest("GET", ASSETS[0].url))
    if library.status != 200:
        unavailable(library.body.decode(errors="replace").strip())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            for key in [key for key in _HARNESS_PAGES if key[0] == id(browser)]:
                del _HARNESS_PAGES[key]
            browser.close()


def open_harness(browser: Browser, base_url: str) -> Page:
    """A fresh context's page on the server's harness, once every library has loaded."""
    page = browser.new_context().new_page()
    page.goto(base_url + HARNESS_PATH)
    page.wait_for_function("() => window.parity !== undefined")
    page.evaluate("() => window.parity.ready")
    return page


_AT_ONCE = """async ([path, method, headers, ids]) => Object.assign({},
  ...(await Promise.all(ids.map((id) => window.parity.runAt(path, method, headers, [id])))))"""


def run_clients(
    page: Page,
    path: str,
    method: str,
    headers: dict[str, str],
    ids: list[str],
    *,
    at_once: bool = False,
) -> Any:
    """What each named client did on `path`, as the page reported it: one after another, or
    all at once (each on its own connection) when `at_once`."""
    script = (
        _AT_ONCE
        if at_once
        else ("([path, method, headers, ids]) => window.parity.run(path, method, headers, ids)")
    )
    return page.evaluate(script, [path, method, headers, ids])


def observe(
    browser: Browser,
    base_url: str,
    path: str,
    method: str,
    headers: dict[str, str],
    *,
    at_once: bool = False,
) -> dict[str, Any]:
    """Every client that sends `method`, run once on the server's harness page, starting from
    no cookies and an empty cache: {client id: observation}."""
    page = harness_page(browser, base_url)
    ids = [c.id for c in CLIENTS if c.sends(method)]
    try:
        raw = run_clients(page, path, method, headers, ids, at_once=at_once)
    except Exception:
        _drop(browser, base_url)
        raise
    return {client: observed(value) for client, value in raw.items()}


_HARNESS_PAGES: dict[tuple[int, str], Page] = {}
"""One open harness page per (browser, server). A fresh context costs about 0.3 s (context,
page, four libraries); resetting a used one costs a few milliseconds, and the browser tests
make hundreds of observations."""


def harness_page(browser: Browser, base_url: str) -> Page:
    """The server's harness page in this browser, with the context's cookies cleared and the
    htmx target emptied, as a fresh page would start. The HTTP cache is off, so that each
    client sees the server's own reply (`shared.clients` predicts from that reply; a client
    run after another would otherwise revalidate the first one's cached copy). A page a reply
    navigated away (htmx's HX-Redirect, say) is replaced by a new one."""
    key = (id(browser), base_url)
    page = _HARNESS_PAGES.get(key)
    if page is not None and not _still_harness(page, base_url):
        _drop(browser, base_url)
        page = None
    if page is None:
        page = open_harness(browser, base_url)
        # The session stays attached: the override lasts as long as it does.
        session = page.context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.setCacheDisabled", {"cacheDisabled": True})
        _HARNESS_PAGES[key] = page
        return page
    page.context.clear_cookies()
    page.evaluate('() => document.getElementById("htmx-target").replaceChildren()')
    return page


def _still_harness(page: Page, base_url: str) -> bool:
    if page.is_closed() or page.url != base_url + HARNESS_PATH:
        return False
    try:
        loaded: bool = page.evaluate("() => window.parity !== undefined")
    except PlaywrightError:  # a navigation under way destroys the page's context
        return False
    return loaded


def _drop(browser: Browser, base_url: str) -> None:
    page = _HARNESS_PAGES.pop((id(browser), base_url), None)
    if page is not None and not page.is_closed():
        page.context.close()


PHONE_WIDTH = 390
"""A phone's viewport width in CSS pixels (an iPhone 12 to 15), the narrowest a page must fit."""
_LAYOUT = """() => {
  const wider = [];
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    if (box.width && box.right > innerWidth + 0.5) wider.push(element.tagName.toLowerCase());
  }
  const scrolling = [];
  for (const element of document.querySelectorAll("body *")) {
    const sideways = ["auto", "scroll"].includes(getComputedStyle(element).overflowX);
    if (sideways && element.scrollWidth > element.clientWidth + 1) {
      scrolling.push(element.tagName.toLowerCase());
    }
  }
  const split = [];
  for (const cell of document.querySelectorAll("th")) {
    const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let text = texts.nextNode(); text; text = texts.nextNode()) {
      for (const word of text.textContent.matchAll(/[\\p{L}\\p{N}]+/gu)) {
        const range = document.createRange();
        range.setStart(text, word.index);
        range.setEnd(text, word.index + word[0].length);
        if (range.getClientRects().length > 1) split.push(word[0]);
      }
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth,
    wider: [...new Set(wider)],
    scrolling,
    split,
  };
}"""


def layout_problems(page: Page) -> dict[str, Any]:
    """What makes the page scroll sideways or hard to read at its viewport's width: the page's
    scroll width, the elements reaching past the viewport's right edge, the boxes that scroll
    sideways within it, and the words a table heading breaks across lines."""
    found: dict[str, Any] = page.evaluate(_LAYOUT)
    return found
