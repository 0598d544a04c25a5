"""Slow clients: connections opened and left silent, or left after part of a request line,
held while a request is timed. A server whose workers wait on such connections stops
answering everyone else.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack
from contextlib import contextmanager
from dataclasses import dataclass

from parity.request import ProbeRequest
from parity.wire.reader import WireReply
from parity.wire.reader import fetch

PARTIAL_REQUEST_LINE = b"GET /scenarios/plain-string HT"
"""What a half-sent connection writes before falling silent."""
_SETTLE_SECONDS = 0.3


@dataclass(frozen=True)
class TimedReply:
    """A reply and how long it took to complete."""

    seconds: float
    reply: WireReply

    def describe(self) -> str:
        """`200 in 0.004 s`, or what went wrong and when."""
        outcome = str(self.reply.status) if self.reply.complete else self.reply.result.value
        return f"{outcome} in {self.seconds:.3f} s"


@contextmanager
def held_idle(host: str, port: int, silent: int, partial: int) -> Iterator[list[socket.socket]]:
    """Open `silent` connections that send nothing and `partial` that send part of a request
    line, keep them open for the block, and close them all after it."""
    with ExitStack() as stack:
        held: list[socket.socket] = []
        for index in range(silent + partial):
            sock = stack.enter_context(socket.create_connection((host, port), timeout=5.0))
            if index >= silent:
                sock.sendall(PARTIAL_REQUEST_LINE)
            held.append(sock)
        # Let the server accept them (and hand them to its workers) before timing anything.
        time.sleep(_SETTLE_SECONDS)
        yield held


def timed_fetch(host: str, port: int, request: ProbeRequest, timeout: float) -> TimedReply:
    """Send one request over a fresh connection and time its complete reply."""
    started = time.monotonic()
    reply = fetch(host, port, request, timeout=timeout)
    return TimedReply(time.monotonic() - started, reply)
