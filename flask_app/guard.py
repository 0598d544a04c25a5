"""The lab's guard around the Flask app, as WSGI middleware: the Host check on every request,
the token on `/render`, and the lab's headers on `/render` answers, all outside Flask, so
what Flask hands its server for a view is unchanged (the engine calls `unguarded`)."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from typing import Any

from flask import Flask

from shared.routes.guard import LAB_HEADERS
from shared.routes.guard import Guard
from shared.routes.guard import guarded_path

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class GuardMiddleware:
    """Refuses what the guard refuses; adds the lab's headers to what `/render` answers."""

    def __init__(self, app: WsgiApp, guard: Guard) -> None:
        self.app = app
        self.guard = guard

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        """Answer a refused request here; hand any other on, the token taken out."""
        path = environ.get("PATH_INFO", "")
        refusal = self.guard.refusal(
            environ.get("HTTP_HOST"), path, environ.get("HTTP_AUTHORIZATION")
        )
        if refusal is not None:
            start_response(f"{refusal.status} {refusal.reason}", refusal.header_list())
            return [refusal.body()]
        if not guarded_path(path):
            return self.app(environ, start_response)
        # The token is the lab's, not the view's: the view sees the request a probe sends.
        environ.pop("HTTP_AUTHORIZATION", None)

        def with_lab_headers(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
            return start_response(status, [*headers, *LAB_HEADERS], *rest)

        return self.app(environ, with_lab_headers)


def guarded(app: Flask, guard: Guard) -> Flask:
    """The app with its WSGI callable wrapped in the guard."""
    app.wsgi_app = GuardMiddleware(app.wsgi_app, guard)  # type: ignore[method-assign]
    return app


def unguarded(app: Flask) -> WsgiApp:
    """The Flask WSGI callable inside the guard: what Flask alone hands a server."""
    inner: Any = app.wsgi_app
    return inner.app if isinstance(inner, GuardMiddleware) else inner
