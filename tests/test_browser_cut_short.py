"""A reply whose body the server cuts short of its Content-Length: Chromium reports
ERR_CONTENT_LENGTH_MISMATCH, and what every client does there is what `shared.clients`
predicts from the reply read off the wire (fetch resolves with the head and its body read
rejects; jQuery, axios and htmx see a network error)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from parity.request import ProbeRequest
from parity.servers import HOST
from parity.servers import RunningServer
from parity.wire.reader import Result
from parity.wire.reader import fetch
from shared.clients.fetch import FetchVerdict
from shared.clients.predictions import CLIENTS
from shared.clients.predictions import agrees
from shared.clients.predictions import verdict_for
from shared.clients.record import NetworkError
from shared.clients.seen import Seen
from shared.frameworks import Framework
from shared.routes.guard import bearer
from shared.routes.render import render_target
from tests.browser import launched
from tests.browser import observe

pytestmark = [pytest.mark.browser, pytest.mark.servers, pytest.mark.flask, pytest.mark.quart]

CASES = [
    pytest.param("'ok', 200, {'Content-Length': '10'}", Framework.FLASK, False, id="longer-flask"),
    pytest.param("'ok', 200, {'Content-Length': '10'}", Framework.QUART, True, id="longer-quart"),
    pytest.param(
        "jsonify(a=1), 200, {'Content-Length': '100'}", Framework.FLASK, True, id="json-flask"
    ),
    pytest.param(
        "jsonify(a=1), 200, {'Content-Length': '100'}", Framework.QUART, True, id="json-quart"
    ),
    pytest.param(
        "'okokokok', 200, {'Content-Length': '2'}", Framework.FLASK, False, id="shorter-flask"
    ),
    pytest.param(
        "'okokokok', 200, {'Content-Length': '2'}", Framework.QUART, True, id="shorter-quart"
    ),
]
"""(source, framework, whether the default server breaks the body off), as measured: Flask's
Response sets the length of a text body itself but keeps a tuple's on `jsonify`'s; Hypercorn
passes every Content-Length on and breaks off when the body does not match it."""


@pytest.fixture(name="cut_browser", scope="module")
def _cut_browser(default_servers: dict[Framework, RunningServer]) -> Iterator[Browser]:
    """Chromium, once the Flask server serves the client libraries."""
    with launched(default_servers[Framework.FLASK].url) as browser:
        yield browser


@pytest.mark.parametrize(("source", "framework", "cut"), CASES)
def test_clients_do_what_the_wire_reply_predicts(
    cut_browser: Browser,
    default_servers: dict[Framework, RunningServer],
    framework: Framework,
    source: str,
    cut: bool,
) -> None:
    """Every client in Chromium does what its verdict from the wire reply says: a network
    error (fetch: a body that cannot be read) where the server cut the body short."""
    server = default_servers[framework]
    target = render_target(source)
    reply = fetch(HOST, server.port, server.authorized(ProbeRequest("GET", target)))
    assert reply.status is not None, reply.describe()
    seen = Seen.from_reply(reply, "GET")
    if cut:
        assert reply.result is Result.REJECTED, reply.describe()
        assert seen.cut_short == "ERR_CONTENT_LENGTH_MISMATCH"
    else:
        assert reply.complete, reply.describe()
        assert seen.cut_short is None
    # The harness page is on the server's own origin: each client sends the token itself.
    # A body cut short keeps each client waiting until the server drops the idle connection
    # (Gunicorn's keep-alive: 2 to 4 s), so the clients wait at once, each on its own.
    token = dict([bearer(server.token)])
    observations = observe(cut_browser, server.url, target, "GET", token, at_once=True)
    found = []
    for client in CLIENTS:
        verdict = verdict_for(client, seen)
        if seen.cut_short is not None:
            expected = FetchVerdict if client.id == "fetch" else NetworkError
            assert isinstance(verdict, expected), verdict
        if not agrees(verdict, observations[client.id]):
            found.append(
                f"{client.id}: predicted {verdict.to_dict()}, observed {observations[client.id]}"
            )
    assert found == [], "\n".join(found)
