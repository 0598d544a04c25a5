"""The `/render` endpoint's request rules, free of any framework: limits, reading the
expression, and the JSON error document bad input gets.

A request names a return expression in `?expression=` or, with a body, as the JSON object
`{"expression": "<source>"}`. The source is read by `shared.parse` and never evaluated.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from shared.bounds.limits import TooMuchWork
from shared.bounds.limits import check_work
from shared.model import Configured
from shared.model import ReturnValue
from shared.parse import ParseError
from shared.parse import parse

RENDER_PATH = "/render"
RENDER_METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")
"""Every method reaches the view, OPTIONS and HEAD included, as the request's own method."""
MAX_SOURCE_BYTES = 4 * 1024
MAX_BODY_BYTES = 64 * 1024
MAX_HEADERS = 32
REFUSAL_STATUS = 400


@dataclass(frozen=True)
class RenderRefusal(Exception):
    """Bad input to `/render`: `error` is a stable slug, `detail` says what was wrong."""

    error: str
    detail: str

    def __str__(self) -> str:
        return f"{self.error}: {self.detail}"

    def document(self) -> bytes:
        """The JSON body of the 400 answer."""
        return json.dumps({"error": self.error, "detail": self.detail}).encode() + b"\n"


def count_headers(names: Iterable[str]) -> int:
    """How many headers the client sent, counted as a WSGI app sees them: one per distinct name
    (a WSGI server joins repeated names into one environ key), whatever the framework adds."""
    return len({name.lower() for name in names})


def check_envelope(header_count: int, content_length: int | None) -> None:
    """Refuse a request with too many headers (`count_headers` of the client's names) or a
    declared body over the limit."""
    if header_count > MAX_HEADERS:
        raise RenderRefusal(
            "too-many-headers", f"the request has {header_count} headers, over {MAX_HEADERS}"
        )
    if content_length is not None and content_length > MAX_BODY_BYTES:
        raise RenderRefusal(
            "body-too-large",
            f"the request body is {content_length} bytes, over {MAX_BODY_BYTES}",
        )


def check_body_size(size: int) -> None:
    """Refuse a body that turned out larger than the limit while it was read."""
    if size > MAX_BODY_BYTES:
        raise RenderRefusal("body-too-large", f"the request body is over {MAX_BODY_BYTES} bytes")


def unreadable_body(error: Exception) -> RenderRefusal:
    """The refusal of a body the server could not read (malformed chunks, cut short)."""
    return RenderRefusal(
        "bad-body", f"the request body could not be read ({type(error).__name__}: {error})"
    )


def read_source(query: Sequence[str], body: bytes) -> str:
    """The expression's source: the one `expression` query value, else the JSON body's."""
    if len(query) > 1:
        raise RenderRefusal("ambiguous-expression", "give `expression` once in the query")
    if query:
        return query[0]
    if not body:
        raise RenderRefusal(
            "no-expression",
            'give ?expression=<source> or a JSON body {"expression": "<source>"}',
        )
    try:
        document = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise RenderRefusal("bad-json", f"the body is not JSON: {error}") from None
    if not isinstance(document, dict) or "expression" not in document:
        raise RenderRefusal("bad-json", 'the body must be a JSON object {"expression": "..."}')
    source = document["expression"]
    if not isinstance(source, str):
        raise RenderRefusal(
            "bad-json", f"`expression` must be a string, not {type(source).__name__}"
        )
    return source


def read_value(query: Sequence[str], body: bytes) -> ReturnValue:
    """The model value a `/render` request asks for; RenderRefusal for anything bad."""
    source = read_source(query, body)
    size = len(source.encode("utf-8", "surrogatepass"))
    if size > MAX_SOURCE_BYTES:
        raise RenderRefusal(
            "expression-too-large", f"the expression is {size} bytes, over {MAX_SOURCE_BYTES}"
        )
    try:
        value = parse(source)
        check_work(value)
    except ParseError as error:
        unreadable = error.problem.startswith(("not valid Python", "cannot read", "nothing"))
        raise RenderRefusal("unparsable" if unreadable else "outside-grammar", str(error)) from None
    except TooMuchWork as error:
        raise RenderRefusal("too-much-work", str(error)) from None
    if isinstance(value, Configured):
        raise RenderRefusal(
            "app-settings",
            "app.json settings apply to the whole served app, so /render does not set them; "
            "compare them at the app boundary (parity compare)",
        )
    return value


def render_target(source: str) -> str:
    """The path and query that ask `/render` for `source`."""
    return f"{RENDER_PATH}?expression={quote(source, safe='')}"
