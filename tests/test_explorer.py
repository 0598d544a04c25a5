"""The explorer page: the CORS rule between the two servers, its endpoints, and Chromium
driving it as a person would (a seed scenario, a bad expression, a hostile body), with
screenshots at desktop and phone width written as artifacts."""

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

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import Dialog
from playwright.sync_api import Page

from parity.request import ProbeRequest
from parity.serve import EXIT_STOPPED
from parity.serve import ServeOptions
from parity.serve import serve
from parity.servers import HOST
from parity.servers import RunningServer
from parity.servers import free_port
from parity.servers import target
from parity.servers.process import child_environment
from parity.wire import fetch
from shared import explorer
from shared.clients_assets import HOSTILE_BODY
from shared.frameworks import Framework
from shared.render import render_target
from shared.reply import WireReply
from shared.scenarios import SCENARIOS_BY_ID
from tests.browser import launched

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


def test_cors_grants_only_the_two_origins_on_render() -> None:
    """A grant names the asking origin only when it is one of the two, and only on /render."""
    origins = {"flask": "http://127.0.0.1:5000", "quart": "http://127.0.0.1:5001"}
    granted = explorer.cors_headers(origins, "http://127.0.0.1:5001", "/render")
    assert ("Access-Control-Allow-Origin", "http://127.0.0.1:5001") in granted
    assert explorer.cors_headers(origins, STRANGER, "/render") == []
    assert explorer.cors_headers(origins, "null", "/render") == []
    assert explorer.cors_headers(origins, "http://127.0.0.1:5001", "/scenarios/x") == []
    assert explorer.cors_headers({}, "http://127.0.0.1:5001", "/render") == []


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
        json.dumps({"expression": source, "flask": reply, "quart": reply}).encode()
    )
    assert verdict["differences"] == []
    ids = {finding["id"] for finding in verdict["findings"]["flask"]}
    assert {"near-miss-header", "json-not-labelled-json"} <= ids


def test_explain_refuses_a_bad_document() -> None:
    """A reply of the wrong shape is /render's own bad-json refusal, not a crash."""
    status, body = explorer.explain_answer(b'{"expression": "\'ok\'", "flask": 1, "quart": {}}')
    assert status == 400
    assert json.loads(body)["error"] == "bad-json"


# -- the rule, on the real servers ------------------------------------------------------------


@on_servers
@pytest.mark.parametrize("framework", FRAMEWORKS, ids=FRAMEWORK_IDS)
def test_render_grants_the_other_server_and_no_third_origin(
    default_servers: dict[Framework, RunningServer], framework: Framework
) -> None:
    """Each server's /render grants both servers' origins and gives a third origin nothing,
    on a simple request and on a preflight."""
    server = default_servers[framework]
    target = render_target("'ok'")
    for peer in default_servers.values():
        reply = _get(server, target, (("Origin", peer.url),))
        assert _header(reply, "access-control-allow-origin") == peer.url
    stranger = _get(server, target, (("Origin", STRANGER),))
    assert stranger.status == 200
    assert not [k for k, _ in stranger.headers if k.lower().startswith(b"access-control-")]
    preflight = ProbeRequest(
        "OPTIONS", target, (("Origin", STRANGER), ("Access-Control-Request-Method", "GET"))
    )
    refused = fetch(HOST, server.port, preflight)
    assert not [k for k, _ in refused.headers if k.lower().startswith(b"access-control-")]


@on_servers
@pytest.mark.parametrize("framework", FRAMEWORKS, ids=FRAMEWORK_IDS)
def test_explorer_page_policy_reaches_only_the_two_servers(
    default_servers: dict[Framework, RunningServer], framework: Framework
) -> None:
    """The page's CSP allows connections to the two origins and nowhere else."""
    reply = _get(default_servers[framework], explorer.EXPLORER_PATH, ())
    csp = _header(reply, "content-security-policy")
    assert csp is not None
    connect = next(part for part in csp.split("; ") if part.startswith("connect-src"))
    assert sorted(connect.split()[2:]) == sorted(s.url for s in default_servers.values())
    assert "script-src 'self';" in csp
    assert "'unsafe-inline'" not in csp


@on_servers
def test_serve_prints_the_explorer_url() -> None:
    """`parity serve` names the explorer on the Flask server as the page to open."""
    out = io.StringIO()
    flask_port, quart_port = free_port(), free_port()
    options = ServeOptions(flask_port=flask_port, quart_port=quart_port, seconds=0.5)
    assert serve(options, out=out, err=io.StringIO()) == EXIT_STOPPED
    assert f"Open the explorer: http://{HOST}:{flask_port}{explorer.EXPLORER_PATH}\n" in (
        out.getvalue()
    )


def test_stray_origin_list_never_reaches_a_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """An ORIGINS_VARIABLE in the caller's environment is dropped; only the pair's own is set."""
    monkeypatch.setenv(explorer.ORIGINS_VARIABLE, f"flask={STRANGER} quart={STRANGER}")
    gunicorn = target(Framework.FLASK, "gunicorn")
    assert explorer.ORIGINS_VARIABLE not in child_environment(gunicorn, "n0nce")
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
    """The explorer on the Flask server, ready, with any dialog recorded in `page.dialogs`."""
    context = explorer_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []

    def opened(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", opened)
    page.dialogs = dialogs  # type: ignore[attr-defined]
    page.goto(default_servers[Framework.FLASK].url + explorer.EXPLORER_PATH)
    page.wait_for_function("() => window.parity && window.parity.explorerReady === true")
    try:
        yield page
    finally:
        context.close()


def explore(page: Page, expression: str | None = None, scenario: str | None = None) -> Any:
    """Pick a scenario or type an expression, press Enter, and return what the page found."""
    page.evaluate("() => { window.parity.explored = undefined; }")
    if scenario is not None:
        page.select_option("#scenario", value=SCENARIOS_BY_ID[scenario].source)
    if expression is not None:
        page.fill("#expression", expression)
    page.focus("#expression")
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.parity.explored !== undefined", timeout=60_000)
    return page.evaluate("() => window.parity.explored")


def _shoot(page: Page, folder: Path, name: str) -> None:
    for width, label in ((1280, "desktop"), (390, "phone")):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(folder / f"{name}-{label}.png"), full_page=True)


@in_browser
def test_typo_scenario_in_the_explorer(page: Page, artifacts: Path) -> None:
    """The typo seed: jQuery's guess gets a string on both servers, the corrected form an
    object, axios an object both times; the findings name the near-miss header."""
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
    fixed = explore(page, scenario=FIXED)
    for side in ("flask", "quart"):
        clients = fixed["clients"][side]
        for guess in ("jquery3-guess", "jquery4-guess"):
            assert clients[guess]["data"]["kind"] == "object"
        assert clients["axios"]["data"]["kind"] == "object"


@in_browser
def test_bad_expression_shows_the_parser_error_by_the_input(page: Page, artifacts: Path) -> None:
    """An expression the parser refuses shows /render's error next to the input, and the
    input is marked invalid and described by it."""
    page.fill("#expression", "jsonify(")
    page.focus("#expression")
    page.keyboard.press("Enter")
    error = page.locator("#expression-error")
    error.wait_for(state="visible")
    assert error.inner_text().startswith("unparsable: ")
    assert page.get_attribute("#expression", "aria-invalid") == "true"
    assert page.get_attribute("#expression", "aria-describedby") == "expression-error"
    _shoot(page, artifacts, "bad-expression")


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
    registry entry that explains it."""
    found = explore(page, expression="'', 204")
    _shoot(page, artifacts, "difference")
    differences = found["verdict"]["differences"]
    assert differences, "the 204 is expected to differ between Gunicorn and Hypercorn"
    assert all(d["explained_by"] for d in differences), differences
    assert page.locator("#sides .differs").count() > 0
