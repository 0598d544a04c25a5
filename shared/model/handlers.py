"""An app-level error handler that answers the view's `abort(...)` or `raise`: registered for a
status code, a `werkzeug.exceptions` class, a built-in exception or a class the view body
defines, and returning a value as a view does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from typing import TypeAlias

from shared.model.bodies import Abort
from shared.model.bodies import Body
from shared.model.bodies import Jsonify
from shared.model.bodies import ReturnTuple
from shared.model.bodies import Text

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

BUILTIN_ERRORS: tuple[str, ...] = (
    "Exception",
    "ArithmeticError",
    "KeyError",
    "LookupError",
    "RuntimeError",
    "TypeError",
    "ValueError",
    "ZeroDivisionError",
)
"""The built-in exception classes a handler is registered for, a view raises, or a class the
view body defines derives from."""

_MAX_MESSAGE = 1000
"""The longest message a raised exception carries."""

Handled: TypeAlias = Body | ReturnTuple
"""What a handler (or the view under it) returns: one return expression."""


@dataclass(frozen=True)
class ErrorText:
    """`str(error)`, alone or as `jsonify(str(error))`: the text of the error the handler is
    given (its message; Werkzeug's code, name and description for an HTTP error)."""

    jsonified: bool = False

    def to_source(self) -> str:
        """The expression, over the handler's argument `error`."""
        return "jsonify(str(error))" if self.jsonified else "str(error)"

    @property
    def stand_in(self) -> Text | Jsonify:
        """A value of the same shape for questions about the shape (a str body, or `jsonify`
        of a str), not about the text."""
        return Jsonify(("error",)) if self.jsonified else Text("error")


@dataclass(frozen=True)
class ErrorClass:
    """`class MyError(Exception): pass`: an exception class the view body defines, derived from
    a built-in exception or a `werkzeug.exceptions` class, with nothing in its body."""

    name: str
    base: str

    def __post_init__(self) -> None:
        if not self.name.isidentifier() or not self.name.isascii():
            raise ValueError(f"a class name is a plain identifier, not {self.name!r}")
        if self.name in BUILTIN_ERRORS or self.name in HANDLED_CODES:
            raise ValueError(f"the class the view defines needs a name of its own: {self.name}")
        if self.base not in BUILTIN_ERRORS and self.base not in HANDLED_CODES:
            raise ValueError(
                "the class derives from one of "
                f"{', '.join((*BUILTIN_ERRORS, *HANDLED_CODES))}, not {self.base}"
            )

    def to_source(self) -> str:
        """The two-line class statement."""
        return f"class {self.name}({self.base}):\n    pass"


@dataclass(frozen=True)
class Raise:
    """`raise MyError()` or `raise ValueError('why')`: the view raises instead of returning, a
    built-in exception, a `werkzeug.exceptions` class or the class the view body defines."""

    name: str
    message: str | None = None

    def __post_init__(self) -> None:
        if self.message is not None and len(self.message) > _MAX_MESSAGE:
            raise ValueError(f"a raised message is at most {_MAX_MESSAGE} characters")

    def to_source(self) -> str:
        """The statement."""
        if self.message is None:
            return f"raise {self.name}()"
        return f"raise {self.name}({self.message!r})"


@dataclass(frozen=True)
class ErrorHandled:
    """`@app.errorhandler(404)` (or `(NotFound)`, or `@bp.errorhandler`) over
    `def handle(error): return <handler>`,
    then the view's `return abort(...)`. The handler answers when what it is registered for
    is what the view raises; otherwise the framework's own error page does."""

    handles: int | str
    handler: Handled | ErrorText
    view: Abort | Raise
    registrar: Literal["app", "bp"] = "app"
    """Where the source registers it: `@app.errorhandler` or `@bp.errorhandler` on the view's
    blueprint. Every lab view is in a blueprint, so both answer the view's abort alike; the
    apps register one handler for both (a blueprint's handler differs only for errors its
    own views do not raise)."""
    defines: ErrorClass | None = None
    """The exception class the view body defines before the handler, if any."""

    def __post_init__(self) -> None:
        known = self.class_names
        if isinstance(self.handles, str) and self.handles not in known:
            raise ValueError(f"a handler is registered for one of {', '.join(known)}")
        if isinstance(self.handles, int) and self.handles not in HANDLED_CODES.values():
            raise ValueError(f"a handler is registered for a code Werkzeug raises: {self.handles}")
        if isinstance(self.view, Abort) and self.view.number not in HANDLED_CODES.values():
            raise ValueError(f"the view aborts with a code Werkzeug raises: {self.view.number}")
        if isinstance(self.view, Raise) and self.view.name not in known:
            raise ValueError(f"the view raises one of {', '.join(known)}")
        defined = self.defines
        if defined is not None and defined.name not in (self.handles, self.view_raises):
            raise ValueError(f"the class {defined.name} is defined to be raised or handled")

    @property
    def class_names(self) -> tuple[str, ...]:
        """The exception classes the source may name: Werkzeug's, the built-in ones, and the
        one the view body defines."""
        own = () if self.defines is None else (self.defines.name,)
        return (*HANDLED_CODES, *BUILTIN_ERRORS, *own)

    @property
    def view_raises(self) -> str | None:
        """The class the view raises by name, or None for an `abort(...)`."""
        return self.view.name if isinstance(self.view, Raise) else None

    def code_of(self, name: str) -> int | None:
        """The status code of a class the source names, by what it derives from."""
        if self.defines is not None and name == self.defines.name:
            name = self.defines.base
        return HANDLED_CODES.get(name)

    def ancestry(self, name: str) -> tuple[str, ...]:
        """The classes an instance of the named one is an instance of, by name, as far as the
        handlers of the grammar tell them apart: itself, the class a defined one derives from,
        a built-in parent, and `Exception` (every `werkzeug.exceptions` class here derives from
        HTTPException, which no handler of the grammar names)."""
        chain = [name]
        if self.defines is not None and name == self.defines.name:
            chain.append(self.defines.base)
        chain.extend(_BUILTIN_PARENTS.get(chain[-1], ()))
        return (*chain, "Exception")

    @property
    def registered(self) -> str:
        """The class the handler is registered for, by name (a code names its class)."""
        return self.handles if isinstance(self.handles, str) else _CODE_NAMES[self.handles]

    @property
    def raised(self) -> str:
        """The class of what the view raises, by name (`abort(code)` raises its code's)."""
        return self.view.name if isinstance(self.view, Raise) else _CODE_NAMES[self.view.number]

    @property
    def answers(self) -> bool:
        """Whether the handler answers what the view raises: the raised exception is an
        instance of the class it is registered for, or has no code and the handler is for 500
        (each framework answers such an exception with an `InternalServerError`, which the
        handler for 500 answers in turn)."""
        raised = self.raised
        if self.registered in self.ancestry(raised):
            return True
        return self.code_of(raised) is None and self.registered == "InternalServerError"

    @property
    def answer(self) -> Handled | Abort:
        """What the framework converts into the response, as the grammar's value: the
        handler's (`str(error)` as a str of the same shape, its text known only at run time),
        or what the view raises as the abort of its code (500 for an exception with none)."""
        if self.answers:
            handler = self.handler
            return handler.stand_in if isinstance(handler, ErrorText) else handler
        if isinstance(self.view, Abort):
            return self.view
        code = self.code_of(self.view.name)
        if code is None:
            return Abort(500)
        return Abort(code, self.view.message)

    def to_source(self) -> str:
        """The class the view defines, the handler registered on the app, then the view's
        return or raise."""
        handler = self.handler.to_source()
        last = (
            self.view.to_source()
            if isinstance(self.view, Raise)
            else "return " + (self.view.to_source())
        )
        defined = [] if self.defines is None else [self.defines.to_source()]
        return "\n".join(
            [
                *defined,
                f"@{self.registrar}.errorhandler({self.handles})",
                "def handle(error):",
                f"    return {handler}",
                last,
            ]
        )


_CODE_NAMES: dict[int, str] = {code: name for name, code in HANDLED_CODES.items()}

_BUILTIN_PARENTS: dict[str, tuple[str, ...]] = {
    "KeyError": ("LookupError",),
    "ZeroDivisionError": ("ArithmeticError",),
}
"""The built-in exceptions of BUILTIN_ERRORS whose bases are also in it (before Exception)."""
