"""The lab's guard against what a page on another site, or a rebinding DNS name, can send
without a browser in the way: `/render` without its token, a foreign Host on every route, a
CORS grant anyone could use, a cross-site text/plain form POST. Each must build nothing, set
nothing and grant nothing, on the default pair and on every server the wire session runs
(`PARITY_WIRE_SERVERS=all`). A server told nothing fails closed."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from typing import TypeVar
from typing import cast

import pytest

import flask_app
import quart_app
from parity.asgi import call_asgi
from parity.engine import Engine
from parity.request import ProbeRequest
from parity.servers import RunningServer
from parity.servers import ServerPool
from parity.wire.reader import WireReply
from parity.wire.reader import fetch
from parity.wire.reader import fetch_raw
from parity.wsgi import call_wsgi
from shared.frameworks import Framework
from shared.outcome import Outcome
from shared.routes.explorer import CONFIG_PATH
from shared.routes.explorer import EXPLORER_PATH
from shared.routes.explorer import FRAME_PATH
from shared.routes.guard import GUARD_VARIABLES
from shared.routes.guard import LAB_HEADERS
from shared.routes.guard import PORT_VARIABLE
from shared.routes.guard import TOKEN_VARIABLE
from shared.routes.guard import Guard
from shared.routes.guard import bearer
from shared.routes.guard import token_matches
from shared.routes.health import HEALTH_PATH
from shared.routes.render import RENDER_METHODS
from shared.routes.render import render_target
from tests.conftest import WIRE_SERVERS

PLANTING = "resp = make_response('pwned')\nresp.set_cookie('planted', 'yes')\nreturn resp"
"""A return that would set a cookie for every app on 127.0.0.1 if it were built."""
ECHO_TOKEN = (
    "@stream_with_context\n{}def generate():\n"
    "    yield request.headers.get('Authorization', '')\nreturn generate()"
)
"""A view echoing Authorization, in each framework's spelling (`async def` for Quart)."""
ROUTES = (
    "/",
    render_target("'ok'"),
    "/scenarios/plain-string",
    HEALTH_PATH,
    EXPLORER_PATH,
    FRAME_PATH,
    CONFIG_PATH,
    "/_parity/js/harness.js",
    "/nowhere",
)
"""One path of each kind the apps serve, and one they do not."""
FRAMEWORKS = list(Framework)
FRAMEWORK_IDS = [f.value for f in FRAMEWORKS]
Test = TypeVar("Test", bound=Callable[..., None])


def on_servers(test: Test) -> Test:
    """Mark a test as needing real servers of both frameworks."""
    return cast(Test, pytest.mark.servers(pytest.mark.flask(pytest.mark.quart(test))))


def _raw(server: RunningServer, method: str, path: str, headers: list[tuple[str, str]]) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", *(f"{k}: {v}" for k, v in headers), "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _send(
    server: RunningServer,
    method: str,
    path: str,
    headers: list[tuple[str, str]],
    body: bytes = b"",
) -> WireReply:
    """The reply to a request whose every header (Host included) is the caller's."""
    if body:
        headers = [*headers, ("Content-Length", str(len(body)))]
    data = _raw(server, method, path, headers) + body
    return fetch_raw(server.host, server.port, data, method=method, timeout=10.0)


def _own_host(server: RunningServer) -> tuple[str, str]:
    return ("Host", f"{server.host}:{server.port}")


def _assert_refused(reply: WireReply, status: int, error: str, method: str = "GET") -> None:
    assert reply.complete, reply.describe()
    assert reply.status == status, reply.describe()
    assert reply.header_values(b"set-cookie") == (), reply.describe()
    assert reply.header_values(b"content-type") == (b"application/json",)
    if method != "HEAD":
        assert json.loads(reply.body)["error"] == error
        assert b"pwned" not in reply.body


# -- the rules, pure -------------------------------------------------------------------------


def test_token_compare_needs_the_bearer_scheme_and_the_exact_token() -> None:
    """Only `Bearer <token>` with the exact token passes; no prefix, suffix or other scheme."""
    assert token_matches("Bearer s3cret-token", "s3cret-token")
    for given in (None, "", "s3cret-token", "Basic s3cret-token", "Bearer s3cret", "Bearer x"):
        assert not token_matches(given, "s3cret-token"), given
    assert not token_matches("Bearer s3cret-token-and-more", "s3cret-token")


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("127.0.0.1:5000", True),
        ("LOCALHOST:5000", True),
        ("[::1]:5000", True),
        ("127.0.0.1:5001", False),
        ("127.0.0.1", False),
        ("evil.example:5000", False),
        ("127.0.0.1.evil.example:5000", False),
        ("localhost.:5000", False),
        (None, False),
    ],
)
def test_host_allow_list_names_only_the_loopback_address_and_port(
    host: str | None, allowed: bool
) -> None:
    """With its port known, a server answers its loopback names at that port only."""
    assert Guard("t", 5000).host_allowed(host) is allowed


def test_a_server_told_no_port_answers_loopback_names_and_closes_render() -> None:
    """Without PORT_VARIABLE: loopback names at any port are answered, others refused, and
    /render is refused even with the right token."""
    guard = Guard.from_environment({TOKEN_VARIABLE: "t" * 20})
    assert guard.port is None
    assert guard.host_allowed("localhost:8080")
    assert guard.host_allowed("127.0.0.1")
    assert not guard.host_allowed("evil.example:8080")
    refused = guard.refusal("localhost:8080", "/render", "Bearer " + "t" * 20)
    assert refused is not None
    assert (refused.status, refused.error) == (401, "no-token-configured")
    assert guard.refusal("localhost:8080", "/", None) is None


@pytest.mark.parametrize("path", ["/render", "//render", "/render/", "/render//"])
def test_every_spelling_of_render_needs_the_token(path: str) -> None:
    """Doubled or trailing slashes reach /render's rule too."""
    refused = Guard("t" * 20, 5000).refusal("127.0.0.1:5000", path, None)
    assert refused is not None
    assert refused.status == 401


# -- a factory started with nothing (`flask --app flask_app run`) ------------------------------


@pytest.fixture(name="bare_environment")
def _bare_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No guard setting in the environment, as under a plain `flask run`."""
    for name in GUARD_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def _flask_outcome(request: ProbeRequest) -> Outcome:
    return call_wsgi(flask_app.create_app().wsgi_app, request)


async def _quart_outcome(request: ProbeRequest) -> Outcome:
    app: Any = quart_app.create_app()
    return await call_asgi(app, request)


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.usefixtures("bare_environment")
async def test_factories_told_nothing_refuse_render_and_say_how_to_open_it() -> None:
    """Both factories with no token and no port refuse /render with a 401 that names the
    variables to set, and still answer their index on a loopback name."""
    request = ProbeRequest("GET", render_target(PLANTING))
    for outcome in (_flask_outcome(request), await _quart_outcome(request)):
        assert outcome.status == 401
        document = json.loads(outcome.body)
        assert document["error"] == "no-token-configured"
        assert TOKEN_VARIABLE in document["detail"]
        assert PORT_VARIABLE in document["detail"]
        assert outcome.header("set-cookie") is None
    assert _flask_outcome(ProbeRequest("GET", "/")).status == 200
    assert (await _quart_outcome(ProbeRequest("GET", "/"))).status == 200
    foreign = ProbeRequest("GET", "/", (("Host", "evil.example"),))
    assert _flask_outcome(foreign).status == 421


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize("framework", FRAMEWORKS, ids=FRAMEWORK_IDS)
def test_the_engine_sees_what_the_framework_hands_over(
    engine: Engine, framework: Framework
) -> None:
    """The app-boundary engine drives the framework inside the guard: /render builds without a
    token and its outcome carries none of the lab's headers, so `parity compare` never
    reports them."""
    outcome = engine.run(framework, ProbeRequest("GET", render_target("'ok', 201")))
    assert outcome.status == 201
    assert not {name.lower() for name, _ in LAB_HEADERS} & {name for name, _ in outcome.headers}


# -- the default pair, and every server of the wire session ----------------------------------


@on_servers
@pytest.mark.parametrize("key", WIRE_SERVERS)
@pytest.mark.parametrize("method", RENDER_METHODS)
@pytest.mark.parametrize("authorization", [None, "Bearer wrong", "Basic eDp5"], ids=str)
def test_render_without_the_token_builds_nothing(
    server_pool: ServerPool, key: str, method: str, authorization: str | None
) -> None:
    """/render with no token, a wrong one or another scheme: 401 JSON with the lab's headers,
    no cookie set, nothing of the view's body, for every method."""
    server = server_pool.get(key)
    headers = [_own_host(server)]
    if authorization is not None:
        headers.append(("Authorization", authorization))
    reply = _send(server, method, render_target(PLANTING), headers)
    _assert_refused(reply, 401, "bad-token", method)
    for name, value in LAB_HEADERS:
        assert reply.header_values(name.encode()) == (value.encode(),)


@on_servers
@pytest.mark.parametrize("key", WIRE_SERVERS)
@pytest.mark.parametrize("path", ROUTES)
@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1:{other}", "localhost"])
def test_a_foreign_host_is_refused_on_every_route(
    server_pool: ServerPool, key: str, path: str, host: str
) -> None:
    """A Host naming another name (DNS rebinding) or another port gets 421 JSON on every
    route, /render included even with the right token."""
    server = server_pool.get(key)
    named = host.format(port=server.port, other=server.port + 1)
    reply = _send(server, "GET", path, [("Host", named), bearer(server.token)])
    _assert_refused(reply, 421, "foreign-host")


@on_servers
@pytest.mark.parametrize("key", WIRE_SERVERS)
def test_a_text_plain_form_post_is_refused(server_pool: ServerPool, key: str) -> None:
    """What a cross-site `<form enctype=text/plain>` can send (a JSON-looking body, an Origin,
    no Authorization) builds nothing."""
    server = server_pool.get(key)
    body = b'{"expression": "' + PLANTING.replace("\n", "\\n").encode() + b'", "x": "="}\r\n'
    headers = [
        _own_host(server),
        ("Content-Type", "text/plain"),
        ("Origin", "http://evil.example"),
    ]
    _assert_refused(_send(server, "POST", "/render", headers, body), 401, "bad-token", "POST")


@on_servers
@pytest.mark.parametrize("key", WIRE_SERVERS)
def test_the_token_is_the_labs_and_never_reaches_the_view(
    server_pool: ServerPool, key: str
) -> None:
    """With the token, /render builds the value with the lab's headers after the view's, and
    a view echoing Authorization sees nothing of it."""
    server = server_pool.get(key)
    echo = ECHO_TOKEN.format("async " if key.startswith("quart/") else "")
    request = server.authorized(ProbeRequest("GET", render_target(echo)))
    reply = fetch(server.host, server.port, request)
    assert reply.complete, reply.describe()
    assert reply.status == 200
    assert server.token.encode() not in reply.body
    for name, value in LAB_HEADERS:
        assert reply.header_values(name.encode())[-1:] == (value.encode(),)


@on_servers
@pytest.mark.parametrize("framework", FRAMEWORKS, ids=FRAMEWORK_IDS)
@pytest.mark.parametrize("path", ROUTES)
def test_no_cors_grant_to_any_origin(
    default_servers: dict[Framework, RunningServer],
    framework: Framework,
    path: str,
) -> None:
    """No answer, to a simple request or a preflight, from the other server's origin or a
    third one, carries an Access-Control-* header, even with the right token."""
    server = default_servers[framework]
    other = default_servers[Framework.QUART if framework is Framework.FLASK else Framework.FLASK]
    for origin in (other.url, "http://evil.example"):
        simple = [_own_host(server), ("Origin", origin), bearer(server.token)]
        preflight = [
            _own_host(server),
            ("Origin", origin),
            ("Access-Control-Request-Method", "PUT"),
            ("Access-Control-Request-Headers", "authorization"),
        ]
        for method, headers in (("GET", simple), ("OPTIONS", preflight)):
            reply = _send(server, method, path, headers)
            assert reply.complete, reply.describe()
            granted = [n for n in reply.header_names() if n.startswith(b"access-control-")]
            assert granted == [], f"{method} {path} from {origin}: {reply.describe()}"
