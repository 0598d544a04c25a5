"""Every server the lab runs an app under, as one record each: which app, its name, and its
habits on the wire (`habits.Habits`), in the manner of HTTP Garden's targets.

The command that starts each one is `parity.servers.targets`, joined by the key
`<framework>/<id>`; a test holds the two lists equal. Framework-free and I/O-free.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from shared.frameworks import Framework
from shared.wire_divergences.habits import Encoding
from shared.wire_divergences.habits import Failure
from shared.wire_divergences.habits import Habits
from shared.wire_divergences.habits import Handling
from shared.wire_divergences.habits import NonBytes
from shared.wire_divergences.habits import Phrase
from shared.wire_divergences.sends import Sends


@dataclass(frozen=True)
class Server:
    """One server serving one framework's app."""

    framework: Framework
    id: str
    title: str
    habits: Habits
    notes: tuple[str, ...] = ()
    """What it is known to change or add on the wire whatever the app hands it, in words."""

    @property
    def key(self) -> str:
        """`<framework>/<id>`, as options, reports and the wire registry name it."""
        return f"{self.framework.value}/{self.id}"


_GUNICORN = Habits(
    phrase=Phrase.THE_APPS,
    unknown_phrase=b"",
    error_reply=Sends(status=500, reason=b"Internal Server Error"),
    status_out_of_range=Handling.REFUSES,
    informational_status=Handling.WRITES,
    forbidden_text=Handling.REFUSES,
    body_fails_early=Failure.ERROR_REPLY,
    non_bytes_chunk=NonBytes.CUTS,
    header_encoding=Encoding.LATIN_1,
    unencodable_text=Handling.REFUSES,
)
_GUNICORN_NOTES = ("adds Server and Date", "writes the reason phrase the WSGI status line carries")

SERVERS: tuple[Server, ...] = (
    Server(Framework.FLASK, "gunicorn", "Gunicorn (sync worker)", _GUNICORN, _GUNICORN_NOTES),
    Server(
        Framework.FLASK,
        "gunicorn-gthread",
        "Gunicorn (gthread worker, 32 threads)",
        _GUNICORN,
        _GUNICORN_NOTES,
    ),
    Server(
        Framework.FLASK,
        "werkzeug",
        "Werkzeug's development server (flask run)",
        Habits(
            phrase=Phrase.THE_APPS,
            unknown_phrase=b"",
            error_reply=Sends(status=500, reason=b"INTERNAL SERVER ERROR"),
            status_out_of_range=Handling.WRITES,
            informational_status=Handling.WRITES,
            forbidden_text=Handling.WRITES,
            body_fails_early=Failure.ERROR_REPLY,
            non_bytes_chunk=NonBytes.CUTS,
            header_encoding=Encoding.LATIN_1,
            unencodable_text=Handling.CLOSES,
        ),
        ("adds Server and Date", "writes the reason phrase the WSGI status line carries"),
    ),
    Server(
        Framework.FLASK,
        "granian",
        "Granian (WSGI)",
        Habits(
            phrase=Phrase.ITS_TABLE,
            unknown_phrase=b"<none>",
            error_reply=None,
            status_out_of_range=Handling.DIES,
            informational_status=Handling.EMPTY_500,
            forbidden_text=Handling.DROPS,
            body_fails_early=Failure.CUTS,
            loses_unflushed_bytes=True,
            non_bytes_chunk=NonBytes.CONVERTS,
            header_encoding=Encoding.UTF_8,
        ),
        ("adds Server and Date",),
    ),
    Server(
        Framework.QUART,
        "hypercorn",
        "Hypercorn",
        Habits(
            phrase=Phrase.NONE,
            unknown_phrase=b"",
            error_reply=Sends(status=500, reason=b"", has=((b"content-length", b"0"),)),
            status_out_of_range=Handling.REFUSES,
            informational_status=Handling.WRITES,
            forbidden_text=Handling.REFUSES,
            trims_header_names=True,
            body_fails_early=Failure.CUTS,
            non_bytes_chunk=NonBytes.CONVERTS,
            head_announces_chunked=True,
            keeps_length_without_body=True,
            trims_overlong_body=False,
            bad_length=Handling.REFUSES,
        ),
        (
            "adds Date and Server",
            "writes no reason phrase (`HTTP/1.1 401 `)",
            "keeps a connection closed before its first byte open for its 5 s keep-alive timeout",
        ),
    ),
    Server(
        Framework.QUART,
        "uvicorn",
        "Uvicorn",
        Habits(
            phrase=Phrase.ITS_TABLE,
            unknown_phrase=b"",
            error_reply=None,
            status_out_of_range=Handling.CLOSES,
            status_from_600=Handling.CLOSES,
            informational_status=Handling.CLOSES,
            forbidden_text=Handling.CLOSES,
            padded_value=Handling.CLOSES,
            body_fails_early=Failure.CUTS,
            non_bytes_chunk=NonBytes.CUTS,
            head_announces_chunked=True,
            keeps_length_without_body=True,
            trims_overlong_body=False,
            bad_length=Handling.CLOSES,
        ),
        ("adds Date and Server", "writes the standard reason phrase for the code"),
    ),
    Server(
        Framework.QUART,
        "gunicorn",
        "Gunicorn (ASGI worker)",
        Habits(
            phrase=Phrase.ITS_TABLE,
            unknown_phrase=b"Unknown",
            error_reply=Sends(
                status=500, reason=b"Internal Server Error", body=b"Internal Server Error"
            ),
            status_out_of_range=Handling.WRITES,
            informational_status=Handling.WRITES,
            forbidden_text=Handling.REFUSES,
            body_fails_early=Failure.CLOSES,
            non_bytes_chunk=NonBytes.CONVERTS,
            keeps_length_without_body=False,
            trims_overlong_body=True,
            bad_length=Handling.WRITES,
            waits_for_the_app=True,
        ),
        (
            "adds Server and Date",
            "from Quart 0.23, keeps a reply it could not finish (a 1xx answer, a body short of "
            "its Content-Length) open until the client leaves",
        ),
    ),
    Server(
        Framework.QUART,
        "granian",
        "Granian (ASGI)",
        Habits(
            phrase=Phrase.ITS_TABLE,
            unknown_phrase=b"<none>",
            error_reply=Sends(
                status=500, reason=b"Internal Server Error", body=b"Internal server error"
            ),
            status_out_of_range=Handling.DIES,
            informational_status=Handling.EMPTY_500,
            forbidden_text=Handling.REFUSES,
            body_fails_early=Failure.ERROR_REPLY,
            non_bytes_chunk=NonBytes.SKIPS,
            sizes_empty_bodies=True,
            keeps_length_without_body=True,
            trims_overlong_body=True,
            bad_length=Handling.CLOSES,
        ),
        ("adds Server and Date", "adds Content-Length: 0 to an empty body of unknown length"),
    ),
)
"""Every server, Flask's first; the wire registry records a reply for each."""

SERVERS_BY_KEY: Mapping[str, Server] = MappingProxyType({s.key: s for s in SERVERS})
SERVER_KEYS: tuple[str, ...] = tuple(SERVERS_BY_KEY)
"""Every server's `<framework>/<id>` key."""
