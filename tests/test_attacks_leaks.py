"""File answers leak nothing: every file a view opens is closed when its response closes.

In process, each app's own middleware closes what a view opened on every path (sent whole,
refused by a tuple step, refused by the server, cut off by a client that hung up). Under real
servers, 10,000 file answers over keep-alive connections leave the server's open descriptors
and resident memory where they were.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import flask_app
import quart_app
from flask_app.guard import unguarded
from parity.asgi import scope_for
from parity.engine import Engine
from parity.procfs import tree_usage
from parity.request import ProbeRequest
from parity.servers import ServerPool
from parity.soak import SoakRequest
from parity.soak import run_soak
from parity.wsgi import environ_for
from shared.frameworks import Framework
from shared.routes.render import render_target
from tests.conftest import WIRE_SERVERS

ANSWERS = 10_000
"""File answers per server in the load test."""
DESCRIPTOR_MARGIN = 5
"""Descriptors a server may hold beyond its count before the run (a connection mid-close)."""
RSS_MARGIN_KIB = 20 * 1024
"""Resident memory a server may gain over the run after warm-up (allocator slack)."""
REPEATS = 40
"""Requests per form in process: a leak of one file each would show as 40 descriptors."""

HELLO = "'static_files/hello.txt'"
OPEN_HELLO = "open('static_files/hello.txt', 'rb')"
CONDITIONAL = f"send_file({HELLO}, conditional=True)"


def render_request(
    source: str, method: str = "GET", headers: tuple[tuple[str, str], ...] = ()
) -> ProbeRequest:
    """The request that asks `/render` for `source` (the one place this file builds one)."""
    return ProbeRequest(method, render_target(source), headers)


FILE_FORMS: dict[str, ProbeRequest] = {
    "response-open": render_request(f"Response({OPEN_HELLO})"),
    "send-file-path": render_request(f"send_file({HELLO})"),
    "send-from-directory": render_request("send_from_directory('static_files', 'hello.txt')"),
    "response-open-head": render_request(f"Response({OPEN_HELLO})", "HEAD"),
    "send-file-head": render_request(f"send_file({HELLO})", "HEAD"),
    "send-file-304": render_request(
        CONDITIONAL, headers=(("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT"),)
    ),
    "send-file-206": render_request(CONDITIONAL, headers=(("Range", "bytes=0-4"),)),
    "send-file-416": render_request(CONDITIONAL, headers=(("Range", "bytes=100-200"),)),
    # Refused by the framework: no mimetype (Flask), not a path (Quart).
    "send-file-open": render_request(f"send_file({OPEN_HELLO})"),
    # Refused by a tuple step: Werkzeug's Headers reject a newline.
    "send-file-newline-header": render_request(f"send_file({HELLO}), 200, {{'X': 'a\\r\\nb'}}"),
    "response-open-newline-header": render_request(
        f"Response({OPEN_HELLO}), 200, {{'X': 'a\\r\\nb'}}"
    ),
    # Passed by the framework, refused by most servers.
    "send-file-nul-header": render_request(f"send_file({HELLO}), 200, {{'X': 'a\\x00b'}}"),
    "response-open-nul-header": render_request(f"Response({OPEN_HELLO}), 200, {{'X': 'a\\x00b'}}"),
}
"""Every way a view's file can end: sent, not sent, refused, conditional."""

EXPECTED_STATUS: dict[str, int] = {
    "response-open": 200,
    "send-file-path": 200,
    "send-from-directory": 200,
    "response-open-head": 200,
    "send-file-head": 200,
    "send-file-304": 304,
    "send-file-206": 206,
    "send-file-416": 416,
}
"""The forms every server answers the same way every time; the refused ones vary by server."""

SOAK_MIX = (
    *(SoakRequest(label, request) for label, request in FILE_FORMS.items()),
    SoakRequest("send-file-abandoned", FILE_FORMS["send-file-path"], abandon=True),
    SoakRequest("response-open-abandoned", FILE_FORMS["response-open"], abandon=True),
)
"""The forms above, plus two whose client hangs up without reading the reply."""


def _open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def _assert_no_growth(run_once: Callable[[], object]) -> None:
    run_once()
    before = _open_descriptors()
    for _ in range(REPEATS):
        run_once()
    assert _open_descriptors() - before <= 2


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize("framework", list(Framework), ids=lambda f: f.value)
@pytest.mark.parametrize("label", list(FILE_FORMS))
def test_engine_closes_what_each_form_opened(
    engine: Engine, framework: Framework, label: str
) -> None:
    """Through the in-process engine, each file form leaves no descriptor open, and nothing
    is kept in the app's extensions."""
    _assert_no_growth(lambda: engine.run(framework, FILE_FORMS[label]))
    app = engine.flask if framework is Framework.FLASK else engine.quart
    assert not [key for key in app.extensions if key.startswith("parity.")]


def test_tree_usage_counts_the_descriptors_a_process_opens(tmp_path: Path) -> None:
    """The /proc reading the load test relies on sees one more descriptor per open file."""
    before = tree_usage(os.getpid())
    with (tmp_path / "one").open("wb"), (tmp_path / "two").open("wb"):
        during = tree_usage(os.getpid())
    assert during.descriptors - before.descriptors == 2
    assert during.rss_kib > 0


class ServerRefused(Exception):
    """What a server's start_response or send raises for a reply it will not send."""


def _flask_refused_by_server(app: Any) -> None:
    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        raise ServerRefused(status)

    with pytest.raises(ServerRefused):
        unguarded(app)(environ_for(FILE_FORMS["response-open"]), start_response)


def _flask_client_gone(app: Any) -> None:
    started: list[str] = []
    # Inside the guard, as a server's request that passed it reaches the app.
    inner: Any = unguarded(app)
    result = inner(environ_for(FILE_FORMS["response-open"]), lambda *a: started.append)
    next(iter(result))
    # The server stops iterating when its client hangs up, and closes the iterable.
    result.close()


@pytest.mark.flask
@pytest.mark.parametrize(
    "call", [_flask_refused_by_server, _flask_client_gone], ids=["refused", "client-gone"]
)
def test_flask_closes_files_on_server_error_paths(call: Callable[[Any], None]) -> None:
    """A reply the WSGI server refuses at start_response, or stops sending midway, still
    closes the file the view opened."""
    app = flask_app.create_app()
    _assert_no_growth(lambda: call(app))


async def _quart_call(app: Any, fail_on: str) -> None:
    request = FILE_FORMS["response-open"]

    messages = [{"type": "http.request", "body": b"", "more_body": False}]
    never = asyncio.Event()

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop()
        await never.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == fail_on:
            raise ServerRefused(message["type"])

    with pytest.raises(ServerRefused):
        await app(scope_for(request), receive, send)


@pytest.mark.quart
@pytest.mark.parametrize("fail_on", ["http.response.start", "http.response.body"])
async def test_quart_closes_files_on_server_error_paths(fail_on: str) -> None:
    """A reply the ASGI server refuses at the start message, or whose body it cannot send
    (the client hung up), still closes the file the view opened."""
    app = quart_app.create_app()
    await _quart_call(app, fail_on)
    before = _open_descriptors()
    for _ in range(REPEATS):
        await _quart_call(app, fail_on)
    assert _open_descriptors() - before <= 2


@pytest.mark.servers
@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize("key", WIRE_SERVERS)
def test_file_answers_leave_descriptors_and_memory_flat(
    server_pool: ServerPool, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """10,000 file answers over keep-alive connections (sent, refused, conditional, HEAD,
    abandoned by the client) leave the server's descriptors and memory flat."""
    server = server_pool.get(key)
    result = run_soak(server, SOAK_MIX, total=ANSWERS)
    with capsys.disabled():
        print(f"\nleaks {key}: {result.summary()}")
    for label, status in EXPECTED_STATUS.items():
        seen = result.tally[label]
        assert set(seen) == {status}, f"{label}: {dict(seen)}"
    assert result.descriptor_growth <= DESCRIPTOR_MARGIN, result.summary()
    assert result.rss_growth_kib <= RSS_MARGIN_KIB, result.summary()
    assert server.process.poll() is None
