"""What each framework's `send_file` makes of a call, read from the call alone.

Flask (through Werkzeug) and Quart take different keyword sets and refuse different inputs;
the registry's predicates ask these questions rather than reading the options themselves.
"""

from __future__ import annotations

from shared import model as m
from shared.model import anatomy as a


def file_call(value: m.ReturnValue) -> m.SendFile | m.SendFromDirectory | None:
    """The file helper at the centre of a return value, if that is what it returns."""
    centre = a.innermost_body(value)
    return centre if isinstance(centre, m.SendFile | m.SendFromDirectory) else None


def option_names(call: m.FileResponse) -> frozenset[str]:
    """The keywords the call passes."""
    return frozenset(name for name, _ in call.options)


def option(call: m.FileResponse, name: str) -> m.SendFileOption | None:
    """The value the call passes for one keyword, or None."""
    return dict(call.options).get(name)


def flask_only_names(call: m.FileResponse) -> bool:
    """Whether the call passes a keyword only Flask's `send_file` takes."""
    return bool(option_names(call) & m.FLASK_ONLY_OPTIONS)


def quart_only_names(call: m.FileResponse) -> bool:
    """Whether the call passes a keyword only Quart's `send_file` takes."""
    return bool(option_names(call) & m.QUART_ONLY_OPTIONS)


def missing(call: m.FileResponse) -> bool:
    """Whether `send_from_directory` asks for a name that is not there (a 404 in both)."""
    return isinstance(call, m.SendFromDirectory) and call.name not in m.SHIPPED_FILES


def _file_object(call: m.FileResponse) -> m.FileObject | None:
    if isinstance(call, m.SendFile) and isinstance(call.source, m.BytesBuffer | m.OpenFile):
        return call.source
    return None


def flask_refuses(call: m.FileResponse) -> bool:
    """Whether Flask's helper raises: a keyword it does not take (before the file is looked
    for), or a file object with no name to guess the type from or to attach it under."""
    if quart_only_names(call) and not missing(call):
        return True
    if _file_object(call) is None:
        return False
    named = option(call, "download_name") is not None
    return (option(call, "mimetype") is None and not named) or (
        bool(option(call, "as_attachment")) and not named
    )


def quart_refuses(call: m.FileResponse) -> bool:
    """Whether Quart's helper raises: a keyword it does not take (its keywords are checked
    before the file is looked for), an open file (it takes only paths and `BytesIO`), or a
    buffer with no name to guess the type from."""
    if flask_only_names(call):
        return True
    source = _file_object(call)
    if isinstance(source, m.OpenFile):
        return True
    return (
        isinstance(source, m.BytesBuffer)
        and option(call, "mimetype") is None
        and option(call, "attachment_filename") is None
    )


def both_send(call: m.FileResponse) -> bool:
    """Whether both frameworks answer the call with the file."""
    return not (flask_refuses(call) or quart_refuses(call) or missing(call))


def flask_names_it(call: m.FileResponse) -> bool:
    """Whether Flask knows a file name to put in Content-Disposition: a path, or a name given."""
    return _file_object(call) is None or option(call, "download_name") is not None


# -- conditional requests -------------------------------------------------------------------


def header(headers: tuple[tuple[str, str], ...], name: str) -> str | None:
    """The last value a request sends for a header name, or None."""
    found = [value for key, value in headers if key.lower() == name]
    return found[-1] if found else None


def conditional_changes(value: m.ReturnValue) -> list[m.MakeConditional]:
    """The `resp.make_conditional(request, ...)` calls a view body makes on a response that
    is not a file helper's (those are answered by the helper itself)."""
    if not isinstance(value, m.Mutated) or isinstance(value.base, m.SendFile | m.SendFromDirectory):
        return []
    return [change for change in value.changes if isinstance(change, m.MakeConditional)]


def _sends_something(call: m.FileResponse) -> bool:
    """Whether the file is known to be non-empty (every shipped file is)."""
    if isinstance(call, m.SendFile) and isinstance(call.source, m.BytesBuffer):
        return bool(call.source.value)
    return True


def flask_conditional_file(call: m.FileResponse) -> bool:
    """Whether Flask's helper answers the request's conditional headers (its default)."""
    return option(call, "conditional") is not False


def quart_conditional_file(call: m.FileResponse) -> bool:
    """Whether Quart's helper does: `send_file` only when asked, `send_from_directory` unless
    told not to."""
    if isinstance(call, m.SendFromDirectory):
        return option(call, "conditional") is not False
    return option(call, "conditional") is True


def range_asked(method: str, headers: tuple[tuple[str, str], ...]) -> bool:
    """Whether the request asks for a range either framework may look at: a GET or HEAD with
    Range (an If-Range beside it decides, in both, whether the range is served at all)."""
    return method in ("GET", "HEAD") and header(headers, "range") is not None


def flask_serves_ranges(value: m.ReturnValue) -> bool:
    """Whether Flask answers a Range for this value: a conditional file both send, or
    `make_conditional` with accept_ranges set and a complete_length."""
    call = file_call(value)
    if call is not None:
        return both_send(call) and flask_conditional_file(call) and _sends_something(call)
    return any(
        bool(c.accept_ranges) and bool(c.complete_length) for c in conditional_changes(value)
    )


def quart_serves_ranges(value: m.ReturnValue) -> bool:
    """Whether Quart does: a conditional file both send, or `make_conditional` with any
    complete_length (accept_ranges=False is turned into 'none', not into 'no ranges')."""
    call = file_call(value)
    if call is not None:
        return both_send(call) and quart_conditional_file(call) and _sends_something(call)
    return any(bool(c.complete_length) for c in conditional_changes(value))


FAR_START = 100
"""A range start past the end of every shipped file and every body the strategies draw."""


def suffix_range(text: str | None) -> bool:
    """Whether a Range asks for the last N bytes: `bytes=-N`."""
    return text is not None and text.replace(" ", "").startswith("bytes=-")


def unsatisfiable_without_length(text: str | None) -> bool:
    """Whether a Range is one Quart refuses with a bare 416 (no Content-Range): several
    ranges, a unit other than bytes, or a start at or past FAR_START."""
    if text is None:
        return False
    units, _, spec = text.partition("=")
    if units.strip() != "bytes":
        return bool(spec) and units.strip().isalpha()
    if "," in spec:
        return True
    start, dash, _ = spec.strip().partition("-")
    return bool(dash) and start.isdigit() and int(start) >= FAR_START


def raises_in_either(call: m.FileResponse) -> bool:
    """Whether either framework's helper raises inside the view (a refused option or source,
    or a name that is not there), before any tuple around the call is read."""
    return flask_refuses(call) or quart_refuses(call) or missing(call)
