"""The return values that need no framework helper, built as the plain Python objects they are.

Both apps build these the same way; only `jsonify`, `Response`, `make_response`, `redirect`,
`abort`, the exception classes and async streams need a framework's own code.
"""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from typing import TypeAlias

from markupsafe import Markup

from shared import model as m

PlainBody: TypeAlias = (
    m.Text
    | m.Bytes
    | m.ByteArray
    | m.JsonBody
    | m.NoneBody
    | m.Scalar
    | m.JsonDumps
    | m.WsgiApp
    | m.ChunkList
    | m.BareCallable
)
PLAIN_BODIES = (
    m.Text,
    m.Bytes,
    m.ByteArray,
    m.JsonBody,
    m.NoneBody,
    m.Scalar,
    m.JsonDumps,
    m.WsgiApp,
    m.ChunkList,
    m.BareCallable,
)


@dataclass
class Point:
    """The one dataclass the model knows (`Point(x=..., y=...)` in the source)."""

    x: object
    y: object


def python_value(value: m.JsonValue) -> object:
    """The object a JSON value's source makes: dicts, lists and scalars, and the real
    `datetime`, `date`, `UUID`, `Decimal`, `Point` and `Markup` instances for the typed values."""
    if isinstance(value, m.JsonArray):
        return [python_value(item) for item in value.items]
    if isinstance(value, m.JsonObject):
        return {key: python_value(item) for key, item in value.items}
    if isinstance(value, m.DateTimeValue):
        return datetime.datetime(*value.fields())
    if isinstance(value, m.DateValue):
        return datetime.date(value.year, value.month, value.day)
    if isinstance(value, m.UuidValue):
        return uuid.UUID(value.text)
    if isinstance(value, m.DecimalValue):
        return decimal.Decimal(value.text)
    if isinstance(value, m.PointValue):
        return Point(python_value(value.x), python_value(value.y))
    if isinstance(value, m.MarkupValue):
        return Markup(value.text)
    return value


def template_context(context: tuple[tuple[str, m.JsonValue], ...]) -> dict[str, object]:
    """The keyword arguments a `render_template...(...)` call passes."""
    return {name: python_value(value) for name, value in context}


def plain_value(body: PlainBody) -> Any:
    """The str, bytes, bytearray, dict, list, None, number, WSGI callable, chunk list or bare
    callable the source makes."""
    if isinstance(body, m.Text | m.Bytes | m.Scalar):
        return body.value
    if isinstance(body, m.ByteArray):
        return bytearray(body.value)
    if isinstance(body, m.JsonBody):
        return python_value(body.value)
    if isinstance(body, m.JsonDumps):
        return json.dumps(m.json_python(body.value))
    if isinstance(body, m.WsgiApp):
        return wsgi_app(body)
    if isinstance(body, m.ChunkList):
        return list(body.chunks)
    if isinstance(body, m.BareCallable):
        return int if body.spelling == "int" else lambda: None
    return None


def sync_stream(body: m.Chunks) -> Iterator[str | bytes]:
    """A generator expression or `iter([...])` over the chunks (not the async kind)."""
    chunks = list(body.chunks)
    if body.kind is m.ChunksKind.ITERATOR:
        return iter(chunks)
    return (chunk for chunk in chunks)


def wsgi_app(body: m.WsgiApp) -> Callable[[Any, Any], list[bytes]]:
    """The WSGI callable the lambda in the source makes."""
    headers = list(body.headers)
    chunks = list(body.chunks)
    return lambda environ, start_response: (start_response(body.status, headers), chunks)[1]
