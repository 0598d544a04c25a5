"""Entries for conditional and range requests."""

from __future__ import annotations

from shared import model as m
from shared.divergences import file_rules as f
from shared.divergences.examples import example_with_headers
from shared.divergences.examples import examples
from shared.divergences.layers import Layer
from shared.divergences.predicates import body_length
from shared.divergences.predicates import etag_hashed
from shared.divergences.predicates import etag_over_a_file
from shared.divergences.predicates import etag_over_an_error_page
from shared.divergences.predicates import file_called
from shared.divergences.predicates import file_returned
from shared.divergences.predicates import not_modified_asked
from shared.divergences.predicates import status_set_after_304
from shared.divergences.record import ALL_FIELDS
from shared.divergences.record import Category
from shared.divergences.record import Divergence
from shared.divergences.spellings import KeywordGiven
from shared.divergences.symptoms import bare_416
from shared.divergences.symptoms import body_emptied_by_quart
from shared.divergences.symptoms import etags_differ
from shared.divergences.symptoms import flask_500
from shared.divergences.symptoms import only_flask_has
from shared.divergences.symptoms import quart_500
from shared.divergences.symptoms import quart_took_range
from shared.divergences.upstream import NOT_REPORTED
from shared.divergences.upstream import Upstream
from shared.divergences.upstream import UpstreamState
from shared.divergences.upstream import reported
from shared.model import anatomy as a
from shared.outcome import CLOCK_DATE

CONDITIONAL: tuple[Divergence, ...] = (
    Divergence(
        id="accept-ranges-advertised",
        upstream=Upstream(
            UpstreamState.NOT_REPORTED,
            related=(
                "https://github.com/pallets/werkzeug/issues/3108",
                "https://github.com/pallets/werkzeug/pull/3110",
            ),
        ),
        title="Flask advertises 'Accept-Ranges' on every conditional answer, Quart only on a 206",
        category=Category.CONDITIONAL,
        covers=lambda p: (
            p.method in ("GET", "HEAD")
            and (
                file_returned(p, lambda c: f.both_send(c) and f.flask_conditional_file(c))
                or any(c.accept_ranges for c in f.conditional_changes(p.value))
            )
        ),
        shows=only_flask_has("accept-ranges"),
        fields=("header:accept-ranges",),
        flask="send_file is conditional by default, and make_conditional sets Accept-Ranges "
        "on every GET or HEAD once accept_ranges is given",
        quart="send_file is not conditional by default (send_from_directory is), and "
        "make_conditional sets Accept-Ranges only when it answers a Range with 206",
        cause="Werkzeug's _process_range_request assigns accept_ranges before looking at the "
        "Range header; Quart's sets it after a range was served, and its send_file defaults "
        "conditional to False",
        werkzeug_versions=">=3.1.7",
        examples=examples(
            "send_file('static_files/hello.txt')",
            "send_file(io.BytesIO(b'ok'), mimetype='text/plain', conditional=True)",
            "resp = Response('ok')\n"
            "resp.make_conditional(request, accept_ranges=True)\n"
            "return resp",
        ),
    ),
    Divergence(
        id="conditional-date",
        upstream=NOT_REPORTED,
        title="Flask's make_conditional stamps a Date header on a GET or HEAD; Quart's does not",
        category=Category.CONDITIONAL,
        covers=lambda p: (
            p.method in ("GET", "HEAD")
            and (
                file_returned(p, lambda c: f.both_send(c) and f.flask_conditional_file(c))
                or bool(f.conditional_changes(p.value))
            )
        ),
        shows=lambda flask, quart: (
            flask.header("date") == CLOCK_DATE and quart.header("date") is None
        ),
        fields=("header:date",),
        flask="make_conditional (and send_file, conditional by default) adds Date with the "
        "time of the request when the response has none",
        quart="make_conditional leaves Date to the server",
        cause="Werkzeug's Response.make_conditional sets Date on GET and HEAD before it looks "
        "at ranges and validators; Quart's make_conditional has no such step",
        on_the_wire="the same on every server: each adds its own Date",
        layer=Layer.APP_BOUNDARY,
        examples=examples(
            "send_file('static_files/hello.txt')",
            "resp = Response('ok')\nresp.make_conditional(request)\nreturn resp",
        ),
    ),
    Divergence(
        id="send-file-conditional-default",
        upstream=reported("https://github.com/pallets/quart/issues/349"),
        title="send_file answers Range and If-* headers in Flask by default, in Quart only "
        "with conditional=True",
        category=Category.CONDITIONAL,
        spelling=KeywordGiven(("send_file",), "conditional", "True"),
        covers=lambda p: (
            file_called(
                p,
                lambda c: (
                    f.both_send(c)
                    and f.flask_conditional_file(c)
                    and not f.quart_conditional_file(c)
                ),
            )
            and (
                (f.range_asked(p.method, p.headers) and f.flask_serves_ranges(p.value))
                or not_modified_asked(p)
            )
        ),
        shows=lambda flask, quart: (
            flask.status != quart.status
            or flask.header("content-range") != quart.header("content-range")
        ),
        fields=ALL_FIELDS,
        flask="answers 206 with the range, 304 when the validators match, 412 when If-Match "
        "fails, 416 for a range it cannot serve",
        quart="sends the whole file with 200",
        cause="Werkzeug's send_file defaults conditional=True (Flask 2.0); Quart's send_file "
        "keeps conditional=False (its send_from_directory passes True)",
        examples=(
            example_with_headers("send_file('static_files/hello.txt')", ("Range", "bytes=0-3")),
            example_with_headers("send_file('static_files/data.json')", ("If-None-Match", "*")),
        ),
    ),
    Divergence(
        id="status-set-after-304",
        upstream=Upstream(
            UpstreamState.NOT_REPORTED,
            related=("https://github.com/pallets/quart/issues/223",),
        ),
        title="A conditional answer turned 304, then given a status with a body: Flask sends "
        "the body, Quart an empty one",
        category=Category.CONDITIONAL,
        covers=status_set_after_304,
        shows=body_emptied_by_quart,
        fields=("body", "header:content-length"),
        flask="make_conditional only sets 304 and keeps the body: a status set afterwards (a "
        "tuple or make_response status, resp.status_code = ...) sends the whole body with its "
        "Content-Length",
        quart="make_conditional empties the body and deletes Content-Length when it answers "
        "304: a status set afterwards sends an empty body with no Content-Length",
        cause="Werkzeug leaves dropping a 304's body to get_app_iter and get_wsgi_headers, "
        "which read the status only when the response is sent; Quart's make_conditional "
        "calls set_data(b'') and deletes content_length as soon as it sets 304 (since Quart "
        "0.19, so that a 304 it sends is empty, pallets/quart#223)",
        fix="let the 304 stand (return the response without a status), or pass "
        "conditional=False to the file helper when a full answer is wanted",
        examples=(
            example_with_headers(
                "make_response(send_from_directory('static_files', 'hello.txt'), 200, {})",
                ("If-None-Match", "*"),
            ),
            example_with_headers(
                "send_from_directory('static_files', 'data.json'), 201",
                ("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT"),
            ),
            example_with_headers(
                "resp = Response('ok')\nresp.headers['ETag'] = '\"v1\"'\n"
                "resp.make_conditional(request)\nresp.status_code = 200\nreturn resp",
                ("If-None-Match", '"v1"'),
            ),
        ),
        on_the_wire="differs as it does at the app boundary: Gunicorn sends Flask's body with "
        "its Content-Length; Hypercorn and Uvicorn send Quart's as an empty chunked body (to "
        "HEAD, 'Transfer-Encoding: chunked' where Gunicorn says 'Content-Length')",
    ),
    Divergence(
        id="range-without-accept-ranges",
        upstream=NOT_REPORTED,
        title="make_conditional without accept_ranges: Flask ignores Range, Quart serves it "
        "with 'Accept-Ranges: none'",
        category=Category.CONDITIONAL,
        covers=lambda p: (
            f.range_asked(p.method, p.headers)
            and any(
                c.complete_length and not c.accept_ranges for c in f.conditional_changes(p.value)
            )
            and not f.flask_serves_ranges(p.value)
        ),
        shows=quart_took_range,
        fields=ALL_FIELDS,
        flask="skips range handling when accept_ranges is false (the default) and sends 200",
        quart="answers the Range (206, 416, or a 500 for a suffix range) and sends "
        "'Accept-Ranges: none' with the 206",
        cause="Werkzeug's _process_range_request returns early when accept_ranges is falsy; "
        "Quart's make_conditional turns False into the string 'none', which is not None, so "
        "its _process_range_request carries on",
        examples=(
            example_with_headers(
                "resp = Response(b'Hello world')\nresp.make_conditional(request, "
                "complete_length=11)\nreturn resp",
                ("Range", "bytes=0-3"),
            ),
        ),
    ),
    Divergence(
        id="suffix-range",
        upstream=NOT_REPORTED,
        title="Range 'bytes=-N' (the last N bytes): Flask answers 206, Quart a 500; past the "
        "start both 416, Quart without Content-Range",
        category=Category.CONDITIONAL,
        covers=lambda p: (
            f.range_asked(p.method, p.headers)
            and f.suffix_range(f.header(p.headers, "range"))
            and f.quart_serves_ranges(p.value)
        ),
        shows=lambda flask, quart: (
            (quart.status in (416, 500) and flask.status != quart.status)
            or bare_416(flask, quart)
            # A status of 500 set after the 206 (a tuple's) matches Quart's error page.
            or (
                quart.status == 500
                and (quart.exception or "").startswith("AssertionError")
                and flask.exception is None
            )
        ),
        fields=ALL_FIELDS,
        flask="serves the last N bytes with 206 and 'Content-Range: bytes <start>-<end>/<length>'"
        "; when N is longer than the body, 416 with 'Content-Range: bytes */<length>'",
        quart="answers 500: AssertionError 'Bad range provided'; 416 when N is longer than "
        "the body",
        cause="Quart hands the parsed range's negative start straight to its body's "
        "make_conditional and then to Werkzeug's ContentRange, whose validity assertion "
        "fails (its _raise_if_invalid_range refuses N past the start first); Werkzeug's "
        "Range.range_for_length turns a suffix into absolute positions, clamped to the length",
        examples=(
            example_with_headers(
                "send_file('static_files/hello.txt', conditional=True)", ("Range", "bytes=-4")
            ),
        ),
    ),
    Divergence(
        id="unsatisfiable-range-length",
        upstream=NOT_REPORTED,
        title="A 416 for several ranges, another unit or a start past the end: Flask says "
        "'Content-Range: bytes */N', Quart says nothing",
        category=Category.CONDITIONAL,
        covers=lambda p: (
            f.range_asked(p.method, p.headers)
            and f.unsatisfiable_without_length(f.header(p.headers, "range"))
            and f.flask_serves_ranges(p.value)
            and f.quart_serves_ranges(p.value)
        ),
        shows=bare_416,
        fields=("header:content-range",),
        flask="raises RequestedRangeNotSatisfiable(complete_length), whose page carries "
        "'Content-Range: bytes */<length>'",
        quart="raises RequestedRangeNotSatisfiable() with no length, so no Content-Range",
        cause="Werkzeug passes the length on every 416; Quart's _process_range_request and its "
        "bodies' _raise_if_invalid_range pass it only when the Range could not be parsed",
        examples=(
            example_with_headers(
                "send_file('static_files/hello.txt', conditional=True)",
                ("Range", "bytes=0-1,3-4"),
            ),
            example_with_headers(
                "send_from_directory('static_files', 'data.json')", ("Range", "bytes=100-200")
            ),
        ),
    ),
    Divergence(
        id="complete-length-ignored",
        upstream=NOT_REPORTED,
        title="make_conditional(complete_length=N): Flask serves ranges of N bytes, Quart of "
        "the body's real length",
        category=Category.CONDITIONAL,
        covers=lambda p: (
            f.range_asked(p.method, p.headers)
            and f.flask_serves_ranges(p.value)
            and any(
                c.complete_length != body_length(p.value)
                for c in f.conditional_changes(p.value)
                if c.complete_length
            )
        ),
        shows=lambda flask, quart: (
            flask.header("content-range") != quart.header("content-range")
            or flask.status != quart.status
        ),
        fields=ALL_FIELDS,
        flask="trusts complete_length: the range is cut and Content-Range written against it",
        quart="uses complete_length only as a switch and measures the body itself",
        cause="Werkzeug computes the range with Range.range_for_length(complete_length); "
        "Quart's make_conditional replaces it with what the body's make_conditional returns, "
        "the body's own size",
        examples=(
            example_with_headers(
                "resp = Response(b'Hello world')\nresp.make_conditional(request, "
                "accept_ranges=True, complete_length=3)\nreturn resp",
                ("Range", "bytes=0-3"),
            ),
        ),
    ),
    Divergence(
        id="exception-response-not-conditional",
        upstream=NOT_REPORTED,
        title="make_response(NotFound()) then make_conditional: fine in Flask, a 500 in Quart",
        category=Category.CONDITIONAL,
        covers=lambda p: (
            isinstance(p.value, m.Mutated)
            and isinstance(p.value.base, m.MakeResponse)
            and isinstance(page := a.innermost_body(p.value), m.HttpError)
            # Quart's own 500 page is this one's twin.
            and (page.name, page.description) != ("InternalServerError", None)
            and any(isinstance(c, m.MakeConditional) for c in p.value.changes)
        ),
        shows=quart_500,
        fields=ALL_FIELDS,
        flask="the error page is a Flask response like any other, and make_conditional "
        "answers the request",
        quart="answers 500: AssertionError, 'LocalProxy' is not a WSGI environment",
        cause="Quart's make_response turns an HTTPException into the plain Werkzeug Response "
        "its get_response builds; that response's make_conditional is Werkzeug's sync one, "
        "which needs a WSGI environ, not Quart's request",
        examples=examples(
            "resp = make_response(NotFound())\nresp.make_conditional(request)\nreturn resp"
        ),
    ),
    Divergence(
        id="add-etag-hash",
        upstream=NOT_REPORTED,
        title="resp.add_etag(): Flask's ETag is a SHA-1 of the body, Quart's an MD5",
        category=Category.CONDITIONAL,
        covers=etag_hashed,
        shows=etags_differ,
        fields=("header:etag", "header:content-length"),
        flask="sets the ETag to the SHA-1 hex digest of the body (Werkzeug's generate_etag); "
        "a streamed body is read into memory first, so the response gains a Content-Length",
        quart="sets the ETag to the MD5 hex digest of the body and leaves a streamed body "
        "streamed, without a Content-Length",
        cause="Werkzeug's Response.add_etag calls generate_etag (SHA-1 since Werkzeug 2.0); "
        "Quart's async add_etag hashes the awaited get_data() with hashlib.md5",
        examples=examples(
            "resp = Response(b'abcdef')\nresp.add_etag()\nreturn resp",
            "resp = jsonify(a=1)\nresp.add_etag(weak=True)\nreturn resp",
        ),
    ),
    Divergence(
        id="add-etag-error-page",
        upstream=NOT_REPORTED,
        title="await resp.add_etag() on make_response(NotFound()): Quart answers 500, Flask "
        "sets the ETag",
        category=Category.CONDITIONAL,
        covers=etag_over_an_error_page,
        shows=quart_500,
        fields=ALL_FIELDS,
        flask="sets the ETag on the error page's response, a Flask Response like any other",
        quart="answers 500: TypeError 'object NoneType can't be used in 'await' expression'",
        cause="Quart's make_response turns an HTTPException into exception.get_response(), "
        "Werkzeug's own Response, whose add_etag is a plain method; the Quart spelling awaits "
        "it as it awaits Quart's async add_etag",
        examples=examples("resp = make_response(NotFound())\nresp.add_etag()\nreturn resp"),
    ),
    Divergence(
        id="add-etag-file-passthrough",
        upstream=NOT_REPORTED,
        title="resp.add_etag(overwrite=True) on send_file's response: Flask answers 500, Quart "
        "hashes the file",
        category=Category.CONDITIONAL,
        covers=etag_over_a_file,
        shows=flask_500,
        fields=ALL_FIELDS,
        flask="answers 500: RuntimeError 'Attempted implicit sequence conversion but the "
        "response object is in direct passthrough mode'",
        quart="reads the file and sets the ETag to the MD5 of its bytes",
        cause="Werkzeug's send_file makes a direct-passthrough response, whose get_data() "
        "refuses to read the wrapped file; Quart's FileBody is read by its own get_data()",
        examples=examples(
            "resp = send_file('static_files/hello.txt')\nresp.add_etag(overwrite=True)\n"
            "return resp",
        ),
    ),
)
"""How Range and If-* requests are answered."""
