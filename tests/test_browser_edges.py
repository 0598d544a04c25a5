"""The client rules on raw responses no scenario produces: a 204 with a JSON type,
`Application/JSON`, XML, a script, a byte order mark, latin-1 text, 3xx the browser does not
follow, a 205, NaN... Werkzeug's server sends each exactly as written, beside the harness,
and every client in Chromium does what `shared.clients` predicts from what reached the wire.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Browser
from werkzeug.serving import make_server
from werkzeug.wrappers import Response

from flask_app import create_app
from parity.request import ProbeRequest
from parity.servers import HOST
from parity.wire.reader import fetch
from shared.clients.predictions import CLIENTS
from shared.clients.predictions import agrees
from shared.clients.predictions import verdict_for
from shared.clients.record import Client
from shared.clients.seen import Seen
from tests.browser import launched
from tests.browser import observe
from tests.processes import served_in_thread

pytestmark = [pytest.mark.browser, pytest.mark.servers, pytest.mark.flask]

JSON = "application/json"


@dataclass(frozen=True)
class Edge:
    """One raw response, served at /edge/<id> for `method`."""

    id: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    method: str = "GET"


def _typed(content_type: str) -> tuple[tuple[str, str], ...]:
    return (("Content-Type", content_type),)


EDGES = (
    Edge("204-json", 204, _typed(JSON), b""),
    Edge("205-html", 205, _typed("text/html"), b""),
    Edge("304-bare", 304, (), b""),
    Edge("upper-case-json", 200, _typed("Application/JSON"), b'{"a": 1}'),
    Edge("problem-json", 200, _typed("application/problem+json"), b'{"a": 1}'),
    Edge("script", 200, _typed("text/javascript"), b"window.ran = 1; 5"),
    Edge("xml", 200, _typed("text/xml"), b"<a><b/></a>"),
    Edge("bad-xml", 200, _typed("application/xml"), b"<a>"),
    Edge("empty-xml", 200, _typed("text/xml"), b""),
    Edge("empty-json-200", 200, _typed(JSON), b""),
    Edge("empty-json-201", 201, _typed(JSON), b""),
    Edge("empty-html", 200, _typed("text/html"), b""),
    Edge("bom-json", 200, _typed(JSON), b'\xef\xbb\xbf{"a": 1}'),
    Edge("latin-1-text", 200, _typed("text/plain; charset=iso-8859-1"), b'"\x80\xe9"'),
    Edge("untyped-json", 200, (), b'{"a": [1, 2.5, 9007199254740993]}'),
    Edge("two-content-types", 200, (*_typed("text/html"), *_typed(JSON)), b'{"a": 1}'),
    Edge("nan-json", 200, _typed(JSON), b'{"x": NaN}'),
    Edge("json-string", 200, _typed(JSON), b'"str"'),
    Edge("json-null", 200, _typed(JSON), b"null"),
    Edge("number-as-html", 200, _typed("text/html"), b"42"),
    Edge("custom-299", 299, _typed(JSON), b"[1]"),
    Edge("teapot-json", 418, _typed(JSON), b'{"error": "teapot"}'),
    Edge("teapot-head", 418, _typed(JSON), b'{"error": "teapot"}', "HEAD"),
    Edge("server-error-post", 500, _typed("text/html"), b"<h1>boom</h1>", "POST"),
    Edge("302-without-location", 302, _typed("text/html"), b"moved"),
    Edge("302-empty-location", 302, (*_typed("text/html"), ("Location", "")), b"moved"),
    Edge("300-with-location", 300, (*_typed("text/html"), ("Location", "/")), b"choices"),
    Edge("307-to-json", 307, (("Location", "/scenarios/jsonify-kwargs"),), b""),
    Edge("hx-trigger", 200, (*_typed("text/html"), ("HX-Trigger", "done")), b"<p>x</p>"),
)
EDGES_BY_ID = {edge.id: edge for edge in EDGES}
CASES = [
    pytest.param(edge, client, id=f"{edge.id}-{client.id}")
    for edge in EDGES
    for client in CLIENTS
    if client.sends(edge.method)
]


def _edge(case: str) -> Response:
    edge = EDGES_BY_ID[case]
    response = Response(edge.body, status=edge.status)
    response.headers.clear()
    for name, value in edge.headers:
        response.headers.add(name, value)
    return response


@pytest.fixture(name="edge_url", scope="module")
def _edge_url() -> Iterator[str]:
    """The Flask app (for the harness and the libraries) plus /edge/<id>, under Werkzeug's
    server on a free loopback port, in a thread stopped when the module ends."""
    app = create_app()
    app.add_url_rule("/edge/<case>", view_func=_edge, methods=["GET", "HEAD", "POST"])
    with served_in_thread(make_server(HOST, 0, app, threaded=True)) as url:
        yield url


@pytest.fixture(name="chromium", scope="module")
def _chromium(edge_url: str) -> Iterator[Browser]:
    """Chromium for this module."""
    with launched(edge_url) as browser:
        yield browser


@pytest.fixture(name="observations", scope="module")
def _observations(chromium: Browser, edge_url: str) -> dict[str, dict[str, Any]]:
    """What every client did per edge, run once on first use."""

    class Lazy(dict[str, dict[str, Any]]):
        def __missing__(self, case: str) -> dict[str, Any]:
            edge = EDGES_BY_ID[case]
            self[case] = observe(chromium, edge_url, f"/edge/{case}", edge.method, {})
            return self[case]

    return Lazy()


@pytest.mark.parametrize(("edge", "client"), CASES)
def test_client_does_what_shared_predicts_on_a_raw_response(
    edge_url: str, observations: dict[str, dict[str, Any]], edge: Edge, client: Client
) -> None:
    """In Chromium, the client does what its verdict says for the response on the wire."""
    port = int(edge_url.rsplit(":", 1)[1])
    wire = fetch(HOST, port, ProbeRequest(edge.method, f"/edge/{edge.id}"))
    seen = Seen.from_outcome(wire.to_outcome(), wire.reason.decode("latin-1"), edge.method)
    verdict = verdict_for(client, seen)
    observation = observations[edge.id][client.id]
    assert agrees(verdict, observation), (
        f"{edge.id}, {client.id}:\n  predicted {verdict.to_dict()}\n  observed  {observation}"
    )
