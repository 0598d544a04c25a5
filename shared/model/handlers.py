"""An app-level error handler that answers the view's `abort(...)`: registered for a status
code or a `werkzeug.exceptions` class, and returning a value as a view does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from typing import TypeAlias

from shared.model.bodies import Abort
from shared.model.bodies import Body
from shared.model.bodies import ReturnTuple

HANDLED_CODES: dict[str, int] = {
    "BadRequest": 400,
    "Unauthorized": 401,
    "Forbidden": 403,
    "NotFound": 404,
    "MethodNotAllowed": 405,
    "NotAcceptable": 406,
    "Conflict": 409,
    "Gone": 410,
    "ImATeapot": 418,
    "UnprocessableEntity": 422,
    "TooManyRequests": 429,
    "InternalServerError": 500,
    "NotImplemented": 501,
    "ServiceUnavailable": 503,
}
"""Each `werkzeug.exceptions` class a handler is registered for here, and the code it has;
`abort(code)` raises the class of its code (a test holds this to Werkzeug)."""

Handled: TypeAlias = Body | ReturnTuple
"""What a handler (or the view under it) returns: one return expression."""


@dataclass(frozen=True)
class ErrorHandled:
    """`@app.errorhandler(404)` (or `(NotFound)`, or `@bp.errorhandler`) over
    `def handle(error): return <handler>`,
    then the view's `return abort(...)`. The handler answers when what it is registered for
    is what the view raises; otherwise the framework's own error page does."""

    handles: int | str
    handler: Handled
    view: Abort
    registrar: Literal["app", "bp"] = "app"
    """Where the source registers it: `@app.errorhandler` or `@bp.errorhandler` on the view's
    blueprint. Every lab view is in a blueprint, so both answer the view's abort alike; the
    apps register one handler for both (a blueprint's handler differs only for errors its
    own views do not raise)."""

    def __post_init__(self) -> None:
        if isinstance(self.handles, str) and self.handles not in HANDLED_CODES:
            raise ValueError(f"a handler is registered for one of {', '.join(HANDLED_CODES)}")
        if isinstance(self.handles, int) and self.handles not in HANDLED_CODES.values():
            raise ValueError(f"a handler is registered for a code Werkzeug raises: {self.handles}")
        if self.view.number not in HANDLED_CODES.values():
            raise ValueError(f"the view aborts with a code Werkzeug raises: {self.view.number}")

    @property
    def code(self) -> int:
        """The status code the handler is registered for."""
        return self.handles if isinstance(self.handles, int) else HANDLED_CODES[self.handles]

    @property
    def answers(self) -> bool:
        """Whether the handler answers the view's abort."""
        return self.code == self.view.number

    @property
    def answer(self) -> Handled | Abort:
        """What the framework converts into the response: the handler's value, or the abort."""
        return self.handler if self.answers else self.view

    def to_source(self) -> str:
        """The handler, registered on the app, then the view's return."""
        handler = self.handler.to_source()
        return "\n".join(
            [
                f"@{self.registrar}.errorhandler({self.handles})",
                "def handle(error):",
                f"    return {handler}",
                f"return {self.view.to_source()}",
            ]
        )
