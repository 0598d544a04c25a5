"""`/render`'s limits on real servers: the header limit counts the client's headers alike on
both apps, an expression up to the source limit fits in the query on every server, and a
malformed chunked body is refused with the documented JSON error, not a server's page."""

from __future__ import annotations

import json
import socket
import time

import h11
import pytest

from parity.request import ProbeRequest
from parity.servers import ServerPool
from parity.servers.targets import HEAD_LIMIT
from parity.servers.targets import HYPERCORN_SETTINGS
from parity.wire.reader import WireReply
from parity.wire.reader import fetch
from parity.wire.reader import fetch_raw
from parity.wire.reader import request_bytes
from shared.routes.render import MAX_HEADERS
from shared.routes.render import MAX_SOURCE_BYTES
from shared.routes.render import RENDER_PATH
from shared.routes.render import render_target
from tests.conftest import WIRE_SERVERS

pytestmark = [pytest.mark.servers, pytest.mark.flask, pytest.mark.quart]

SENT_BY_FETCH = 2
"""`parity.wire.reader.fetch` sends `Host` and `Connection` itself."""


def _refusal(reply: WireReply) -> str:
    """The `error` slug of a `/render` refusal, or a description of what came instead."""
    content_type = dict(reply.to_outcome().headers).get("content-type")
    if reply.status != 400 or content_type != "application/json":
        return f"not a JSON refusal:\n{reply.describe()}"
    document = json.loads(reply.body)
    assert isinstance(document["detail"], str)
    assert document["detail"]
    return str(document["error"])


@pytest.mark.parametrize("key", WIRE_SERVERS)
@pytest.mark.parametrize(("count", "status"), [(MAX_HEADERS, 200), (MAX_HEADERS + 1, 400)])
def test_header_limit_counts_the_clients_headers(
    server_pool: ServerPool, key: str, count: int, status: int
) -> None:
    """32 headers from the client are accepted and 33 refused, whatever the framework adds."""
    server = server_pool.get(key)
    headers = tuple((f"X-H{i}", "v") for i in range(count - SENT_BY_FETCH))
    request = server.authorized(ProbeRequest("GET", render_target("'ok'"), headers))
    reply = fetch(server.host, server.port, request)
    assert reply.status == status, reply.describe()
    if status == 400:
        assert _refusal(reply) == "too-many-headers"


def _widest(size: int) -> str:
    """A string literal of `size` UTF-8 bytes whose every byte is percent-encoded in a query
    (two-byte characters, quotes included): the longest target a source of that size makes."""
    characters = (size - 2) // 2
    return "'" + "é" * characters + "x" * (size - 2 - 2 * characters) + "'"


BROWSER_HEADERS = [
    pytest.param((), id="alone"),
    pytest.param((("Cookie", "c=" + "x" * 6000), ("User-Agent", "u" * 300)), id="with-a-cookie"),
]
"""What a browser may send beside the query: its own headers and the cookies of every app on
127.0.0.1 (cookies are not kept apart by port)."""


@pytest.mark.parametrize("key", WIRE_SERVERS)
@pytest.mark.parametrize("headers", BROWSER_HEADERS)
def test_an_expression_at_the_limit_fits_in_the_query(
    server_pool: ServerPool, key: str, headers: tuple[tuple[str, str], ...]
) -> None:
    """A 4 KiB expression, every byte percent-encoded (12 KiB of query), reaches the view."""
    source = _widest(MAX_SOURCE_BYTES)
    assert len(source.encode()) == MAX_SOURCE_BYTES
    target = render_target(source)
    assert len(target) > 3 * MAX_SOURCE_BYTES
    server = server_pool.get(key)
    reply = fetch(server.host, server.port, server.authorized(ProbeRequest("GET", target, headers)))
    assert reply.complete, reply.describe()
    assert reply.status == 200, reply.describe()
    assert reply.body == source[1:-1].encode()


def _status_in_pieces(host: str, port: int, request: ProbeRequest, pieces: int) -> int | None:
    """The status of a GET whose head is written in `pieces` writes a little apart, as over a
    slow link: a server that limits an incomplete head sees all of it waiting."""
    connection, data = request_bytes(request, host, port)
    step = -(-len(data) // pieces)
    with socket.create_connection((host, port), timeout=10) as sock:
        for start in range(0, len(data), step):
            sock.sendall(data[start : start + step])
            time.sleep(0.02)
        while True:
            connection.receive_data(sock.recv(65536))
            event = connection.next_event()
            if isinstance(event, h11.Response):
                return event.status_code
            if event is not h11.NEED_DATA:
                return None


@pytest.mark.parametrize("key", WIRE_SERVERS)
@pytest.mark.parametrize("headers", BROWSER_HEADERS)
def test_an_expression_at_the_limit_fits_when_the_head_comes_in_pieces(
    server_pool: ServerPool, key: str, headers: tuple[tuple[str, str], ...]
) -> None:
    """The widest query fits even when the head arrives in several reads (the h11 servers
    limit the part of a head they hold unparsed)."""
    server = server_pool.get(key)
    target = render_target(_widest(MAX_SOURCE_BYTES - len(", 201")) + ", 201")
    request = server.authorized(ProbeRequest("GET", target, headers))
    assert _status_in_pieces(server.host, server.port, request, pieces=16) == 201


@pytest.mark.parametrize("key", WIRE_SERVERS)
def test_an_expression_over_the_limit_gets_the_json_error(
    server_pool: ServerPool, key: str
) -> None:
    """One byte over the limit in the query is the app's `expression-too-large`, not a
    server's own page."""
    server = server_pool.get(key)
    target = render_target(_widest(MAX_SOURCE_BYTES + 1))
    reply = fetch(server.host, server.port, server.authorized(ProbeRequest("GET", target)))
    assert _refusal(reply) == "expression-too-large"


def test_hypercorns_settings_file_has_the_head_limit() -> None:
    """Hypercorn's settings file, which it runs outside the package, says `HEAD_LIMIT`."""
    settings: dict[str, object] = {}
    exec(HYPERCORN_SETTINGS.read_text(), settings)  # noqa: S102
    assert settings["h11_max_incomplete_size"] == HEAD_LIMIT


def _chunked(host: str, port: int, token: str, chunks: bytes) -> bytes:
    """A POST to `/render`, with the server's token, whose chunked body is `chunks`, as raw
    bytes."""
    head = (
        f"POST {RENDER_PATH} HTTP/1.1\r\nHost: {host}:{port}\r\n"
        f"Authorization: Bearer {token}\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode() + chunks


MALFORMED_CHUNKS = [
    pytest.param(b"zz\r\n{}\r\n0\r\n\r\n", id="size-not-hex"),
    pytest.param(b"2\r\n{}XX0\r\n\r\n", id="no-crlf-after-data"),
    pytest.param(b"5\r\n{}", id="body-cut-short"),
]


READS_THE_BAD_BODY = {"flask/gunicorn", "flask/gunicorn-gthread", "flask/werkzeug"}
"""Servers that hand the app a body stream which raises on malformed chunks: the app answers
`bad-body`. Granian (WSGI) hands over what it read before the fault; Hypercorn and Uvicorn
refuse the request themselves (400, or a close when the body is cut short)."""


def _chunked_keys() -> list[object]:
    return [
        pytest.param(
            key,
            marks=pytest.mark.xfail(
                reason="Granian (ASGI) reports a malformed body as a disconnect, Quart drops "
                "the request, and Granian answers its own 500 text/plain page",
                strict=True,
                raises=AssertionError,
            ),
        )
        if key == "quart/granian"
        else key
        for key in WIRE_SERVERS
    ]


@pytest.mark.parametrize("key", _chunked_keys())
@pytest.mark.parametrize("chunks", MALFORMED_CHUNKS)
def test_a_malformed_chunked_body_is_refused(
    server_pool: ServerPool, key: str, chunks: bytes
) -> None:
    """A malformed chunked body gets 400 `bad-body` JSON where the app reads it, a JSON
    refusal of what arrived where the server cuts it, or the server's own 400 (or a close)
    where the server refuses it first: never a 500 page."""
    server = server_pool.get(key)
    data = _chunked(server.host, server.port, server.token, chunks)
    reply = fetch_raw(server.host, server.port, data, method="POST", half_close=True)
    server_pool.settle(key)
    assert reply.status in (400, None), reply.describe()
    if key in READS_THE_BAD_BODY:
        assert _refusal(reply) == "bad-body"
    elif key.startswith("flask/"):
        assert _refusal(reply) in {"bad-json", "no-expression"}
