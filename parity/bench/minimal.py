"""The references the project's apps are measured against on each server.

For every benched scenario, each of these answers the scenario's path with the same status,
headers and body as the project's app (tests/test_bench_minimal.py holds them to it):

- `create_flask` / `create_quart`: a minimal app, one plain route per benched scenario on the
  app itself (no blueprints, hooks, session secret or other routes) plus the health route;
- `bare_wsgi` / `bare_asgi`: a callable with no framework, replaying fixed bytes;
- `bare_wsgi_in_flask`: `bare_wsgi` behind a Flask shell, for `flask run`, which serves only
  Flask apps (the shell's `__call__` passes each request straight on).

Where the registry's `vary-cookie-always` holds (Quart 0.23 and later add `Vary: Cookie` to
every answer of an app with a secret key, as the project's has), the minimal Quart app gets a
secret key and the bare ASGI callable sends the header, so the bytes stay the project's.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import replace
from typing import Any

from flask import Flask
from flask import jsonify as flask_jsonify
from flask import make_response as flask_make_response
from quart import Quart
from quart import jsonify as quart_jsonify
from quart import make_response as quart_make_response

from parity.versions import holds
from shared.divergences import DIVERGENCES_BY_ID
from shared.routes.health import HEALTH_PATH
from shared.routes.health import NONCE_VARIABLE
from shared.routes.health import health_body
from shared.scenarios import SCENARIOS_BY_ID

BENCH_SCENARIOS = (
    "plain-string",
    "make-response-jsonify-201",
    "about-tuple-status-headers",
    "about-generator",
    "admin-api-anonymous",
)
"""The scenarios measured on the servers: text, JSON 201, a tuple with headers, a stream, and
the 401 JSON `admin_required` answers a visitor."""

PATHS = {scenario: SCENARIOS_BY_ID[scenario].url for scenario in BENCH_SCENARIOS}
ADMIN_ERROR = {"error": "Admin access is required"}
HTML = "text/html; charset=utf-8"
QUART_VARIES = holds(DIVERGENCES_BY_ID["vary-cookie-always"])
"""Whether the installed Quart adds `Vary: Cookie` to every answer of an app with a secret key."""


def _add_routes(app: Flask | Quart, views: tuple[Any, ...], health: Any) -> None:
    """One route per benched scenario, in BENCH_SCENARIOS order, and the health route."""
    for scenario, view in zip(BENCH_SCENARIOS, views, strict=True):
        app.add_url_rule(PATHS[scenario], scenario, view)
    app.add_url_rule(HEALTH_PATH, "health", health)


def create_flask() -> Flask:
    """A Flask app with one plain route per benched scenario and the health route."""
    app = Flask(__name__)
    app.config["NONCE"] = os.environ.get(NONCE_VARIABLE)

    def plain() -> str:
        return "ok"

    def created() -> Any:
        return flask_make_response(flask_jsonify({"id": 7, "name": "Ada"}), 201)

    def gone() -> tuple[str, int, list[tuple[str, str]]]:
        return "Gone away", 410, [("X-Reason", "moved")]

    def chunks() -> Iterator[str]:
        yield from ["a", "b", "c"]

    def stream() -> Iterator[str]:
        return chunks()

    def refused() -> tuple[Any, int]:
        return flask_jsonify(ADMIN_ERROR), 401

    def health() -> tuple[bytes, int, dict[str, str]]:
        status, body = health_body(app.config["NONCE"], "flask")
        return body, status, {"Content-Type": "text/plain"}

    _add_routes(app, (plain, created, gone, stream, refused), health)
    return app


def create_quart() -> Quart:
    """A Quart app with one plain route per benched scenario and the health route."""
    app = Quart(__name__)
    app.config["NONCE"] = os.environ.get(NONCE_VARIABLE)
    if QUART_VARIES:
        app.config["SECRET_KEY"] = "bench-minimal-not-secret"

    async def plain() -> str:
        return "ok"

    async def created() -> Any:
        return await quart_make_response(quart_jsonify({"id": 7, "name": "Ada"}), 201)

    async def gone() -> Any:
        return "Gone away", 410, [("X-Reason", "moved")]

    async def chunks() -> Any:
        for chunk in ["a", "b", "c"]:
            yield chunk

    async def stream() -> Any:
        return chunks()

    async def refused() -> tuple[Any, int]:
        return quart_jsonify(ADMIN_ERROR), 401

    async def health() -> tuple[bytes, int, dict[str, str]]:
        status, body = health_body(app.config["NONCE"], "quart")
        return body, status, {"Content-Type": "text/plain"}

    _add_routes(app, (plain, created, gone, stream, refused), health)
    return app


@dataclass(frozen=True)
class Canned:
    """A fixed answer: status code, headers in the order the framework sends them, chunks."""

    status: int
    headers: tuple[tuple[str, str], ...]
    chunks: tuple[bytes, ...]
    streamed: bool = False
    """Sent as several body messages (a stream), with no length."""


def _sized(content_type: str, body: bytes) -> tuple[tuple[str, str], ...]:
    return (("Content-Type", content_type), ("Content-Length", str(len(body))))


_CREATED = b'{"id":7,"name":"Ada"}\n'
_REFUSED = b'{"error":"Admin access is required"}\n'
_COMMON = {
    "plain-string": Canned(200, _sized(HTML, b"ok"), (b"ok",)),
    "make-response-jsonify-201": Canned(201, _sized("application/json", _CREATED), (_CREATED,)),
    "about-generator": Canned(200, (("Content-Type", HTML),), (b"a", b"b", b"c"), True),
    "admin-api-anonymous": Canned(401, _sized("application/json", _REFUSED), (_REFUSED,)),
}
WSGI_ANSWERS = {
    PATHS[scenario]: answer
    for scenario, answer in {
        **_COMMON,
        # Flask puts a tuple's own headers first.
        "about-tuple-status-headers": Canned(
            410, (("X-Reason", "moved"), *_sized(HTML, b"Gone away")), (b"Gone away",)
        ),
    }.items()
}
_VARY = (("Vary", "Cookie"),) if QUART_VARIES else ()
ASGI_ANSWERS = {
    PATHS[scenario]: replace(answer, headers=answer.headers + _VARY)
    for scenario, answer in {
        **_COMMON,
        "about-tuple-status-headers": Canned(
            410, (*_sized(HTML, b"Gone away"), ("X-Reason", "moved")), (b"Gone away",)
        ),
    }.items()
}
_NOT_FOUND = Canned(404, _sized("text/plain", b"not found\n"), (b"not found\n",))
_PHRASES = {200: "OK", 201: "CREATED", 401: "UNAUTHORIZED", 404: "NOT FOUND", 410: "GONE"}
"""Werkzeug's phrases, so that the WSGI status lines are Flask's."""


def _health(framework: str) -> Canned:
    status, body = health_body(os.environ.get(NONCE_VARIABLE), framework)
    return Canned(status, (("Content-Type", "text/plain"),), (body,))


def bare_wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """A WSGI callable with no framework: each benched path's fixed answer."""
    path = environ.get("PATH_INFO", "")
    answer = WSGI_ANSWERS.get(path) or (_health("flask") if path == HEALTH_PATH else _NOT_FOUND)
    start_response(f"{answer.status} {_PHRASES.get(answer.status, 'OK')}", list(answer.headers))
    return iter(answer.chunks) if answer.streamed else list(answer.chunks)


def bare_wsgi_in_flask() -> Flask:
    """`bare_wsgi` behind a Flask object, so that `flask run` serves it."""
    shell = Flask(__name__)
    shell.wsgi_app = bare_wsgi  # type: ignore[method-assign]
    return shell


Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


async def bare_asgi(scope: dict[str, Any], receive: Receive, send: Send) -> None:
    """An ASGI callable with no framework: each benched path's fixed answer."""
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    path = scope["path"]
    answer = ASGI_ANSWERS.get(path) or (_health("quart") if path == HEALTH_PATH else _NOT_FOUND)
    headers = [(name.lower().encode(), value.encode()) for name, value in answer.headers]
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    last = len(answer.chunks) - 1
    for index, chunk in enumerate(answer.chunks):
        await send({"type": "http.response.body", "body": chunk, "more_body": index < last})
