"""The lab's guard around the Quart app, as ASGI middleware: the Host check on every request,
the token on `/render`, and the lab's headers on `/render` answers, all outside Quart, so
what Quart hands its server for a view is unchanged (the engine calls `unguarded`)."""

from __future__ import annotations

from collections.abc import Awaitable
from collections.abc import Callable
from typing import Any

from quart import Quart

from shared.routes.guard import LAB_HEADERS
from shared.routes.guard import Guard
from shared.routes.guard import guarded_path

AsgiApp = Callable[[dict[str, Any], Any, Any], Awaitable[None]]
_LAB = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in LAB_HEADERS]


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str | None:
    """The value of a request header sent once; None when absent or sent more than once."""
    found = [value for key, value in headers if key.lower() == name]
    return found[0].decode("latin-1") if len(found) == 1 else None


class GuardMiddleware:
    """Refuses what the guard refuses; adds the lab's headers to what `/render` answers."""

    def __init__(self, app: AsgiApp, guard: Guard) -> None:
        self.app = app
        self.guard = guard

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """Answer a refused request here; hand any other on, the token taken out."""
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = list(scope.get("headers", ()))
        path = scope.get("path", "")
        refusal = self.guard.refusal(
            _header(headers, b"host"), path, _header(headers, b"authorization")
        )
        if refusal is not None:
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            pairs = [(n.lower().encode(), v.encode()) for n, v in refusal.header_list()]
            await send({"type": "http.response.start", "status": refusal.status, "headers": pairs})
            await send({"type": "http.response.body", "body": refusal.body()})
            return
        if not guarded_path(path):
            await self.app(scope, receive, send)
            return
        # The token is the lab's, not the view's: the view sees the request a probe sends.
        kept = [(key, value) for key, value in headers if key.lower() != b"authorization"]

        async def with_lab_headers(message: dict[str, Any]) -> None:
            if message.get("type") == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), *_LAB]}
            await send(message)

        await self.app({**scope, "headers": kept}, receive, with_lab_headers)


def guarded(app: Quart, guard: Guard) -> Quart:
    """The app with its ASGI callable wrapped in the guard."""
    inner: Any = app.asgi_app
    wrapped: Any = GuardMiddleware(inner, guard)
    app.asgi_app = wrapped  # type: ignore[method-assign]
    return app


def unguarded(app: Quart) -> AsgiApp:
    """The Quart ASGI callable inside the guard: what Quart alone hands a server."""
    inner: Any = app.asgi_app
    return inner.app if isinstance(inner, GuardMiddleware) else inner
