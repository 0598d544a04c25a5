"""A server's habits: what it puts on the wire where the app's answer leaves it a choice.

Each server record (`shared.wire_divergences.servers`) states its habits once; each wire entry
turns the habits into the reply it records for that server (`replies.per_server`), so no entry
lists servers by hand. The wire suite checks every such reply against the real server, so a
habit that is wrong, or that a new release changes, turns it red.

A habit that only one interface meets (WSGI or ASGI) is None on the other's servers.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from shared.wire_divergences.sends import Sends


class Handling(enum.Enum):
    """What a server does with something in the app's answer it should not pass on."""

    WRITES = "writes it as given"
    REFUSES = "answers its own error reply instead"
    EMPTY_500 = "answers a 500 with an empty body instead"
    CLOSES = "closes the connection without a reply"
    DROPS = "leaves it out and sends the rest"
    DIES = "exits, so every later request is refused"


class Phrase(enum.Enum):
    """Where the reason phrase on the status line comes from."""

    THE_APPS = "the phrase of the status line the app hands over (WSGI)"
    ITS_TABLE = "its own table's phrase for the code"
    NONE = "none: the status line ends after the code"


class Encoding(enum.Enum):
    """How a WSGI server writes a header value, which PEP 3333 makes a latin-1 str."""

    LATIN_1 = "latin-1, one byte a character"
    UTF_8 = "UTF-8"


class NonBytes(enum.Enum):
    """What a server does with a body chunk that is not bytes: a bytearray under WSGI, each
    byte as an int under ASGI (Quart iterates a bytearray body)."""

    CUTS = "sends the head, then closes the connection"
    CONVERTS = "writes bytes() of it: a bytearray's bytes, an int's count of NULs"
    SKIPS = "writes nothing for it and ends the body"


class Failure(enum.Enum):
    """What a client gets when the body fails while the server iterates it."""

    ERROR_REPLY = "its error reply, since nothing was on the wire yet"
    CUTS = "what was written, then a close without the end of the body"
    CLOSES = "a close without any reply"
    ENDS = "what was written, ended as if complete"


@dataclass(frozen=True)
class Habits:
    """The facts about one server that the wire entries read."""

    phrase: Phrase
    unknown_phrase: bytes
    """The phrase its table gives a code it does not know (for `Phrase.ITS_TABLE`)."""
    error_reply: Sends | None
    """Its own 500 (`Handling.REFUSES`, `Failure.ERROR_REPLY`); None if it never sends one."""
    status_out_of_range: Handling
    """A status outside 100-999, or Werkzeug's `0` for a str status without a code."""
    informational_status: Handling
    """A 1xx status as the final answer."""
    forbidden_text: Handling
    """A control character in a header or the status line, or a header name that is no
    token (empty, non-ASCII, CR LF, spaces)."""
    body_fails_early: Failure
    """The body raises before its first chunk."""
    non_bytes_chunk: NonBytes
    status_from_600: Handling = Handling.WRITES
    """A three-digit status from 600 up."""
    padded_value: Handling = Handling.WRITES
    """A header value with spaces or tabs at either end."""
    body_fails_late: Failure = Failure.CUTS
    """The body raises after its first chunk."""
    trims_header_names: bool = False
    """It strips spaces, CR and LF from both ends of a header name before checking it."""
    head_announces_chunked: bool = False
    """It answers HEAD on a body of unknown length with `Transfer-Encoding: chunked`."""
    loses_unflushed_bytes: bool = False
    """When a body fails it may close before what it wrote reaches the client (a race)."""
    sizes_empty_bodies: bool = False
    """It adds `Content-Length: 0` to an empty body the app gave no length."""
    header_encoding: Encoding | None = None
    """WSGI: how it encodes header values."""
    unencodable_text: Handling | None = None
    """WSGI, latin-1: a header value or reason phrase latin-1 cannot encode."""
    keeps_length_without_body: bool | None = None
    """ASGI: it drops the body of a 204 or 304 but sends the app's Content-Length."""
    trims_overlong_body: bool | None = None
    """ASGI: it sends as much of a body as Content-Length announces (else the head alone,
    then a close)."""
    bad_length: Handling | None = None
    """ASGI: a Content-Length that is not a number."""
    waits_for_the_app: bool = False
    """ASGI: after it writes a reply it cannot finish (a 1xx as the answer, a body shorter
    than its Content-Length) it sends the app no `http.disconnect` and closes only once the
    app call returns, which Quart 0.23 makes wait for that very message."""
