"""Send the shipped files with Flask's own helpers."""

from __future__ import annotations

import io
from typing import IO
from typing import Any
from typing import TypeVar

from flask import Response
from flask import abort
from flask import current_app
from flask import request
from flask import send_file
from flask import send_from_directory

from shared import model as m

_Closing = TypeVar("_Closing", IO[bytes], Response)


def file_object(value: m.FileObject) -> IO[bytes]:
    """The in-memory buffer, or the shipped file opened for reading bytes."""
    if isinstance(value, m.BytesBuffer):
        return io.BytesIO(value.value)
    return _kept(open(m.shipped_file(value.name), "rb"))  # noqa: SIM115


def _kept(opened: _Closing) -> _Closing:
    # What a refused value leaves open (a file, or a response over one that a later tuple
    # step rejects) a server's garbage collector would close; the driver closes it after
    # the request instead, so no test sees a ResourceWarning.
    current_app.extensions.setdefault(m.OPENED_FILES, []).append(opened)
    return opened


def build_file(call: m.FileResponse) -> Response:
    """`send_file(...)` or `send_from_directory(...)` with the options as written."""
    # Passed as written, names the framework does not take included: that is the probe.
    options: dict[str, Any] = dict(call.options)
    if isinstance(call, m.SendFromDirectory):
        try:
            m.shipped_file(call.name)
        except FileNotFoundError:
            abort(404)  # what send_from_directory answers for a file it cannot send
        return _kept(send_from_directory(str(m.SHIPPED_FOLDER), call.name, **options))
    source = call.source
    if isinstance(source, m.FilePath):
        return _kept(send_file(str(m.shipped_file(source.name)), **options))
    return _kept(send_file(file_object(source), **options))


def make_conditional(resp: Response, change: m.MakeConditional) -> None:
    """`resp.make_conditional(request, ...)` with the keywords as written."""
    options: dict[str, Any] = {}
    if change.accept_ranges is not None:
        options["accept_ranges"] = change.accept_ranges
    if change.complete_length is not None:
        options["complete_length"] = change.complete_length
    resp.make_conditional(request, **options)
