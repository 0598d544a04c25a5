"""What each framework's `send_file` makes of a call, read from the call alone.

Flask (through Werkzeug) and Quart take different keyword sets and refuse different inputs;
the registry's predicates ask these questions rather than reading the options themselves.
"""

from __future__ import annotations

from shared import anatomy as a
from shared import model as m


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
