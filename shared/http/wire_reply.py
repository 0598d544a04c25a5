"""One server's reply as it crossed the socket: plain data, no I/O (`parity.wire.reader` reads it).

The status line with its reason phrase as sent, header names and values as bytes in order,
how the body was framed, and how the exchange ended.
"""

from __future__ import annotations

import base64
import enum
from dataclasses import dataclass

from shared.outcome import Outcome


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

    @property
    def browser_error(self) -> str | None:
        """The network error Chromium reports for a reply whose head arrived and whose body
        the server broke off before the end its framing announced (Hypercorn, Uvicorn and
        Granian pass on a Content-Length larger than the body an ASGI app sends); None for a
        whole reply, and for one with no head (no client sees anything of it)."""
        if self.status is None or self.result is not Result.REJECTED:
            return None
        if self.framing is Framing.CONTENT_LENGTH:
            return "ERR_CONTENT_LENGTH_MISMATCH"
        if self.framing is Framing.CHUNKED:
            return "ERR_INCOMPLETE_CHUNKED_ENCODING"
        return None

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

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form: bytes as latin-1 text, the body as UTF-8 text or base64."""
        try:
            body, encoded = self.body.decode("utf-8"), False
        except UnicodeDecodeError:
            body, encoded = base64.b64encode(self.body).decode("ascii"), True
        return {
            "result": self.result.value,
            "status": self.status,
            "reason": self.reason.decode("latin-1"),
            "http_version": self.http_version.decode("latin-1"),
            "headers": [[n.decode("latin-1"), v.decode("latin-1")] for n, v in self.headers],
            "framing": None if self.framing is None else self.framing.value,
            "body": body,
            "body_base64": encoded,
            "detail": self.detail,
        }

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
