"""Entries for how a status is read, and what reaches the status line."""

from __future__ import annotations

from shared.divergences.examples import examples
from shared.divergences.predicates import custom_reason
from shared.divergences.predicates import tuple_status_kinds
from shared.divergences.predicates import unsendable_reason
from shared.divergences.record import ALL_FIELDS
from shared.divergences.record import Category
from shared.divergences.record import Divergence
from shared.divergences.symptoms import flask_500
from shared.divergences.symptoms import flask_violation_only
from shared.divergences.symptoms import quart_500
from shared.divergences.symptoms import reason_dropped
from shared.divergences.upstream import NOT_REPORTED
from shared.divergences.upstream import UpstreamState
from shared.divergences.upstream import reported
from shared.model import anatomy as a

INTEGER_STATUSES_ONLY = reported(
    "https://github.com/pallets/quart/issues/29",
    UpstreamState.BY_DESIGN,
    "Quart's maintainer answered that Quart takes integer status codes only",
)
"""Quart's answer when a status was an enum member used as text; it covers every non-int."""

STATUS_PARSING: tuple[Divergence, ...] = (
    Divergence(
        id="str-status-not-an-int",
        fix="give the status as an int or an HTTPStatus: `body, 201`",
        upstream=INTEGER_STATUSES_ONLY,
        title="A tuple status like '201 CREATED' or 'abc' works in Flask and is a 500 in Quart",
        category=Category.STATUS_PARSING,
        covers=lambda p: tuple_status_kinds(
            p,
            lambda s: (
                isinstance(s.value, str)
                and bool(s.value.strip())
                and a.int_or_none(s.value) is None
            ),
        ),
        shows=quart_500,
        fields=ALL_FIELDS,
        flask="sets Response.status from the string, keeping its reason phrase",
        quart="answers 500: ValueError from int(status)",
        cause="Flask assigns str statuses to rv.status (Werkzeug parses code and phrase); "
        "Quart's make_response does response.status_code = int(status)",
        examples=examples("'ok', '201 CREATED'", "jsonify(), '299 Custom Reason'"),
    ),
    Divergence(
        id="bytes-status",
        fix="give the status as an int or an HTTPStatus: `body, 201`",
        upstream=INTEGER_STATUSES_ONLY,
        title="A bytes tuple status is a 500 in Flask and read by int() in Quart",
        category=Category.STATUS_PARSING,
        covers=lambda p: tuple_status_kinds(
            p, lambda s: isinstance(s.value, bytes) and a.int_or_none(s.value) is not None
        ),
        shows=flask_500,
        fields=ALL_FIELDS,
        flask="answers 500: Werkzeug's status setter cannot mix bytes and str",
        quart="uses int(b'201') == 201",
        cause="Flask hands bytes to rv.status; Quart calls int() on every status",
        examples=examples("'ok', b'201'"),
    ),
    Divergence(
        id="float-status",
        fix="give the status as an int or an HTTPStatus: `body, 201`",
        upstream=INTEGER_STATUSES_ONLY,
        title="A float tuple status is a 500 in Flask and truncated by int() in Quart",
        category=Category.STATUS_PARSING,
        covers=lambda p: tuple_status_kinds(p, lambda s: isinstance(s.value, float)),
        shows=flask_500,
        fields=ALL_FIELDS,
        flask="answers 500: Werkzeug's status setter expects int or str",
        quart="uses int(201.0) == 201",
        cause="Flask passes the float to Response(status=...) or rv.status_code; Quart "
        "calls int() on it",
        examples=examples("'ok', 201.0", "jsonify(), 201.5"),
    ),
)
"""Tuple statuses the two frameworks read differently."""


STATUS_LINE: tuple[Divergence, ...] = (
    Divergence(
        id="custom-reason-phrase",
        fix="give the status as an int: ASGI carries no reason phrase",
        upstream=NOT_REPORTED,
        title="A custom reason phrase reaches the WSGI status line and is lost in ASGI",
        category=Category.STATUS_LINE,
        covers=lambda p: custom_reason(p.value),
        shows=reason_dropped,
        fields=("reason",),
        flask="puts the phrase on the status line: '299 Custom'",
        quart="sends only the code; the ASGI start message has no reason phrase",
        cause="WSGI start_response takes a full status line; ASGI carries an int",
        examples=examples(
            "Response('ok', status='201 Made')",
            "resp = jsonify()\nresp.status = '299 Custom'\nreturn resp",
        ),
        on_the_wire="Werkzeug's server writes the phrase; Hypercorn writes none at all "
        "('HTTP/1.1 299 '), for this and every other status",
    ),
    Divergence(
        id="unsendable-reason-phrase",
        upstream=NOT_REPORTED,
        title="A reason phrase with a control character or non-latin-1 text breaks WSGI only",
        category=Category.STATUS_LINE,
        covers=lambda p: unsendable_reason(p.value),
        shows=flask_violation_only,
        fields=("error",),
        flask="hands the phrase to the server on the status line, which PEP 3333 forbids (a "
        "CR LF there writes a header the view never set)",
        quart="drops the phrase: ASGI carries only the code, so nothing unsendable is handed over",
        cause="Werkzeug keeps a given phrase as written after stripping the ends; "
        "start_response needs latin-1 text without control characters",
        examples=examples(
            "Response('ok', status='200 OK\\r\\nX-Injected: 1')",
            "resp = jsonify()\nresp.status = '299 A\\x00B'\nreturn resp",
            "Response('ok', status='299 \u20ac')",
        ),
        on_the_wire="Werkzeug's server writes it (crlf-in-reason-phrase); Gunicorn answers 500",
    ),
)
"""Reason phrases, which WSGI carries and ASGI cannot."""
