"""The h11 wire reader against a scripted server: what it keeps, and how bad replies end."""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Callable
from collections.abc import Iterator

import pytest

from parity.request import ProbeRequest
from parity.servers import HOST
from parity.wire.reader import Framing
from parity.wire.reader import Result
from parity.wire.reader import WireReply
from parity.wire.reader import fetch

Script = Callable[[socket.socket], None]


def _reply(data: bytes) -> Script:
    def script(connection: socket.socket) -> None:
        connection.sendall(data)

    return script


def _reset(connection: socket.socket) -> None:
    # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def _silent(connection: socket.socket) -> None:
    connection.recv(1)  # blocks until the client gives up and closes


@pytest.fixture(name="scripted")
def _scripted() -> Iterator[Callable[[Script, str], WireReply]]:
    """Run one scripted exchange: a one-connection server does `script`, the reader reads."""
    threads: list[threading.Thread] = []

    def run(script: Script, method: str = "GET") -> WireReply:
        listener = socket.socket()
        listener.bind((HOST, 0))
        listener.listen(1)
        port = listener.getsockname()[1]

        def serve() -> None:
            with listener:
                connection, _ = listener.accept()
                with connection:
                    connection.recv(65536)
                    script(connection)

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        threads.append(thread)
        return fetch(HOST, port, ProbeRequest(method, "/"), timeout=1.0)

    yield run
    for thread in threads:
        thread.join(timeout=5)


def test_keeps_reason_header_bytes_and_order(scripted: Callable[..., WireReply]) -> None:
    """The reason phrase, header names' case, repeats and order are kept as sent."""
    reply = scripted(
        _reply(
            b"HTTP/1.1 299 Quite Fine\r\nX-B: 1\r\nx-a: 2\r\nX-B: 3\r\nContent-Length: 2\r\n\r\nok"
        )
    )
    assert reply.result is Result.COMPLETE
    assert (reply.status, reply.reason, reply.http_version) == (299, b"Quite Fine", b"HTTP/1.1")
    assert reply.headers == (
        (b"X-B", b"1"),
        (b"x-a", b"2"),
        (b"X-B", b"3"),
        (b"Content-Length", b"2"),
    )
    assert reply.header_values(b"x-b") == (b"1", b"3")
    assert (reply.framing, reply.body) == (Framing.CONTENT_LENGTH, b"ok")


def test_empty_reason_phrase_is_empty(scripted: Callable[..., WireReply]) -> None:
    """A status line with no phrase (as Hypercorn writes) reads as an empty reason."""
    reply = scripted(_reply(b"HTTP/1.1 401 \r\nContent-Length: 0\r\n\r\n"))
    assert (reply.result, reply.status, reply.reason) == (Result.COMPLETE, 401, b"")
    assert reply.to_outcome().reason == ""


def test_chunked_body_is_joined(scripted: Callable[..., WireReply]) -> None:
    """A chunked body is read to its last chunk and framed as chunked."""
    reply = scripted(
        _reply(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n2\r\nbc\r\n0\r\n\r\n"
        )
    )
    assert (reply.result, reply.framing, reply.body) == (Result.COMPLETE, Framing.CHUNKED, b"abc")


def test_close_delimited_body(scripted: Callable[..., WireReply]) -> None:
    """A body with no length runs until the server closes, and is framed as such."""
    reply = scripted(_reply(b"HTTP/1.1 200 OK\r\n\r\nuntil close"))
    assert (reply.result, reply.framing, reply.body) == (
        Result.COMPLETE,
        Framing.CLOSE,
        b"until close",
    )


def test_head_reply_has_no_body(scripted: Callable[..., WireReply]) -> None:
    """After HEAD no body is read, whatever Content-Length says."""
    reply = scripted(_reply(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"), "HEAD")
    assert (reply.result, reply.framing, reply.body) == (Result.COMPLETE, Framing.NONE, b"")


def test_short_body_is_rejected(scripted: Callable[..., WireReply]) -> None:
    """A body shorter than its Content-Length is a reply h11 rejects, kept as an outcome."""
    reply = scripted(_reply(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"))
    assert reply.result is Result.REJECTED
    assert reply.status == 200
    assert reply.body == b"short"


def test_garbage_is_rejected(scripted: Callable[..., WireReply]) -> None:
    """Bytes that are not an HTTP/1.1 reply are recorded as rejected, with what arrived."""
    reply = scripted(_reply(b"NOT HTTP AT ALL\r\n\r\n"))
    assert reply.result is Result.REJECTED
    assert reply.detail.startswith("h11:")
    assert reply.raw == b"NOT HTTP AT ALL\r\n\r\n"


def test_injected_line_shows_as_a_header(scripted: Callable[..., WireReply]) -> None:
    """A CR LF inside a value reaches the reader as one more header, as a browser sees it."""
    reply = scripted(
        _reply(b"HTTP/1.1 200 OK\r\nX-A: v\r\nX-Injected: 1\r\nContent-Length: 0\r\n\r\n")
    )
    assert reply.header_values(b"x-injected") == (b"1",)


def test_empty_reply(scripted: Callable[..., WireReply]) -> None:
    """A connection closed without a byte is an empty reply."""
    reply = scripted(lambda connection: None)
    assert (reply.result, reply.status) == (Result.EMPTY, None)


def test_reset(scripted: Callable[..., WireReply]) -> None:
    """A connection reset is an outcome, not an exception."""
    reply = scripted(_reset)
    assert reply.result is Result.RESET, reply.detail


def test_timeout(scripted: Callable[..., WireReply]) -> None:
    """A server that never answers ends as a timeout within the given bound."""
    reply = scripted(_silent)
    assert reply.result is Result.TIMEOUT
    assert reply.to_outcome().error == "wire:timeout"


def test_nothing_listening_is_a_reset() -> None:
    """A refused connection is recorded as a reset that names the refusal, not raised."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    reply = fetch(HOST, port, ProbeRequest("GET", "/"), timeout=1.0)
    assert reply.result is Result.RESET
    assert "ConnectionRefusedError" in reply.detail
