"""Wire entries for header names and values servers encode, refuse or write raw."""

from __future__ import annotations

from shared.divergences.examples import examples
from shared.divergences.layers import Layer
from shared.divergences.upstream import NOT_REPORTED
from shared.divergences.upstream import security_channel
from shared.frameworks import Framework
from shared.http.syntax import has_control
from shared.http.syntax import is_token
from shared.wire_divergences.habits import Encoding
from shared.wire_divergences.predicates import control_in_headers
from shared.wire_divergences.predicates import header_items
from shared.wire_divergences.record import WireDivergence
from shared.wire_divergences.replies import bad_header
from shared.wire_divergences.replies import handled
from shared.wire_divergences.replies import per_server
from shared.wire_divergences.replies import under
from shared.wire_divergences.sends import INJECTED
from shared.wire_divergences.sends import Sends
from shared.wire_divergences.servers import Server


def latin_1(server: Server) -> bool:
    """Whether header values reach the wire as latin-1: a WSGI server that encodes them so
    (PEP 3333); Quart encodes UTF-8 before any ASGI server sees them."""
    return under(Framework.FLASK, server) and server.habits.header_encoding is Encoding.LATIN_1


HEADER_TEXT: tuple[WireDivergence, ...] = (
    WireDivergence(
        id="latin-1-header-value",
        upstream=NOT_REPORTED,
        title="A latin-1 header value: one byte from Gunicorn and Werkzeug, UTF-8 from the rest",
        layer=Layer.BOTH,
        # C1 controls (U+0080 to U+009F) are latin-1 too, and no server refuses them.
        covers=lambda p: any(
            not v.isascii() and not has_control(v) and max(v) <= "\xff" for _, v in header_items(p)
        ),
        examples=examples("'ok', {'X-A': 'caf\u00e9'}"),
        sends=per_server(
            lambda s: Sends(
                status=200,
                has=((b"x-a", b"caf\xe9" if latin_1(s) else b"caf\xc3\xa9"),),
            )
        ),
        fields=("headers",),
        cause="PEP 3333 makes header values latin-1 strings; Granian's WSGI layer encodes "
        "them as UTF-8 instead, as Quart does before any ASGI server sees them",
        boundary="non-ascii-header",
    ),
    WireDivergence(
        id="non-latin-1-header-value",
        upstream=NOT_REPORTED,
        title="A header value latin-1 cannot encode: 500 or no reply under WSGI, UTF-8 under ASGI",
        layer=Layer.BOTH,
        covers=lambda p: any(
            v.isprintable() and max(v, default="a") > "\xff" for _, v in header_items(p)
        ),
        examples=examples("'ok', {'X-A': '\u20ac'}"),
        sends=per_server(
            lambda s: (
                handled(s, s.habits.unencodable_text)
                if latin_1(s)
                else Sends(status=200, has=((b"x-a", b"\xe2\x82\xac"),))
            )
        ),
        fields=("app-error", "reply"),
        cause="Gunicorn refuses the value and sends its own 500; Werkzeug's server fails "
        "while writing the header and closes the connection; Granian and Quart encode UTF-8",
        boundary="non-ascii-header",
    ),
    WireDivergence(
        id="non-token-header-name",
        upstream=NOT_REPORTED,
        title="A header name with characters outside the HTTP token set",
        layer=Layer.WIRE,
        covers=lambda p: any(not is_token(name) for name, _ in header_items(p)),
        examples=examples("'ok', {'X-\u00e9': 'v'}"),
        sends=per_server(lambda s: bad_header(s, b"X-\xe9: v", (b"x-\xe9",))),
        fields=("app-error", "status", "headers", "body", "reply"),
        cause="RFC 9110 field names are tokens; neither framework checks. Gunicorn and h11 "
        "refuse the name (500), Uvicorn closes the connection, Granian drops the header "
        "(WSGI) or answers 500 (ASGI), Werkzeug's server writes it",
    ),
)
"""Header text outside ASCII or the token set."""


UNSAFE_HEADERS: tuple[WireDivergence, ...] = (
    WireDivergence(
        id="crlf-in-header-name",
        upstream=security_channel("Werkzeug"),
        title="CR LF in a header name: Werkzeug's server writes it raw",
        layer=Layer.WIRE,
        covers=lambda p: any(has_control(name) for name, _ in header_items(p)),
        examples=examples("'ok', 200, {'X-A\\r\\nX-Injected: 1\\r\\nX-B': 'v'}"),
        sends=per_server(
            lambda s: bad_header(s, b"\r\nX-Injected: 1\r\n", (b"x-injected", b"x-b"))
        ),
        fields=("app-error", "reply"),
        cause="Werkzeug's Headers checks values for newlines but not names; both frameworks "
        "hand the name on. Gunicorn and h11 refuse it, Granian's WSGI layer drops the header "
        "and its ASGI layer answers 500, Werkzeug's server writes it",
        injected=INJECTED,
    ),
    WireDivergence(
        id="header-name-edges",
        upstream=security_channel("Werkzeug"),
        title="CR LF or spaces around a header name: Hypercorn trims them, Werkzeug's server "
        "ends the header block early",
        layer=Layer.WIRE,
        covers=lambda p: any(name != name.strip() for name, _ in header_items(p)),
        examples=examples("'ok', 200, {'\\r\\nok': 'v'}"),
        sends=per_server(
            lambda s: (
                Sends(status=200, body=b"ok", has=((b"ok", b"v"),))
                if s.habits.trims_header_names
                else handled(
                    s,
                    s.habits.forbidden_text,
                    writes=Sends(status=200, raw_has=b"\r\n\r\nok: v\r\n"),
                    drops=Sends(status=200, body=b"ok", lacks=(b"ok",)),
                )
            )
        ),
        fields=("app-error", "reply"),
        cause="Hypercorn strips whitespace, CR and LF from both ends of every header name "
        "before h11 checks it, so the header goes out renamed. Werkzeug's server writes the "
        "CR LF, which ends the header block: the headers after it arrive as the body "
        "(response splitting). Gunicorn and h11 refuse it, Uvicorn closes, Granian drops the "
        "header (WSGI) or answers 500 (ASGI)",
    ),
    WireDivergence(
        id="control-in-header-value",
        upstream=security_channel("Werkzeug"),
        title="A NUL in a header value: Werkzeug's server writes it raw",
        layer=Layer.WIRE,
        covers=control_in_headers,
        examples=examples("'ok', 200, {'X-A': 'v\\x00w'}"),
        sends=per_server(lambda s: bad_header(s, b"X-A: v\x00w", (b"x-a",))),
        fields=("app-error", "reply"),
        cause="Werkzeug's Headers refuses only CR and LF in values; Gunicorn and h11 refuse "
        "any control character, Granian drops the header (WSGI) or answers 500 (ASGI), "
        "Werkzeug's server writes it",
    ),
    WireDivergence(
        id="whitespace-around-header-value",
        upstream=NOT_REPORTED,
        title="Spaces or tabs around a header value: Uvicorn closes the connection",
        layer=Layer.WIRE,
        covers=lambda p: any(value != value.strip(" \t") for _, value in header_items(p)),
        examples=examples("'ok', 200, {'X-A': ' v '}"),
        sends=per_server(
            lambda s: handled(
                s,
                s.habits.padded_value,
                writes=Sends(status=200, body=b"ok", has=((b"x-a", b"v"),)),
            )
        ),
        fields=("reply", "headers"),
        cause="Neither framework trims a header value. HTTP's field-value grammar has no "
        "whitespace at either end: Uvicorn refuses to send the head and closes the "
        "connection, the other servers write it and a client reads the value trimmed",
    ),
    WireDivergence(
        id="empty-header-name",
        upstream=security_channel("Werkzeug"),
        title="An empty header name: Werkzeug's server writes ': v'",
        layer=Layer.WIRE,
        covers=lambda p: any(not name for name, _ in header_items(p)),
        examples=examples("'ok', 200, {'': 'v'}"),
        sends=per_server(lambda s: bad_header(s, b"\r\n: v\r\n", ())),
        fields=("app-error", "reply"),
        cause="Neither framework checks names; Gunicorn and h11 refuse an empty one, Granian "
        "drops it (WSGI) or answers 500 (ASGI), Werkzeug's server writes it",
    ),
)
"""Header names and values HTTP forbids."""
