"""The return values that need no framework helper, built as the plain Python objects they are.

Both apps build these the same way; only `jsonify`, `Response`, `make_response`, `redirect`,
`abort`, the exception classes and async streams need a framework's own code.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from collections.abc import Iterator
from typing import Any
from typing import TypeAlias

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
)


def plain_value(body: PlainBody) -> Any:
    """The str, bytes, bytearray, dict, list, None, number, WSGI callable or chunk list the
    source makes."""
    if isinstance(body, m.Text | m.Bytes | m.Scalar):
        return body.value
    if isinstance(body, m.ByteArray):
        return bytearray(body.value)
    if isinstance(body, m.JsonBody):
        return body.value.to_python()
    if isinstance(body, m.JsonDumps):
        return json.dumps(m.json_python(body.value))
    if isinstance(body, m.WsgiApp):
        return wsgi_app(body)
    if isinstance(body, m.ChunkList):
        return list(body.chunks)
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
