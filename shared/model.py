"""What a view can return, as plain frozen data that renders to the source a person writes.

Every value knows its own Python source (`to_source()`); `shared.parse` reads that source
back. Nothing here imports a web framework or does I/O: each app turns these records into
real objects with its own helpers.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from http import HTTPStatus
from typing import Literal
from typing import TypeAlias

# --- literals ------------------------------------------------------------------------------


def literal(value: object) -> str:
    """The Python literal for a leaf value; infinities are written `1e999` and `-1e999`, the
    literals that evaluate to them, so that every source renders back to what was read."""
    if isinstance(value, float) and math.isinf(value):
        return "1e999" if value > 0 else "-1e999"
    return repr(value)


# --- JSON payloads -------------------------------------------------------------------------


@dataclass(frozen=True)
class JsonArray:
    """A JSON array written as a Python list literal."""

    items: tuple[JsonValue, ...] = ()

    def to_source(self) -> str:
        """The list literal."""
        return "[" + ", ".join(json_source(item) for item in self.items) + "]"

    def to_python(self) -> list[object]:
        """The plain Python list this literal evaluates to."""
        return [json_python(item) for item in self.items]


@dataclass(frozen=True)
class JsonObject:
    """A JSON object written as a Python dict literal (keys unique, order kept)."""

    items: tuple[tuple[str, JsonValue], ...] = ()

    def __post_init__(self) -> None:
        keys = [key for key, _ in self.items]
        if len(set(keys)) != len(keys):
            raise ValueError(f"duplicate keys in dict literal: {keys!r}")

    def to_source(self) -> str:
        """The dict literal."""
        return "{" + ", ".join(f"{key!r}: {json_source(v)}" for key, v in self.items) + "}"

    def to_python(self) -> dict[str, object]:
        """The plain Python dict this literal evaluates to."""
        return {key: json_python(value) for key, value in self.items}


JsonValue: TypeAlias = None | bool | int | float | str | JsonArray | JsonObject


def json_source(value: JsonValue) -> str:
    """Python source for one JSON value."""
    if isinstance(value, JsonArray | JsonObject):
        return value.to_source()
    return literal(value)


def json_python(value: JsonValue) -> object:
    """The plain Python value (dict, list, scalar) a JSON value stands for."""
    if isinstance(value, JsonArray | JsonObject):
        return value.to_python()
    return value


# --- status --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """A status as written in a tuple or a `status=` argument: int, str, bytes, float or None."""

    value: int | str | bytes | float | None

    def to_source(self) -> str:
        """The literal."""
        return literal(self.value)

    def to_python(self) -> int | str | bytes | float | None:
        """The value a view passes on."""
        return self.value


@dataclass(frozen=True)
class StatusMember:
    """A member of `http.HTTPStatus`, written `HTTPStatus.NAME`."""

    name: str

    def to_source(self) -> str:
        """The attribute access."""
        return f"HTTPStatus.{self.name}"

    def to_python(self) -> HTTPStatus:
        """The enum member."""
        return HTTPStatus[self.name]


StatusValue: TypeAlias = Status | StatusMember

# --- headers -------------------------------------------------------------------------------


class HeadersForm(enum.Enum):
    """The container a person puts headers in."""

    DICT = "dict"
    LIST = "list"
    TUPLE = "tuple"
    HEADERS = "Headers"


HeaderScalar: TypeAlias = str | int | float | bool | bytes | None
HeaderItemValue: TypeAlias = HeaderScalar | tuple[str, ...]
"""A header value; a tuple stands for a list literal such as `['a', 'b']`."""

PlainHeaders: TypeAlias = (
    dict[str, HeaderScalar | list[str]]
    | list[tuple[str, HeaderScalar | list[str]]]
    | tuple[tuple[str, HeaderScalar | list[str]], ...]
)


def _header_value_python(value: HeaderItemValue) -> HeaderScalar | list[str]:
    return list(value) if isinstance(value, tuple) else value


def _header_value_source(value: HeaderItemValue) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(repr(part) for part in value) + "]"
    return literal(value)


@dataclass(frozen=True)
class HeadersValue:
    """Headers in one of the forms views use: dict, list or tuple of pairs, or `Headers([...])`."""

    form: HeadersForm
    items: tuple[tuple[str, HeaderItemValue], ...] = ()

    def __post_init__(self) -> None:
        if self.form is HeadersForm.DICT:
            names = [name for name, _ in self.items]
            if len(set(names)) != len(names):
                raise ValueError(f"duplicate keys in dict literal: {names!r}")

    def to_source(self) -> str:
        """The container literal, or the `Headers(...)` call."""
        if self.form is HeadersForm.DICT:
            inner = ", ".join(f"{n!r}: {_header_value_source(v)}" for n, v in self.items)
            return "{" + inner + "}"
        pairs = [f"({n!r}, {_header_value_source(v)})" for n, v in self.items]
        if self.form is HeadersForm.TUPLE:
            if len(pairs) == 1:
                return f"({pairs[0]},)"
            return "(" + ", ".join(pairs) + ")"
        listed = "[" + ", ".join(pairs) + "]"
        return f"Headers({listed})" if self.form is HeadersForm.HEADERS else listed

    def to_python(self) -> PlainHeaders:
        """The dict, list or tuple a view passes on; for `Headers(...)`, the list it wraps."""
        if self.form is HeadersForm.DICT:
            return {name: _header_value_python(value) for name, value in self.items}
        pairs = [(name, _header_value_python(value)) for name, value in self.items]
        return tuple(pairs) if self.form is HeadersForm.TUPLE else pairs


# --- bodies --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A `str` body."""

    value: str

    def to_source(self) -> str:
        """The string literal."""
        return repr(self.value)


@dataclass(frozen=True)
class Bytes:
    """A `bytes` body."""

    value: bytes

    def to_source(self) -> str:
        """The bytes literal."""
        return repr(self.value)


@dataclass(frozen=True)
class ByteArray:
    """A `bytearray` body, written `bytearray(b'...')`."""

    value: bytes

    def to_source(self) -> str:
        """The bytearray call."""
        return f"bytearray({self.value!r})"


@dataclass(frozen=True)
class JsonBody:
    """A dict or list returned as it is, for the framework to serialize."""

    value: JsonObject | JsonArray

    def to_source(self) -> str:
        """The literal."""
        return self.value.to_source()


@dataclass(frozen=True)
class NoneBody:
    """`None`: what a view that forgets to return gives."""

    def to_source(self) -> str:
        """The literal."""
        return "None"


@dataclass(frozen=True)
class Scalar:
    """A number or a bool returned as the body, which no framework accepts."""

    value: int | float | bool

    def to_source(self) -> str:
        """The literal."""
        return literal(self.value)


@dataclass(frozen=True)
class Jsonify:
    """`jsonify(...)` with positional values or keyword arguments."""

    args: tuple[JsonValue, ...] = ()
    kwargs: tuple[tuple[str, JsonValue], ...] = ()

    def to_source(self) -> str:
        """The call."""
        parts = [json_source(arg) for arg in self.args]
        parts += [f"{key}={json_source(value)}" for key, value in self.kwargs]
        return f"jsonify({', '.join(parts)})"


@dataclass(frozen=True)
class JsonDumps:
    """`json.dumps(value)`: JSON text that the framework sees as a plain string."""

    value: JsonValue

    def to_source(self) -> str:
        """The call."""
        return f"json.dumps({json_source(self.value)})"


class ChunksKind(enum.Enum):
    """How a streamed body is produced."""

    GENERATOR = "generator"
    ITERATOR = "iterator"
    ASYNC_GENERATOR = "async generator"


@dataclass(frozen=True)
class Chunks:
    """A streamed body: a generator expression, `iter([...])`, or an async generator expression.

    The async form is written `(await asyncio.sleep(0, chunk) for chunk in [...])`: inside an
    `async def` view that expression is an async generator that yields each chunk.
    """

    kind: ChunksKind
    chunks: tuple[str | bytes, ...] = ()

    def to_source(self) -> str:
        """The expression that makes the stream."""
        listed = "[" + ", ".join(repr(chunk) for chunk in self.chunks) + "]"
        if self.kind is ChunksKind.ITERATOR:
            return f"iter({listed})"
        if self.kind is ChunksKind.GENERATOR:
            return f"(chunk for chunk in {listed})"
        return f"(await asyncio.sleep(0, chunk) for chunk in {listed})"


@dataclass(frozen=True)
class WsgiApp:
    """A WSGI callable written as a lambda that starts the response and returns its chunks."""

    status: str
    headers: tuple[tuple[str, str], ...] = ()
    chunks: tuple[bytes, ...] = ()

    def to_source(self) -> str:
        """The lambda."""
        pairs = "[" + ", ".join(f"({n!r}, {v!r})" for n, v in self.headers) + "]"
        listed = "[" + ", ".join(repr(chunk) for chunk in self.chunks) + "]"
        return (
            f"lambda environ, start_response: "
            f"(start_response({self.status!r}, {pairs}), {listed})[1]"
        )


ResponseContent: TypeAlias = Text | Bytes | ByteArray | JsonDumps | Chunks | NoneBody


@dataclass(frozen=True)
class ResponseCall:
    """`Response(body, status=..., headers=..., mimetype=..., content_type=...)`."""

    body: ResponseContent = NoneBody()
    status: StatusValue | None = None
    headers: HeadersValue | None = None
    mimetype: str | None = None
    content_type: str | None = None

    def to_source(self) -> str:
        """The constructor call; `None` arguments are left out."""
        parts = [] if isinstance(self.body, NoneBody) else [self.body.to_source()]
        if self.status is not None:
            parts.append(f"status={self.status.to_source()}")
        if self.headers is not None:
            parts.append(f"headers={self.headers.to_source()}")
        if self.mimetype is not None:
            parts.append(f"mimetype={self.mimetype!r}")
        if self.content_type is not None:
            parts.append(f"content_type={self.content_type!r}")
        return f"Response({', '.join(parts)})"


@dataclass(frozen=True)
class MakeResponse:
    """`make_response(...)` with no argument, one return value or tuple, or a tuple's parts."""

    args: tuple[TupleItem | ReturnTuple, ...] = ()

    def to_source(self) -> str:
        """The call."""
        return f"make_response({', '.join(arg.to_source() for arg in self.args)})"


@dataclass(frozen=True)
class Redirect:
    """`redirect(location)` or `redirect(location, code)`."""

    location: str
    code: int | None = None

    def to_source(self) -> str:
        """The call."""
        if self.code is None:
            return f"redirect({self.location!r})"
        return f"redirect({self.location!r}, {self.code!r})"


@dataclass(frozen=True)
class Abort:
    """`abort(code)` or `abort(code, description)`: raises instead of returning."""

    code: int
    description: str | None = None

    def to_source(self) -> str:
        """The call."""
        if self.description is None:
            return f"abort({self.code!r})"
        return f"abort({self.code!r}, {self.description!r})"


@dataclass(frozen=True)
class AbortWith:
    """`abort(Response(...))`: raises an exception that carries a ready response."""

    response: ResponseCall

    def to_source(self) -> str:
        """The call."""
        return f"abort({self.response.to_source()})"


HTTP_EXCEPTION_NAMES: tuple[str, ...] = (
    "BadRequest",
    "Unauthorized",
    "Forbidden",
    "NotFound",
    "MethodNotAllowed",
    "NotAcceptable",
    "Conflict",
    "Gone",
    "ImATeapot",
    "UnprocessableEntity",
    "TooManyRequests",
    "InternalServerError",
    "NotImplemented",
    "ServiceUnavailable",
)
"""The `werkzeug.exceptions` classes a view may return (or raise) by name."""


@dataclass(frozen=True)
class HttpError:
    """An instance of a `werkzeug.exceptions` class, returned rather than raised."""

    name: str
    description: str | None = None

    def __post_init__(self) -> None:
        if self.name not in HTTP_EXCEPTION_NAMES:
            raise ValueError(f"unknown HTTP exception class: {self.name!r}")

    def to_source(self) -> str:
        """The constructor call."""
        if self.description is None:
            return f"{self.name}()"
        return f"{self.name}({self.description!r})"


Body: TypeAlias = (
    Text
    | Bytes
    | ByteArray
    | JsonBody
    | NoneBody
    | Scalar
    | Jsonify
    | JsonDumps
    | Chunks
    | WsgiApp
    | ResponseCall
    | MakeResponse
    | Redirect
    | Abort
    | AbortWith
    | HttpError
)

TupleItem: TypeAlias = Body | StatusValue | HeadersValue
"""What a tuple holds: the body first, then what the view meant as status or headers."""


@dataclass(frozen=True)
class ReturnTuple:
    """A tuple return: `(body, status)`, `(body, headers)`, `(body, status, headers)`, or any
    other size or order a person might write by mistake."""

    items: tuple[TupleItem, ...]

    def to_source(self) -> str:
        """The tuple, parenthesised; a 1-tuple keeps its trailing comma."""
        inner = ", ".join(item.to_source() for item in self.items)
        return f"({inner},)" if len(self.items) == 1 else f"({inner})"


# --- a response changed after it was made --------------------------------------------------

ResponseAttribute = Literal["status_code", "status", "mimetype", "content_type"]


@dataclass(frozen=True)
class SetAttribute:
    """`resp.<attribute> = <value>` after the response was made."""

    attribute: ResponseAttribute
    value: int | str

    def to_source(self) -> str:
        """The assignment statement."""
        return f"resp.{self.attribute} = {self.value!r}"


@dataclass(frozen=True)
class SetHeader:
    """`resp.headers[name] = value` after the response was made."""

    name: str
    value: str

    def to_source(self) -> str:
        """The assignment statement."""
        return f"resp.headers[{self.name!r}] = {self.value!r}"


Change: TypeAlias = SetAttribute | SetHeader
Maker: TypeAlias = Jsonify | ResponseCall | MakeResponse | Redirect


@dataclass(frozen=True)
class Mutated:
    """A response made, then changed attribute by attribute, then returned."""

    base: Maker
    changes: tuple[Change, ...]

    def to_source(self) -> str:
        """The view body: assignment, changes, return."""
        lines = [f"resp = {self.base.to_source()}"]
        lines += [change.to_source() for change in self.changes]
        lines.append("return resp")
        return "\n".join(lines)


ReturnValue: TypeAlias = Body | ReturnTuple | Mutated
"""Everything a view can hand back to its framework."""


def return_statement(value: ReturnValue) -> str:
    """The body of a view that returns `value`, ending in a `return`."""
    if isinstance(value, Mutated):
        return value.to_source()
    return f"return {value.to_source()}"
