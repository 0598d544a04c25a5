"""A page on a third origin, open in the same Chromium as the lab, attacks both default
servers: navigation to `/render` with a script in the expression, a frame of it, fetch with
and without credentials, a text/plain POST and a form POST. Nothing may run, be read or be
set. The attack page's own copy of the payload (the control) does run, so the flag the
payload raises is one the test would see. Then the explorer itself runs hostile bodies
through its frames and nothing of them runs there either."""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from typing import Any

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import BrowserContext
from playwright.sync_api import ConsoleMessage

from parity.servers import HOST
from parity.servers import RunningServer
from shared.frameworks import Framework
from shared.routes.explorer import EXPLORER_PATH
from shared.routes.guard import bearer
from shared.routes.render import render_target
from tests.browser import launched
from tests.processes import served_in_thread

pytestmark = [pytest.mark.browser, pytest.mark.servers, pytest.mark.flask, pytest.mark.quart]

FLAG = "top.postMessage('pwned ' + location.port, '*'); document.title = 'pwned';"
"""What the payload does when it runs: tells the top page where it ran, and retitles its own."""
SCRIPT = f'<script>{FLAG}</script><img src=x onerror="{FLAG}">'
SCRIPTED = repr(SCRIPT)
"""A return whose body would run the flag as markup."""
PLANTING = "resp = make_response('planted')\nresp.set_cookie('planted', 'yes')\nreturn resp"
"""A return that would set a cookie for every app on 127.0.0.1."""
ATTACK_SCRIPT = """
window.seen = { messages: [], reads: {} };
window.addEventListener("message", (event) => window.seen.messages.push(String(event.data)));
async function attempt(name, call) {
  try {
    window.seen.reads[name] = await call();
  } catch (error) {
    window.seen.reads[name] = "failed: " + error;
  }
}
function frame(src, name) {
  const node = document.createElement("iframe");
  node.src = src;
  if (name) node.name = name;
  document.body.append(node);
  return node;
}
window.attack = async function (targets, scripted, planting) {
  frame("/control.html");
  for (const target of targets) {
    const url = target.url + "/render?expression=" + encodeURIComponent(scripted);
    const plant = target.url + "/render?expression=" + encodeURIComponent(planting);
    frame(url);
    await attempt(target.name + " cors", async () => "read " + (await (await fetch(url)).text()));
    await attempt(target.name + " credentials", async () =>
      "read " + (await (await fetch(plant, { credentials: "include" })).text()));
    await attempt(target.name + " no-cors", async () => {
      const answer = await fetch(plant, { mode: "no-cors", credentials: "include" });
      return answer.type + " " + answer.status + " " + JSON.stringify(await answer.text());
    });
    await attempt(target.name + " text/plain", async () => {
      const answer = await fetch(target.url + "/render", {
        method: "POST", mode: "no-cors", credentials: "include",
        headers: { "Content-Type": "text/plain" }, body: JSON.stringify({ expression: planting }),
      });
      return answer.type + " " + answer.status;
    });
    const sink = "sink-" + target.name;
    frame("about:blank", sink);
    const form = document.createElement("form");
    form.method = "POST";
    form.action = target.url + "/render";
    form.enctype = "text/plain";
    form.target = sink;
    const field = document.createElement("input");
    field.type = "hidden";
    // text/plain sends name=value: together, a JSON document /render would read.
    field.name = '{"expression": ' + JSON.stringify(scripted) + ', "x": "';
    field.value = '"}';
    form.append(field);
    document.body.append(form);
    form.submit();
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return window.seen;
};
"""


class _AttackSite(BaseHTTPRequestHandler):
    """The third origin: the attack page, and the control that runs the payload itself."""

    def do_GET(self) -> None:
        """Serve the attack page or the control page; 404 for anything else."""
        if self.path == "/attack.html":
            body = f"<!doctype html><title>attack</title><script>{ATTACK_SCRIPT}</script>"
        elif self.path == "/control.html":
            body = f"<!doctype html><title>control</title>{SCRIPT}"
        else:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test reads what the page saw, not the access log."""


@pytest.fixture(name="attack_site", scope="module")
def _attack_site() -> Iterator[str]:
    """The third origin's base URL, on a free loopback port, stopped when the module ends."""
    with served_in_thread(ThreadingHTTPServer((HOST, 0), _AttackSite)) as url:
        yield url


@pytest.fixture(name="attack_browser", scope="module")
def _attack_browser(default_servers: dict[Framework, RunningServer]) -> Iterator[Browser]:
    """Chromium, once the Flask server serves the client libraries."""
    with launched(default_servers[Framework.FLASK].url) as browser:
        yield browser


@pytest.fixture(name="context")
def _context(attack_browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile holding an HttpOnly, SameSite=Strict cookie of another local
    app, as a person's browser would."""
    context = attack_browser.new_context()
    context.add_cookies(
        [
            {
                "name": "victim",
                "value": "secret",
                "domain": HOST,
                "path": "/",
                "httpOnly": True,
                "sameSite": "Strict",
            }
        ]
    )
    try:
        yield context
    finally:
        context.close()


def _cookie_names(context: BrowserContext) -> set[str]:
    return {cookie["name"] for cookie in context.cookies()}


def test_a_third_origin_page_gets_nothing_rendered_read_or_set(
    context: BrowserContext, attack_site: str, default_servers: dict[Framework, RunningServer]
) -> None:
    """Framing, fetch (with and without credentials, no-cors), a text/plain POST and a form
    POST against both servers: no payload runs, nothing is read, no cookie is planted; the
    control (the same payload on the attack page's own origin) does run."""
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(attack_site + "/attack.html")
    targets = [{"name": f.value, "url": server.url} for f, server in default_servers.items()]
    seen = page.evaluate(
        "([targets, scripted, planting]) => window.attack(targets, scripted, planting)",
        [targets, SCRIPTED, PLANTING],
    )
    control = "pwned " + attack_site.rsplit(":", 1)[1]
    assert seen["messages"], "the control must run the payload, or the flag proves nothing"
    assert set(seen["messages"]) == {control}, "only the control may run the payload"
    for target in targets:
        name = target["name"]
        for way in ("cors", "credentials"):
            assert seen["reads"][f"{name} {way}"].startswith("failed: TypeError"), seen
        assert seen["reads"][f"{name} no-cors"] == 'opaque 0 ""', seen
        assert seen["reads"][f"{name} text/plain"] == "opaque 0", seen
    assert _cookie_names(context) == {"victim"}
    assert not [line for line in console if "secret" in line], "the victim cookie was read"


@pytest.mark.parametrize("framework", list(Framework), ids=[f.value for f in Framework])
def test_navigation_to_render_runs_nothing(
    context: BrowserContext, default_servers: dict[Framework, RunningServer], framework: Framework
) -> None:
    """A link to /render with a script, followed: 401 without the token, and even with it
    (the lab's sandbox policy) the markup runs no script and sets no cookie."""
    server = default_servers[framework]
    page = context.new_page()
    answer = page.goto(server.url + render_target(SCRIPTED))
    assert answer is not None
    assert answer.status == 401
    assert page.title() != "pwned"
    page.goto(server.url + render_target(PLANTING))
    assert _cookie_names(context) == {"victim"}
    authorized = context.new_page()
    authorized.set_extra_http_headers(dict([bearer(server.token)]))
    shown = authorized.goto(server.url + render_target(SCRIPTED))
    assert shown is not None
    assert shown.status == 200
    authorized.wait_for_timeout(300)
    assert authorized.title() != "pwned"
    assert "sandbox" in (shown.header_value("content-security-policy") or "")


def test_the_explorer_runs_hostile_bodies_inertly(
    context: BrowserContext, default_servers: dict[Framework, RunningServer]
) -> None:
    """Through the explorer's frames, a script body, an inline handler and a frame of
    /render that htmx swaps in run nothing in the explorer or its frames."""
    flask = default_servers[Framework.FLASK]
    page = context.new_page()
    errors: list[str] = []

    def noted(message: ConsoleMessage) -> None:
        # The payload's own URL shows in the browser's report of the frame it refused.
        if "pwned" in message.text and "Content Security Policy" not in message.text:
            errors.append(message.text)

    page.on("console", noted)
    page.goto(f"{flask.url}{EXPLORER_PATH}#token={flask.token}")
    page.wait_for_function("() => window.parity && window.parity.explorerReady === true")
    page.evaluate(
        "() => { window.flags = []; addEventListener('message', (e) => "
        "{ if (String(e.data).includes('pwned')) window.flags.push(e.data); }); }"
    )
    framed = "<iframe src=" + render_target(SCRIPTED) + "></iframe>"
    for expression in (SCRIPTED, repr(framed)):
        page.evaluate("() => { window.parity.explored = undefined; }")
        page.fill("#expression", expression)
        page.focus("#expression")
        page.keyboard.press("Control+Enter")
        page.wait_for_function("() => window.parity.explored !== undefined", timeout=90_000)
        found = page.evaluate("() => window.parity.explored")
        assert found.get("verdict") is not None, json.dumps(found)[:500]
        assert found["clients"]["flask"]["htmx"]["swapped"] is True
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.flags") == []
    assert page.title() != "pwned"
    assert errors == []
