"""What real servers put on the wire for returns where they, not the frameworks, decide.

Each entry names the return values it is about (a predicate and examples), and records per
server what the reply looks like (`Sends`), so the wire suite can check every fact strictly: a
server that changes its habit turns the suite red. `layer` says where a difference shows: only
on the wire (a server's doing), or at the app boundary and on the wire alike.

Servers are named `<framework>/<server id>`, as in `parity.servers.targets`.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from shared import anatomy as a
from shared import model as m
from shared.layers import Layer
from shared.parse import parse
from shared.probe import Probe
from shared.reply import Framing
from shared.reply import Result
from shared.reply import WireReply


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


@dataclass(frozen=True)
class WireDivergence:
    """A known way real servers answer one kind of return differently."""

    id: str
    title: str
    layer: Layer
    covers: Callable[[Probe], bool]
    examples: tuple[Probe, ...]
    sends: Mapping[str, Sends]
    """Per server (`flask/gunicorn`, `quart/hypercorn`, ...), what its reply looks like."""
    cause: str
    fields: tuple[str, ...] = ()
    """What the entry accounts for when a reply differs from the app's answer: `status`,
    `headers`, `body`, `reply` (cut short or refused), `app-error` (a non-500 after an app
    error). Empty for an entry about something that comparison does not look at."""
    injected: tuple[bytes, ...] = ()
    """Header names a view did not set that a server may put on the wire (a security fault)."""
    boundary: str | None = None
    """The app-boundary entry (`shared.divergences`) this continues on the wire, if any."""

    def lets_through(self) -> tuple[str, ...]:
        """The servers that put an injected header on the wire."""
        return tuple(
            server
            for server, sends in self.sends.items()
            if any(name.lower() in self.injected for name, _ in sends.has)
            or (
                sends.raw_has is not None and any(n in sends.raw_has.lower() for n in self.injected)
            )
        )


def _examples(*sources: str, method: str = "GET") -> tuple[Probe, ...]:
    return tuple(Probe(parse(source), method) for source in sources)


def _codes(probe: Probe) -> set[int]:
    """Every status code the source sets anywhere: as `int()` reads it, or as Werkzeug reads a
    str status (its leading code, 0 when it has none)."""
    found = set()
    for status in a.all_statuses(probe.value):
        if isinstance(status, m.Status | m.StatusMember):
            code = a.status_code_of(status)
            text = status.value if isinstance(status, m.Status) else None
        else:
            code, text = a.int_or_none(status), status
        if code is None and isinstance(text, str) and text.strip():
            # Werkzeug reads the lead as the code, and a status without one as "0 <status>".
            code = a.int_or_none(text.strip().split(" ", 1)[0]) or 0
        if code is not None:
            found.add(code)
    for body in a.bodies_anywhere(probe.value):
        if isinstance(body, m.Redirect) and body.code is not None:
            found.add(body.code)
    return found


def _headers(probe: Probe) -> list[tuple[str, str]]:
    return list(a.headers_items(probe.value))


def _lengths(probe: Probe) -> list[str]:
    """Every Content-Length value the source sets, as the frameworks write it (`str()`)."""
    return [value for name, value in _headers(probe) if name.lower() == "content-length"]


def _numeric_length(text: str) -> bool:
    """Whether h11 would frame a reply by this Content-Length: ASCII digits only."""
    return text.isascii() and text.isdigit()


def _has_control(text: str) -> bool:
    return any((c < " " and c != "\t") or c == "\x7f" for c in text)


_TOKEN_EXTRA = frozenset("!#$%&'*+-.^_`|~")


def _token(name: str) -> bool:
    """Whether a header name is an RFC 9110 token (ASCII letters, digits, a few marks)."""
    return bool(name) and all((c.isascii() and c.isalnum()) or c in _TOKEN_EXTRA for c in name)


def _str_statuses(probe: Probe) -> list[str]:
    """Every str status the source sets, wherever it sets it."""
    found = []
    for status in a.all_statuses(probe.value):
        value = status.value if isinstance(status, m.Status) else status
        if isinstance(value, str):
            found.append(value)
    return found


_WSGI = ("flask/gunicorn", "flask/gunicorn-gthread", "flask/werkzeug", "flask/granian")
_ASGI = ("quart/hypercorn", "quart/uvicorn", "quart/granian")
SERVERS = _WSGI + _ASGI
"""Every server an entry records, as `<framework>/<server id>`."""

_GUNICORN_500 = Sends(status=500, reason=b"Internal Server Error", body=None)
_HYPERCORN_500 = Sends(status=500, reason=b"", has=((b"content-length", b"0"),))
_GRANIAN_500 = Sends(status=500, reason=b"Internal Server Error", body=b"Internal server error")
_DIES = Sends(result=Result.EMPTY, dies=True)
_EMPTY = Sends(result=Result.EMPTY)
_INJECTED = (b"x-injected",)


def _same(sends: Sends, *servers: str) -> dict[str, Sends]:
    return dict.fromkeys(servers, sends)


def _gunicorn(sends: Sends) -> dict[str, Sends]:
    return _same(sends, "flask/gunicorn", "flask/gunicorn-gthread")


def _bad_header(written: bytes, dropped: tuple[bytes, ...]) -> MappingProxyType[str, Sends]:
    """What each server does with a header HTTP forbids: Gunicorn and h11 refuse it (500),
    Uvicorn closes, Granian drops it (WSGI) or answers 500 (ASGI), Werkzeug's server writes
    `written` raw."""
    return MappingProxyType(
        {
            **_gunicorn(_GUNICORN_500),
            "flask/werkzeug": Sends(result=Result.REJECTED, raw_has=written),
            "flask/granian": Sends(status=200, body=b"ok", lacks=dropped),
            "quart/hypercorn": _HYPERCORN_500,
            "quart/uvicorn": _EMPTY,
            "quart/granian": _GRANIAN_500,
        }
    )


def _control_in_headers(probe: Probe) -> bool:
    return any(_has_control(name) or _has_control(value) for name, value in _headers(probe))


def _async_stream_in_flask(probe: Probe) -> bool:
    """An async generator as a body, bare or inside `stream_with_context(...)`."""
    return any(
        isinstance(body, m.Chunks | m.WithContext)
        and (body if isinstance(body, m.Chunks) else body.stream).kind
        is m.ChunksKind.ASYNC_GENERATOR
        for body in a.bodies_anywhere(probe.value)
    )


def _reads_request_outside_context(probe: Probe) -> bool:
    return a.reads_request_outside_context(probe.value)


WIRE_FIELDS = ("status", "headers", "body", "reply", "app-error")

WIRE_DIVERGENCES: tuple[WireDivergence, ...] = (
    WireDivergence(
        id="asgi-reason-phrase",
        title="Under ASGI the reason phrase is the server's choice: Hypercorn writes none",
        layer=Layer.WIRE,
        covers=lambda p: True,
        examples=_examples("'ok', 401"),
        sends=MappingProxyType(
            {
                **_gunicorn(Sends(status=401, reason=b"UNAUTHORIZED")),
                "flask/werkzeug": Sends(status=401, reason=b"UNAUTHORIZED"),
                "flask/granian": Sends(status=401, reason=b"Unauthorized"),
                "quart/hypercorn": Sends(status=401, reason=b""),
                "quart/uvicorn": Sends(status=401, reason=b"Unauthorized"),
                "quart/granian": Sends(status=401, reason=b"Unauthorized"),
            }
        ),
        cause="ASGI's http.response.start carries only the code: Hypercorn gives h11 an empty "
        "reason, Uvicorn and Granian look the code up. WSGI servers write the phrase of the "
        "app's status line (Werkzeug's table, upper-cased), except Granian, which writes its "
        "own",
    ),
    WireDivergence(
        id="custom-reason-on-the-wire",
        title="A custom reason phrase: WSGI servers but Granian write it; no ASGI server can",
        layer=Layer.BOTH,
        covers=lambda p: any(" " in s.strip() for s in _str_statuses(p)),
        examples=_examples("Response('ok', status='299 Custom')"),
        sends=MappingProxyType(
            {
                **_gunicorn(Sends(status=299, reason=b"Custom")),
                "flask/werkzeug": Sends(status=299, reason=b"Custom"),
                "flask/granian": Sends(status=299, reason=b"<none>"),
                "quart/hypercorn": Sends(status=299, reason=b""),
                "quart/uvicorn": Sends(status=299, reason=b""),
                "quart/granian": Sends(status=299, reason=b"<none>"),
            }
        ),
        cause="WSGI passes the whole status line; Granian keeps only the code and writes its "
        "table's phrase, '<none>' for a code it does not know",
        boundary="custom-reason-phrase",
    ),
    WireDivergence(
        id="bodyless-status-length",
        title="204 and 304: ASGI servers drop the body but send Quart's Content-Length",
        layer=Layer.BOTH,
        covers=lambda p: bool(_codes(p) & {204, 304}),
        examples=_examples("'ok', 204"),
        sends=MappingProxyType(
            {
                **_same(
                    Sends(status=204, framing=Framing.NONE, body=b"", lacks=(b"content-length",)),
                    *_WSGI,
                ),
                **_same(
                    Sends(
                        status=204,
                        framing=Framing.NONE,
                        body=b"",
                        has=((b"content-length", b"2"),),
                    ),
                    *_ASGI,
                ),
            }
        ),
        cause="Werkzeug strips the body and Content-Length before the server sees them; "
        "Quart keeps both, and the ASGI servers drop only the body, so a 204 goes out with "
        "a Content-Length (RFC 9110 says a server must not send one on a 204)",
        boundary="bodyless-status",
    ),
    WireDivergence(
        id="informational-final-status",
        title="A 1xx status as the answer: sent as an interim response, and no answer follows",
        layer=Layer.WIRE,
        covers=lambda p: any(100 <= code < 200 for code in _codes(p)),
        examples=_examples("make_response('ok', 199)"),
        sends=MappingProxyType(
            {
                **_same(
                    Sends(result=Result.REJECTED, status=None),
                    "flask/gunicorn",
                    "flask/gunicorn-gthread",
                    "flask/werkzeug",
                    "quart/hypercorn",
                ),
                **_same(
                    Sends(status=500, body=b"", has=((b"content-length", b"0"),)),
                    "flask/granian",
                    "quart/granian",
                ),
                "quart/uvicorn": _EMPTY,
            }
        ),
        fields=("reply", "status", "headers", "body"),
        cause="Neither framework refuses a 1xx final status. Gunicorn, Werkzeug's server and "
        "Hypercorn write it, and a client reads it as an interim response and waits for an "
        "answer that never comes; Granian answers an empty 500; Uvicorn closes the connection",
    ),
    WireDivergence(
        id="head-streamed-body",
        title="HEAD on a streamed body: Hypercorn and Uvicorn announce chunked encoding",
        layer=Layer.WIRE,
        covers=lambda p: p.method == "HEAD" and isinstance(a.innermost_body(p.value), m.Chunks),
        examples=_examples("(c for c in ['a', 'b'])", method="HEAD"),
        sends=MappingProxyType(
            {
                **_same(
                    Sends(
                        status=200, framing=Framing.NONE, body=b"", lacks=(b"transfer-encoding",)
                    ),
                    *_WSGI,
                    "quart/granian",
                ),
                **_same(
                    Sends(
                        status=200,
                        framing=Framing.NONE,
                        body=b"",
                        has=((b"transfer-encoding", b"chunked"),),
                    ),
                    "quart/hypercorn",
                    "quart/uvicorn",
                ),
            }
        ),
        cause="With no Content-Length the ASGI servers pick chunked framing and, for HEAD, "
        "write its header but no chunks",
    ),
    WireDivergence(
        id="latin-1-header-value",
        title="A latin-1 header value: one byte from Gunicorn and Werkzeug, UTF-8 from the rest",
        layer=Layer.BOTH,
        # C1 controls (U+0080 to U+009F) are latin-1 too, and no server refuses them.
        covers=lambda p: any(
            not v.isascii() and not _has_control(v) and max(v) <= "\xff" for _, v in _headers(p)
        ),
        examples=_examples("'ok', {'X-A': 'caf\u00e9'}"),
        sends=MappingProxyType(
            {
                **_gunicorn(Sends(status=200, has=((b"x-a", b"caf\xe9"),))),
                "flask/werkzeug": Sends(status=200, has=((b"x-a", b"caf\xe9"),)),
                "flask/granian": Sends(status=200, has=((b"x-a", b"caf\xc3\xa9"),)),
                **_same(Sends(status=200, has=((b"x-a", b"caf\xc3\xa9"),)), *_ASGI),
            }
        ),
        fields=("headers",),
        cause="PEP 3333 makes header values latin-1 strings; Granian's WSGI layer encodes "
        "them as UTF-8 instead, as Quart does before any ASGI server sees them",
        boundary="non-ascii-header",
    ),
    WireDivergence(
        id="non-latin-1-header-value",
        title="A header value latin-1 cannot encode: 500 or no reply under WSGI, UTF-8 under ASGI",
        layer=Layer.BOTH,
        covers=lambda p: any(
            v.isprintable() and max(v, default="a") > "\xff" for _, v in _headers(p)
        ),
        examples=_examples("'ok', {'X-A': '\u20ac'}"),
        sends=MappingProxyType(
            {
                **_gunicorn(_GUNICORN_500),
                "flask/werkzeug": _EMPTY,
                "flask/granian": Sends(status=200, has=((b"x-a", b"\xe2\x82\xac"),)),
                **_same(Sends(status=200, has=((b"x-a", b"\xe2\x82\xac"),)), *_ASGI),
            }
        ),
        fields=("app-error", "reply"),
        cause="Gunicorn refuses the value and sends its own 500; Werkzeug's server fails "
        "while writing the header and closes the connection; Granian and Quart encode UTF-8",
        boundary="non-ascii-header",
    ),
    WireDivergence(
        id="non-token-header-name",
        title="A header name with characters outside the HTTP token set",
        layer=Layer.WIRE,
        covers=lambda p: any(not _token(name) for name, _ in _headers(p)),
        examples=_examples("'ok', {'X-\u00e9': 'v'}"),
        sends=_bad_header(b"X-\xe9: v", (b"x-\xe9",)),
        fields=("app-error", "status", "headers", "body", "reply"),
        cause="RFC 9110 field names are tokens; neither framework checks. Gunicorn and h11 "
        "refuse the name (500), Uvicorn closes the connection, Granian drops the header "
        "(WSGI) or answers 500 (ASGI), Werkzeug's server writes it",
    ),
    WireDivergence(
        id="content-length-too-long",
        title="A Content-Length larger than the body: fixed under Flask, a short reply under Quart",
        layer=Layer.WIRE,
        covers=lambda p: any(_numeric_length(v) for v in _lengths(p)),
        examples=_examples("'ok', 200, {'Content-Length': '10'}"),
        sends=MappingProxyType(
            {
                **_same(Sends(status=200, body=b"ok", has=((b"content-length", b"2"),)), *_WSGI),
                **_same(
                    Sends(
                        result=Result.REJECTED,
                        status=200,
                        body=b"ok",
                        has=((b"content-length", b"10"),),
                    ),
                    *_ASGI,
                ),
            }
        ),
        fields=("reply", "headers", "body"),
        cause="Werkzeug recomputes Content-Length from a str body; Quart passes the header "
        "on, and the ASGI servers send 2 bytes and close, so the client sees a short body",
    ),
    WireDivergence(
        id="content-length-too-short",
        title="A Content-Length smaller than the body: Hypercorn and Uvicorn send no body, "
        "Granian cuts it",
        layer=Layer.WIRE,
        covers=lambda p: any(_numeric_length(v) for v in _lengths(p)),
        examples=_examples("'ok', 200, {'Content-Length': '1'}"),
        sends=MappingProxyType(
            {
                **_same(Sends(status=200, body=b"ok", has=((b"content-length", b"2"),)), *_WSGI),
                **_same(
                    Sends(
                        result=Result.REJECTED,
                        status=200,
                        body=b"",
                        has=((b"content-length", b"1"),),
                    ),
                    "quart/hypercorn",
                    "quart/uvicorn",
                ),
                "quart/granian": Sends(status=200, body=b"o", has=((b"content-length", b"1"),)),
            }
        ),
        fields=("reply", "headers", "body"),
        cause="h11 (under Hypercorn and Uvicorn) refuses to send more than the declared "
        "length and the connection is dropped; Granian sends the first byte and stops",
    ),
    WireDivergence(
        id="content-length-not-a-number",
        title="A Content-Length that is not a number: fixed under Flask, a 500 or no reply "
        "under Quart",
        layer=Layer.WIRE,
        covers=lambda p: any(not _numeric_length(v) for v in _lengths(p)),
        examples=_examples(
            "'ok', 200, {'Content-Length': 'a'}", "make_response('', {'Content-Length': None})"
        ),
        sends=MappingProxyType(
            {
                **_same(Sends(status=200), *_WSGI),
                "quart/hypercorn": _HYPERCORN_500,
                **_same(_EMPTY, "quart/uvicorn", "quart/granian"),
            }
        ),
        fields=("reply", "status", "headers", "body"),
        cause="Werkzeug recomputes Content-Length from a str body; Quart passes the text on "
        "(`None` as 'None'). h11 refuses to frame a reply by it, so Hypercorn answers 500; "
        "Uvicorn and Granian close the connection without a reply",
    ),
    WireDivergence(
        id="bytearray-body-on-the-wire",
        title="A bytearray body: a broken reply, the bytes, NULs, or nothing",
        layer=Layer.BOTH,
        covers=lambda p: any(True for _ in a.byte_arrays(p.value)),
        examples=_examples("bytearray(b'abc')"),
        sends=MappingProxyType(
            {
                **_same(
                    Sends(
                        result=Result.REJECTED,
                        status=200,
                        body=b"",
                        has=((b"content-length", b"3"),),
                    ),
                    "flask/gunicorn",
                    "flask/gunicorn-gthread",
                    "flask/werkzeug",
                ),
                "flask/granian": Sends(status=200, body=b"abc"),
                "quart/hypercorn": Sends(
                    status=200, framing=Framing.CHUNKED, body=b"\x00" * (97 + 98 + 99)
                ),
                "quart/uvicorn": Sends(result=Result.REJECTED, status=200, body=b""),
                "quart/granian": Sends(status=200, framing=Framing.CHUNKED, body=b""),
            }
        ),
        fields=("app-error", "reply", "body"),
        cause="Gunicorn and Werkzeug's server accept only bytes chunks and drop the "
        "connection after the head; Granian's WSGI layer takes the bytearray. Quart sends "
        "each byte as an int: Hypercorn writes bytes(97) and so on (NULs), Uvicorn fails, "
        "Granian writes nothing",
        boundary="bytearray-body",
    ),
    WireDivergence(
        id="status-out-of-range",
        title="A status outside 100-999: a 500, an illegal status line, no reply, or a dead server",
        layer=Layer.WIRE,
        covers=lambda p: any(not 100 <= code <= 999 for code in _codes(p)),
        examples=_examples("'ok', 1000"),
        sends=MappingProxyType(
            {
                **_gunicorn(_GUNICORN_500),
                "flask/werkzeug": Sends(result=Result.REJECTED, raw_has=b"HTTP/1.1 1000 UNKNOWN"),
                "flask/granian": _DIES,
                "quart/hypercorn": _HYPERCORN_500,
                "quart/uvicorn": _EMPTY,
                "quart/granian": _DIES,
            }
        ),
        fields=("reply",),
        cause="Neither framework checks the range. Gunicorn and Hypercorn (through h11) refuse "
        "it and answer 500; Werkzeug's server writes it; Uvicorn drops the connection; "
        "Granian's process exits",
    ),
    WireDivergence(
        id="status-without-a-code",
        title="A str status with no code ('abc'): Werkzeug makes it '0 abc', which kills Granian",
        layer=Layer.BOTH,
        covers=lambda p: 0 in _codes(p),
        examples=_examples("'ok', 'abc'"),
        sends=MappingProxyType(
            {
                **_gunicorn(_GUNICORN_500),
                "flask/werkzeug": Sends(result=Result.REJECTED, raw_has=b"HTTP/1.1 0 abc"),
                "flask/granian": _DIES,
                **_same(Sends(status=500, has=((b"content-length", b"265"),)), *_ASGI),
            }
        ),
        fields=("app-error", "reply"),
        cause="Werkzeug turns a status without a leading code into '0 <status>'. Gunicorn "
        "refuses it, Werkzeug's server writes it, Granian's process exits. Quart answers "
        "500 itself (int() of the string)",
        boundary="str-status-not-an-int",
    ),
    WireDivergence(
        id="status-600-and-up",
        title="A three-digit status from 600 up: Uvicorn closes the connection, the rest send it",
        layer=Layer.WIRE,
        covers=lambda p: any(600 <= code <= 999 for code in _codes(p)),
        examples=_examples("'ok', 600"),
        sends=MappingProxyType(
            {
                **_same(Sends(status=600, reason=b"UNKNOWN", body=b"ok"), *_WSGI[:3]),
                "flask/granian": Sends(status=600, reason=b"<none>", body=b"ok"),
                "quart/hypercorn": Sends(status=600, reason=b"", body=b"ok"),
                "quart/uvicorn": _EMPTY,
                "quart/granian": Sends(status=600, reason=b"<none>", body=b"ok"),
            }
        ),
        fields=("reply",),
        cause="HTTP/1.1 allows any three-digit code on the status line; Uvicorn's own check "
        "refuses codes it does not know and drops the connection",
    ),
    WireDivergence(
        id="wsgi-body-fails-before-first-chunk",
        title="A WSGI body that fails before its first chunk: a 500, or an empty 200 from Granian",
        layer=Layer.BOTH,
        covers=lambda p: _async_stream_in_flask(p),
        examples=_examples("Response((await asyncio.sleep(0, chunk) for chunk in ['a']))"),
        sends=MappingProxyType(
            {
                **_gunicorn(_GUNICORN_500),
                "flask/werkzeug": Sends(status=500, reason=b"INTERNAL SERVER ERROR"),
                "flask/granian": Sends(status=200, framing=Framing.CHUNKED, body=b""),
                **_same(Sends(status=200, framing=Framing.CHUNKED, body=b"a"), *_ASGI),
            }
        ),
        fields=("app-error",),
        cause="Flask starts the response and the body raises TypeError when the server first "
        "iterates it (an async generator, or the function stream_with_context makes of "
        "one). Gunicorn and Werkzeug's server have sent nothing yet and answer 500; "
        "Granian has, and ends the chunked body as if nothing went wrong. Quart streams it",
        boundary="async-iterable-in-flask",
    ),
    WireDivergence(
        id="generator-fails-mid-stream",
        title="A generator that fails after its first chunk: the reply is cut, but Granian "
        "under Flask ends it as if complete",
        layer=Layer.WIRE,
        covers=lambda p: p.method != "HEAD" and _reads_request_outside_context(p),
        examples=_examples(
            "def generate():\n    yield 'a'\n    yield request.method\nreturn generate()"
        ),
        sends=MappingProxyType(
            {
                **_same(
                    Sends(result=Result.REJECTED, status=200, framing=Framing.CHUNKED, body=b"a"),
                    *(server for server in SERVERS if server != "flask/granian"),
                ),
                "flask/granian": Sends(status=200, framing=Framing.CHUNKED, body=b"a"),
            }
        ),
        fields=("app-error", "reply"),
        cause="Reading the request outside its context raises once the server iterates the "
        "body, after the status and the first chunk are on the wire. Gunicorn, Werkzeug's "
        "server, Hypercorn, Uvicorn and Granian under Quart close the connection without the "
        "last chunk, so a client sees the cut; Granian's WSGI worker writes the terminating "
        "chunk, so the truncated body reads as complete",
    ),
    WireDivergence(
        id="head-generator-fails",
        title="HEAD on a generator that fails: Granian under Quart answers 500, the rest 200",
        layer=Layer.WIRE,
        covers=lambda p: p.method == "HEAD" and _reads_request_outside_context(p),
        examples=_examples(
            "def generate():\n    yield request.method\nreturn generate()", method="HEAD"
        ),
        sends=MappingProxyType(
            {
                **_same(
                    Sends(status=200, framing=Framing.NONE, body=b""),
                    *(server for server in SERVERS if server != "quart/granian"),
                ),
                "quart/granian": Sends(status=500, body=b""),
            }
        ),
        fields=("app-error", "status"),
        cause="Flask never runs the generator for HEAD; Quart runs it and it raises. "
        "Hypercorn and Uvicorn have the start message and send the 200 without a body; "
        "Granian answers 500 when the app raises before any body message",
        boundary="head-body",
    ),
    WireDivergence(
        id="crlf-in-reason-phrase",
        title="CR LF in a str status: Werkzeug's server writes the injected header",
        layer=Layer.WIRE,
        covers=lambda p: any(_has_control(s) for s in _str_statuses(p)),
        examples=_examples("'ok', '200 OK\\r\\nX-Injected: 1'"),
        sends=MappingProxyType(
            {
                **_gunicorn(_GUNICORN_500),
                "flask/werkzeug": Sends(status=200, has=((b"x-injected", b"1"),)),
                "flask/granian": Sends(status=200, body=b"ok", lacks=(b"x-injected",)),
                **_same(Sends(status=500), *_ASGI),
            }
        ),
        fields=("app-error",),
        cause="Flask hands the status line on as written; Gunicorn refuses control "
        "characters, Werkzeug's server writes the line raw. Quart answers 500 (int() of the "
        "string) before any server is involved. Granian keeps only the code",
        injected=_INJECTED,
        boundary="str-status-not-an-int",
    ),
    WireDivergence(
        id="non-latin-1-reason-phrase",
        title="A reason phrase latin-1 cannot encode: 500 or no reply under WSGI, but Granian "
        "drops it",
        layer=Layer.WIRE,
        covers=lambda p: any(max(s, default="a") > "\xff" for s in _str_statuses(p)),
        examples=_examples("Response('ok', status='299 \u20ac')"),
        sends=MappingProxyType(
            {
                **_gunicorn(_GUNICORN_500),
                "flask/werkzeug": _EMPTY,
                "flask/granian": Sends(status=299, reason=b"<none>", body=b"ok"),
                "quart/hypercorn": Sends(status=299, reason=b"", body=b"ok"),
                "quart/uvicorn": Sends(status=299, reason=b"", body=b"ok"),
                "quart/granian": Sends(status=299, reason=b"<none>", body=b"ok"),
            }
        ),
        fields=("app-error", "reply"),
        cause="Flask hands the phrase on; Gunicorn refuses it, Werkzeug's server fails while "
        "writing the status line, Granian keeps only the code. Quart drops the phrase before "
        "any server sees it",
        boundary="unsendable-reason-phrase",
    ),
    WireDivergence(
        id="crlf-in-header-name",
        title="CR LF in a header name: Werkzeug's server writes it raw",
        layer=Layer.WIRE,
        covers=lambda p: any(_has_control(name) for name, _ in _headers(p)),
        examples=_examples("'ok', 200, {'X-A\\r\\nX-Injected: 1\\r\\nX-B': 'v'}"),
        sends=_bad_header(
            b"\r\nX-Injected: 1\r\n",
            (
                b"x-injected",
                b"x-b",
            ),
        ),
        fields=("app-error", "reply"),
        cause="Werkzeug's Headers checks values for newlines but not names; both frameworks "
        "hand the name on. Gunicorn and h11 refuse it, Granian's WSGI layer drops the header "
        "and its ASGI layer answers 500, Werkzeug's server writes it",
        injected=_INJECTED,
    ),
    WireDivergence(
        id="header-name-edges",
        title="CR LF or spaces around a header name: Hypercorn trims them, Werkzeug's server "
        "ends the header block early",
        layer=Layer.WIRE,
        covers=lambda p: any(name != name.strip() for name, _ in _headers(p)),
        examples=_examples("'ok', 200, {'\\r\\nok': 'v'}"),
        sends=MappingProxyType(
            {
                **_gunicorn(_GUNICORN_500),
                "flask/werkzeug": Sends(status=200, raw_has=b"\r\n\r\nok: v\r\n"),
                "flask/granian": Sends(status=200, body=b"ok", lacks=(b"ok",)),
                "quart/hypercorn": Sends(status=200, body=b"ok", has=((b"ok", b"v"),)),
                "quart/uvicorn": _EMPTY,
                "quart/granian": _GRANIAN_500,
            }
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
        title="A NUL in a header value: Werkzeug's server writes it raw",
        layer=Layer.WIRE,
        covers=_control_in_headers,
        examples=_examples("'ok', 200, {'X-A': 'v\\x00w'}"),
        sends=_bad_header(b"X-A: v\x00w", (b"x-a",)),
        fields=("app-error", "reply"),
        cause="Werkzeug's Headers refuses only CR and LF in values; Gunicorn and h11 refuse "
        "any control character, Granian drops the header (WSGI) or answers 500 (ASGI), "
        "Werkzeug's server writes it",
    ),
    WireDivergence(
        id="whitespace-around-header-value",
        title="Spaces or tabs around a header value: Uvicorn closes the connection",
        layer=Layer.WIRE,
        covers=lambda p: any(value != value.strip(" \t") for _, value in _headers(p)),
        examples=_examples("'ok', 200, {'X-A': ' v '}"),
        sends=MappingProxyType(
            {
                **_same(
                    Sends(status=200, body=b"ok", has=((b"x-a", b"v"),)),
                    *(server for server in SERVERS if server != "quart/uvicorn"),
                ),
                "quart/uvicorn": _EMPTY,
            }
        ),
        fields=("reply", "headers"),
        cause="Neither framework trims a header value. HTTP's field-value grammar has no "
        "whitespace at either end: Uvicorn refuses to send the head and closes the "
        "connection, the other servers write it and a client reads the value trimmed",
    ),
    WireDivergence(
        id="empty-header-name",
        title="An empty header name: Werkzeug's server writes ': v'",
        layer=Layer.WIRE,
        covers=lambda p: any(not name for name, _ in _headers(p)),
        examples=_examples("'ok', 200, {'': 'v'}"),
        sends=_bad_header(b"\r\n: v\r\n", ()),
        fields=("app-error", "reply"),
        cause="Neither framework checks names; Gunicorn and h11 refuse an empty one, Granian "
        "drops it (WSGI) or answers 500 (ASGI), Werkzeug's server writes it",
    ),
)
"""Every recorded wire divergence."""

WIRE_DIVERGENCES_BY_ID: Mapping[str, WireDivergence] = MappingProxyType(
    {d.id: d for d in WIRE_DIVERGENCES}
)
