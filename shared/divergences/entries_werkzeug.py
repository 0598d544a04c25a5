"""Entries for what Werkzeug's post-processing does in Flask and Quart never does."""

from __future__ import annotations

from shared.divergences.examples import examples
from shared.divergences.layers import Layer
from shared.divergences.predicates import LOCATIONS
from shared.divergences.predicates import final_status
from shared.divergences.predicates import iri_changes
from shared.divergences.predicates import is_bodyless
from shared.divergences.predicates import may_be_304
from shared.divergences.predicates import repeated_location
from shared.divergences.predicates import sequence_response_call
from shared.divergences.predicates import statically_empty
from shared.divergences.predicates import werkzeug_response_returned
from shared.divergences.record import ALL_FIELDS
from shared.divergences.record import Category
from shared.divergences.record import Divergence
from shared.divergences.symptoms import body_dropped_or_read
from shared.divergences.symptoms import bodyless_trimmed
from shared.divergences.symptoms import differ_beyond_vary_cookie
from shared.divergences.symptoms import flask_only_length
from shared.divergences.symptoms import location_rewritten
from shared.divergences.upstream import NOT_REPORTED
from shared.model import anatomy as a

POST_PROCESSING: tuple[Divergence, ...] = (
    Divergence(
        id="head-body",
        upstream=NOT_REPORTED,
        title="HEAD responses: Flask drops the body, Quart leaves it to the server",
        category=Category.WERKZEUG_POST_PROCESSING,
        covers=lambda p: p.method == "HEAD" and not statically_empty(p.value),
        shows=body_dropped_or_read,
        fields=("body", "error"),
        flask="hands the server an empty body iterable, keeping Content-Length; a generator "
        "is never run, so one that would fail (reading the request outside its context) "
        "does not",
        quart="sends the full body in http.response.body messages, running a generator to "
        "the end, and an error it raises escapes",
        cause="Werkzeug's Response.get_app_iter returns () for HEAD; Quart's ASGI layer "
        "iterates response.response whatever the method and relies on the server to drop it",
        examples=examples(
            "'ok'",
            "jsonify(success=True)",
            "def generate():\n    yield request.method\nreturn generate()",
            method="HEAD",
        ),
        on_the_wire="same: Hypercorn (h11) sends no body for HEAD",
        layer=Layer.APP_BOUNDARY,
    ),
    Divergence(
        id="bodyless-status",
        fix="return `Response(status=204)` (no body, no Content-Length), which both send alike",
        upstream=NOT_REPORTED,
        title="1xx, 204 and 304: Flask strips the body and entity headers, Quart sends them",
        category=Category.WERKZEUG_POST_PROCESSING,
        covers=lambda p: is_bodyless(final_status(p.value)) or may_be_304(p),
        shows=bodyless_trimmed,
        fields=("body", "header:content-*", "header:allow", "header:last-modified", "error"),
        flask="drops the body; removes Content-Length for 1xx/204 and the entity headers "
        "(Content-Type, Content-Length, ...) for 304; a streamed body (a template stream) is "
        "never run, so one that would fail does not",
        quart="sends the body it has and keeps Content-Length and Content-Type, running a "
        "stream to the end, and an error it raises escapes",
        cause="Werkzeug's get_app_iter and get_wsgi_headers special-case these codes; Quart "
        "never calls them",
        examples=examples("'ok', 204", "jsonify(), 304", "make_response('ok', 199)"),
        on_the_wire="Hypercorn drops a 204/304 body; the stray Content-Length stays",
    ),
    Divergence(
        id="empty-response-length",
        upstream=NOT_REPORTED,
        title="Response() with no content or a list of chunks: Flask sends Content-Length, "
        "Quart none",
        category=Category.WERKZEUG_POST_PROCESSING,
        covers=lambda p: (
            sequence_response_call(p.value)
            and (a.raises_first(p.value) or a.reaches_headers(p.value))
            and not is_bodyless(final_status(p.value))
        ),
        shows=flask_only_length,
        fields=("header:content-length",),
        flask="counts the body list (empty when none is given) and adds its Content-Length",
        quart="wraps the missing body or the list in an IterableBody, whose length it does not "
        "know",
        cause="Werkzeug's get_wsgi_headers sets Content-Length for sequence bodies; Quart's "
        "Response sets it only through set_data (str or bytes)",
        examples=examples("Response()", "Response(status=201)", "Response(['a', b'b'])"),
        on_the_wire="Hypercorn ends the unknown-length body with chunked encoding",
    ),
    Divergence(
        id="werkzeug-response-raw-in-quart",
        upstream=NOT_REPORTED,
        title="werkzeug.wrappers.Response: Flask finishes it as WSGI, Quart sends its headers "
        "and body as they stand",
        category=Category.WERKZEUG_POST_PROCESSING,
        covers=werkzeug_response_returned,
        shows=differ_beyond_vary_cookie,
        fields=ALL_FIELDS,
        flask="converts it to its own Response (force_type) and runs Werkzeug's WSGI "
        "finishing: Content-Length of a list body, no body or length for 204 and 304, no body "
        "for HEAD, headers checked and encoded as latin-1",
        quart="sends response.headers and iterates response.response as they are: no "
        "Content-Length for a list body, the body of a 204, HEAD bodies, headers encoded as "
        "UTF-8, and none of its own Response checks",
        cause="Quart's ASGI layer has a branch of its own for Werkzeug responses (it sends "
        "status_code, headers and response.response directly); Flask's make_response "
        "force_types any Werkzeug response into its response_class",
        examples=examples(
            "werkzeug.wrappers.Response(['a', b'b'])",
            "werkzeug.wrappers.Response('x', status=204)",
        ),
    ),
)
"""What Werkzeug does to the body and its length before the server sees them."""


LOCATIONS_REWRITTEN: tuple[Divergence, ...] = (
    Divergence(
        id="location-iri",
        fix="redirect to an ASCII URL: percent-encode it first "
        "(`werkzeug.urls.iri_to_uri(url)`); `url_for(...)` already is one",
        upstream=NOT_REPORTED,
        title="Location and Content-Location: Flask rewrites them, Quart sends them as written",
        category=Category.WERKZEUG_POST_PROCESSING,
        covers=lambda p: (
            repeated_location(p.value)
            or any(
                name.lower() in LOCATIONS and iri_changes(value)
                for name, value in a.headers_reaching_both(p.value)
            )
        ),
        shows=location_rewritten,
        fields=("header:location", "header:content-location", "error"),
        flask="percent-encodes the value with iri_to_uri and keeps one value (the last) per name",
        quart="sends every value as written",
        cause="Werkzeug's get_wsgi_headers reads these two headers, converts the last value "
        "and sets it back as the only one; Quart never calls it",
        examples=examples(
            "redirect('/caf\u00e9')",
            "'ok', {'Location': '/a b'}",
            "Response(headers=[('Location', '/a'), ('Location', '/b')])",
        ),
    ),
)
"""What Werkzeug does to Location and Content-Location."""
