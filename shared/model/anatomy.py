"""Take a return value apart the way both frameworks do: layer by layer, body inward.

A *layer* is one conversion step: a tuple, a `make_response(...)` call, or a bare body.
Registry predicates ask these questions instead of walking the model themselves.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from typing import TypeAlias

from shared import model as m

Centre: TypeAlias = m.Body | m.RequestStream
"""What a layer wraps: a body, or (only as the whole return) a generator function's call."""


@dataclass(frozen=True)
class ConversionStep:
    """One conversion step: the body it wraps and the status and headers items beside it."""

    body: Centre | None
    rest: tuple[m.StatusValue | m.HeadersValue, ...] = ()
    tuple_size: int | None = None
    """The length of the tuple this layer came from; None for a bare value."""

    @property
    def well_formed(self) -> bool:
        """Whether both frameworks accept the tuple's size and order."""
        if self.tuple_size is None:
            return True
        kinds = [isinstance(item, m.HeadersValue) for item in self.rest]
        return kinds in ([False], [True], [False, True])

    @property
    def statuses(self) -> tuple[m.StatusValue, ...]:
        """The status items of this layer."""
        return tuple(item for item in self.rest if not isinstance(item, m.HeadersValue))

    @property
    def headers(self) -> tuple[m.HeadersValue, ...]:
        """The headers items of this layer."""
        return tuple(item for item in self.rest if isinstance(item, m.HeadersValue))


def layers(value: m.ReturnValue) -> list[ConversionStep]:
    """Every layer from the outside in; the last one's body is the innermost body."""
    found: list[ConversionStep] = []
    current: m.ReturnValue | None = value
    while current is not None:
        if isinstance(current, m.Mutated):
            current = current.base
            continue
        if isinstance(current, m.Configured):
            current = current.value  # the app's settings, not a layer of the value
            continue
        if isinstance(current, m.AfterThisRequest):
            # The hook changes the response after the framework converted the view's value.
            current = current.view
            continue
        if isinstance(current, m.ErrorHandled):
            # The framework converts what answers the abort: the handler's value, or the abort.
            current = current.answer
            continue
        if isinstance(current, m.ReturnTuple):
            layer = _tuple_layer(current.items)
        elif isinstance(current, m.MakeResponse):
            args = current.args
            if len(args) == 1 and isinstance(args[0], m.ReturnTuple):
                layer = _tuple_layer(args[0].items)
            elif len(args) == 1:
                layer = ConversionStep(args[0])  # type: ignore[arg-type]
            elif not args:
                layer = ConversionStep(None)
            else:
                layer = _tuple_layer(args)  # type: ignore[arg-type]
        else:
            layer = ConversionStep(current)
        found.append(layer)
        inner = layer.body
        current = inner if isinstance(inner, m.MakeResponse | m.ReturnTuple) else None
    return found


def _tuple_layer(items: tuple[m.TupleItem, ...]) -> ConversionStep:
    first, *rest = items
    body = first if not isinstance(first, m.Status | m.StatusMember | m.HeadersValue) else None
    kept = tuple(
        item for item in rest if isinstance(item, m.Status | m.StatusMember | m.HeadersValue)
    )
    return ConversionStep(body, kept, len(items))


def raises_first(value: m.ReturnValue) -> bool:
    """Whether the centre is an `abort(...)`, which raises before any outer layer applies."""
    return isinstance(innermost_body(value), m.Abort | m.AbortWith)


def applied_layers(value: m.ReturnValue) -> list[ConversionStep]:
    """The layers whose tuples really apply: none around an `abort(...)`, which raises first."""
    found = layers(value)
    return [ConversionStep(found[-1].body)] if raises_first(value) else found


def innermost_body(value: m.ReturnValue) -> Centre | None:
    """The body at the centre of every tuple and `make_response` layer."""
    return layers(value)[-1].body


def all_well_formed(value: m.ReturnValue) -> bool:
    """Whether every tuple layer that applies has a size and order both frameworks accept."""
    return all(layer.well_formed for layer in applied_layers(value))


# Both frameworks convert a return value in the same order: the innermost layer is evaluated
# in the view, then each tuple is unpacked (a size other than 2 or 3 is refused at once), its
# body converted, its status read, its headers applied. A divergence is at work only where
# both get as far as the step it is about; these say how far that is.

_BODIES_BOTH_ACCEPT = (
    m.Text,
    m.Bytes,
    m.ByteArray,
    m.JsonBody,
    m.Jsonify,
    m.JsonDumps,
    m.ResponseCall,
    m.MakeResponse,
    m.Redirect,
    m.HttpError,
    m.SendFile,
    m.SendFromDirectory,
    m.RenderTemplateString,
    m.RenderTemplate,
    # The request's body: what it reads is a response both take (dict, list, str, bytes) or
    # a value both refuse alike (a JSON null or number); the reads that differ are an entry.
    m.RequestBody,
    # The query string's or the form's fields (a jsonify response), an uploaded file's bytes,
    # text made from the JSON: each a response both take, or a read both refuse alike.
    m.RequestFields,
    m.UploadedFile,
    m.RequestText,
)


def accepted_by_both(body: Centre | None) -> bool:
    """Whether both frameworks take a body as a response: not None, a number, an `abort(...)`
    (it raises), a WSGI callable or plain iterator (Quart refuses them) or a bare async
    generator (Flask refuses it). `make_response()` with nothing (None here) is accepted."""
    if body is None:
        return True
    if isinstance(body, m.Chunks):
        return body.kind is m.ChunksKind.GENERATOR
    return isinstance(body, _BODIES_BOTH_ACCEPT)


def reaches_body(value: m.ReturnValue) -> bool:
    """Whether both frameworks get as far as converting the innermost body: the layer around
    it is a bare value or a tuple of two or three items (other sizes are refused first), or
    an `abort(...)` that raises before any tuple applies."""
    return applied_layers(value)[-1].tuple_size in (None, 2, 3)


def reaches_status(value: m.ReturnValue) -> bool:
    """Whether both frameworks get as far as reading the tuple statuses: every tuple that
    applies has a size and order both accept, around a body both accept."""
    return all_well_formed(value) and accepted_by_both(innermost_body(value))


def status_accepted(status: m.StatusValue) -> bool:
    """Whether both frameworks take a tuple status: None, an int, an `HTTPStatus` member, or
    a str that `int()` reads (Quart calls `int()`; Flask refuses bytes and floats)."""
    if isinstance(status, m.StatusMember) or status.value is None:
        return True
    raw = status.value
    if isinstance(raw, bool):
        return False
    return isinstance(raw, int) or (isinstance(raw, str) and int_or_none(raw) is not None)


def reaches_headers(value: m.ReturnValue) -> bool:
    """Whether both frameworks get as far as applying the tuple headers: the statuses are
    reached and each is one both accept (Quart reads the status before the headers)."""
    return reaches_status(value) and all(status_accepted(s) for s in tuple_statuses(value))


def response_calls(value: m.ReturnValue) -> Iterator[m.ResponseCall]:
    """Every `Response(...)` the value constructs, including inside `abort(...)`."""
    for layer in layers(value):
        body = layer.body
        if isinstance(body, m.ResponseCall):
            yield body
        elif isinstance(body, m.AbortWith) and isinstance(body.response, m.ResponseCall):
            yield body.response


def headers_reaching_both(value: m.ReturnValue) -> Iterator[tuple[str, str]]:
    """The headers of `headers_items`, where both frameworks get as far as applying them; none
    where one refuses the value first and answers with an error page instead."""
    if raises_first(value) or reaches_headers(value):
        yield from headers_items(value)
    elif isinstance(value, m.AfterThisRequest):
        # The hook runs on whatever response the framework made, its error page included.
        yield from change_headers(value.changes)


def headers_items(value: m.ReturnValue) -> Iterator[tuple[str, str]]:
    """Every header name and value the source puts on a response, as the text Werkzeug makes
    (a framework may refuse the value before they apply: see `headers_reaching_both`)."""
    for layer in applied_layers(value):
        for headers in layer.headers:
            yield from header_texts(headers)
        if isinstance(layer.body, m.WsgiApp):
            yield from layer.body.headers
        if isinstance(layer.body, m.Redirect):
            yield ("Location", layer.body.location)
        if isinstance(layer.body, m.AbortWith) and isinstance(layer.body.response, m.Redirect):
            yield ("Location", layer.body.response.location)
        if _method_not_allowed(layer.body):
            # MethodNotAllowed's first argument is valid_methods, not a description (abort(405,
            # text) passes it on): a str is split into characters and joined into Allow.
            yield ("Allow", ", ".join(getattr(layer.body, "description", None) or ""))
        body = layer.body
        if isinstance(body, m.Abort) and body.number == 416 and body.description is not None:
            # RequestedRangeNotSatisfiable's first argument is the length, so abort(416, text)
            # writes the text into Content-Range.
            yield ("Content-Range", f"bytes */{body.description}")
    for call in response_calls(value):
        if call.headers is not None:
            yield from header_texts(call.headers)
        for text in (call.mimetype, call.content_type):
            if text is not None:
                yield ("Content-Type", text)
    yield from change_headers(later_changes(value))


def change_headers(changes: tuple[m.Change, ...]) -> Iterator[tuple[str, str]]:
    """The header names and values later changes put on a response."""
    for change in changes:
        if isinstance(change, m.SetHeader):
            yield (change.name, change.value)
        elif isinstance(change, m.SetAttribute):
            if change.attribute in ("mimetype", "content_type"):
                yield ("Content-Type", str(change.value))
        elif isinstance(change, m.SetHeaderSet | m.AddToHeaderSet):
            name = "Vary" if change.attribute == "vary" else "Content-Language"
            given = change.item if isinstance(change, m.AddToHeaderSet) else change.value
            yield (name, given if isinstance(given, str) else ", ".join(given))
        elif isinstance(change, m.SetCookie | m.DeleteCookie):
            # Werkzeug's dump_cookie quotes the value and the path and IDNA-encodes the
            # domain; only the name reaches the header as written.
            yield ("Set-Cookie", f"{change.name}=")


def later_changes(value: m.ReturnValue) -> tuple[m.Change, ...]:
    """The changes made to the response after it was made, in the order they run: a
    `resp = ...` body's (none when its centre aborts first), then an `@after_this_request`
    hook's, which runs on the error page too."""
    if isinstance(value, m.Mutated):
        return () if raises_first(value) else value.changes
    if isinstance(value, m.AfterThisRequest):
        return value.changes
    return ()


def _method_not_allowed(body: Centre | None) -> bool:
    if isinstance(body, m.HttpError):
        return body.name == "MethodNotAllowed"
    return isinstance(body, m.Abort) and body.number == 405


def refused_headers(value: m.ReturnValue) -> bool:
    """Whether a header value holds CR or LF, which Werkzeug's Headers refuse in both apps."""
    return any("\r" in text or "\n" in text for _, text in headers_items(value))


def header_texts(headers: m.HeadersValue) -> Iterator[tuple[str, str]]:
    """Each header one headers value puts on a response, as the text Werkzeug makes of it."""
    # Only a dict spreads a list value over several headers; in the pair forms Werkzeug
    # writes the list's str(), brackets and quotes included.
    for name, value in headers.items:
        if not isinstance(value, tuple):
            yield (name, str(value))
        elif headers.form is m.HeadersForm.DICT:
            for part in value:
                yield (name, part)
        else:
            yield (name, str(list(value)))


def status_code_of(status: m.StatusValue) -> int | None:
    """The code `int()` reads from a status item, or None when it cannot."""
    if isinstance(status, m.StatusMember):
        return int(HTTPStatus[status.name])
    return int_or_none(status.value)


def int_or_none(value: object) -> int | None:
    """`int(value)` for the kinds a status can be, or None where `int()` refuses it."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        return int(value) if math.isfinite(value) else None
    if isinstance(value, int):
        return value
    if isinstance(value, str | bytes):
        try:
            return int(value)
        except ValueError:
            return None
    return None


def all_statuses(value: m.ReturnValue) -> Iterator[m.StatusValue | int | str]:
    """Every status the source sets: tuple items, `Response(status=...)`, later assignments."""
    yield from tuple_statuses(value)
    for call in response_calls(value):
        if call.status is not None:
            yield call.status
    for change in later_changes(value):
        if isinstance(change, m.SetAttribute) and change.attribute in ("status", "status_code"):
            yield change.value


def plain_statuses(value: m.ReturnValue) -> bool:
    """Whether every status set is an int or an `HTTPStatus` member, which both accept."""
    for status in all_statuses(value):
        raw = status.value if isinstance(status, m.Status) else status
        if isinstance(status, m.StatusMember) or raw is None:
            continue
        if not isinstance(raw, int) or isinstance(raw, bool):
            return False
    return True


def tuple_statuses(value: m.ReturnValue) -> Iterator[m.StatusValue]:
    """The status items of every tuple layer that applies, outermost first."""
    for layer in applied_layers(value):
        yield from layer.statuses


def bodies_anywhere(value: m.ReturnValue) -> Iterator[Centre | m.ChunkList | m.FileObject]:
    """Every body position: each applied layer's body, the redirect an `abort(...)` carries,
    and each `Response(...)`'s body."""
    for layer in applied_layers(value):
        if layer.body is not None:
            yield layer.body
        if isinstance(layer.body, m.AbortWith) and isinstance(layer.body.response, m.Redirect):
            yield layer.body.response
    for call in response_calls(value):
        yield call.body


def chunk_bodies(value: m.ReturnValue) -> Iterator[m.Chunks]:
    """Streams anywhere a body can be."""
    return (body for body in bodies_anywhere(value) if isinstance(body, m.Chunks))


def byte_arrays(value: m.ReturnValue) -> Iterator[m.ByteArray]:
    """`bytearray` bodies anywhere a body can be."""
    return (body for body in bodies_anywhere(value) if isinstance(body, m.ByteArray))


def reads_request_outside_context(value: m.ReturnValue) -> bool:
    """A generator function over request state not wrapped in `stream_with_context`: it
    raises once the server iterates it, after the response has started."""
    return (
        isinstance(value, m.RequestStream)
        and not value.keeps_context
        and any(isinstance(part, m.RequestRead) for part in value.parts)
    )
