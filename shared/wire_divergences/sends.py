"""What one server's reply looks like (`Sends`), and the replies no server owns."""

from __future__ import annotations

from dataclasses import dataclass

from shared.http.wire_reply import Framing
from shared.http.wire_reply import Result
from shared.http.wire_reply import WireReply


@dataclass(frozen=True)
class Sends:
    """What one server's reply to an entry's examples looks like; None is not checked."""

    result: Result = Result.COMPLETE
    status: int | None = None
    reason: bytes | None = None
    framing: Framing | None = None
    body: bytes | None = None
    has: tuple[tuple[bytes, bytes], ...] = ()
    """Headers that are on the reply with these values (names compared case-insensitively)."""
    lacks: tuple[bytes, ...] = ()
    """Header names that are not on the reply."""
    raw_has: bytes | None = None
    """Bytes that appear in the raw reply, for what h11 refuses to read as a header."""
    dies: bool = False
    """The server process exits: every later request is refused until it is restarted."""
    or_else: tuple[Sends, ...] = ()
    """Replies the server sends instead, now and then: a race inside it decides which."""

    def mismatches(self, reply: WireReply) -> list[str]:
        """Each way the reply differs from this record (or from every reply it may send
        instead); empty when it matches one of them."""
        found = self._mismatches(reply)
        if found and any(not other.mismatches(reply) for other in self.or_else):
            return []
        return found

    def _mismatches(self, reply: WireReply) -> list[str]:
        found = []
        if reply.result is not self.result:
            found.append(
                f"ended {reply.result.value} ({reply.detail}), recorded {self.result.value}"
            )
        checks: list[tuple[str, object, object]] = [
            ("status", self.status, reply.status),
            ("reason phrase", self.reason, reply.reason),
            ("framing", self.framing, reply.framing),
            ("body", self.body, reply.body),
        ]
        for what, recorded, seen in checks:
            if recorded is not None and recorded != seen:
                found.append(f"{what} is {seen!r}, recorded {recorded!r}")
        for name, value in self.has:
            if value not in reply.header_values(name):
                found.append(
                    f"header {name!r} is {reply.header_values(name)!r}, recorded {value!r}"
                )
        for name in self.lacks:
            if reply.header_values(name):
                found.append(f"header {name!r} is present: {reply.header_values(name)!r}")
        if self.raw_has is not None and self.raw_has not in reply.raw:
            found.append(f"{self.raw_has!r} is not in the raw reply {reply.raw[:200]!r}")
        return found

    def sentence(self) -> str:
        """What the server sends, as a person would say it."""
        if self.dies:
            return "the server process dies; later connections are refused"
        if self.result is not Result.COMPLETE:
            parts = [f"a reply HTTP/1.1 parsers refuse ({self.result.value})"]
        else:
            parts = []
        if self.status is not None:
            parts.append(f"status {self.status}")
        if self.reason is not None:
            parts.append(f"reason phrase {_shown(self.reason)}")
        parts += [f"{_shown(n)}: {_shown(v)}" for n, v in self.has]
        parts += [f"no {_shown(n)}" for n in self.lacks]
        if self.framing is not None:
            parts.append(f"framing {self.framing.value}")
        if self.body is not None:
            parts.append(f"body {_shown(self.body[:40])}{'...' if len(self.body) > 40 else ''}")
        if self.raw_has is not None:
            parts.append(f"raw bytes {_shown(self.raw_has)} on the wire")
        said = ", ".join(parts)
        return " or, now and then, ".join([said, *(other.sentence() for other in self.or_else)])


def _shown(data: bytes) -> str:
    return repr(data)[1:]


DIES = Sends(result=Result.EMPTY, dies=True)
EMPTY = Sends(result=Result.EMPTY)
INJECTED = (b"x-injected",)
