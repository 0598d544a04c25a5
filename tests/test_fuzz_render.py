"""Bad input against `/render` on real servers: whatever arrives, every reply is well-formed
HTTP/1.1 (or a recorded exception), no header the view did not set reaches the client, the
server keeps serving, and nothing hangs."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from parity.engine import Engine
from parity.request import ProbeRequest
from parity.servers import ServerPool
from parity.servers import target_named
from parity.versions import installed
from parity.wire.diff import SERVER_ADDED
from parity.wire.diff import WireDifference
from parity.wire.reader import Result
from parity.wire.reader import WireReply
from parity.wire.reader import fetch
from parity.wire.reader import fetch_raw
from shared.judgement import judge_wire
from shared.parse import ParseError
from shared.parse import parse
from shared.probe import Probe
from shared.routes.guard import LAB_HEADER_NAMES
from shared.routes.health import HEALTH_PATH
from shared.routes.render import MAX_BODY_BYTES
from shared.routes.render import RENDER_PATH
from shared.routes.render import render_target
from shared.wire_divergences import WIRE_DIVERGENCES
from tests.conftest import WIRE_SERVERS

pytestmark = [pytest.mark.servers, pytest.mark.flask, pytest.mark.quart]

FUZZ = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
"""The session-scoped pool and engine are safe to share across examples."""

TIMEOUT = 5.0
RAW_TIMEOUT = 10.0
"""Hypercorn holds a connection the client closed before any byte until its 5 s keep-alive
timeout; a server hangs only if it takes longer than its own idle bound."""
INJECTING = {server for entry in WIRE_DIVERGENCES for server in entry.lets_through()}
"""Servers the registry records as letting an injected header through (Werkzeug's)."""


def _assert_alive(pool: ServerPool, key: str) -> None:
    server = pool.get(key)
    health = fetch(server.host, server.port, ProbeRequest("GET", HEALTH_PATH), timeout=TIMEOUT)
    assert health.complete, f"{key} stopped serving: {health.detail}"
    assert health.status == 200
    assert server.process.poll() is None


def _assert_answered(reply: WireReply, probe: Probe | None = None, key: str = "") -> None:
    """No hang, unless a wire entry records this server keeping this probe's reply open on
    the installed Quart."""
    if reply.result is Result.TIMEOUT and probe is not None:
        quart = installed().quart
        if any(
            key in entry.sends
            and entry.covers(probe)
            and entry.sends_on(key, quart).result is Result.TIMEOUT
            for entry in WIRE_DIVERGENCES
        ):
            return
    assert reply.result is not Result.TIMEOUT, "the server hung"


# -- raw bytes ------------------------------------------------------------------------------

_REQUEST_LIKE = st.one_of(
    st.binary(max_size=300),
    st.builds(
        lambda method, target, tail: method + b" " + target + b" HTTP/1.1\r\n" + tail,
        st.sampled_from([b"GET", b"POST", b"HEAD", b"G\x00T", b""]),
        st.binary(max_size=40),
        st.binary(max_size=200),
    ),
)


@pytest.mark.parametrize("key", WIRE_SERVERS)
def test_random_bytes_are_refused_cleanly(server_pool: ServerPool, key: str) -> None:
    """Random bytes as a request get a 4xx, or a closed connection, never a hang or a crash."""

    @FUZZ
    @given(data=_REQUEST_LIKE)
    def refused(data: bytes) -> None:
        server = server_pool.get(key)
        reply = fetch_raw(server.host, server.port, data, timeout=RAW_TIMEOUT, half_close=True)
        _assert_answered(reply)
        if reply.complete and reply.status is not None:
            assert reply.status < 500 or reply.status == 505, reply.describe()
        _assert_alive(server_pool, key)

    refused()


# -- bad JSON and oversized bodies ----------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)
_NOT_AN_EXPRESSION_DOCUMENT = _JSON.filter(
    lambda d: not (isinstance(d, dict) and isinstance(d.get("expression"), str))
)


def _post(pool: ServerPool, key: str, body: bytes) -> WireReply:
    server = pool.get(key)
    request = ProbeRequest("POST", RENDER_PATH, (("Content-Type", "application/json"),), body)
    return fetch(server.host, server.port, server.authorized(request), timeout=TIMEOUT)


def _assert_refused(reply: WireReply, error: str) -> None:
    assert reply.complete, reply.describe()
    assert reply.status == 400, reply.describe()
    assert reply.header_values(b"content-type") == (b"application/json",)
    assert json.loads(reply.body)["error"] == error


@pytest.mark.parametrize("key", WIRE_SERVERS)
def test_wrong_json_is_refused(server_pool: ServerPool, key: str) -> None:
    """A JSON body of the wrong shape or types gets 400 bad-json on the wire."""

    @FUZZ
    @given(document=_NOT_AN_EXPRESSION_DOCUMENT)
    def refused(document: object) -> None:
        _assert_refused(_post(server_pool, key, json.dumps(document).encode()), "bad-json")

    refused()


@pytest.mark.parametrize("key", WIRE_SERVERS)
@pytest.mark.parametrize(
    ("body", "error"),
    [
        pytest.param(b"[" * 60_000, "bad-json", id="deep-json"),
        pytest.param(b"x" * (MAX_BODY_BYTES + 1), "body-too-large", id="just-over-the-limit"),
        pytest.param(b"x" * (4 * MAX_BODY_BYTES), "body-too-large", id="four-times-the-limit"),
        pytest.param(
            json.dumps({"expression": "[" * 2000 + "]" * 2000}).encode(),
            "unparsable",
            id="deep-expression",
        ),
        pytest.param(
            json.dumps({"expression": "'" + "x" * 5000 + "'"}).encode(),
            "expression-too-large",
            id="long-expression",
        ),
        pytest.param(b"\xff\xfe not utf-8", "bad-json", id="not-utf-8"),
    ],
)
def test_oversized_and_deep_input_is_refused(
    server_pool: ServerPool, key: str, body: bytes, error: str
) -> None:
    """Oversized or deeply nested input gets a 400 that names it, and the server lives on."""
    _assert_refused(_post(server_pool, key, body), error)
    _assert_alive(server_pool, key)


# -- CR, LF and NUL in every slot, and statuses out of range --------------------------------

_BREAKERS = st.sampled_from(["\r\n", "\n", "\r", "\x00", "\r\nX-Injected: 1", "\nX-Injected: 1"])
_PLAIN = st.sampled_from(["", "ok", "X-A", "text/plain", "/next"])


def _with_breaker(plain: str, breaker: str, at: int) -> str:
    at = min(at, len(plain))
    return plain[:at] + breaker + plain[at:]


_SLOTS = [
    "{s!r}",
    "'ok', 200, {{{s!r}: 'v'}}",
    "'ok', 200, {{'X-A': {s!r}}}",
    "'ok', 200, [({s!r}, 'v')]",
    "'ok', {s!r}",
    "'ok', '200 ' + {s!r}",
    "Response('ok', status='299 ' + {s!r})",
    "Response('ok', mimetype={s!r})",
    "Response('ok', content_type={s!r})",
    "Response('ok', headers={{'X-A': {s!r}}})",
    "redirect({s!r})",
    "jsonify({{{s!r}: 1}})",
    "resp = jsonify()\nresp.headers[{s!r}] = 'v'\nreturn resp",
    "resp = jsonify()\nresp.status = '299 ' + {s!r}\nreturn resp",
]


@st.composite
def _slotted(draw: st.DrawFn) -> str:
    text = _with_breaker(draw(_PLAIN), draw(_BREAKERS), draw(st.integers(0, 10)))
    return draw(st.sampled_from(_SLOTS)).format(s=text)


_STATUS_SOURCES = st.builds(
    "'ok', {}".format,
    st.one_of(st.sampled_from([0, 1, 1000, -1, 99, 600, 999]), st.integers(-(10**6), 10**6)),
)


def _allowed_names(engine: Engine, key: str, request: ProbeRequest) -> set[bytes]:
    boundary = engine.run(target_named(key).framework, request)
    # A name the server trimmed (header-name-edges) is still the view's own header.
    names = {name.encode("latin-1") for name, _ in boundary.headers}
    names |= {name.strip().lower().encode("latin-1") for name, _ in boundary.headers}
    lab = {name.encode() for name in LAB_HEADER_NAMES}
    return names | {name.encode() for name in SERVER_ADDED} | {b"content-length"} | lab


def _assert_nothing_injected(engine: Engine, pool: ServerPool, key: str, source: str) -> None:
    try:
        probe = Probe(parse(source), "GET")
    except ParseError:
        return
    request = ProbeRequest("GET", render_target(source))
    server = pool.get(key)
    reply = fetch(server.host, server.port, server.authorized(request), timeout=TIMEOUT)
    _assert_answered(reply, probe, key)
    extra = {name.lower() for name in reply.header_names()} - _allowed_names(engine, key, request)
    head = reply.raw.split(b"\r\n\r\n", 1)[0].lower()
    if key in INJECTING:
        # Recorded in the registry (lets_through): only the recorded names may get through.
        extra -= {name for entry in WIRE_DIVERGENCES for name in entry.injected}
    else:
        assert b"x-injected" not in head, reply.raw[:300]
    assert not extra, f"{key} sent headers the view did not set: {extra}\n{reply.describe()}"
    if not reply.complete:
        # Settle first: a server this return killed must not fail the next example too.
        pool.settle(key)
        broken = [WireDifference("reply", reply.detail)]
        assert not judge_wire(probe, key, broken).unexplained, reply.describe()
    _assert_alive(pool, key)


@pytest.mark.parametrize("key", WIRE_SERVERS)
def test_no_header_the_view_did_not_set(engine: Engine, server_pool: ServerPool, key: str) -> None:
    """CR, LF and NUL in every slot of a return never put a header the view did not set on
    the wire; each reply is well-formed or a recorded exception, and the server lives on."""

    @FUZZ
    @given(source=_slotted())
    def clean(source: str) -> None:
        _assert_nothing_injected(engine, server_pool, key, source)

    clean()


@pytest.mark.parametrize("key", WIRE_SERVERS)
def test_any_status_code(engine: Engine, server_pool: ServerPool, key: str) -> None:
    """Status 0, 1000, negative or anything else: a well-formed reply or a recorded
    exception, and the server lives on."""

    @FUZZ
    @given(source=_STATUS_SOURCES)
    def clean(source: str) -> None:
        _assert_nothing_injected(engine, server_pool, key, source)

    clean()
