"""Many requests to one server over a few keep-alive connections, with the open descriptors and
resident memory of the server's process tree read before and after: a leak shows as growth.

Loopback only, a fixed number of requests. Each connection speaks HTTP/1.1 through `h11` in
client mode and is reopened whenever the server ends it (Gunicorn's sync worker closes after
every reply). A request marked `abandon` is sent on a fresh connection that is closed at once,
without reading the reply: the server's write then fails, its error path.
"""

from __future__ import annotations

import itertools
import socket
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import h11

from parity.procfs import Usage
from parity.procfs import tree_usage
from parity.request import ProbeRequest
from parity.servers import RunningServer

SOAK_TIMEOUT = 10.0
"""Seconds one reply may take."""
_SETTLE_SECONDS = 3.0


@dataclass(frozen=True)
class SoakRequest:
    """One kind of request in the mix, named for the tally."""

    label: str
    request: ProbeRequest
    abandon: bool = False
    """Send it and hang up without reading the reply."""


@dataclass(frozen=True)
class SoakResult:
    """What one soak run saw."""

    requests: int
    connections: int
    seconds: float
    before: Usage
    after: Usage
    tally: dict[str, Counter[int | None]]
    """Per request label, how many replies had each status (None: no complete reply, or not
    read)."""

    @property
    def descriptor_growth(self) -> int:
        """How many more descriptors the server holds after the run."""
        return self.after.descriptors - self.before.descriptors

    @property
    def rss_growth_kib(self) -> int:
        """How much the server's resident memory grew over the run."""
        return self.after.rss_kib - self.before.rss_kib

    def summary(self) -> str:
        """One line for a person."""
        rate = self.requests / self.seconds if self.seconds else 0.0
        return (
            f"{self.requests} requests over {self.connections} keep-alive connections in "
            f"{self.seconds:.1f} s ({rate:.0f}/s); server {self.before.describe()} -> "
            f"{self.after.describe()} ({self.descriptor_growth:+d} fds, "
            f"{self.rss_growth_kib:+d} KiB)"
        )


class KeepAlive:
    """One client connection to a server, reopened whenever the server has ended it."""

    def __init__(self, host: str, port: int, timeout: float = SOAK_TIMEOUT) -> None:
        self.host = host
        self.port = port
        self.timeout = timeout
        self._sock: socket.socket | None = None
        self._connection = h11.Connection(h11.CLIENT)

    def _events(self, connection: h11.Connection, request: ProbeRequest) -> bytes:
        headers = [("Host", f"{self.host}:{self.port}"), *request.headers]
        if request.body:
            headers.append(("Content-Length", str(len(request.body))))
        start = h11.Request(method=request.method, target=request.path, headers=headers)
        data = connection.send(start) or b""
        if request.body:
            data += connection.send(h11.Data(data=request.body)) or b""
        return data + (connection.send(h11.EndOfMessage()) or b"")

    def send(self, request: ProbeRequest) -> tuple[int | None, bytes]:
        """The status and body of the reply, or (None, b"") when none came complete."""
        if self._sock is None:
            self._sock = socket.create_connection((self.host, self.port), self.timeout)
            self._connection = h11.Connection(h11.CLIENT)
        sock = self._sock
        try:
            sock.sendall(self._events(self._connection, request))
            status, body = self._read(sock)
        except (OSError, h11.ProtocolError):
            self.close()
            return None, b""
        if self._connection.our_state is h11.DONE and self._connection.their_state is h11.DONE:
            self._connection.start_next_cycle()
        else:
            self.close()
        return status, body

    def _read(self, sock: socket.socket) -> tuple[int | None, bytes]:
        status: int | None = None
        body = bytearray()
        while True:
            event = self._connection.next_event()
            if event is h11.NEED_DATA:
                self._connection.receive_data(sock.recv(65536))
            elif isinstance(event, h11.Response):
                status = event.status_code
            elif isinstance(event, h11.Data):
                body += event.data
            elif isinstance(event, h11.EndOfMessage):
                return status, bytes(body)
            elif isinstance(event, h11.ConnectionClosed):
                return None, b""

    def abandon(self, request: ProbeRequest) -> None:
        """Send the request on a fresh connection and close it without reading the reply."""
        data = self._events(h11.Connection(h11.CLIENT), request)
        try:
            with socket.create_connection((self.host, self.port), self.timeout) as sock:
                sock.sendall(data)
        except OSError:
            pass

    def close(self) -> None:
        """Close the socket, if open; the next request opens a new one."""
        if self._sock is not None:
            self._sock.close()
            self._sock = None


def steady_usage(pid: int, settle: float = _SETTLE_SECONDS) -> Usage:
    """The tree's usage once its descriptor count has stopped falling (connections the client
    closed take a moment to be closed on the server's side), or after `settle` seconds."""
    deadline = time.monotonic() + settle
    usage = tree_usage(pid)
    while time.monotonic() < deadline:
        time.sleep(0.1)
        later = tree_usage(pid)
        if later.descriptors >= usage.descriptors:
            return later
        usage = later
    return usage


def _drive(
    server: RunningServer, mix: Sequence[SoakRequest], count: int, start: int
) -> list[tuple[str, int | None]]:
    client = KeepAlive(server.host, server.port)
    seen: list[tuple[str, int | None]] = []
    try:
        for item in itertools.islice(itertools.cycle(mix), start, start + count):
            # Every request carries the server's /render token; other routes ignore it.
            request = server.authorized(item.request)
            if item.abandon:
                client.abandon(request)
                seen.append((item.label, None))
            else:
                seen.append((item.label, client.send(request)[0]))
    finally:
        client.close()
    return seen


def run_soak(
    server: RunningServer,
    mix: Sequence[SoakRequest],
    *,
    total: int = 10_000,
    connections: int = 4,
    warmup: int = 500,
) -> SoakResult:
    """Send `warmup` requests, read the tree's usage, send `total` more cycling through `mix`
    over `connections` connections at once, and read it again."""
    pid = server.process.pid
    _drive(server, mix, warmup, 0)
    before = steady_usage(pid)
    shares = [total // connections + (i < total % connections) for i in range(connections)]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=connections) as pool:
        runs = [pool.submit(_drive, server, mix, share, i) for i, share in enumerate(shares)]
        seen = [pair for run in runs for pair in run.result()]
    seconds = time.monotonic() - started
    after = steady_usage(pid)
    tally: dict[str, Counter[int | None]] = {item.label: Counter() for item in mix}
    for label, status in seen:
        tally[label][status] += 1
    return SoakResult(len(seen), connections, seconds, before, after, tally)
