"""Bodies, helper calls and tuples: everything a view can put in a `return`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from typing import TypeAlias

from shared.model.echo import RequestBody
from shared.model.echo import RequestFields
from shared.model.echo import RequestText
from shared.model.echo import UploadedFile
from shared.model.files import FileObject
from shared.model.files import FileResponse
from shared.model.headers import HeadersValue
from shared.model.status import StatusMember
from shared.model.status import StatusValue
from shared.model.streams import ChunkList
from shared.model.streams import Chunks
from shared.model.streams import WithContext
from shared.model.templates import RenderTemplate
from shared.model.templates import RenderTemplateString
from shared.model.values import JsonArray
from shared.model.values import JsonObject
from shared.model.values import JsonValue
from shared.model.values import is_plain_json
from shared.model.values import json_source
from shared.model.values import literal

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
    """`jsonify(...)` with positional values or keyword arguments; or, the same call under
    its own name, the app's JSON provider's `app.json.response(...)`."""

    args: tuple[JsonValue, ...] = ()
    kwargs: tuple[tuple[str, JsonValue], ...] = ()
    provider: bool = False
    """Whether the source calls `app.json.response(...)`, which `jsonify` calls in turn."""

    def to_source(self) -> str:
        """The call."""
        parts = [json_source(arg) for arg in self.args]
        parts += [f"{key}={json_source(value)}" for key, value in self.kwargs]
        name = "app.json.response" if self.provider else "jsonify"
        return f"{name}({', '.join(parts)})"


@dataclass(frozen=True)
class JsonDumps:
    """`json.dumps(value)`: JSON text that the framework sees as a plain string."""

    value: JsonValue

    def __post_init__(self) -> None:
        if not is_plain_json(self.value):
            raise ValueError("json.dumps() takes plain JSON here; typed values go to jsonify()")

    def to_source(self) -> str:
        """The call."""
        return f"json.dumps({json_source(self.value)})"


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


@dataclass(frozen=True)
class BareCallable:
    """A callable that is no response and no WSGI app: `lambda: None`, or a class (`int`).
    Both frameworks refuse it (Flask after calling it as a WSGI app)."""

    spelling: Literal["lambda: None", "int"] = "lambda: None"

    def to_source(self) -> str:
        """The expression."""
        return self.spelling


ResponseContent: TypeAlias = (
    Text
    | Bytes
    | ByteArray
    | JsonDumps
    | Chunks
    | ChunkList
    | WithContext
    | NoneBody
    | FileObject
    | RenderTemplate
    | RenderTemplateString
)
"""What `Response(...)` takes as its body here; a render is its str, a template stream its
iterator (Quart awaits either in the call)."""


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
        parts = _response_arguments(self.body, self.status, self.headers)
        if self.mimetype is not None:
            parts.append(f"mimetype={self.mimetype!r}")
        if self.content_type is not None:
            parts.append(f"content_type={self.content_type!r}")
        return f"Response({', '.join(parts)})"


WerkzeugContent: TypeAlias = Text | Bytes | ChunkList | NoneBody


@dataclass(frozen=True)
class WerkzeugResponse:
    """`werkzeug.wrappers.Response(body, status=..., headers=...)`: Werkzeug's own class, not
    the framework's subclass, with a str, bytes or list of chunks as its body."""

    body: WerkzeugContent = NoneBody()
    status: StatusValue | None = None
    headers: HeadersValue | None = None

    def to_source(self) -> str:
        """The constructor call; `None` arguments are left out."""
        parts = _response_arguments(self.body, self.status, self.headers)
        return f"werkzeug.wrappers.Response({', '.join(parts)})"


def _response_arguments(
    body: ResponseContent, status: StatusValue | None, headers: HeadersValue | None
) -> list[str]:
    """The body, `status=` and `headers=` arguments both response classes take, as written."""
    parts = [] if isinstance(body, NoneBody) else [body.to_source()]
    if status is not None:
        parts.append(f"status={status.to_source()}")
    if headers is not None:
        parts.append(f"headers={headers.to_source()}")
    return parts


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
    """`abort(code)`, `abort(HTTPStatus.X)` or either with a description: raises instead of
    returning."""

    code: int | StatusMember
    description: str | None = None

    @property
    def number(self) -> int:
        """The status code the call names."""
        return self.code if isinstance(self.code, int) else self.code.to_python().value

    def to_source(self) -> str:
        """The call."""
        code = self.code if isinstance(self.code, int) else self.code.to_source()
        if self.description is None:
            return f"abort({code})"
        return f"abort({code}, {self.description!r})"


@dataclass(frozen=True)
class AbortWith:
    """`abort(Response(...))` or `abort(redirect(...))`: raises an exception that carries a
    ready response."""

    response: ResponseCall | Redirect

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
    | WithContext
    | WsgiApp
    | ResponseCall
    | MakeResponse
    | Redirect
    | Abort
    | AbortWith
    | HttpError
    | FileResponse
    | RenderTemplateString
    | RenderTemplate
    | RequestBody
    | RequestFields
    | UploadedFile
    | RequestText
    | WerkzeugResponse
    | BareCallable
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
