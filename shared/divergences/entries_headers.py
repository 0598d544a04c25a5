"""Entries for how headers are given, encoded, and added."""

from __future__ import annotations

from shared import model as m
from shared.divergences.examples import examples
from shared.divergences.predicates import constructor_body
from shared.divergences.predicates import length_overridden
from shared.divergences.predicates import repeated_names
from shared.divergences.predicates import secret_key_set
from shared.divergences.record import ALL_FIELDS
from shared.divergences.record import Category
from shared.divergences.record import Divergence
from shared.divergences.spellings import HeaderLeftOut
from shared.divergences.spellings import PairsListed
from shared.divergences.symptoms import fewer_values
from shared.divergences.symptoms import headers_differ
from shared.divergences.symptoms import lengths_differ
from shared.divergences.symptoms import quart_500
from shared.divergences.symptoms import vary_cookie
from shared.divergences.upstream import NOT_REPORTED
from shared.divergences.upstream import Upstream
from shared.divergences.upstream import UpstreamState
from shared.model import anatomy as a

HEADERS: tuple[Divergence, ...] = (
    Divergence(
        id="tuple-of-pairs-headers",
        fix="give the headers as a dict or a list of pairs: `body, {'X-A': '1'}`",
        upstream=Upstream(
            UpstreamState.NOT_REPORTED, related=("https://github.com/pallets/quart/issues/216",)
        ),
        title="(body, ((name, value),)) is headers to Flask and a status to Quart",
        category=Category.HEADER_FORMS,
        spelling=PairsListed(),
        covers=lambda p: (
            a.reaches_status(p.value)
            and any(
                layer.tuple_size == 2
                and len(layer.headers) == 1
                and layer.headers[0].form is m.HeadersForm.TUPLE
                for layer in a.applied_layers(p.value)
            )
        ),
        shows=quart_500,
        fields=ALL_FIELDS,
        flask="reads a tuple second item as headers",
        quart="answers 500: a tuple is not in (Headers, dict, list), so int(tuple) raises",
        cause="Flask's 2-tuple test includes tuple; Quart's checks Headers, dict and list",
        examples=examples("'ok', (('X-A', 'a'),)"),
    ),
    Divergence(
        id="repeated-header-names",
        fix="send one header with the values joined: `{'X-A': '1, 2'}` (cookies: "
        "`resp.set_cookie(...)` for each)",
        upstream=NOT_REPORTED,
        title="Repeated header names beside a str or bytes body: Flask keeps all, Quart the last",
        category=Category.HEADER_FORMS,
        covers=lambda p: (
            a.reaches_headers(p.value)
            and any(
                any(repeated_names(h) for h in layer.headers) and constructor_body(layer.body)
                for layer in a.applied_layers(p.value)
            )
        ),
        shows=fewer_values,
        fields=("header:*",),
        flask="passes the headers to Response(body, headers=...), which keeps every pair",
        quart="creates the response, then headers.update(...) sets each name, so the last "
        "value wins",
        cause="Flask builds str/bytes/iterator responses with their headers in the "
        "constructor; Quart always updates afterwards, and Headers.update replaces",
        examples=examples("'ok', [('X-A', 'a'), ('X-A', 'b')]"),
    ),
    Divergence(
        id="content-length-in-tuple-headers",
        fix="leave Content-Length out: both frameworks set it from the body",
        upstream=NOT_REPORTED,
        title="A Content-Length beside a str or bytes body: Flask recomputes it, Quart keeps it",
        category=Category.HEADER_FORMS,
        spelling=HeaderLeftOut("Content-Length"),
        covers=lambda p: length_overridden(p.value),
        shows=lengths_differ,
        fields=("header:content-length",),
        flask="passes the headers to Response(body, headers=...), whose set_data then writes "
        "the body's real length over the one given",
        quart="creates the response from the body, then headers.update(...) sets the given "
        "Content-Length, even where it contradicts the body",
        cause="Flask builds str/bytes responses with their headers in the constructor, which "
        "sets the data (and its length) last; Quart updates the headers after the data",
        examples=examples("'ok', 200, {'Content-Length': '10'}", "b'ok', {'Content-Length': '1'}"),
        on_the_wire="Gunicorn sends the right length; Hypercorn sends 2 bytes under "
        "Content-Length: 10 and h11 clients reject the reply as cut short",
    ),
    Divergence(
        id="non-ascii-header",
        fix="keep header text ASCII: percent-encode it (`urllib.parse.quote(value)`)",
        upstream=NOT_REPORTED,
        title="Non-ASCII header text: latin-1 in Flask (or refused), UTF-8 in Quart",
        category=Category.HEADER_ENCODING,
        covers=lambda p: (
            not a.refused_headers(p.value)
            and any(
                not (name.isascii() and value.isascii())
                for name, value in a.headers_reaching_both(p.value)
            )
        ),
        shows=headers_differ,
        fields=("header:*", "error"),
        flask="hands str values; a server encodes them as latin-1 and must refuse the rest",
        quart="encodes names and values as UTF-8 bytes",
        cause="PEP 3333 header values are latin-1 native strings; Quart's encode_headers "
        "calls str.encode() with its UTF-8 default",
        examples=examples("'ok', {'X-A': 'caf\u00e9'}", "'ok', {'X-A': '\u20ac'}"),
    ),
)
"""Header forms and text the two frameworks turn into different headers."""


SESSIONS: tuple[Divergence, ...] = (
    Divergence(
        id="vary-cookie-always",
        fix="nothing in the view: to answer alike, add `response.vary.add('Cookie')` in a "
        "Flask `after_request`, or accept it (it only narrows what caches share)",
        upstream=NOT_REPORTED,
        title="Quart 0.23 adds 'Vary: Cookie' to every response once a secret key is set",
        category=Category.SESSIONS,
        covers=secret_key_set,
        shows=vary_cookie,
        fields=("header:vary",),
        flask="adds Vary: Cookie only when the view read or wrote the session",
        quart="adds Vary: Cookie to every response",
        cause="Quart 0.23's process_response reads ctx.session, a property that marks the "
        "session accessed, before saving it; Flask's request context keeps session as a "
        "plain attribute",
        examples=examples("'ok'", "jsonify(success=True)"),
        quart_versions=">=0.23",
        runs_view=False,
        ambient=True,
        settings=("SECRET_KEY",),
    ),
)
"""Headers a session adds."""
