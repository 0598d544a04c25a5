"""Call a WSGI app as a server would and record exactly what it hands back."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from collections.abc import Iterable
from typing import Any

from werkzeug.http import HTTP_STATUS_CODES

from parity.request import ProbeRequest
from parity.violations import ProtocolViolation
from parity.violations import header_problem
from parity.violations import status_problem
from parity.violations import text_problem
from shared.outcome import Outcome

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def environ_for(request: ProbeRequest) -> dict[str, Any]:
    """The PEP 3333 environ a server builds for the request."""
    path, _, query = request.path.partition("?")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": request.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "localhost",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(request.body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    if request.body:
        environ["CONTENT_LENGTH"] = str(len(request.body))
    for name, value in request.headers:
        key = name.upper().replace("-", "_")
        if key in {"CONTENT_TYPE", "CONTENT_LENGTH"}:
            environ[key] = value
        else:
            environ[f"HTTP_{key}"] = value
    return environ


def call_wsgi(app: WsgiApp, request: ProbeRequest) -> Outcome:
    """Run one request through the app: the `start_response` call, then every body chunk."""
    started: list[tuple[str, list[tuple[str, str]]]] = []
    written: list[bytes] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        started.append((status, headers))
        return written.append

    chunks: list[bytes] = []
    error: BaseException | None = None
    try:
        result = app(environ_for(request), start_response)
        try:
            for chunk in result:
                if not isinstance(chunk, bytes):
                    raise ProtocolViolation(f"body chunk is {type(chunk).__name__}, not bytes")
                chunks.append(chunk)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
    except Exception as caught:
        error = caught
    if not started:
        return Outcome.from_raw(
            None, (), b"", error=error or ProtocolViolation("no start_response")
        )
    status_line, raw_headers = started[-1]
    code, reason, headers, problem = _read_start(status_line, raw_headers)
    return Outcome.from_raw(
        code,
        headers,
        b"".join(written + chunks),
        reason=reason,
        error=error or problem,
        compare_date=True,
    )


def _read_start(
    status_line: str, raw_headers: list[tuple[str, str]]
) -> tuple[int | None, str | None, list[tuple[str, str]], ProtocolViolation | None]:
    problem: ProtocolViolation | None = None
    code_text, _, reason = status_line.partition(" ")
    code: int | None
    try:
        code = int(code_text)
    except ValueError:
        code = None
        problem = ProtocolViolation(f"status line {status_line!r} does not start with a code")
    if code is not None:
        detail = status_problem(code) or (None if len(code_text) == 3 else "not three digits")
        if detail is not None:
            problem = ProtocolViolation(f"status line {status_line!r}: {detail}")
    if (detail := text_problem("reason phrase", reason)) is not None:
        problem = ProtocolViolation(f"status line {status_line!r}: {detail}")
    headers = []
    for name, value in raw_headers:
        if not isinstance(value, str) or not isinstance(name, str):
            problem = ProtocolViolation(f"header {name!r} is not a pair of str")
            value = str(value)
        elif (detail := header_problem(name, value)) is not None:
            problem = ProtocolViolation(detail)
        headers.append((str(name), value))
    # Werkzeug writes its table's phrase upper-cased ("201 CREATED"); ASGI carries none.
    default = HTTP_STATUS_CODES.get(code or 0, "UNKNOWN").upper()
    return code, (None if reason == default else reason), headers, problem
