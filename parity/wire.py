"""Read what a real server puts on the wire: a raw socket, parsed by `h11` in client mode.

`http.client` hides framing and repairs what it can; here the status line with its reason
phrase as sent, every header as bytes in order, the framing (Content-Length, chunked, or
connection close) and the body are all kept. A reply `h11` rejects, an empty reply, a reset
and a timeout are outcomes of their own, never exceptions.
"""

from __future__ import annotations

import enum
import socket
import time
from dataclasses import dataclass

import h11

from parity.request import ProbeRequest
from shared.outcome import Outcome

WIRE_TIMEOUT = 10.0
"""Seconds a server may take to answer one request, in all."""
MAX_REPLY = 8 * 1024 * 1024
"""Bytes read at most from one reply; a longer one is cut off and recorded as too long."""
_KEPT_RAW = 4096
"""Bytes of the raw reply kept for messages and the report."""


class Result(enum.Enum):
    """How one exchange ended."""

    COMPLETE = "complete"
    REJECTED = "rejected"
    """`h11` refused the reply as HTTP/1.1."""
    EMPTY = "empty"
    """The server closed the connection without sending a byte."""
    RESET = "reset"
    TIMEOUT = "timeout"
    TOO_LONG = "too long"


class Framing(enum.Enum):
    """How the body's end was marked."""

    CONTENT_LENGTH = "content-length"
    CHUNKED = "chunked"
    CLOSE = "close"
    """No length: the body ran until the server closed the connection."""
    NONE = "none"
    """No body can follow (HEAD, 1xx, 204, 304)."""


@dataclass(frozen=True)
class WireReply:
    """One server's answer to one request, as it crossed the socket."""

    result: Result
    status: int | None = None
    reason: bytes = b""
    http_version: bytes = b""
    headers: tuple[tuple[bytes, bytes], ...] = ()
    """Names as sent (case kept) and values, in order."""
    framing: Framing | None = None
    body: bytes = b""
    detail: str = ""
    """What went wrong, for every result but COMPLETE."""
    raw: bytes = b""
    """The first bytes received, for messages."""

    @property
    def complete(self) -> bool:
        """Whether a whole, well-formed reply arrived."""
        return self.result is Result.COMPLETE

    def header_values(self, name: bytes) -> tuple[bytes, ...]:
        """Every value of a header (name compared case-insensitively), in order."""
        wanted = name.lower()
        return tuple(value for key, value in self.headers if key.lower() == wanted)

    def header_names(self) -> tuple[bytes, ...]:
        """Every header name, lower-cased, in order."""
        return tuple(name.lower() for name, _ in self.headers)

    def to_outcome(self) -> Outcome:
        """The reply as an `Outcome`, comparable with an app-boundary one.

        The reason is the phrase as sent (empty when the server wrote none); an incomplete
        reply is an outcome with an error named after its result."""
        headers = [(n.decode("latin-1"), v.decode("latin-1")) for n, v in self.headers]
        outcome = Outcome.from_raw(
            self.status, headers, self.body, reason=self.reason.decode("latin-1")
        )
        if self.complete:
            return outcome
        return Outcome(
            status=outcome.status,
            headers=outcome.headers,
            body=outcome.body,
            reason=outcome.reason,
            error=f"wire:{self.result.value}",
            error_detail=self.detail,
            set_aside=outcome.set_aside,
        )

    def describe(self) -> str:
        """A few lines a person reads: the status line, headers, framing, body."""
        if self.status is None:
            return f"({self.result.value}: {self.detail})"
        line = f"{self.http_version.decode('latin-1')} {self.status} {_text(self.reason)}"
        lines = [line.rstrip()]
        lines += [f"{_text(name)}: {_text(value)}" for name, value in self.headers]
        framing = "?" if self.framing is None else self.framing.value
        lines.append(f"[framing: {framing}; {len(self.body)} body bytes]")
        lines.append(repr(self.body[:120]) + ("..." if len(self.body) > 120 else ""))
        if not self.complete:
            lines.append(f"!! {self.result.value}: {self.detail}")
        return "\n".join(lines)


def _text(data: bytes) -> str:
    # repr-escape anything a terminal would interpret; printable ASCII passes as is.
    text = data.decode("latin-1")
    return text if text.isprintable() and text.isascii() else repr(data)[2:-1]


def request_bytes(request: ProbeRequest, host: str, port: int) -> tuple[h11.Connection, bytes]:
    """A client-mode connection that has sent `request`, and the bytes it put on the wire."""
    connection = h11.Connection(h11.CLIENT)
    headers = [("Host", f"{host}:{port}"), *request.headers]
    if request.body:
        headers.append(("Content-Length", str(len(request.body))))
    headers.append(("Connection", "close"))
    data = connection.send(h11.Request(method=request.method, target=request.path, headers=headers))
    assert data is not None
    if request.body:
        data += connection.send(h11.Data(data=request.body)) or b""
    data += connection.send(h11.EndOfMessage()) or b""
    return connection, data


def fetch(
    host: str, port: int, request: ProbeRequest, *, timeout: float = WIRE_TIMEOUT
) -> WireReply:
    """Send one HTTP/1.1 request over a fresh connection and read the whole reply."""
    connection, data = request_bytes(request, host, port)
    return exchange(host, port, data, connection, request.method, timeout=timeout)


def fetch_raw(
    host: str, port: int, data: bytes, *, method: str = "GET", timeout: float = WIRE_TIMEOUT
) -> WireReply:
    """Send arbitrary bytes as a request and read the reply.

    `h11` is told only the request `method` (which decides whether a body may follow); the
    bytes on the wire are `data`, however malformed."""
    connection, _ = request_bytes(ProbeRequest(method, "/"), host, port)
    return exchange(host, port, data, connection, method, timeout=timeout)


def exchange(
    host: str,
    port: int,
    data: bytes,
    connection: h11.Connection,
    method: str,
    *,
    timeout: float = WIRE_TIMEOUT,
) -> WireReply:
    """Write `data`, then feed everything the server sends to `connection` until the reply ends.

    `method` is the request's, which decides whether the reply can carry a body."""
    deadline = time.monotonic() + timeout
    reader = _Reader(connection, method)
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            try:
                sock.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                # The server may answer and close before reading everything: read what it sent.
                pass
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                sock.settimeout(remaining)
                chunk = sock.recv(65536)
                finished = reader.feed(chunk)
                if finished is not None:
                    return finished
    except TimeoutError:
        return reader.stopped(Result.TIMEOUT, f"no complete reply within {timeout} s")
    except ConnectionResetError as error:
        return reader.stopped(Result.RESET, str(error) or "connection reset by peer")
    except OSError as error:
        return reader.stopped(Result.RESET, f"{type(error).__name__}: {error}")


class _Reader:
    """Feeds received bytes to h11 and gathers one reply."""

    def __init__(self, connection: h11.Connection, method: str) -> None:
        self.connection = connection
        self.method = method
        self.raw = bytearray()
        self.response: h11.Response | None = None
        self.body = bytearray()
        self.received = 0

    def feed(self, chunk: bytes) -> WireReply | None:
        """Take a chunk (b"" at EOF); the finished reply once there is one, else None."""
        self.received += len(chunk)
        if len(self.raw) < _KEPT_RAW:
            self.raw += chunk[: _KEPT_RAW - len(self.raw)]
        if not chunk and self.received == 0:
            return self.stopped(Result.EMPTY, "the server closed the connection without a reply")
        if self.received > MAX_REPLY:
            return self.stopped(Result.TOO_LONG, f"the reply passed {MAX_REPLY} bytes")
        self.connection.receive_data(chunk)
        try:
            while True:
                event = self.connection.next_event()
                if event is h11.NEED_DATA:
                    if not chunk:
                        return self.stopped(Result.REJECTED, "the connection closed mid-reply")
                    return None
                if isinstance(event, h11.InformationalResponse):
                    continue
                if isinstance(event, h11.Response):
                    self.response = event
                elif isinstance(event, h11.Data):
                    self.body += event.data
                elif isinstance(event, h11.EndOfMessage):
                    return self.finished()
                elif isinstance(event, h11.ConnectionClosed):
                    return self.stopped(Result.REJECTED, "the connection closed mid-reply")
        except h11.RemoteProtocolError as error:
            return self.stopped(Result.REJECTED, f"h11: {error}")

    def finished(self) -> WireReply:
        """The complete reply."""
        return self._reply(Result.COMPLETE, "")

    def stopped(self, result: Result, detail: str) -> WireReply:
        """What arrived before the exchange ended as `result`."""
        return self._reply(result, detail)

    def _reply(self, result: Result, detail: str) -> WireReply:
        response = self.response
        if response is None:
            return WireReply(result, detail=detail, raw=bytes(self.raw))
        headers = tuple((bytes(name), bytes(value)) for name, value in response.headers.raw_items())
        return WireReply(
            result=result,
            status=response.status_code,
            reason=bytes(response.reason),
            http_version=b"HTTP/" + bytes(response.http_version),
            headers=headers,
            framing=_framing(response.status_code, headers, self.method),
            body=bytes(self.body),
            detail=detail,
            raw=bytes(self.raw),
        )


def _framing(status: int, headers: tuple[tuple[bytes, bytes], ...], method: str) -> Framing:
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        return Framing.NONE
    names = {name.lower(): value.lower() for name, value in headers}
    if b"chunked" in names.get(b"transfer-encoding", b""):
        return Framing.CHUNKED
    if b"content-length" in names:
        return Framing.CONTENT_LENGTH
    return Framing.CLOSE
