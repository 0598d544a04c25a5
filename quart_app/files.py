"""Send the shipped files with Quart's own helpers, awaited as a Quart view awaits them."""

from __future__ import annotations

import io
from typing import IO
from typing import Any

from quart import Response
from quart import abort
from quart import request
from quart import send_file
from quart import send_from_directory

from quart_app.closing import opened
from shared import model as m


def file_object(value: m.FileObject) -> IO[bytes]:
    """The in-memory buffer, or the shipped file opened for reading bytes."""
    if isinstance(value, m.BytesBuffer):
        return io.BytesIO(value.value)
    # Quart never closes a file object it is handed (nor one send_file refuses).
    return opened(open(m.shipped_file(value.name), "rb"))  # noqa: SIM115


async def build_file(call: m.FileResponse) -> Response:
    """`await send_file(...)` or `await send_from_directory(...)` with the options as written."""
    # Passed as written, names the framework does not take included: that is the probe.
    options: dict[str, Any] = dict(call.options)
    if isinstance(call, m.SendFromDirectory):
        try:
            m.shipped_file(call.name)
        except FileNotFoundError:
            abort(404)  # what send_from_directory answers for a file it cannot send
        return await send_from_directory(str(m.SHIPPED_FOLDER), call.name, **options)
    source = call.source
    if isinstance(source, m.FilePath):
        return await send_file(str(m.shipped_file(source.name)), **options)
    return await send_file(file_object(source), **options)  # type: ignore[arg-type]


async def make_conditional(resp: Response, change: m.MakeConditional) -> None:
    """`await resp.make_conditional(request, ...)` with the keywords as written."""
    options: dict[str, Any] = {}
    if change.accept_ranges is not None:
        options["accept_ranges"] = change.accept_ranges
    if change.complete_length is not None:
        options["complete_length"] = change.complete_length
    await resp.make_conditional(request, **options)
