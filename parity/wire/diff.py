"""Compare what a server put on the wire with what its app handed it at the boundary.

A server is expected to pass the app's answer on: the same status, the same headers (less
those every server adds: Date, Server, Connection, Transfer-Encoding, and those the lab's
guard adds to `/render` answers: `shared.routes.guard.LAB_HEADERS`), and the same body,
except where HTTP forbids one (HEAD, 1xx, 204, 304). An app error (an exception or a protocol
violation at the boundary) is expected to become the server's own 500, or a reply cut short
when the response had already started. The reason phrase is left to the registry's
`asgi-reason-phrase` entry, since every server picks its own. Anything else is a difference
that a wire entry (`shared.wire_divergences`) must cover and account for by its field
(`shared.judgement.judge_wire` decides which do):
`status`, `headers`, `body`, `reply` (cut short or refused), or `app-error` (the app failed
yet the server sent something other than a 500).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parity.servers.targets import ServerTarget
from shared.http.wire_reply import WireReply
from shared.outcome import Outcome
from shared.routes.guard import LAB_HEADERS

SERVER_ADDED = frozenset({"date", "server", "connection", "transfer-encoding"})
"""Headers a server adds or rewrites for its own framing; not compared."""


def _bodyless(method: str, status: int | None) -> bool:
    return method == "HEAD" or (
        status is not None and (100 <= status < 200 or status in (204, 304))
    )


def _headers(pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    return sorted(
        (name.lower(), _steady(name.lower(), value))
        for name, value in pairs
        if name.lower() not in SERVER_ADDED
    )


_SIGNED_SESSION = re.compile(r"^(session=)[^;]*")


def _steady(name: str, value: str) -> str:
    """A header value with what changes from one process or second to the next taken out, so
    two runs of the same app compare: the methods in Allow come in set order, which differs
    per process, and a signed session cookie carries a timestamp."""
    if name == "allow":
        return ", ".join(sorted(part.strip() for part in value.split(",")))
    if name == "set-cookie":
        return _SIGNED_SESSION.sub(r"\1<signed>", value)
    return value


def _less_lab_headers(
    wire: list[tuple[str, str]], app: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The wire's headers less each pair the lab's guard added on `/render` (one copy more on
    the wire than the app handed over), so a header the view set itself is still compared."""
    kept = list(wire)
    for name, value in LAB_HEADERS:
        pair = (name.lower(), value)
        if kept.count(pair) > app.count(pair):
            kept.remove(pair)
    return kept


@dataclass(frozen=True)
class WireDifference:
    """One way a reply differs from the app's answer; `field` is one of `WIRE_FIELDS`."""

    field: str
    sentence: str


def wire_differences(
    boundary: Outcome, reply: WireReply, method: str, server: ServerTarget
) -> list[WireDifference]:
    """How the reply differs from what `server`, passing the boundary outcome on, would send
    (allowing for what the server's record says it adds)."""
    if boundary.error is not None or boundary.status is None:
        if reply.status == 500 or not reply.complete:
            return []
        sentence = f"the app failed ({boundary.error}) but the server sent {reply.status}"
        return [WireDifference("app-error", sentence)]
    if not reply.complete:
        sentence = f"the reply ended {reply.result.value}: {reply.detail}"
        return [WireDifference("reply", sentence)]
    found = []
    if reply.status != boundary.status:
        sentence = f"status {reply.status} on the wire, {boundary.status} from the app"
        found.append(WireDifference("status", sentence))
    wire, app = _headers(reply.to_outcome().headers), _headers(boundary.headers)
    wire = _less_lab_headers(wire, app)
    sized = server.habits.sizes_empty_bodies and boundary.header("content-length") is None
    if sized and not reply.body:
        wire = [pair for pair in wire if pair != ("content-length", "0")]
    if wire != app:
        found.append(
            WireDifference("headers", f"headers {wire!r} on the wire, {app!r} from the app")
        )
    expected = b"" if _bodyless(method, boundary.status) else boundary.body
    if reply.body != expected:
        sentence = f"body {reply.body[:80]!r} on the wire, {expected[:80]!r} expected"
        found.append(WireDifference("body", sentence))
    return found
