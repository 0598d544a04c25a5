"""Wire entries for the status line: reason phrases and codes servers treat apart."""

from __future__ import annotations

from types import MappingProxyType

from shared.divergences.examples import examples
from shared.divergences.layers import Layer
from shared.divergences.upstream import NOT_REPORTED
from shared.divergences.upstream import security_channel
from shared.http.syntax import has_control
from shared.http.wire_reply import Framing
from shared.http.wire_reply import Result
from shared.wire_divergences.predicates import status_codes
from shared.wire_divergences.predicates import str_statuses
from shared.wire_divergences.record import WireDivergence
from shared.wire_divergences.sends import ASGI
from shared.wire_divergences.sends import DIES
from shared.wire_divergences.sends import EMPTY
from shared.wire_divergences.sends import GUNICORN_500
from shared.wire_divergences.sends import HYPERCORN_500
from shared.wire_divergences.sends import INJECTED
from shared.wire_divergences.sends import WSGI
from shared.wire_divergences.sends import Sends
from shared.wire_divergences.sends import gunicorn_sends
from shared.wire_divergences.sends import same_sends

STATUS_LINE: tuple[WireDivergence, ...] = (
    WireDivergence(
        id="asgi-reason-phrase",
        upstream=NOT_REPORTED,
        title="Under ASGI the reason phrase is the server's choice: Hypercorn writes none",
        layer=Layer.WIRE,
        covers=lambda p: True,
        examples=examples("'ok', 401"),
        sends=MappingProxyType(
            {
                "quart/gunicorn": Sends(status=401, reason=b"Unauthorized"),
                **gunicorn_sends(Sends(status=401, reason=b"UNAUTHORIZED")),
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
        upstream=NOT_REPORTED,
        title="A custom reason phrase: WSGI servers but Granian write it; no ASGI server can",
        layer=Layer.BOTH,
        covers=lambda p: any(" " in s.strip() for s in str_statuses(p)),
        examples=examples("Response('ok', status='299 Custom')"),
        sends=MappingProxyType(
            {
                "quart/gunicorn": Sends(status=299, reason=b"Unknown", body=b"ok"),
                **gunicorn_sends(Sends(status=299, reason=b"Custom")),
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
        upstream=NOT_REPORTED,
        title="204 and 304: ASGI servers drop the body but send Quart's Content-Length "
        "(Gunicorn's ASGI worker drops both)",
        layer=Layer.BOTH,
        covers=lambda p: bool(status_codes(p) & {204, 304}),
        examples=examples("'ok', 204"),
        # What a comparison with the app's answer sees: the Content-Length Gunicorn drops.
        fields=("headers",),
        sends=MappingProxyType(
            {
                **same_sends(
                    Sends(status=204, framing=Framing.NONE, body=b"", lacks=(b"content-length",)),
                    *WSGI,
                    "quart/gunicorn",
                ),
                **same_sends(
                    Sends(
                        status=204,
                        framing=Framing.NONE,
                        body=b"",
                        has=((b"content-length", b"2"),),
                    ),
                    "quart/hypercorn",
                    "quart/uvicorn",
                    "quart/granian",
                ),
            }
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
        sends=MappingProxyType(
            {
                "quart/gunicorn": Sends(result=Result.REJECTED, status=None),
                **same_sends(
                    Sends(result=Result.REJECTED, status=None),
                    "flask/gunicorn",
                    "flask/gunicorn-gthread",
                    "flask/werkzeug",
                    "quart/hypercorn",
                ),
                **same_sends(
                    Sends(status=500, body=b"", has=((b"content-length", b"0"),)),
                    "flask/granian",
                    "quart/granian",
                ),
                "quart/uvicorn": EMPTY,
            }
        ),
        fields=("reply", "status", "headers", "body"),
        cause="Neither framework refuses a 1xx final status. Gunicorn, Werkzeug's server and "
        "Hypercorn write it, and a client reads it as an interim response and waits for an "
        "answer that never comes; Granian answers an empty 500; Uvicorn closes the connection",
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
        sends=MappingProxyType(
            {
                "quart/gunicorn": Sends(result=Result.REJECTED, raw_has=b"HTTP/1.1 1000 Unknown"),
                **gunicorn_sends(GUNICORN_500),
                "flask/werkzeug": Sends(result=Result.REJECTED, raw_has=b"HTTP/1.1 1000 UNKNOWN"),
                "flask/granian": DIES,
                "quart/hypercorn": HYPERCORN_500,
                "quart/uvicorn": EMPTY,
                "quart/granian": DIES,
            }
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
        sends=MappingProxyType(
            {
                **gunicorn_sends(GUNICORN_500),
                "flask/werkzeug": Sends(result=Result.REJECTED, raw_has=b"HTTP/1.1 0 abc"),
                "flask/granian": DIES,
                **same_sends(Sends(status=500, has=((b"content-length", b"265"),)), *ASGI),
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
        upstream=NOT_REPORTED,
        title="A three-digit status from 600 up: Uvicorn closes the connection, the rest send it",
        layer=Layer.WIRE,
        covers=lambda p: any(600 <= code <= 999 for code in status_codes(p)),
        examples=examples("'ok', 600"),
        sends=MappingProxyType(
            {
                "quart/gunicorn": Sends(status=600, reason=b"Unknown", body=b"ok"),
                **same_sends(Sends(status=600, reason=b"UNKNOWN", body=b"ok"), *WSGI[:3]),
                "flask/granian": Sends(status=600, reason=b"<none>", body=b"ok"),
                "quart/hypercorn": Sends(status=600, reason=b"", body=b"ok"),
                "quart/uvicorn": EMPTY,
                "quart/granian": Sends(status=600, reason=b"<none>", body=b"ok"),
            }
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
        sends=MappingProxyType(
            {
                **gunicorn_sends(GUNICORN_500),
                "flask/werkzeug": Sends(status=200, has=((b"x-injected", b"1"),)),
                "flask/granian": Sends(status=200, body=b"ok", lacks=(b"x-injected",)),
                **same_sends(Sends(status=500), *ASGI),
            }
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
        sends=MappingProxyType(
            {
                "quart/gunicorn": Sends(status=299, reason=b"Unknown", body=b"ok"),
                **gunicorn_sends(GUNICORN_500),
                "flask/werkzeug": EMPTY,
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
)
"""Reason phrases HTTP cannot carry."""
