"""The registry of known Flask/Quart divergences, each explained and kept honest by the tests.

An entry says which return values it covers (a predicate over the model and the method),
the symptom it leaves on the two outcomes, which fields of a diff it accounts for, what each
framework does and why, and the versions it holds for. The differential suite asserts both
ways: every divergence it finds must be covered, and every entry must still diverge.
"""

from __future__ import annotations

import enum
import fnmatch
import functools
import json
import re
from collections import Counter
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from types import MappingProxyType
from urllib.parse import quote
from urllib.parse import urlsplit
from urllib.parse import urlunsplit

from shared import anatomy as a
from shared import file_sends as f
from shared import model as m
from shared.layers import Layer
from shared.outcome import Difference
from shared.outcome import Outcome
from shared.parse import parse
from shared.probe import Probe


class Category(enum.Enum):
    """Where in the conversion a divergence arises."""

    STATUS_PARSING = "status parsing"
    HEADER_FORMS = "header forms"
    HEADER_ENCODING = "header encoding"
    BODY_TYPES = "body types"
    WERKZEUG_POST_PROCESSING = "Werkzeug post-processing"
    STATUS_LINE = "status line"
    SESSIONS = "sessions"
    ERROR_PROPAGATION = "error propagation"
    FILES = "files"
    CONDITIONAL = "conditional requests"


Symptom = Callable[[Outcome, Outcome], bool]
"""Whether the Flask and Quart outcomes (in that order) show a divergence's mark."""

ALL_FIELDS = ("*",)


@dataclass(frozen=True)
class Divergence:
    """One known way the two frameworks answer the same return value differently."""

    id: str
    title: str
    category: Category
    covers: Callable[[Probe], bool]
    shows: Symptom
    fields: tuple[str, ...]
    """Diff fields it accounts for, as patterns (`body`, `header:content-*`, `*`)."""
    flask: str
    quart: str
    cause: str
    examples: tuple[Probe, ...]
    flask_versions: str = ">=3.1"
    quart_versions: str = ">=0.22"
    upstream: str | None = None
    on_the_wire: str = "differs as it does at the app boundary"
    runs_view: bool = True
    """Whether it needs the view to run; OPTIONS is answered by the framework, not the view."""
    layer: Layer = Layer.BOTH
    """Where it shows: the wire suite checks that its examples differ between the default
    servers (BOTH) or reach the client alike (APP_BOUNDARY)."""

    def applies_to(self, probe: Probe) -> bool:
        """Whether the entry covers a probe: its predicate, on a request that reaches the view."""
        return (not self.runs_view or probe.method != "OPTIONS") and self.covers(probe)

    def accounts_for(self, difference: Difference) -> bool:
        """Whether this entry explains one field of a diff."""
        return field_matcher(self.fields)(difference.field) is not None


@functools.cache
def field_matcher(patterns: tuple[str, ...]) -> Callable[[str], re.Match[str] | None]:
    """One compiled test for a tuple of field patterns (`body`, `header:content-*`): the
    judgement asks it of every entry for every difference, so it is built once."""
    return re.compile("|".join(fnmatch.translate(pattern) for pattern in patterns)).match


def unexplained(
    probe: Probe,
    flask: Outcome,
    quart: Outcome,
    differences: Iterable[Difference],
    entries: Iterable[Divergence],
) -> list[Difference]:
    """The differences that no entry both covering the probe and showing its symptom explains."""
    differences = list(differences)
    active = explaining(probe, flask, quart, differences, entries)
    return [d for d in differences if not any(e.accounts_for(d) for e in active)]


def explaining(
    probe: Probe,
    flask: Outcome,
    quart: Outcome,
    differences: Iterable[Difference],
    entries: Iterable[Divergence],
) -> list[Divergence]:
    """The entries that cover the probe, show their symptom, and account for a difference."""
    differences = list(differences)
    # Cheapest test first: most entries account for none of the differences, and walking the
    # value for the predicate costs more than matching field names.
    return [
        e
        for e in entries
        if any(e.accounts_for(d) for d in differences)
        and e.shows(flask, quart)
        and e.applies_to(probe)
    ]


# -- predicates -----------------------------------------------------------------------------

_BODYLESS = frozenset({204, 304})


def _empty_chunks(body: a.Centre | m.ChunkList | m.FileObject | None) -> bool:
    return isinstance(body, m.Chunks) and not any(body.chunks)


def _statically_empty(value: m.ReturnValue) -> bool:
    """Whether the response body is certainly empty: `make_response()`, an empty literal or
    stream, or a `Response(...)` with no content, in a return both frameworks accept (a
    rejected one is a 500 page). A bare `None` is such a page too."""
    if not (a.all_well_formed(value) and a.plain_statuses(value)) or a.refused_headers(value):
        return False
    body = a.innermost_body(value)
    if body is None:
        return True
    if isinstance(body, m.ResponseCall):
        return _empty_content(body.body)
    return not isinstance(body, m.NoneBody) and _empty_content(body)


def _empty_content(body: a.Centre | m.ChunkList | m.FileObject) -> bool:
    if isinstance(body, m.NoneBody):
        return True
    if isinstance(body, m.ChunkList):
        return not any(body.chunks)
    if isinstance(body, m.Text | m.Bytes | m.ByteArray):
        return not body.value
    return _empty_chunks(body)


def _is_bodyless(code: int | None) -> bool:
    return code is not None and (100 <= code < 200 or code in _BODYLESS)


def _final_status(value: m.ReturnValue) -> int | None:
    """The status the response ends with, when the source makes it plain; else None.

    An `abort(...)` at the centre raises before any tuple or later change applies."""
    centre = a.innermost_body(value)
    if isinstance(centre, m.Abort):
        return centre.number
    if isinstance(centre, m.AbortWith):
        return _response_status(centre.response)
    if not a.reaches_headers(value):
        return None
    if isinstance(value, m.Mutated):
        for change in reversed(value.changes):
            if isinstance(change, m.SetAttribute) and change.attribute in ("status", "status_code"):
                return change.value if isinstance(change.value, int) else _lead(change.value)
    for layer in a.layers(value):
        given = [s for s in layer.statuses if not (isinstance(s, m.Status) and s.value is None)]
        if given:
            return a.status_code_of(given[-1])
        body = layer.body
        if isinstance(body, m.ResponseCall):
            return _response_status(body)
        if isinstance(body, m.Redirect):
            return 302 if body.code is None else body.code
    return None


def _response_status(call: m.ResponseCall) -> int | None:
    status = call.status
    if status is None:
        return 200
    if isinstance(status, m.Status) and isinstance(status.value, str):
        return _lead(status.value)
    return a.status_code_of(status)


def _sequence_response_call(value: m.ReturnValue) -> bool:
    """A `Response(...)` with no content or a list of chunks is what the view ends up
    returning: Werkzeug stores both as a list."""
    centre = a.innermost_body(value)
    call = centre.response if isinstance(centre, m.AbortWith) else centre
    return isinstance(call, m.ResponseCall) and isinstance(call.body, m.NoneBody | m.ChunkList)


def _stream_with_context_called(value: m.ReturnValue) -> bool:
    """`stream_with_context(...)` called on a stream, in a return both frameworks get as far
    as converting: returned as it is when the stream is sync (on an async one both refuse
    the function they get back), or given to `Response(...)` whatever the stream."""
    if not a.reaches_body(value):
        return False
    centre = a.innermost_body(value)
    call = centre.response if isinstance(centre, m.AbortWith) else centre
    if isinstance(call, m.ResponseCall):
        return isinstance(call.body, m.WithContext)
    return (
        isinstance(centre, m.WithContext) and centre.stream.kind is not m.ChunksKind.ASYNC_GENERATOR
    )


def _lead(status: str) -> int | None:
    """The code Werkzeug's status setter reads from a str status: `int()` of the text before
    the first space, or None where `int()` refuses it (Werkzeug then writes code 0)."""
    return a.int_or_none(status.strip().partition(" ")[0])


def _tuple_status_kinds(probe: Probe, test: Callable[[m.Status], bool]) -> bool:
    """Whether a tuple status both frameworks get as far as reading passes `test`."""
    return a.reaches_status(probe.value) and any(
        isinstance(s, m.Status) and test(s) for s in a.tuple_statuses(probe.value)
    )


_PATH_SAFE = "%!$&'()*+,/:;=@"
_QUERY_SAFE = "%!$&'()*+,/:;=?@"
_FRAGMENT_SAFE = "%!#$&'()*+,/:;=?@"
_USERINFO_SAFE = "%!$&'()*+,;="


def _iri_changes(text: str) -> bool:
    """Whether Werkzeug's `iri_to_uri` rewrites a Location value."""
    return location_as_uri(text) != text


def location_as_uri(text: str) -> str | None:
    """What `iri_to_uri` makes of a value: each part split out, quoted with that part's safe
    characters and joined again, the host IDNA-encoded; None where that step fails."""
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").encode("idna").decode("ascii")
        port = parts.port
        netloc = f"[{host}]" if ":" in host else host
        if port is not None:
            netloc = f"{netloc}:{port}"
        if parts.username is not None:
            userinfo = quote(parts.username, safe=_USERINFO_SAFE)
            if parts.password is not None:
                userinfo += ":" + quote(parts.password, safe=_USERINFO_SAFE)
            netloc = f"{userinfo}@{netloc}"
        # A lone surrogate cannot be encoded as UTF-8: quote fails as Werkzeug's does.
        path = quote(parts.path, safe=_PATH_SAFE)
        query = quote(parts.query, safe=_QUERY_SAFE)
        fragment = quote(parts.fragment, safe=_FRAGMENT_SAFE)
    except (ValueError, UnicodeError):
        return None
    return urlunsplit((parts.scheme, netloc, path, query, fragment))


def _repeated_names(headers: m.HeadersValue) -> bool:
    if headers.form is m.HeadersForm.HEADERS:
        return False
    spread = headers.form is m.HeadersForm.DICT
    names = [name.lower() for name, value in headers.items if not (spread and value == ())]
    return len(set(names)) != len(names)


def _constructor_body(body: a.Centre | None) -> bool:
    """Bodies Flask hands to `Response(body, status, headers)` rather than updating after
    (a rendered template is a str like any other)."""
    str_bodies = m.Text | m.Bytes | m.ByteArray | m.JsonDumps
    return isinstance(body, str_bodies | m.RenderTemplateString | m.RenderTemplate) or (
        isinstance(body, m.Chunks) and body.kind is not m.ChunksKind.ASYNC_GENERATOR
    )


def _data_length(body: a.Centre | m.ChunkList | m.FileObject | None) -> int | None:
    """The byte length Werkzeug's `set_data` gives a body it stores whole, else None."""
    if isinstance(body, m.Text):
        return len(body.value.encode("utf-8"))
    if isinstance(body, m.Bytes | m.ByteArray):
        return len(body.value)
    if isinstance(body, m.JsonDumps):
        return len(json.dumps(m.json_python(body.value)).encode("utf-8"))
    return None


def _length_overridden(value: m.ReturnValue) -> bool:
    """Whether a tuple beside a str or bytes body sets a Content-Length other than the body's
    length (Flask recomputes it, Quart keeps the one given)."""
    if not a.reaches_headers(value):
        return False
    for layer in a.applied_layers(value):
        length = _data_length(layer.body)
        if length is None:
            continue
        for headers in layer.headers:
            given = [v for n, v in a.header_texts(headers) if n.lower() == "content-length"]
            if given and given[-1] != str(length):
                return True
    return False


# -- symptoms -------------------------------------------------------------------------------


def _quart_500(flask: Outcome, quart: Outcome) -> bool:
    return quart.status == 500 and flask != quart


def _flask_500(flask: Outcome, quart: Outcome) -> bool:
    return flask.status == 500 and flask != quart


def _flask_fails(flask: Outcome, quart: Outcome) -> bool:
    return (flask.status == 500 or flask.error is not None) and flask != quart


def _violation(flask: Outcome, quart: Outcome) -> bool:
    return "ProtocolViolation" in (flask.error, quart.error)


def _flask_only_length(flask: Outcome, quart: Outcome) -> bool:
    return flask.header("content-length") is not None and quart.header("content-length") is None


def _violation_or_length(flask: Outcome, quart: Outcome) -> bool:
    return _violation(flask, quart) or _flask_only_length(flask, quart)


def _body_dropped(flask: Outcome, quart: Outcome) -> bool:
    return flask.body == b"" and quart.body != b""


def _body_dropped_or_read(flask: Outcome, quart: Outcome) -> bool:
    """Flask sends no body where Quart sends one, or Quart's reading the body raises where
    Flask never reads it."""
    return _body_dropped(flask, quart) or (flask.error is None and quart.error is not None)


def _bodyless_trimmed(flask: Outcome, quart: Outcome) -> bool:
    trimmed = flask.body == b"" and quart.body != b""
    return trimmed or any(
        quart.header(name) is not None and flask.header(name) is None
        for name in ("content-length", "content-type", "content-encoding", "allow")
    )


def _fewer_values(flask: Outcome, quart: Outcome) -> bool:
    names = {name for name, _ in flask.headers}
    return any(len(flask.header_values(n)) > len(quart.header_values(n)) for n in names)


def _headers_differ(flask: Outcome, quart: Outcome) -> bool:
    return flask.headers != quart.headers or _violation(flask, quart)


_LOCATIONS = ("location", "content-location")


def _location_rewritten(flask: Outcome, quart: Outcome) -> bool:
    return any(flask.header_values(name) != quart.header_values(name) for name in _LOCATIONS)


def _repeated_location(value: m.ReturnValue) -> bool:
    """Whether one headers value puts Location or Content-Location on the response more than
    once, which Werkzeug cuts to one. That takes a form that keeps every value: any form in
    `Response(headers=...)`, or beside a body `Headers([...])` or a dict list that spreads;
    pairs beside a body are set one by one in Quart, so only the last survives there too."""
    kept = [call.headers for call in a.response_calls(value) if call.headers is not None]
    for layer in a.applied_layers(value) if a.reaches_headers(value) else ():
        kept += [h for h in layer.headers if h.form in (m.HeadersForm.HEADERS, m.HeadersForm.DICT)]
    for headers in kept:
        counts = Counter(name.lower() for name, _ in a.header_texts(headers))
        if any(counts[name] > 1 for name in _LOCATIONS):
            return True
    return False


def _lengths_differ(flask: Outcome, quart: Outcome) -> bool:
    return flask.header_values("content-length") != quart.header_values("content-length")


def _reason_dropped(flask: Outcome, quart: Outcome) -> bool:
    return flask.reason is not None and quart.reason is None


def _flask_violation_only(flask: Outcome, quart: Outcome) -> bool:
    return flask.error == "ProtocolViolation" and quart.error != "ProtocolViolation"


def _vary_items(outcome: Outcome) -> set[str]:
    """The field names Vary lists, from every Vary header (a view may have set some)."""
    return {item.strip() for value in outcome.header_values("vary") for item in value.split(",")}


def _vary_cookie(flask: Outcome, quart: Outcome) -> bool:
    return "Cookie" in _vary_items(quart) and "Cookie" not in _vary_items(flask)


def _grouped_error(flask: Outcome, quart: Outcome) -> bool:
    return flask.error is not None and quart.error == "ExceptionGroup"


def _only_flask_has(name: str) -> Symptom:
    return lambda flask, quart: (
        flask.header(name) is not None
        and quart.header(name) is None
        and flask.status == quart.status
    )


def _cache_differs(flask: Outcome, quart: Outcome) -> bool:
    return flask.status == quart.status and flask.header("cache-control") != quart.header(
        "cache-control"
    )


def _file(probe: Probe, test: Callable[[m.FileResponse], bool]) -> bool:
    """Whether the value returns a file helper's response whole (every tuple around it
    applies) and the call passes `test`."""
    call = f.file_call(probe.value)
    return (
        call is not None
        and a.reaches_headers(probe.value)
        and not a.refused_headers(probe.value)
        and test(call)
    )


def _file_called(probe: Probe, test: Callable[[m.FileResponse], bool]) -> bool:
    """Whether the view calls a file helper that passes `test`. The call runs inside the view,
    before any tuple around it is read, so what it raises wins whatever the tuple's shape."""
    call = f.file_call(probe.value)
    return call is not None and test(call)


def _request(source: str, *headers: tuple[str, str]) -> Probe:
    return Probe(parse(source), "GET", headers)


def _bare_416(flask: Outcome, quart: Outcome) -> bool:
    return (
        flask.status == quart.status == 416
        and flask.header("content-range") is not None
        and quart.header("content-range") is None
    )


def _quart_took_range(flask: Outcome, quart: Outcome) -> bool:
    return (
        flask.header("content-range") is None
        and flask != quart
        and (quart.status in (206, 416, 500) or quart.header("content-range") is not None)
    )


def _not_modified_asked(p: Probe) -> bool:
    """A GET or HEAD with If-None-Match, If-Modified-Since or If-Match, which a file's
    validators may meet (304) or fail (412)."""
    if p.method not in ("GET", "HEAD"):
        return False
    return any(
        f.header(p.headers, name) not in (None, "")
        for name in ("if-none-match", "if-modified-since", "if-match")
    )


def _may_be_304(p: Probe) -> bool:
    """Whether the answer may be a 304 from make_conditional: a conditional file or a
    make_conditional call, asked with If-None-Match or If-Modified-Since."""
    if not _not_modified_asked(p):
        return False
    call = f.file_call(p.value)
    if call is not None:
        return f.both_send(call) and (
            f.flask_conditional_file(call) or f.quart_conditional_file(call)
        )
    return bool(f.conditional_changes(p.value))


def _body_length(value: m.ReturnValue) -> int | None:
    """The byte length of a Response(...) body the source gives as a literal, else None."""
    centre = a.innermost_body(value)
    if isinstance(centre, m.ResponseCall):
        body = centre.body
        if isinstance(body, m.NoneBody):
            return 0
        return None if isinstance(body, m.BytesBuffer | m.OpenFile) else _data_length(body)
    return None


def _examples(*sources: str, method: str = "GET") -> tuple[Probe, ...]:
    return tuple(Probe(parse(source), method) for source in sources)


# -- the registry ---------------------------------------------------------------------------

DIVERGENCES: tuple[Divergence, ...] = (
    Divergence(
        id="head-body",
        title="HEAD responses: Flask drops the body, Quart leaves it to the server",
        category=Category.WERKZEUG_POST_PROCESSING,
        covers=lambda p: p.method == "HEAD" and not _statically_empty(p.value),
        shows=_body_dropped_or_read,
        fields=("body", "error"),
        flask="hands the server an empty body iterable, keeping Content-Length; a generator "
        "is never run, so one that would fail (reading the request outside its context) "
        "does not",
        quart="sends the full body in http.response.body messages, running a generator to "
        "the end, and an error it raises escapes",
        cause="Werkzeug's Response.get_app_iter returns () for HEAD; Quart's ASGI layer "
        "iterates response.response whatever the method and relies on the server to drop it",
        examples=_examples(
            "'ok'",
            "jsonify(success=True)",
            "def generate():\n    yield request.method\nreturn generate()",
            method="HEAD",
        ),
        on_the_wire="same: Hypercorn (h11) sends no body for HEAD",
        layer=Layer.APP_BOUNDARY,
    ),
    Divergence(
        id="bodyless-status",
        title="1xx, 204 and 304: Flask strips the body and entity headers, Quart sends them",
        category=Category.WERKZEUG_POST_PROCESSING,
        covers=lambda p: _is_bodyless(_final_status(p.value)) or _may_be_304(p),
        shows=_bodyless_trimmed,
        fields=("body", "header:content-*", "header:allow", "header:last-modified"),
        flask="drops the body; removes Content-Length for 1xx/204 and the entity headers "
        "(Content-Type, Content-Length, ...) for 304",
        quart="sends the body it has and keeps Content-Length and Content-Type",
        cause="Werkzeug's get_app_iter and get_wsgi_headers special-case these codes; Quart "
        "never calls them",
        examples=_examples("'ok', 204", "jsonify(), 304", "make_response('ok', 199)"),
        on_the_wire="Hypercorn drops a 204/304 body; the stray Content-Length stays",
    ),
    Divergence(
        id="empty-response-length",
        title="Response() with no content or a list of chunks: Flask sends Content-Length, "
        "Quart none",
        category=Category.WERKZEUG_POST_PROCESSING,
        covers=lambda p: (
            _sequence_response_call(p.value)
            and (a.raises_first(p.value) or a.reaches_headers(p.value))
            and not _is_bodyless(_final_status(p.value))
        ),
        shows=_flask_only_length,
        fields=("header:content-length",),
        flask="counts the body list (empty when none is given) and adds its Content-Length",
        quart="wraps the missing body or the list in an IterableBody, whose length it does not "
        "know",
        cause="Werkzeug's get_wsgi_headers sets Content-Length for sequence bodies; Quart's "
        "Response sets it only through set_data (str or bytes)",
        examples=_examples("Response()", "Response(status=201)", "Response(['a', b'b'])"),
        on_the_wire="Hypercorn ends the unknown-length body with chunked encoding",
    ),
    Divergence(
        id="wsgi-callable",
        title="A WSGI callable is run by Flask and rejected by Quart",
        category=Category.BODY_TYPES,
        covers=lambda p: (
            a.reaches_body(p.value) and isinstance(a.innermost_body(p.value), m.WsgiApp)
        ),
        shows=_quart_500,
        fields=ALL_FIELDS,
        flask="calls it with the request environ and uses the response it starts",
        quart="answers 500: TypeError 'The response value type (function) is not valid'",
        cause="Flask's make_response falls back to Response.force_type for callables; "
        "Quart's make_response has no WSGI branch (an ASGI app cannot call one)",
        examples=_examples(
            "lambda environ, start_response: "
            "(start_response('200 OK', [('Content-Type', 'text/plain')]), [b'hi'])[1]"
        ),
    ),
    Divergence(
        id="plain-iterator",
        title="A plain iterator is streamed by Flask and rejected by Quart",
        category=Category.BODY_TYPES,
        covers=lambda p: (
            a.reaches_body(p.value)
            and isinstance(body := a.innermost_body(p.value), m.Chunks)
            and body.kind is m.ChunksKind.ITERATOR
        ),
        shows=_quart_500,
        fields=ALL_FIELDS,
        flask="streams it like a generator",
        quart="answers 500: TypeError 'The response value type (list_iterator) is not valid'",
        cause="Flask's make_response accepts any collections.abc.Iterator; Quart's accepts "
        "only generators and async generators (inspect.isgenerator / isasyncgen)",
        examples=_examples("iter(['a', 'b'])"),
    ),
    Divergence(
        id="async-iterable-in-flask",
        title="An async generator is streamed by Quart and fails in Flask",
        category=Category.BODY_TYPES,
        covers=lambda p: (
            a.reaches_body(p.value)
            and any(c.kind is m.ChunksKind.ASYNC_GENERATOR for c in a.chunk_bodies(p.value))
        ),
        shows=_flask_fails,
        fields=ALL_FIELDS,
        flask="answers 500 when returned (not a valid return type); inside Response(...) it "
        "starts a 200 and then raises TypeError while the server iterates the body",
        quart="streams each chunk",
        cause="WSGI bodies are sync iterables; only Quart's IterableBody awaits async ones",
        examples=_examples(
            "(await asyncio.sleep(0, chunk) for chunk in ['a'])",
            "Response((await asyncio.sleep(0, chunk) for chunk in ['a']))",
        ),
    ),
    Divergence(
        id="stream-with-context-call",
        title="stream_with_context(generator) streams in Flask and is a 500 in Quart",
        category=Category.BODY_TYPES,
        covers=lambda p: _stream_with_context_called(p.value),
        shows=_quart_500,
        fields=ALL_FIELDS,
        flask="wraps the generator (or any iterator) in one that keeps the request context "
        "pushed while the server iterates it, and streams it; an async generator, which "
        "iter() refuses, gets a function back, so Response(...) starts a 200 and then raises "
        "TypeError while the server iterates it",
        quart="answers 500: returned, TypeError 'The response value type (function) is not "
        "valid'; inside Response(...), AttributeError: 'function' object has no attribute "
        "'__aiter__' while the body is read",
        cause="Flask's stream_with_context tries iter() on its argument and only falls back to "
        "decorating a function; Quart's is only a decorator: it returns an async generator "
        "function, which Quart's make_response (isgenerator/isasyncgen checks) and "
        "IterableBody both refuse",
        examples=_examples(
            "stream_with_context(chunk for chunk in ['a', b'b'])",
            "Response(stream_with_context(iter(['a'])))",
            "Response(stream_with_context(await asyncio.sleep(0, chunk) for chunk in ['a']))",
        ),
    ),
    Divergence(
        id="error-in-exception-group",
        title="An error raised while the body streams escapes Quart 0.23 as an ExceptionGroup",
        category=Category.ERROR_PROPAGATION,
        covers=lambda p: p.method != "HEAD" and a.reads_request_outside_context(p.value),
        shows=_grouped_error,
        fields=("error",),
        flask="lets the generator's own exception (RuntimeError) escape to the server",
        quart="lets it escape wrapped in an ExceptionGroup ('unhandled errors in a TaskGroup')",
        cause="Quart 0.23's ASGIHTTPConnection.__call__ runs handle_request beside "
        "handle_messages in an asyncio.TaskGroup, which re-raises a failed child as an "
        "ExceptionGroup; 0.22 waited on the two tasks with asyncio.wait and re-raised the "
        "handler's exception itself",
        examples=_examples(
            "def generate():\n    yield 'a'\n    yield request.method\nreturn generate()"
        ),
        quart_versions=">=0.23",
        layer=Layer.APP_BOUNDARY,
        on_the_wire="servers log either and cut the reply alike (generator-fails-mid-stream)",
    ),
    Divergence(
        id="bytearray-body",
        title="A bytearray body breaks both servers' protocols, in different ways",
        category=Category.BODY_TYPES,
        covers=lambda p: a.reaches_body(p.value) and any(True for _ in a.byte_arrays(p.value)),
        shows=_violation_or_length,
        fields=ALL_FIELDS,
        flask="hands the bytearray itself as a body chunk (PEP 3333 wants bytes) with a "
        "Content-Length (on HEAD only the Content-Length remains)",
        quart="iterates the bytearray and sends each byte as an int in http.response.body",
        cause="Werkzeug stores a bytearray as the one chunk; Quart's Response only treats "
        "str and bytes as data and wraps anything else in IterableBody",
        examples=_examples("bytearray(b'ok')", "Response(bytearray(b'ok'))"),
        on_the_wire="wsgiref refuses the chunk, lenient WSGI servers send it; Hypercorn "
        "fails on the int",
    ),
    Divergence(
        id="str-status-not-an-int",
        title="A tuple status like '201 CREATED' or 'abc' works in Flask and is a 500 in Quart",
        category=Category.STATUS_PARSING,
        covers=lambda p: _tuple_status_kinds(
            p,
            lambda s: (
                isinstance(s.value, str)
                and bool(s.value.strip())
                and a.int_or_none(s.value) is None
            ),
        ),
        shows=_quart_500,
        fields=ALL_FIELDS,
        flask="sets Response.status from the string, keeping its reason phrase",
        quart="answers 500: ValueError from int(status)",
        cause="Flask assigns str statuses to rv.status (Werkzeug parses code and phrase); "
        "Quart's make_response does response.status_code = int(status)",
        examples=_examples("'ok', '201 CREATED'", "jsonify(), '299 Custom Reason'"),
    ),
    Divergence(
        id="bytes-status",
        title="A bytes tuple status is a 500 in Flask and read by int() in Quart",
        category=Category.STATUS_PARSING,
        covers=lambda p: _tuple_status_kinds(
            p, lambda s: isinstance(s.value, bytes) and a.int_or_none(s.value) is not None
        ),
        shows=_flask_500,
        fields=ALL_FIELDS,
        flask="answers 500: Werkzeug's status setter cannot mix bytes and str",
        quart="uses int(b'201') == 201",
        cause="Flask hands bytes to rv.status; Quart calls int() on every status",
        examples=_examples("'ok', b'201'"),
    ),
    Divergence(
        id="float-status",
        title="A float tuple status is a 500 in Flask and truncated by int() in Quart",
        category=Category.STATUS_PARSING,
        covers=lambda p: _tuple_status_kinds(p, lambda s: isinstance(s.value, float)),
        shows=_flask_500,
        fields=ALL_FIELDS,
        flask="answers 500: Werkzeug's status setter expects int or str",
        quart="uses int(201.0) == 201",
        cause="Flask passes the float to Response(status=...) or rv.status_code; Quart "
        "calls int() on it",
        examples=_examples("'ok', 201.0", "jsonify(), 201.5"),
    ),
    Divergence(
        id="tuple-of-pairs-headers",
        title="(body, ((name, value),)) is headers to Flask and a status to Quart",
        category=Category.HEADER_FORMS,
        covers=lambda p: (
            a.reaches_status(p.value)
            and any(
                layer.tuple_size == 2
                and len(layer.headers) == 1
                and layer.headers[0].form is m.HeadersForm.TUPLE
                for layer in a.applied_layers(p.value)
            )
        ),
        shows=_quart_500,
        fields=ALL_FIELDS,
        flask="reads a tuple second item as headers",
        quart="answers 500: a tuple is not in (Headers, dict, list), so int(tuple) raises",
        cause="Flask's 2-tuple test includes tuple; Quart's checks Headers, dict and list",
        examples=_examples("'ok', (('X-A', 'a'),)"),
        # Related: Quart aligned its 3-tuple unpacking with Flask there; the 2-tuple test
        # still leaves tuple out.
        upstream="https://github.com/pallets/quart/issues/216",
    ),
    Divergence(
        id="repeated-header-names",
        title="Repeated header names beside a str or bytes body: Flask keeps all, Quart the last",
        category=Category.HEADER_FORMS,
        covers=lambda p: (
            a.reaches_headers(p.value)
            and any(
                any(_repeated_names(h) for h in layer.headers) and _constructor_body(layer.body)
                for layer in a.applied_layers(p.value)
            )
        ),
        shows=_fewer_values,
        fields=("header:*",),
        flask="passes the headers to Response(body, headers=...), which keeps every pair",
        quart="creates the response, then headers.update(...) sets each name, so the last "
        "value wins",
        cause="Flask builds str/bytes/iterator responses with their headers in the "
        "constructor; Quart always updates afterwards, and Headers.update replaces",
        examples=_examples("'ok', [('X-A', 'a'), ('X-A', 'b')]"),
    ),
    Divergence(
        id="content-length-in-tuple-headers",
        title="A Content-Length beside a str or bytes body: Flask recomputes it, Quart keeps it",
        category=Category.HEADER_FORMS,
        covers=lambda p: _length_overridden(p.value),
        shows=_lengths_differ,
        fields=("header:content-length",),
        flask="passes the headers to Response(body, headers=...), whose set_data then writes "
        "the body's real length over the one given",
        quart="creates the response from the body, then headers.update(...) sets the given "
        "Content-Length, even where it contradicts the body",
        cause="Flask builds str/bytes responses with their headers in the constructor, which "
        "sets the data (and its length) last; Quart updates the headers after the data",
        examples=_examples("'ok', 200, {'Content-Length': '10'}", "b'ok', {'Content-Length': '1'}"),
        on_the_wire="Gunicorn sends the right length; Hypercorn sends 2 bytes under "
        "Content-Length: 10 and h11 clients reject the reply as cut short",
    ),
    Divergence(
        id="non-ascii-header",
        title="Non-ASCII header text: latin-1 in Flask (or refused), UTF-8 in Quart",
        category=Category.HEADER_ENCODING,
        covers=lambda p: (
            not a.refused_headers(p.value)
            and any(
                not (name.isascii() and value.isascii())
                for name, value in a.headers_reaching_both(p.value)
            )
        ),
        shows=_headers_differ,
        fields=("header:*", "error"),
        flask="hands str values; a server encodes them as latin-1 and must refuse the rest",
        quart="encodes names and values as UTF-8 bytes",
        cause="PEP 3333 header values are latin-1 native strings; Quart's encode_headers "
        "calls str.encode() with its UTF-8 default",
        examples=_examples("'ok', {'X-A': 'caf\u00e9'}", "'ok', {'X-A': '\u20ac'}"),
    ),
    Divergence(
        id="location-iri",
        title="Location and Content-Location: Flask rewrites them, Quart sends them as written",
        category=Category.WERKZEUG_POST_PROCESSING,
        covers=lambda p: (
            _repeated_location(p.value)
            or any(
                name.lower() in _LOCATIONS and _iri_changes(value)
                for name, value in a.headers_reaching_both(p.value)
            )
        ),
        shows=_location_rewritten,
        fields=("header:location", "header:content-location", "error"),
        flask="percent-encodes the value with iri_to_uri and keeps one value (the last) per name",
        quart="sends every value as written",
        cause="Werkzeug's get_wsgi_headers reads these two headers, converts the last value "
        "and sets it back as the only one; Quart never calls it",
        examples=_examples(
            "redirect('/caf\u00e9')",
            "'ok', {'Location': '/a b'}",
            "Response(headers=[('Location', '/a'), ('Location', '/b')])",
        ),
    ),
    Divergence(
        id="custom-reason-phrase",
        title="A custom reason phrase reaches the WSGI status line and is lost in ASGI",
        category=Category.STATUS_LINE,
        covers=lambda p: _custom_reason(p.value),
        shows=_reason_dropped,
        fields=("reason",),
        flask="puts the phrase on the status line: '299 Custom'",
        quart="sends only the code; the ASGI start message has no reason phrase",
        cause="WSGI start_response takes a full status line; ASGI carries an int",
        examples=_examples(
            "Response('ok', status='201 Made')",
            "resp = jsonify()\nresp.status = '299 Custom'\nreturn resp",
        ),
        on_the_wire="Werkzeug's server writes the phrase; Hypercorn writes none at all "
        "('HTTP/1.1 299 '), for this and every other status",
    ),
    Divergence(
        id="unsendable-reason-phrase",
        title="A reason phrase with a control character or non-latin-1 text breaks WSGI only",
        category=Category.STATUS_LINE,
        covers=lambda p: _unsendable_reason(p.value),
        shows=_flask_violation_only,
        fields=("error",),
        flask="hands the phrase to the server on the status line, which PEP 3333 forbids (a "
        "CR LF there writes a header the view never set)",
        quart="drops the phrase: ASGI carries only the code, so nothing unsendable is handed over",
        cause="Werkzeug keeps a given phrase as written after stripping the ends; "
        "start_response needs latin-1 text without control characters",
        examples=_examples(
            "Response('ok', status='200 OK\\r\\nX-Injected: 1')",
            "resp = jsonify()\nresp.status = '299 A\\x00B'\nreturn resp",
            "Response('ok', status='299 \u20ac')",
        ),
        on_the_wire="Werkzeug's server writes it (crlf-in-reason-phrase); Gunicorn answers 500",
    ),
    Divergence(
        id="vary-cookie-always",
        title="Quart 0.23 adds 'Vary: Cookie' to every response once a secret key is set",
        category=Category.SESSIONS,
        covers=lambda p: True,
        shows=_vary_cookie,
        fields=("header:vary",),
        flask="adds Vary: Cookie only when the view read or wrote the session",
        quart="adds Vary: Cookie to every response",
        cause="Quart 0.23's process_response reads ctx.session, a property that marks the "
        "session accessed, before saving it; Flask's request context keeps session as a "
        "plain attribute",
        examples=_examples("'ok'", "jsonify(success=True)"),
        quart_versions=">=0.23",
        runs_view=False,
    ),
    Divergence(
        id="send-file-new-option-names",
        title="send_file's download_name, etag and max_age work in Flask and are a 500 in Quart",
        category=Category.FILES,
        covers=lambda p: _file_called(
            p, lambda c: f.flask_only_names(c) and not f.flask_refuses(c)
        ),
        shows=_quart_500,
        fields=ALL_FIELDS,
        flask="sends the file with the option applied (a missing name is a 404 first)",
        quart="answers 500: TypeError, an unexpected keyword argument",
        cause="Flask 2.0 renamed attachment_filename, add_etags and cache_timeout to "
        "download_name, etag and max_age (Werkzeug's send_file); Quart's send_file and "
        "send_from_directory still declare only the old names",
        examples=_examples(
            "send_file('static_files/hello.txt', download_name='a.txt')",
            "send_file('static_files/hello.txt', max_age=60)",
            "send_from_directory('static_files', 'data.json', etag=False)",
        ),
    ),
    Divergence(
        id="send-file-old-option-names",
        title="send_file's attachment_filename, add_etags and cache_timeout work in Quart and "
        "are a 500 in Flask",
        category=Category.FILES,
        covers=lambda p: _file_called(
            p, lambda c: f.quart_only_names(c) and not f.quart_refuses(c) and not f.missing(c)
        ),
        shows=_flask_500,
        fields=ALL_FIELDS,
        flask="answers 500: TypeError, an unexpected keyword argument",
        quart="sends the file with the option applied",
        cause="Flask 2.2 removed the names it had deprecated in 2.0 (attachment_filename, "
        "add_etags, cache_timeout); Quart's helpers declare them and not their successors",
        examples=_examples(
            "send_file('static_files/hello.txt', attachment_filename='a.txt')",
            "send_file(io.BytesIO(b'ok'), mimetype='text/plain', cache_timeout=60)",
        ),
    ),
    Divergence(
        id="send-file-open-file",
        title="send_file(open(...)) streams the file in Flask and is a 500 in Quart",
        category=Category.FILES,
        covers=lambda p: _file_called(
            p,
            lambda c: (
                isinstance(c, m.SendFile)
                and isinstance(c.source, m.OpenFile)
                and not f.flask_refuses(c)
                and not f.flask_only_names(c)
            ),
        ),
        shows=_quart_500,
        fields=ALL_FIELDS,
        flask="wraps the file object with the server's file wrapper and sends it",
        quart="answers 500: TypeError, a BufferedReader is not a path",
        cause="Werkzeug's send_file takes any binary file object; Quart's takes a path or a "
        "BytesIO and turns anything else into a Path",
        examples=_examples(
            "send_file(open('static_files/hello.txt', 'rb'), mimetype='text/plain')"
        ),
    ),
    Divergence(
        id="send-file-unnamed-attachment",
        title="send_file(buffer, as_attachment=True) with no name is a 500 in Flask, a bare "
        "'attachment' in Quart",
        category=Category.FILES,
        covers=lambda p: _file_called(
            p,
            lambda c: (
                isinstance(c, m.SendFile)
                and isinstance(c.source, m.BytesBuffer)
                and bool(f.option(c, "as_attachment"))
                and f.option(c, "mimetype") is not None
                and not (f.option_names(c) & (m.FLASK_ONLY_OPTIONS | m.QUART_ONLY_OPTIONS))
            ),
        ),
        shows=_flask_500,
        fields=ALL_FIELDS,
        flask="answers 500: TypeError, no name provided for the attachment",
        quart="sends the buffer with 'Content-Disposition: attachment' and no file name",
        cause="Werkzeug's send_file refuses as_attachment without a download_name or path; "
        "Quart adds the header with filename=None, which Werkzeug's Headers.add leaves out",
        examples=_examples(
            "send_file(io.BytesIO(b'ok'), mimetype='text/plain', as_attachment=True)"
        ),
    ),
    Divergence(
        id="send-file-caching",
        title="A sent file: Flask says 'Cache-Control: no-cache' unless an age is set, Quart "
        "'public', with the configured age (12 hours by default) for paths only",
        category=Category.FILES,
        covers=lambda p: _file(p, f.both_send),
        shows=_cache_differs,
        fields=("header:cache-control", "header:expires"),
        flask="sets no-cache and no Expires unless max_age (or SEND_FILE_MAX_AGE_DEFAULT, "
        "None by default) gives a positive age",
        quart="always sets public; for a path adds max-age and Expires from "
        "SEND_FILE_MAX_AGE_DEFAULT, 12 hours by default; a BytesIO never gets that age",
        cause="Werkzeug's send_file starts from cache_control.no_cache = True; Quart's sets "
        "cache_control.public = True, and its default config keeps Flask 1.x's 12-hour "
        "SEND_FILE_MAX_AGE_DEFAULT (Flask 2.0 made it None) and asks the app for it only "
        "for a path, where Flask passes get_send_file_max_age for every file",
        examples=_examples(
            "send_file('static_files/hello.txt')",
            "send_file(io.BytesIO(b'ok'), mimetype='text/plain')",
            "send_from_directory('static_files', 'pixel.png')",
        ),
    ),
    Divergence(
        id="send-file-inline-disposition",
        title="A sent path: Flask adds 'Content-Disposition: inline; filename=...', Quart none",
        category=Category.FILES,
        covers=lambda p: _file(
            p, lambda c: f.both_send(c) and f.flask_names_it(c) and not f.option(c, "as_attachment")
        ),
        shows=_only_flask_has("content-disposition"),
        fields=("header:content-disposition",),
        flask="names the file inline whenever it knows a name (the path's, or download_name)",
        quart="adds Content-Disposition only for as_attachment=True",
        cause="Werkzeug 2.0's send_file sets 'inline' with the name when as_attachment is "
        "false; Quart's send_file adds the header inside `if as_attachment`",
        examples=_examples(
            "send_file('static_files/hello.txt')",
            "send_from_directory('static_files', 'data.json')",
        ),
    ),
    Divergence(
        id="accept-ranges-advertised",
        title="Flask advertises 'Accept-Ranges' on every conditional answer, Quart only on a 206",
        category=Category.CONDITIONAL,
        covers=lambda p: (
            p.method in ("GET", "HEAD")
            and (
                _file(p, lambda c: f.both_send(c) and f.flask_conditional_file(c))
                or any(c.accept_ranges for c in f.conditional_changes(p.value))
            )
        ),
        shows=_only_flask_has("accept-ranges"),
        fields=("header:accept-ranges",),
        flask="send_file is conditional by default, and make_conditional sets Accept-Ranges "
        "on every GET or HEAD once accept_ranges is given",
        quart="send_file is not conditional by default (send_from_directory is), and "
        "make_conditional sets Accept-Ranges only when it answers a Range with 206",
        cause="Werkzeug's _process_range_request assigns accept_ranges before looking at the "
        "Range header; Quart's sets it after a range was served, and its send_file defaults "
        "conditional to False",
        examples=_examples(
            "send_file('static_files/hello.txt')",
            "send_file(io.BytesIO(b'ok'), mimetype='text/plain', conditional=True)",
            "resp = Response('ok')\n"
            "resp.make_conditional(request, accept_ranges=True)\n"
            "return resp",
        ),
    ),
    Divergence(
        id="send-file-conditional-default",
        title="send_file answers Range and If-* headers in Flask by default, in Quart only "
        "with conditional=True",
        category=Category.CONDITIONAL,
        covers=lambda p: (
            _file_called(
                p,
                lambda c: (
                    f.both_send(c)
                    and f.flask_conditional_file(c)
                    and not f.quart_conditional_file(c)
                ),
            )
            and (
                (f.range_asked(p.method, p.headers) and f.flask_serves_ranges(p.value))
                or _not_modified_asked(p)
            )
        ),
        shows=lambda flask, quart: (
            flask.status != quart.status
            or flask.header("content-range") != quart.header("content-range")
        ),
        fields=ALL_FIELDS,
        flask="answers 206 with the range, 304 when the validators match, 412 when If-Match "
        "fails, 416 for a range it cannot serve",
        quart="sends the whole file with 200",
        cause="Werkzeug's send_file defaults conditional=True (Flask 2.0); Quart's send_file "
        "keeps conditional=False (its send_from_directory passes True)",
        examples=(
            _request("send_file('static_files/hello.txt')", ("Range", "bytes=0-3")),
            _request("send_file('static_files/data.json')", ("If-None-Match", "*")),
        ),
    ),
    Divergence(
        id="range-without-accept-ranges",
        title="make_conditional without accept_ranges: Flask ignores Range, Quart serves it "
        "with 'Accept-Ranges: none'",
        category=Category.CONDITIONAL,
        covers=lambda p: (
            f.range_asked(p.method, p.headers)
            and any(
                c.complete_length and not c.accept_ranges for c in f.conditional_changes(p.value)
            )
            and not f.flask_serves_ranges(p.value)
        ),
        shows=_quart_took_range,
        fields=ALL_FIELDS,
        flask="skips range handling when accept_ranges is false (the default) and sends 200",
        quart="answers the Range (206, 416, or a 500 for a suffix range) and sends "
        "'Accept-Ranges: none' with the 206",
        cause="Werkzeug's _process_range_request returns early when accept_ranges is falsy; "
        "Quart's make_conditional turns False into the string 'none', which is not None, so "
        "its _process_range_request carries on",
        examples=(
            _request(
                "resp = Response(b'Hello world')\nresp.make_conditional(request, "
                "complete_length=11)\nreturn resp",
                ("Range", "bytes=0-3"),
            ),
        ),
    ),
    Divergence(
        id="suffix-range",
        title="Range 'bytes=-N' (the last N bytes): Flask answers 206, Quart a 500; past the "
        "start both 416, Quart without Content-Range",
        category=Category.CONDITIONAL,
        covers=lambda p: (
            f.range_asked(p.method, p.headers)
            and f.suffix_range(f.header(p.headers, "range"))
            and f.quart_serves_ranges(p.value)
        ),
        shows=lambda flask, quart: (
            (quart.status in (416, 500) and flask.status != quart.status) or _bare_416(flask, quart)
        ),
        fields=ALL_FIELDS,
        flask="serves the last N bytes with 206 and 'Content-Range: bytes <start>-<end>/<length>'"
        "; when N is longer than the body, 416 with 'Content-Range: bytes */<length>'",
        quart="answers 500: AssertionError 'Bad range provided'; 416 when N is longer than "
        "the body",
        cause="Quart hands the parsed range's negative start straight to its body's "
        "make_conditional and then to Werkzeug's ContentRange, whose validity assertion "
        "fails (its _raise_if_invalid_range refuses N past the start first); Werkzeug's "
        "Range.range_for_length turns a suffix into absolute positions, clamped to the length",
        examples=(
            _request(
                "send_file('static_files/hello.txt', conditional=True)", ("Range", "bytes=-4")
            ),
        ),
    ),
    Divergence(
        id="unsatisfiable-range-length",
        title="A 416 for several ranges, another unit or a start past the end: Flask says "
        "'Content-Range: bytes */N', Quart says nothing",
        category=Category.CONDITIONAL,
        covers=lambda p: (
            f.range_asked(p.method, p.headers)
            and f.unsatisfiable_without_length(f.header(p.headers, "range"))
            and f.flask_serves_ranges(p.value)
            and f.quart_serves_ranges(p.value)
        ),
        shows=_bare_416,
        fields=("header:content-range",),
        flask="raises RequestedRangeNotSatisfiable(complete_length), whose page carries "
        "'Content-Range: bytes */<length>'",
        quart="raises RequestedRangeNotSatisfiable() with no length, so no Content-Range",
        cause="Werkzeug passes the length on every 416; Quart's _process_range_request and its "
        "bodies' _raise_if_invalid_range pass it only when the Range could not be parsed",
        examples=(
            _request(
                "send_file('static_files/hello.txt', conditional=True)",
                ("Range", "bytes=0-1,3-4"),
            ),
            _request(
                "send_from_directory('static_files', 'data.json')", ("Range", "bytes=100-200")
            ),
        ),
    ),
    Divergence(
        id="complete-length-ignored",
        title="make_conditional(complete_length=N): Flask serves ranges of N bytes, Quart of "
        "the body's real length",
        category=Category.CONDITIONAL,
        covers=lambda p: (
            f.range_asked(p.method, p.headers)
            and f.flask_serves_ranges(p.value)
            and any(
                c.complete_length != _body_length(p.value)
                for c in f.conditional_changes(p.value)
                if c.complete_length
            )
        ),
        shows=lambda flask, quart: (
            flask.header("content-range") != quart.header("content-range")
            or flask.status != quart.status
        ),
        fields=ALL_FIELDS,
        flask="trusts complete_length: the range is cut and Content-Range written against it",
        quart="uses complete_length only as a switch and measures the body itself",
        cause="Werkzeug computes the range with Range.range_for_length(complete_length); "
        "Quart's make_conditional replaces it with what the body's make_conditional returns, "
        "the body's own size",
        examples=(
            _request(
                "resp = Response(b'Hello world')\nresp.make_conditional(request, "
                "accept_ranges=True, complete_length=3)\nreturn resp",
                ("Range", "bytes=0-3"),
            ),
        ),
    ),
    Divergence(
        id="exception-response-not-conditional",
        title="make_response(NotFound()) then make_conditional: fine in Flask, a 500 in Quart",
        category=Category.CONDITIONAL,
        covers=lambda p: (
            isinstance(p.value, m.Mutated)
            and isinstance(p.value.base, m.MakeResponse)
            and isinstance(page := a.innermost_body(p.value), m.HttpError)
            # Quart's own 500 page is this one's twin.
            and (page.name, page.description) != ("InternalServerError", None)
            and any(isinstance(c, m.MakeConditional) for c in p.value.changes)
        ),
        shows=_quart_500,
        fields=ALL_FIELDS,
        flask="the error page is a Flask response like any other, and make_conditional "
        "answers the request",
        quart="answers 500: AssertionError, 'LocalProxy' is not a WSGI environment",
        cause="Quart's make_response turns an HTTPException into the plain Werkzeug Response "
        "its get_response builds; that response's make_conditional is Werkzeug's sync one, "
        "which needs a WSGI environ, not Quart's request",
        examples=_examples(
            "resp = make_response(NotFound())\nresp.make_conditional(request)\nreturn resp"
        ),
    ),
)

DIVERGENCES_BY_ID: Mapping[str, Divergence] = MappingProxyType({d.id: d for d in DIVERGENCES})


def _custom_reason(value: m.ReturnValue) -> bool:
    """Whether a str status puts a phrase other than the default for its code on the line."""
    texts: list[str] = []
    if isinstance(value, m.Mutated):
        texts += [
            c.value
            for c in value.changes
            if isinstance(c, m.SetAttribute)
            and c.attribute == "status"
            and isinstance(c.value, str)
        ]
    texts += [
        s.value
        for s in a.tuple_statuses(value)
        if isinstance(s, m.Status) and isinstance(s.value, str)
    ]
    for call in a.response_calls(value):
        if isinstance(call.status, m.Status) and isinstance(call.status.value, str):
            texts.append(call.status.value)
    return any(_custom_phrase(text) for text in texts)


def _unsendable_reason(value: m.ReturnValue) -> bool:
    """Whether a str status gives a phrase (after its code, ends stripped as Werkzeug does)
    with a control character other than tab, or text latin-1 cannot encode."""
    for status in a.all_statuses(value):
        text = status.value if isinstance(status, m.Status) else status
        if not isinstance(text, str):
            continue
        code, _, phrase = text.strip().partition(" ")
        if code.isdigit() and any(
            (c < " " and c != "\t") or c == "\x7f" or c > "\xff" for c in phrase
        ):
            return True
    return False


def _custom_phrase(status: str) -> bool:
    """Werkzeug keeps a given phrase as written, and writes 'UPPER DEFAULT' when none is given;
    a status that does not start with a code becomes '0 <status>'."""
    text = status.strip()
    if not text:
        return False
    code_text, _, phrase = text.partition(" ")
    code = a.int_or_none(code_text)
    if code is None:
        return True
    phrase = phrase.strip()
    if not phrase:
        return False
    try:
        default = HTTPStatus(code).phrase.upper()
    except ValueError:
        default = "UNKNOWN"
    return phrase != default
