"""Close every file a view opened when the server closes the request's response.

PEP 3333's close hook is the one a WSGI server always calls, whatever became of the response:
sent whole, cut off by a client that hung up, or replaced by an error page because a tuple step
or the server refused it. A view notes each file it opens (and each response over a file
Werkzeug opened) in the request's environ; the middleware wraps the app's iterable so that its
`close()` closes them all. Nothing outlives the request.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from contextlib import ExitStack
from functools import partial
from typing import IO
from typing import Any
from typing import TypeVar

from flask import Response
from flask import request
from werkzeug.wsgi import ClosingIterator

from shared.model import OPENED_FILES

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
Closable = TypeVar("Closable", IO[bytes], Response)


def opened(thing: Closable) -> Closable:
    """Note a file (or a response over one) for closing with the request's response."""
    request.environ.setdefault(OPENED_FILES, []).append(thing)
    return thing


def close_all(things: list[Any]) -> None:
    """Close each thing (closing twice is harmless), every one even if one fails."""
    with ExitStack() as stack:
        for thing in things:
            stack.callback(thing.close)
        things.clear()


class ClosesOpenedFiles:
    """WSGI middleware: the files a request's view opened close with its response."""

    def __init__(self, app: WsgiApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        """Call the app; wrap its iterable when the view opened anything."""
        try:
            result = self.app(environ, start_response)
        except BaseException:
            # The server refused what start_response was handed: no iterable will be closed.
            close_all(environ.get(OPENED_FILES, []))
            raise
        things = environ.get(OPENED_FILES)
        if not things:
            return result
        # A wrapped file wrapper is no longer the server's own, so Gunicorn writes it chunk by
        # chunk instead of with sendfile(): the same bytes, as the wire suite checks.
        return ClosingIterator(result, partial(close_all, things))
