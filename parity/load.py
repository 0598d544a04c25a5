"""A bounded load run against one server: many requests, many at once, each checked against
the answer the same request got alone.

Loopback only, a fixed number of requests, a fixed concurrency. The server's memory (the
resident set of its whole process tree, from /proc) is read before and after.
"""

from __future__ import annotations

import itertools
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from parity.procfs import tree_rss_kib
from parity.request import ProbeRequest
from parity.servers import RunningServer
from parity.wire.diff import SERVER_ADDED
from parity.wire.reader import WireReply
from parity.wire.reader import fetch


@dataclass(frozen=True)
class LoadResult:
    """What one load run saw."""

    requests: int
    concurrency: int
    seconds: float
    failed: tuple[str, ...]
    """One line per reply that was not a complete, well-formed HTTP/1.1 reply."""
    divergent: tuple[str, ...]
    """One line per complete reply that differs from the single-request answer."""
    rss_before_kib: int
    rss_after_kib: int

    @property
    def rss_growth_kib(self) -> int:
        """How much the server's resident memory grew over the run."""
        return self.rss_after_kib - self.rss_before_kib

    def summary(self) -> str:
        """One line for a person."""
        rate = self.requests / self.seconds if self.seconds else 0.0
        return (
            f"{self.requests} requests, {self.concurrency} at once, {self.seconds:.1f} s "
            f"({rate:.0f}/s): {len(self.failed)} failed or malformed, {len(self.divergent)} "
            f"divergent; server RSS {self.rss_before_kib} -> {self.rss_after_kib} KiB "
            f"({self.rss_growth_kib:+d} KiB)"
        )


def _seen(reply: WireReply) -> tuple[object, ...]:
    headers = tuple(
        (name.lower(), _unsigned(name, value))
        for name, value in reply.headers
        if name.lower().decode("latin-1") not in SERVER_ADDED
    )
    return reply.status, reply.reason, headers, reply.body


def _unsigned(name: bytes, value: bytes) -> bytes:
    # A session cookie is signed with the current time: keep its name and attributes only.
    if name.lower() != b"set-cookie":
        return value
    cookie, _, attributes = value.partition(b";")
    return cookie.partition(b"=")[0] + b"=<signed>;" + attributes


def run_load(
    server: RunningServer,
    requests: list[ProbeRequest],
    *,
    total: int = 5000,
    concurrency: int = 50,
) -> LoadResult:
    """Send `total` requests, cycling through `requests`, `concurrency` at a time."""
    baseline = {}
    for request in requests:
        reply = fetch(server.host, server.port, request)
        if not reply.complete:
            raise ValueError(f"{request.method} {request.path} fails even alone: {reply.detail}")
        baseline[request] = _seen(reply)
    before = tree_rss_kib(server.process.pid)
    failed: list[str] = []
    divergent: list[str] = []

    def one(request: ProbeRequest) -> None:
        reply = fetch(server.host, server.port, request)
        if not reply.complete:
            failed.append(f"{request.method} {request.path}: {reply.result.value} {reply.detail}")
        elif _seen(reply) != baseline[request]:
            divergent.append(f"{request.method} {request.path}: {reply.describe()[:200]}")

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for _ in pool.map(one, itertools.islice(itertools.cycle(requests), total)):
            pass
    seconds = time.monotonic() - started
    after = tree_rss_kib(server.process.pid)
    return LoadResult(total, concurrency, seconds, tuple(failed), tuple(divergent), before, after)
