"""The explorer page: its frames' policies (no CORS anywhere), its endpoints, and Chromium
driving it as a person would (seeds, a redirect, a multi-line body, other methods, a bad
expression, a hostile body), with screenshots at desktop and phone width written as
artifacts."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from typing import TypeVar
from typing import cast
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import Dialog
from playwright.sync_api import Page

from parity.request import ProbeRequest
from parity.serve import EXIT_SERVER_FAILED
from parity.serve import EXIT_STOPPED
from parity.serve import ServeOptions
from parity.serve import serve
from parity.servers import HOST
from parity.servers import RunningServer
from parity.servers import free_port
from parity.servers import target
from parity.servers.process import child_environment
from parity.versions import installed
from parity.wire.reader import fetch
from shared.clients.assets import HOSTILE_BODY
from shared.frameworks import Framework
from shared.http.wire_reply import WireReply
from shared.routes import explorer
from shared.routes.guard import GUARD_VARIABLES
from shared.routes.guard import LAB_HEADERS
from shared.routes.guard import TOKEN_VARIABLE
from shared.scenarios import SCENARIOS_BY_ID
from tests.browser import PHONE_WIDTH
from tests.browser import launched
from tests.browser import layout_problems

Test = TypeVar("Test", bound=Callable[..., None])
FRAMEWORKS = list(Framework)
FRAMEWORK_IDS = [f.value for f in FRAMEWORKS]
STRANGER = "http://127.0.0.1:9"
"""A third origin: neither server's."""
ARTIFACTS_VARIABLE = "PARITY_ARTIFACTS"
"""Where the screenshots go; a pytest temporary folder when unset."""
TYPO = "json-dumps-contenttype-typo"
FIXED = "json-dumps-content-type"


def on_servers(test: Test) -> Test:
    """Mark a test as needing both real servers."""
    return cast(Test, pytest.mark.servers(pytest.mark.flask(pytest.mark.quart(test))))


def in_browser(test: Test) -> Test:
    """Mark a test as needing both real servers and Chromium."""
    return cast(Test, pytest.mark.browser(on_servers(test)))


def _get(server: RunningServer, target: str, headers: tuple[tuple[str, str], ...]) -> WireReply:
    return fetch(HOST, server.port, ProbeRequest("GET", target, headers))


def _header(reply: WireReply, name: str) -> str | None:
    found = [v for k, v in reply.headers if k.decode("latin-1").lower() == name]
    return found[0].decode("latin-1") if found else None


# -- the rule, pure ----------------------------------------------------------------------------


def test_origins_need_both_servers() -> None:
    """The origin list names exactly a Flask and a Quart origin, or grants nothing."""
    both = "flask=http://127.0.0.1:5000 quart=http://127.0.0.1:5001"
    assert explorer.read_origins(both) == {
        "flask": "http://127.0.0.1:5000",
        "quart": "http://127.0.0.1:5001",
    }
    assert explorer.read_origins("flask=http://127.0.0.1:5000") == {}
    assert explorer.read_origins("flask=* quart=http://127.0.0.1:5001") == {}
    assert explorer.read_origins(None) == {}


def test_frames_answer_only_a_parent_of_the_pair() -> None:
    """A frame may be framed by (and answers) one of the two servers' origins only."""
    origins = {"flask": "http://127.0.0.1:5000", "quart": "http://127.0.0.1:5001"}
    assert explorer.frame_parent(origins, "http://127.0.0.1:5001") == "http://127.0.0.1:5001"
    assert explorer.frame_parent(origins, STRANGER) is None
    assert explorer.frame_parent(origins, None) is None
    assert explorer.frame_parent({}, "http://127.0.0.1:5000") is None
    assert explorer.frame_csp(None).endswith("frame-ancestors 'none'")
    assert explorer.frame_csp("http://127.0.0.1:5000").endswith(
        "frame-ancestors http://127.0.0.1:5000"
    )


def test_explain_sets_the_lab_headers_aside_but_keeps_the_views_own() -> None:
    """The lab's headers are not compared; a same-name header the view set itself is."""
    lab = dict(LAB_HEADERS)
    reply = {"status": 200, "reason": "OK", "body": "ok"}
    flask = {**reply, "headers": [[k.lower(), v] for k, v in LAB_HEADERS]}
    own = "nosniff, " + lab["X-Content-Type-Options"]
    quart = {**reply, "headers": [["x-content-type-options", own]]}
    verdict = explorer.explain(
        json.dumps({"expression": "'ok'", "flask": flask, "quart": quart}).encode(), installed()
    )
    assert [d["field"] for d in verdict["differences"]] == ["header:x-content-type-options"]


def test_explain_judges_the_method_sent() -> None:
    """The verdict's findings are for the method the page sent, not always GET."""
    reply = {"status": 200, "reason": "OK", "headers": [["content-type", "text/plain"]]}
    head = {**reply, "body": ""}
    document = {"expression": "'ok'", "method": "HEAD", "flask": head, "quart": head}
    assert explorer.explain(json.dumps(document).encode(), installed())["differences"] == []
    document["method"] = "BREW"
    status, body = explorer.explain_answer(json.dumps(document).encode(), installed())
    assert (status, json.loads(body)["error"]) == (400, "bad-json")


def test_explain_names_the_finding_of_the_typo() -> None:
    """Two equal text/html replies to the typo: no difference, and both carry its findings."""
    reply = {
        "status": 200,
        "reason": "OK",
        "headers": [["content-type", "text/html; charset=utf-8"], ["contenttype", "x"]],
        "body": '{"success": true}',
    }
    source = SCENARIOS_BY_ID[TYPO].source
    verdict = explorer.explain(
        json.dumps({"expression": source, "flask": reply, "quart": reply}).encode(), installed()
    )
    assert verdict["differences"] == []
    ids = {finding["id"] for finding in verdict["findings"]["flask"]}
    assert {"near-miss-header", "json-not-labelled-json"} <= ids
    titles = {finding["title"] for finding in verdict["findings"]["quart"]}
    assert "header 'ContentType' is not Content-Type" in titles  # as written, not as fetched


def test_explain_refuses_a_bad_document() -> None:
    """A reply of the wrong shape is /render's own bad-json refusal, not a crash."""
    status, body = explorer.explain_answer(
        b'{"expression": "\'ok\'", "flask": 1, "quart": {}}', installed()
    )
    assert status == 400
    assert json.loads(body)["error"] == "bad-json"


# -- the rule, on the real servers ------------------------------------------------------------


@on_servers
@pytest.mark.parametrize("framework", FRAMEWORKS, ids=FRAMEWORK_IDS)
def test_frame_may_be_framed_only_by_the_named_parent(
    default_servers: dict[Framework, RunningServer], framework: Framework
) -> None:
    """Each server's frame page names the parent of the pair it was asked for as its only
    ancestor, and no ancestor at all for a third origin."""
    server = default_servers[framework]
    for peer in default_servers.values():
        reply = _get(server, f"{explorer.FRAME_PATH}?parent={quote(peer.url, safe='')}", ())
        csp = _header(reply, "content-security-policy") or ""
        assert csp.endswith(f"frame-ancestors {peer.url}")
        assert "connect-src 'self';" in csp
    stranger = _get(server, f"{explorer.FRAME_PATH}?parent={quote(STRANGER, safe='')}", ())
    assert (_header(stranger, "content-security-policy") or "").endswith("frame-ancestors 'none'")


@on_servers
@pytest.mark.parametrize("framework", FRAMEWORKS, ids=FRAMEWORK_IDS)
def test_explorer_page_policy_reaches_only_the_two_servers(
    default_servers: dict[Framework, RunningServer], framework: Framework
) -> None:
    """The page's CSP connects to its own server only, frames the two servers only, and lets
    nothing frame it."""
    reply = _get(default_servers[framework], explorer.EXPLORER_PATH, ())
    csp = _header(reply, "content-security-policy")
    assert csp is not None
    assert "connect-src 'self';" in csp
    frames = next(part for part in csp.split("; ") if part.startswith("frame-src"))
    assert sorted(frames.split()[1:]) == sorted(s.url for s in default_servers.values())
    assert csp.endswith("frame-ancestors 'none'")
    assert "script-src 'self';" in csp
    assert "'unsafe-inline'" not in csp


@on_servers
def test_serve_prints_the_explorer_url() -> None:
    """`parity serve` names the explorer on the Flask server as the page to open, with the
    token PARITY_TOKEN gave it in the fragment only."""
    out = io.StringIO()
    flask_port, quart_port = free_port(), free_port()
    options = ServeOptions(flask_port=flask_port, quart_port=quart_port, seconds=0.5)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(TOKEN_VARIABLE, "t" * 20)
        assert serve(options, out=out, err=io.StringIO()) == EXIT_STOPPED
    url = f"http://{HOST}:{flask_port}{explorer.EXPLORER_PATH}#token={'t' * 20}"
    assert f"Open the explorer: {url}\n" in out.getvalue()


def test_serve_refuses_a_token_that_does_not_fit_a_header(monkeypatch: pytest.MonkeyPatch) -> None:
    """A PARITY_TOKEN with a space or too short is one line and exit 1, before any server."""
    monkeypatch.setenv(TOKEN_VARIABLE, "short token")
    err = io.StringIO()
    assert serve(ServeOptions(seconds=0.1), out=io.StringIO(), err=err) == EXIT_SERVER_FAILED
    assert err.getvalue().count("\n") == 1
    assert TOKEN_VARIABLE in err.getvalue()


def test_stray_origin_list_never_reaches_a_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """An ORIGINS_VARIABLE or a guard setting in the caller's environment is dropped; only
    the starter's own are set."""
    monkeypatch.setenv(explorer.ORIGINS_VARIABLE, f"flask={STRANGER} quart={STRANGER}")
    for name in GUARD_VARIABLES:
        monkeypatch.setenv(name, "1")
    gunicorn = target(Framework.FLASK, "gunicorn")
    scrubbed = child_environment(gunicorn, "n0nce")
    assert not {explorer.ORIGINS_VARIABLE, *GUARD_VARIABLES} & set(scrubbed)
    mine = {explorer.ORIGINS_VARIABLE: "flask=http://a:1 quart=http://a:2"}
    assert child_environment(gunicorn, "n0nce", mine)[explorer.ORIGINS_VARIABLE] == (
        "flask=http://a:1 quart=http://a:2"
    )


# -- the page in Chromium ---------------------------------------------------------------------


@pytest.fixture(name="artifacts", scope="module")
def _artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The screenshots' folder: PARITY_ARTIFACTS, else a pytest temporary folder."""
    named = os.environ.get(ARTIFACTS_VARIABLE)
    folder = Path(named) if named else tmp_path_factory.mktemp("explorer-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"explorer screenshots: {folder}")
    return folder


@pytest.fixture(name="explorer_browser", scope="module")
def _explorer_browser(default_servers: dict[Framework, RunningServer]) -> Iterator[Browser]:
    """Chromium, once the Flask server serves the client libraries."""
    with launched(default_servers[Framework.FLASK].url) as browser:
        yield browser


@pytest.fixture(name="page")
def _page(
    explorer_browser: Browser, default_servers: dict[Framework, RunningServer]
) -> Iterator[Page]:
    """The explorer on the Flask server, opened with the token as `parity serve` prints it,
    ready, with any dialog recorded in `page.dialogs`."""
    context = explorer_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []

    def opened(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", opened)
    page.dialogs = dialogs  # type: ignore[attr-defined]
    flask = default_servers[Framework.FLASK]
    page.goto(f"{flask.url}{explorer.EXPLORER_PATH}#token={flask.token}")
    page.wait_for_function("() => window.parity && window.parity.explorerReady === true")
    try:
        yield page
    finally:
        context.close()


def explore(
    page: Page, expression: str | None = None, scenario: str | None = None, method: str = "GET"
) -> Any:
    """Pick a scenario or type an expression and a method, press Ctrl+Enter, and return what
    the page found."""
    page.evaluate("() => { window.parity.explored = undefined; }")
    if scenario is not None:
        page.select_option("#scenario", value=SCENARIOS_BY_ID[scenario].source)
    if expression is not None:
        page.fill("#expression", expression)
    page.select_option("#method", method)
    page.focus("#expression")
    page.keyboard.press("Control+Enter")
    page.wait_for_function("() => window.parity.explored !== undefined", timeout=90_000)
    return page.evaluate("() => window.parity.explored")


def _shoot(page: Page, folder: Path, name: str) -> None:
    for width, label in ((1280, "desktop"), (390, "phone")):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(folder / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _findings_shown(page: Page) -> int:
    items = page.locator("#findings li")
    only = items.first.inner_text() if items.count() == 1 else ""
    return 0 if only == "None." else items.count()


@in_browser
def test_typo_scenario_in_the_explorer(page: Page, artifacts: Path) -> None:
    """The typo seed: jQuery's guess gets a string on both servers, the corrected form an
    object, axios an object both times; the findings name the near-miss header, and the
    status counts the findings listed."""
    typo = explore(page, scenario=TYPO)
    _shoot(page, artifacts, "typo")
    for side in ("flask", "quart"):
        clients = typo["clients"][side]
        for guess in ("jquery3-guess", "jquery4-guess"):
            assert (clients[guess]["callback"], clients[guess]["data"]["kind"]) == (
                "success",
                "string",
            )
        assert clients["axios"]["data"]["kind"] == "object"
        ids = {f["id"] for f in typo["verdict"]["findings"][side]}
        assert {"near-miss-header", "json-not-labelled-json"} <= ids
    assert "contenttype" in page.locator("#findings").inner_text().lower()
    assert f" {_findings_shown(page)} finding(s)." in page.locator("#status").inner_text()
    fixed = explore(page, scenario=FIXED)
    for side in ("flask", "quart"):
        clients = fixed["clients"][side]
        for guess in ("jquery3-guess", "jquery4-guess"):
            assert clients[guess]["data"]["kind"] == "object"
        assert clients["axios"]["data"]["kind"] == "object"


@in_browser
def test_enter_on_a_seed_runs_it(page: Page) -> None:
    """Enter on the seed list fills the editor with the seed and runs it."""
    page.evaluate("() => { window.parity.explored = undefined; }")
    page.focus("#scenario")
    page.select_option("#scenario", value=SCENARIOS_BY_ID[FIXED].source)
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.parity.explored !== undefined", timeout=90_000)
    assert page.input_value("#expression") == SCENARIOS_BY_ID[FIXED].source
    assert page.evaluate("() => window.parity.explored.verdict !== null")


@in_browser
def test_every_seed_gets_both_replies_and_a_verdict(page: Page) -> None:
    """Each seed of the list, run in turn, reaches both servers through the frames and gets a
    verdict; none fails to fetch."""
    seeds = page.eval_on_selector_all("#scenario option", "(all) => all.map((o) => o.value)")
    failed = []
    for source in [seed for seed in seeds if seed]:
        found = explore(page, expression=source)
        replies = found.get("replies") or {}
        if found.get("verdict") is None or None in replies.values():
            failed.append(f"{source!r}: {page.locator('#status').inner_text()}")
    assert len(seeds) > 10
    assert failed == []


@in_browser
def test_a_redirect_is_followed_same_origin(page: Page, artifacts: Path) -> None:
    """`redirect('/login')` shows each server's followed answer and says it was a redirect,
    where a cross-origin call used to fail to fetch."""
    found = explore(page, expression="redirect('/login')")
    _shoot(page, artifacts, "redirect")
    for side in ("flask", "quart"):
        reply = found["replies"][side]
        assert reply is not None, found
        assert reply["redirected"] is True
        assert reply["url"].endswith("/login")
        assert "followed it to" in page.locator(f"#side-{side} .redirect").inner_text()
    assert "Failed" not in page.locator("#status").inner_text()


@in_browser
def test_multi_line_seed_runs(page: Page, artifacts: Path) -> None:
    """The multi-line seed is read as a view body and both servers answer it."""
    found = explore(page, scenario="jsonify-status-code-set-after")
    _shoot(page, artifacts, "multi-line")
    assert "\n" in page.input_value("#expression")
    for side in ("flask", "quart"):
        assert found["replies"][side]["status"] == 200
    assert found["verdict"] is not None


@in_browser
def test_other_methods_are_sent_and_judged(page: Page) -> None:
    """A method picked in the selector is the one sent and the one the verdict judges."""
    found = explore(page, expression="jsonify(ok=True), 201", method="PATCH")
    assert [found["replies"][side]["status"] for side in ("flask", "quart")] == [201, 201]
    assert "PATCH" in page.locator("#status").inner_text()
    head = explore(page, expression="jsonify(ok=True)", method="HEAD")
    assert [head["replies"][side]["body"] for side in ("flask", "quart")] == ["", ""]


@in_browser
def test_a_refused_run_leaves_nothing_of_the_last(page: Page) -> None:
    """After a run with results, a refused expression clears every result from the page."""
    explore(page, expression="'', 204")
    assert page.locator("#sides .side tr").count() > 0
    page.evaluate("() => { window.parity.explored = undefined; }")
    page.fill("#expression", "jsonify(")
    page.keyboard.press("Control+Enter")
    page.wait_for_function("() => window.parity.explored !== undefined")
    assert page.locator("#verdict").is_hidden()
    assert page.locator("#sides").is_hidden()
    assert page.locator("#differences li, #entries li, #findings li").count() == 0
    assert page.locator("#sides tbody tr").count() == 0


@in_browser
def test_bad_expression_shows_the_parser_error_by_the_input(page: Page, artifacts: Path) -> None:
    """An expression the parser refuses shows /render's error next to the input, and the
    input is marked invalid and described by it."""
    page.fill("#expression", "jsonify(")
    page.focus("#expression")
    page.keyboard.press("Control+Enter")
    error = page.locator("#expression-error")
    error.wait_for(state="visible")
    assert error.inner_text().startswith("unparsable: ")
    assert page.get_attribute("#expression", "aria-invalid") == "true"
    described = (page.get_attribute("#expression", "aria-describedby") or "").split()
    assert "expression-error" in described
    _shoot(page, artifacts, "bad-expression")


@in_browser
def test_explorer_without_a_token_says_how_to_get_one(
    explorer_browser: Browser, default_servers: dict[Framework, RunningServer]
) -> None:
    """Opened without the token, the page says where the address with it comes from, and its
    button is disabled."""
    context = explorer_browser.new_context()
    try:
        page = context.new_page()
        page.goto(default_servers[Framework.FLASK].url + explorer.EXPLORER_PATH)
        error = page.locator("#expression-error")
        error.wait_for(state="visible")
        assert "#token=" in error.inner_text()
        assert page.locator("#run").is_disabled()
    finally:
        context.close()


@in_browser
def test_hostile_body_is_text_in_the_explorer(page: Page, artifacts: Path) -> None:
    """A `<img src=x onerror=alert(1)>` body is shown as text on both sides; no dialog fires."""
    found = explore(page, expression=repr(HOSTILE_BODY))
    page.wait_for_timeout(300)
    _shoot(page, artifacts, "hostile")
    assert found["clients"]["flask"]["htmx"]["swapped"] is True
    for side in ("flask", "quart"):
        assert page.locator(f"#side-{side} .body").text_content() == HOSTILE_BODY
        assert page.locator(f"#side-{side} img").count() == 0
    assert page.dialogs == []  # type: ignore[attr-defined]


@in_browser
def test_differences_are_highlighted_with_their_entry(page: Page, artifacts: Path) -> None:
    """A return the frameworks answer differently shows the difference, highlighted, with the
    registry entry that explains it; the lab's own headers show as not compared."""
    found = explore(page, expression="'', 204")
    _shoot(page, artifacts, "difference")
    differences = found["verdict"]["differences"]
    assert differences, "the 204 is expected to differ between Gunicorn and Hypercorn"
    assert all(d["explained_by"] for d in differences), differences
    assert page.locator("#sides .differs").count() > 0
    aside = page.locator("#side-flask tr.aside").all_inner_texts()
    assert any(text.startswith("content-security-policy") for text in aside), aside


LONG = "x" * 300
"""A header value and a body with no place to break."""


@in_browser
def test_the_explorer_fits_a_phone(page: Page, artifacts: Path) -> None:
    """At phone width, with a finding, a difference and unbreakable values on both sides,
    nothing reaches past the right edge and no table heading breaks inside a word."""
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 900})
    explore(page, expression=f"'{LONG}', 200, {{'ContentType': 'a/b', 'X-Long': '{LONG}'}}")
    page.screenshot(path=str(artifacts / "long-phone.png"), full_page=True)
    found = layout_problems(page)
    assert found["scrollWidth"] <= found["innerWidth"], found
    assert found["wider"] == [], found
    assert found["scrolling"] == [], found
    assert found["split"] == [], found
    assert page.locator("#side-quart th").count() > 0
