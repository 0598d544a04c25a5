"""What a return value sets that servers treat apart: the tests wire entries cover probes with."""

from __future__ import annotations

from collections.abc import Iterator

from shared import model as m
from shared.http.syntax import has_control
from shared.model import anatomy as a
from shared.probe import Probe


def status_codes(probe: Probe) -> set[int]:
    """Every status code the source sets anywhere: as `int()` reads it, or as Werkzeug reads a
    str status (its leading code, 0 when it has none)."""
    found = set()
    for status in (*a.all_statuses(probe.value), *_werkzeug_statuses(probe.value)):
        if isinstance(status, m.Status | m.StatusMember):
            code = a.status_code_of(status)
            text = status.value if isinstance(status, m.Status) else None
        else:
            code, text = a.int_or_none(status), status
        if code is None and isinstance(text, str) and text.strip():
            # Werkzeug reads the lead as the code, and a status without one as "0 <status>".
            code = a.int_or_none(text.strip().split(" ", 1)[0]) or 0
        if code is not None:
            found.add(code)
    for body in a.bodies_anywhere(probe.value):
        if isinstance(body, m.Redirect) and body.code is not None:
            found.add(body.code)
    return found


def _werkzeug_statuses(value: m.ReturnValue) -> Iterator[m.StatusValue]:
    """The statuses of Werkzeug's own `Response(...)`: Quart hands it to its server as it
    stands (`werkzeug-response-raw-in-quart`), so the server meets that status as it is."""
    for layer in a.layers(value):
        if isinstance(layer.body, m.WerkzeugResponse) and layer.body.status is not None:
            yield layer.body.status


def header_items(probe: Probe) -> list[tuple[str, str]]:
    """Every header name and value the source puts on a response, as Werkzeug writes them."""
    return list(a.headers_items(probe.value))


def content_lengths(probe: Probe) -> list[str]:
    """Every Content-Length value the source sets, as the frameworks write it (`str()`)."""
    return [value for name, value in header_items(probe) if name.lower() == "content-length"]


def numeric_length(text: str) -> bool:
    """Whether h11 would frame a reply by this Content-Length: ASCII digits only."""
    return text.isascii() and text.isdigit()


def str_statuses(probe: Probe) -> list[str]:
    """Every str status the source sets, wherever it sets it."""
    found = []
    for status in a.all_statuses(probe.value):
        value = status.value if isinstance(status, m.Status) else status
        if isinstance(value, str):
            found.append(value)
    return found


def control_in_headers(probe: Probe) -> bool:
    """Whether a header name or value the source sets has a control character."""
    return any(has_control(name) or has_control(value) for name, value in header_items(probe))


def async_stream_in_flask(probe: Probe) -> bool:
    """An async generator as a body, bare or inside `stream_with_context(...)`."""
    return any(
        (isinstance(body, m.Chunks) and body.kind is m.ChunksKind.ASYNC_GENERATOR)
        or (isinstance(body, m.WithContext) and body.asynchronous)
        for body in a.bodies_anywhere(probe.value)
    )


def reads_request_outside_context(probe: Probe) -> bool:
    """Whether the body is a generator over request state without `stream_with_context`."""
    return a.reads_request_outside_context(probe.value)
