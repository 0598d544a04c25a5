"""Read what a real server puts on the wire: a raw socket, parsed by `h11` in client mode.

`http.client` hides framing and repairs what it can; here the status line with its reason
phrase as sent, every header as bytes in order, the framing (Content-Length, chunked, or
connection close) and the body are all kept. A reply `h11` rejects, an empty reply, a reset
and a timeout are outcomes of their own, never exceptions.
"""

from __future__ import annotations

import socket
import time

import h11

from parity.request import ProbeRequest
from shared.http.wire_reply import Framing
from shared.http.wire_reply import Result
from shared.http.wire_reply import WireReply

__all__ = ["Framing", "Result", "WireReply", "exchange", "fetch", "fetch_raw"]

WIRE_TIMEOUT = 10.0
"""Seconds a server may take to answer one request, in all."""
MAX_REPLY = 8 * 1024 * 1024
"""Bytes read at most from one reply; a longer one is cut off and recorded as too long."""
_KEPT_RAW = 4096
"""Bytes of the raw reply kept for messages and the report."""


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
    host: str,
    port: int,
    data: bytes,
    *,
    method: str = "GET",
    timeout: float = WIRE_TIMEOUT,
    half_close: bool = False,
) -> WireReply:
    """Send arbitrary bytes as a request and read the reply.

    `h11` is told only the request `method` (which decides whether a body may follow); the
    bytes on the wire are `data`, however malformed. With `half_close` the client shuts its
    sending side after the bytes, so a server waiting for the rest of a request sees the end
    of it instead of waiting out the timeout."""
    connection, _ = request_bytes(ProbeRequest(method, "/"), host, port)
    return exchange(host, port, data, connection, method, timeout=timeout, half_close=half_close)


def exchange(
    host: str,
    port: int,
    data: bytes,
    connection: h11.Connection,
    method: str,
    *,
    timeout: float = WIRE_TIMEOUT,
    half_close: bool = False,
) -> WireReply:
    """Write `data`, then feed everything the server sends to `connection` until the reply ends.

    `method` is the request's, which decides whether the reply can carry a body."""
    deadline = time.monotonic() + timeout
    reader = _Reader(connection, method)
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            try:
                sock.sendall(data)
                if half_close:
                    sock.shutdown(socket.SHUT_WR)
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
