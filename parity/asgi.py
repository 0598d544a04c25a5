"""Call an ASGI app as a server would and record exactly which messages it sends."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from collections.abc import Callable
from typing import Any

from parity.request import ProbeRequest
from parity.violations import ProtocolViolation
from parity.violations import header_problem
from parity.violations import status_problem
from shared.outcome import Outcome

AsgiApp = Callable[[dict[str, Any], Any, Any], Awaitable[None]]

RESPONSE_TIMEOUT = 10.0
"""Seconds an app may take to finish a response before the call gives up."""


def scope_for(request: ProbeRequest) -> dict[str, Any]:
    """The ASGI HTTP scope a server builds for the request."""
    path, _, query = request.path.partition("?")
    headers = [(b"host", b"localhost")]
    headers += [(n.lower().encode("latin-1"), v.encode("latin-1")) for n, v in request.headers]
    if request.body:
        headers.append((b"content-length", str(len(request.body)).encode()))
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": request.method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode("latin-1"),
        "query_string": query.encode("latin-1"),
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 40000),
        "server": ("localhost", 80),
        "extensions": {},
    }


async def call_asgi(app: AsgiApp, request: ProbeRequest) -> Outcome:
    """Run one request through the app: the start message, then every body message.

    An app that has not finished within RESPONSE_TIMEOUT seconds is cancelled, and the
    outcome records a TimeoutError."""
    done = asyncio.Event()
    messages: list[dict[str, Any]] = []
    request_sent = False

    async def receive() -> dict[str, Any]:
        nonlocal request_sent
        if not request_sent:
            request_sent = True
            return {"type": "http.request", "body": request.body, "more_body": False}
        await done.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)
        if message.get("type") == "http.response.body" and not message.get("more_body", False):
            done.set()

    error: BaseException | None = None
    try:
        async with asyncio.timeout(RESPONSE_TIMEOUT):
            await app(scope_for(request), receive, send)
    except TimeoutError:
        error = TimeoutError(f"no complete response within {RESPONSE_TIMEOUT} s")
    except Exception as caught:
        error = caught
    finally:
        done.set()
    return _outcome(messages, error)


def _outcome(messages: list[dict[str, Any]], error: BaseException | None) -> Outcome:
    if not messages or messages[0].get("type") != "http.response.start":
        return Outcome.from_raw(
            None, (), b"", error=error or ProtocolViolation("no response started")
        )
    start, *rest = messages
    problem: ProtocolViolation | None = None
    headers = []
    for name, value in start.get("headers", []):
        if not isinstance(name, bytes) or not isinstance(value, bytes):
            problem = ProtocolViolation(f"header {name!r} is not a pair of bytes")
            name, value = str(name).encode(), str(value).encode()
        text = (name.decode("latin-1"), value.decode("latin-1"))
        if (detail := header_problem(*text)) is not None:
            problem = ProtocolViolation(detail)
        headers.append(text)
    body = bytearray()
    for message in rest:
        chunk = message.get("body", b"")
        if message.get("type") != "http.response.body":
            problem = ProtocolViolation(f"unexpected {message.get('type')!r} after the start")
        elif not isinstance(chunk, bytes):
            problem = ProtocolViolation(f"body is {type(chunk).__name__}, not bytes")
        else:
            body += chunk
    if rest and rest[-1].get("more_body", False) and error is None:
        problem = ProtocolViolation("the body never ended (more_body stayed true)")
    status = start.get("status")
    if not isinstance(status, int):
        problem, status = ProtocolViolation(f"status is {status!r}, not an int"), None
    elif (detail := status_problem(status)) is not None:
        problem = ProtocolViolation(detail)
    return Outcome.from_raw(status, headers, bytes(body), error=error or problem, compare_date=True)
