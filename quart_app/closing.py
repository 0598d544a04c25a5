"""Close every file a view opened when the request's response is over.

Quart closes the files it opens itself (`send_file` with a path opens it when the body is first
read and closes it after the last chunk), but not a file object a view hands it: it iterates
`Response(open(...))` and never closes it, and `send_file(open(...))` raises before using it.
A view notes each file it opens in the request's ASGI scope; the middleware closes them once
the app's ASGI call has returned, which it does after the last body message, after a client
hung up, and after an error. Nothing outlives the request.
"""

from __future__ import annotations

from collections.abc import Awaitable
from collections.abc import Callable
from contextlib import ExitStack
from typing import IO
from typing import Any
from typing import cast

from hypercorn.typing import ASGIReceiveCallable
from hypercorn.typing import ASGISendCallable
from hypercorn.typing import Scope
from quart import request

from shared.model import OPENED_FILES

AsgiApp = Callable[[Scope, ASGIReceiveCallable, ASGISendCallable], Awaitable[None]]


def _noted(scope: Scope) -> list[IO[bytes]]:
    # The scope is a plain dict at run time; its typed keys do not include ours.
    return cast("dict[str, Any]", scope).setdefault(OPENED_FILES, [])  # type: ignore[no-any-return]


def opened(file: IO[bytes]) -> IO[bytes]:
    """Note a file for closing when the request's response is over."""
    _noted(request.scope).append(file)
    return file


def close_all(files: list[IO[bytes]]) -> None:
    """Close each file (closing twice is harmless), every one even if one fails."""
    with ExitStack() as stack:
        for file in files:
            stack.callback(file.close)
        files.clear()


class ClosesOpenedFiles:
    """ASGI middleware: the files a request's view opened close when its call returns."""

    def __init__(self, app: AsgiApp) -> None:
        self.app = app

    async def __call__(
        self, scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable
    ) -> None:
        """Call the app, then close what its view opened, however the call ended."""
        try:
            await self.app(scope, receive, send)
        finally:
            close_all(_noted(scope))
