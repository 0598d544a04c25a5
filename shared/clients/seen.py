"""A response as the browser receives it, before any client library looks at it (`Seen`), and
the statuses and headers the browser itself acts on."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace

from shared.clients.js_value import decode_xhr_text
from shared.http.wire_reply import WireReply
from shared.outcome import Outcome

NULL_BODY_STATUSES = frozenset({101, 103, 204, 205, 304})
"""Statuses whose response the Fetch standard gives no body, whatever the server sent."""
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
"""Statuses `fetch()` and XMLHttpRequest follow on their own when a Location comes with them."""
REFUSED_WHEN_REPEATED = ("location", "content-disposition")
"""Headers whose differing copies make Chromium refuse the whole reply as a network error
(net/http/http_stream_parser.cc, `HeadersContainMultipleCopiesOfField`:
ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION and ..._CONTENT_DISPOSITION); equal copies pass."""


@dataclass(frozen=True)
class Seen:
    """A response as the browser receives it, before any client library looks at it.

    `reason` is the reason phrase exactly as the server wrote it ("" when it wrote none, as
    Hypercorn does). Header names are lower-cased. `body` is what the app sent; `readable`
    is what a page can read of it.
    """

    method: str
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    cut_short: str | None = None
    """The error Chromium reports when the connection closed before the end of the body the
    head announced (`ERR_CONTENT_LENGTH_MISMATCH`, `ERR_INCOMPLETE_CHUNKED_ENCODING`); None
    for a whole reply. `fetch()` resolves with the head, then reading the body rejects; the
    XMLHttpRequest clients see a network error."""

    @classmethod
    def from_outcome(cls, outcome: Outcome, reason: str, method: str) -> Seen:
        """What reaches the browser for an app's outcome, given the phrase its server wrote.

        The caller checks that a response started (`outcome.status` is not None).
        """
        if outcome.status is None:
            raise ValueError("no response started, so the browser sees a network error")
        return cls(method.upper(), outcome.status, reason, outcome.headers, outcome.body)

    @classmethod
    def from_reply(cls, reply: WireReply, method: str) -> Seen:
        """What reaches the browser for a reply read off the wire, a body cut short included.

        The caller checks that a head arrived (`reply.status` is not None)."""
        seen = cls.from_outcome(reply.to_outcome(), reply.reason.decode("latin-1"), method)
        return replace(seen, cut_short=reply.browser_error)

    @property
    def readable(self) -> bytes:
        """The body a page can read: none for HEAD and for the statuses that have none."""
        if self.method == "HEAD" or self.status in NULL_BODY_STATUSES:
            return b""
        return self.body

    def header(self, name: str) -> str | None:
        """A header as `getResponseHeader` and `Headers.get` give it: every value joined by
        ", ", or None when absent."""
        wanted = name.lower()
        values = [value.strip(" \t") for key, value in self.headers if key == wanted]
        return ", ".join(values) if values else None

    @property
    def refused_header(self) -> str | None:
        """The first of REFUSED_WHEN_REPEATED sent with differing values, or None."""
        for name in REFUSED_WHEN_REPEATED:
            values = {value for key, value in self.headers if key == name}
            if len(values) > 1:
                return name.title()
        return None

    @property
    def redirect_location(self) -> str | None:
        """The Location the browser follows before any client sees this response, or None.
        An empty Location is no redirect: Chromium's HttpResponseHeaders::IsRedirect requires
        a non-empty value, so the clients see the 3xx itself (found by the /render sample)."""
        if self.status not in REDIRECT_STATUSES:
            return None
        location = self.header("location")
        return location if location and location.strip() else None

    @property
    def xhr_text(self) -> str:
        """`XMLHttpRequest.responseText`."""
        return decode_xhr_text(self.readable, self.header("content-type"))
