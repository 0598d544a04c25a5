"""What one server's reply looks like (`Sends`), the servers, and the replies entries share."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

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

    def mismatches(self, reply: WireReply) -> list[str]:
        """Each way the reply differs from this record; empty when it matches."""
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
        return ", ".join(parts)


def _shown(data: bytes) -> str:
    return repr(data)[1:]


WSGI = ("flask/gunicorn", "flask/gunicorn-gthread", "flask/werkzeug", "flask/granian")
ASGI = ("quart/hypercorn", "quart/uvicorn", "quart/gunicorn", "quart/granian")
SERVERS = WSGI + ASGI
"""Every server an entry records, as `<framework>/<server id>`."""

GUNICORN_500 = Sends(status=500, reason=b"Internal Server Error", body=None)
HYPERCORN_500 = Sends(status=500, reason=b"", has=((b"content-length", b"0"),))
GUNICORN_ASGI_500 = Sends(
    status=500, reason=b"Internal Server Error", body=b"Internal Server Error"
)
GRANIAN_500 = Sends(status=500, reason=b"Internal Server Error", body=b"Internal server error")
DIES = Sends(result=Result.EMPTY, dies=True)
EMPTY = Sends(result=Result.EMPTY)
INJECTED = (b"x-injected",)


def same_sends(sends: Sends, *servers: str) -> dict[str, Sends]:
    """One `Sends` record for each of the servers named."""
    return dict.fromkeys(servers, sends)


def gunicorn_sends(sends: Sends) -> dict[str, Sends]:
    """One `Sends` record for both Gunicorn workers (sync and gthread)."""
    return same_sends(sends, "flask/gunicorn", "flask/gunicorn-gthread")


def bad_header_sends(written: bytes, dropped: tuple[bytes, ...]) -> MappingProxyType[str, Sends]:
    """What each server does with a header HTTP forbids: Gunicorn (both interfaces) and h11
    refuse it (500), Uvicorn closes, Granian drops it (WSGI) or answers 500 (ASGI),
    Werkzeug's server writes `written` raw."""
    return MappingProxyType(
        {
            **gunicorn_sends(GUNICORN_500),
            "flask/werkzeug": Sends(result=Result.REJECTED, raw_has=written),
            "flask/granian": Sends(status=200, body=b"ok", lacks=dropped),
            "quart/hypercorn": HYPERCORN_500,
            "quart/uvicorn": EMPTY,
            "quart/gunicorn": GUNICORN_ASGI_500,
            "quart/granian": GRANIAN_500,
        }
    )
