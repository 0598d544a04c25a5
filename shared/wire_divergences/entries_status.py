"""Wire entries for the status line: reason phrases and codes servers treat apart."""

from __future__ import annotations

from shared.divergences.examples import examples
from shared.divergences.layers import Layer
from shared.divergences.upstream import NOT_REPORTED
from shared.divergences.upstream import security_channel
from shared.frameworks import Framework
from shared.http.syntax import has_control
from shared.http.wire_reply import Framing
from shared.http.wire_reply import Result
from shared.wire_divergences.habits import Phrase
from shared.wire_divergences.predicates import status_codes
from shared.wire_divergences.predicates import str_statuses
from shared.wire_divergences.record import WireDivergence
from shared.wire_divergences.replies import handled
from shared.wire_divergences.replies import kept_open
from shared.wire_divergences.replies import per_server
from shared.wire_divergences.replies import phrase
from shared.wire_divergences.replies import under
from shared.wire_divergences.sends import INJECTED
from shared.wire_divergences.sends import Sends

QUART_500 = Sends(status=500, has=((b"content-length", b"265"),))
"""Quart's own 500 page, which it sends for an error before any server is involved."""

STATUS_LINE: tuple[WireDivergence, ...] = (
    WireDivergence(
        id="asgi-reason-phrase",
        upstream=NOT_REPORTED,
        title="Under ASGI the reason phrase is the server's choice: Hypercorn writes none",
        layer=Layer.WIRE,
        covers=lambda p: True,
        examples=examples("'ok', 401"),
        sends=per_server(
            lambda s: Sends(status=401, reason=phrase(s, b"UNAUTHORIZED", b"Unauthorized"))
        ),
        cause="ASGI's http.response.start carries only the code: Hypercorn gives h11 an empty "
        "reason, Uvicorn and Granian look the code up. WSGI servers write the phrase of the "
        "app's status line (Werkzeug's table, upper-cased), except Granian, which writes its "
        "own",
    ),
    WireDivergence(
        id="custom-reason-on-the-wire",
        upstream=NOT_REPORTED,
        title="A custom reason phrase: WSGI servers but Granian write it; no ASGI server can",
        layer=Layer.BOTH,
        covers=lambda p: any(" " in s.strip() for s in str_statuses(p)),
        examples=examples("Response('ok', status='299 Custom')"),
        sends=per_server(lambda s: Sends(status=299, reason=phrase(s, b"Custom"), body=b"ok")),
        cause="WSGI passes the whole status line; Granian keeps only the code and writes its "
        "table's phrase, '<none>' for a code it does not know",
        boundary="custom-reason-phrase",
    ),
    WireDivergence(
        id="bodyless-status-length",
        upstream=NOT_REPORTED,
        title="204 and 304: ASGI servers drop the body but send Quart's Content-Length "
        "(Gunicorn's ASGI worker drops both)",
        layer=Layer.BOTH,
        covers=lambda p: bool(status_codes(p) & {204, 304}),
        examples=examples("'ok', 204"),
        # What a comparison with the app's answer sees: the Content-Length Gunicorn drops.
        fields=("headers",),
        sends=per_server(
            lambda s: Sends(
                status=204,
                framing=Framing.NONE,
                body=b"",
                has=((b"content-length", b"2"),) if s.habits.keeps_length_without_body else (),
                lacks=() if s.habits.keeps_length_without_body else (b"content-length",),
            )
        ),
        cause="Werkzeug strips the body and Content-Length before the server sees them; "
        "Quart keeps both, and Hypercorn, Uvicorn and Granian drop only the body, so a 204 goes "
        "out with a Content-Length (RFC 9110 says a server must not send one on a 204); "
        "Gunicorn's ASGI worker drops the Content-Length too",
        boundary="bodyless-status",
    ),
    WireDivergence(
        id="informational-final-status",
        upstream=NOT_REPORTED,
        title="A 1xx status as the answer: sent as an interim response, and no answer follows",
        layer=Layer.WIRE,
        covers=lambda p: any(100 <= code < 200 for code in status_codes(p)),
        examples=examples("make_response('ok', 199)"),
        sends=per_server(
            lambda s: handled(
                s, s.habits.informational_status, writes=Sends(result=Result.REJECTED)
            )
        ),
        fields=("reply", "status", "headers", "body"),
        on_quart=kept_open(),
        cause="Neither framework refuses a 1xx final status. Gunicorn, Werkzeug's server and "
        "Hypercorn write it, and a client reads it as an interim response and waits for an "
        "answer that never comes; Granian answers an empty 500; Uvicorn closes the connection. "
        "From Quart 0.23, Gunicorn's ASGI worker keeps that connection open until the client "
        "gives up: it waits for the app call to end, which waits for its http.disconnect",
    ),
)
"""Reason phrases, and codes after which no body or no answer follows."""


STATUS_CODES: tuple[WireDivergence, ...] = (
    WireDivergence(
        id="status-out-of-range",
        upstream=NOT_REPORTED,
        title="A status outside 100-999: a 500, an illegal status line, no reply, or a dead server",
        layer=Layer.WIRE,
        covers=lambda p: any(not 100 <= code <= 999 for code in status_codes(p)),
        examples=examples("'ok', 1000"),
        sends=per_server(
            lambda s: handled(
                s,
                s.habits.status_out_of_range,
                writes=Sends(
                    result=Result.REJECTED, raw_has=b"HTTP/1.1 1000 " + phrase(s, b"UNKNOWN")
                ),
            )
        ),
        fields=("reply",),
        cause="Neither framework checks the range. Gunicorn and Hypercorn (through h11) refuse "
        "it and answer 500; Werkzeug's server writes it; Uvicorn drops the connection; "
        "Granian's process exits",
    ),
    WireDivergence(
        id="status-without-a-code",
        upstream=NOT_REPORTED,
        title="A str status with no code ('abc'): Werkzeug makes it '0 abc', which kills Granian",
        layer=Layer.BOTH,
        covers=lambda p: 0 in status_codes(p),
        examples=examples("'ok', 'abc'"),
        sends=per_server(
            lambda s: (
                QUART_500
                if under(Framework.QUART, s)
                else handled(
                    s,
                    s.habits.status_out_of_range,
                    writes=Sends(result=Result.REJECTED, raw_has=b"HTTP/1.1 0 abc"),
                )
            )
        ),
        fields=("app-error", "reply"),
        cause="Werkzeug turns a status without a leading code into '0 <status>'. Gunicorn "
        "refuses it, Werkzeug's server writes it, Granian's process exits. Quart answers "
        "500 itself (int() of the string)",
        boundary="str-status-not-an-int",
    ),
    WireDivergence(
        id="status-600-and-up",
        upstream=NOT_REPORTED,
        title="A three-digit status from 600 up: Uvicorn closes the connection, the rest send it",
        layer=Layer.WIRE,
        covers=lambda p: any(600 <= code <= 999 for code in status_codes(p)),
        examples=examples("'ok', 600"),
        sends=per_server(
            lambda s: handled(
                s,
                s.habits.status_from_600,
                writes=Sends(status=600, reason=phrase(s, b"UNKNOWN"), body=b"ok"),
            )
        ),
        fields=("reply",),
        cause="HTTP/1.1 allows any three-digit code on the status line; Uvicorn's own check "
        "refuses codes it does not know and drops the connection",
    ),
)
"""Codes outside what some servers will write."""


UNSAFE_REASONS: tuple[WireDivergence, ...] = (
    WireDivergence(
        id="crlf-in-reason-phrase",
        upstream=security_channel("Werkzeug"),
        title="CR LF in a str status: Werkzeug's server writes the injected header",
        layer=Layer.WIRE,
        covers=lambda p: any(has_control(s) for s in str_statuses(p)),
        examples=examples("'ok', '200 OK\\r\\nX-Injected: 1'"),
        sends=per_server(
            lambda s: (
                Sends(status=500)
                if under(Framework.QUART, s)
                else handled(
                    s,
                    s.habits.forbidden_text,
                    writes=Sends(status=200, has=((b"x-injected", b"1"),)),
                    drops=Sends(status=200, body=b"ok", lacks=(b"x-injected",)),
                )
            )
        ),
        fields=("app-error",),
        cause="Flask hands the status line on as written; Gunicorn refuses control "
        "characters, Werkzeug's server writes the line raw. Quart answers 500 (int() of the "
        "string) before any server is involved. Granian keeps only the code",
        injected=INJECTED,
        boundary="str-status-not-an-int",
    ),
    WireDivergence(
        id="non-latin-1-reason-phrase",
        upstream=NOT_REPORTED,
        title="A reason phrase latin-1 cannot encode: 500 or no reply under WSGI, but Granian "
        "drops it",
        layer=Layer.WIRE,
        covers=lambda p: any(max(s, default="a") > "\xff" for s in str_statuses(p)),
        examples=examples("Response('ok', status='299 \u20ac')"),
        # Quart drops the phrase, and a server that looks the code up never writes it.
        sends=per_server(
            lambda s: (
                Sends(status=299, reason=phrase(s, b""), body=b"ok")
                if under(Framework.QUART, s) or s.habits.phrase is not Phrase.THE_APPS
                else handled(s, s.habits.unencodable_text)
            )
        ),
        fields=("app-error", "reply"),
        cause="Flask hands the phrase on; Gunicorn refuses it, Werkzeug's server fails while "
        "writing the status line, Granian keeps only the code. Quart drops the phrase before "
        "any server sees it",
        boundary="unsendable-reason-phrase",
    ),
)
"""Reason phrases HTTP cannot carry."""
