"""Entries for the body types one framework takes and the other refuses or mangles."""

from __future__ import annotations

from shared import model as m
from shared.divergences.examples import example_with_headers
from shared.divergences.examples import examples
from shared.divergences.layers import Layer
from shared.divergences.predicates import form_escape_not_utf8
from shared.divergences.predicates import form_sent_as_x_url_encoded
from shared.divergences.predicates import json_read_of_non_json
from shared.divergences.predicates import stream_with_context_called
from shared.divergences.record import ALL_FIELDS
from shared.divergences.record import Category
from shared.divergences.record import Divergence
from shared.divergences.symptoms import differ_beyond_vary_cookie
from shared.divergences.symptoms import flask_fails
from shared.divergences.symptoms import grouped_error
from shared.divergences.symptoms import only_flask_415
from shared.divergences.symptoms import quart_500
from shared.divergences.symptoms import violation_or_length
from shared.divergences.upstream import NOT_REPORTED
from shared.divergences.upstream import UpstreamState
from shared.divergences.upstream import reported
from shared.model import anatomy as a
from shared.model import generator_port_required
from shared.parse import parse
from shared.probe import Probe

_FORM_NOT_MEASURED_ON_THE_WIRE = (
    "not measured on the wire: the lab's /render route reads the request body itself (as "
    "the source, or to bound its size), so a form cannot reach the view; servers hand the "
    "body to the app unchanged"
)

ASYNC_EXTRA = reported(
    "https://github.com/pallets/flask/blob/main/docs/async-await.rst",
    UpstreamState.BY_DESIGN,
    "Flask's documentation: after-request functions may be coroutine functions if Flask is "
    "installed with the async extra",
)
"""Flask documents that it runs coroutine functions only with `flask[async]` (asgiref)."""

BODIES: tuple[Divergence, ...] = (
    Divergence(
        id="wsgi-callable",
        upstream=NOT_REPORTED,
        title="A WSGI callable is run by Flask and rejected by Quart",
        category=Category.BODY_TYPES,
        covers=lambda p: (
            a.reaches_body(p.value) and isinstance(a.innermost_body(p.value), m.WsgiApp)
        ),
        shows=quart_500,
        fields=ALL_FIELDS,
        flask="calls it with the request environ and uses the response it starts",
        quart="answers 500: TypeError 'The response value type (function) is not valid'",
        cause="Flask's make_response falls back to Response.force_type for callables; "
        "Quart's make_response has no WSGI branch (an ASGI app cannot call one)",
        examples=examples(
            "lambda environ, start_response: "
            "(start_response('200 OK', [('Content-Type', 'text/plain')]), [b'hi'])[1]"
        ),
    ),
    Divergence(
        id="plain-iterator",
        fix="join the chunks into one str or bytes body (`''.join(chunks)`), which both send alike",
        upstream=NOT_REPORTED,
        title="A plain iterator is streamed by Flask and rejected by Quart",
        category=Category.BODY_TYPES,
        covers=lambda p: (
            a.reaches_body(p.value)
            and isinstance(body := a.innermost_body(p.value), m.Chunks)
            and body.kind is m.ChunksKind.ITERATOR
        ),
        shows=quart_500,
        fields=ALL_FIELDS,
        flask="streams it like a generator",
        quart="answers 500: TypeError 'The response value type (list_iterator) is not valid'",
        cause="Flask's make_response accepts any collections.abc.Iterator; Quart's accepts "
        "only generators and async generators (inspect.isgenerator / isasyncgen)",
        examples=examples("iter(['a', 'b'])"),
    ),
    Divergence(
        id="async-iterable-in-flask",
        upstream=NOT_REPORTED,
        title="An async generator is streamed by Quart and fails in Flask",
        category=Category.BODY_TYPES,
        covers=lambda p: (
            a.reaches_body(p.value)
            and any(c.kind is m.ChunksKind.ASYNC_GENERATOR for c in a.chunk_bodies(p.value))
        ),
        shows=flask_fails,
        fields=ALL_FIELDS,
        flask="answers 500 when returned (not a valid return type); inside Response(...) it "
        "starts a 200 and then raises TypeError while the server iterates the body",
        quart="streams each chunk",
        cause="WSGI bodies are sync iterables; only Quart's IterableBody awaits async ones",
        examples=examples(
            "(await asyncio.sleep(0, chunk) for chunk in ['a'])",
            "Response((await asyncio.sleep(0, chunk) for chunk in ['a']))",
        ),
    ),
    Divergence(
        id="stream-with-context-call",
        upstream=NOT_REPORTED,
        title="stream_with_context(generator) streams in Flask and is a 500 in Quart",
        category=Category.BODY_TYPES,
        covers=lambda p: stream_with_context_called(p.value),
        shows=quart_500,
        fields=ALL_FIELDS,
        flask="wraps the generator (or any iterator, or a str, whose characters it iterates) in "
        "one that keeps the request context pushed while the server iterates it, and streams "
        "it; an async generator, which "
        "iter() refuses, gets a function back, so Response(...) starts a 200 and then raises "
        "TypeError while the server iterates it",
        quart="answers 500: returned, TypeError 'The response value type (function) is not "
        "valid'; inside Response(...), AttributeError: 'function' object has no attribute "
        "'__aiter__' while the body is read",
        cause="Flask's stream_with_context tries iter() on its argument and only falls back to "
        "decorating a function; Quart's is only a decorator: it returns an async generator "
        "function, which Quart's make_response (isgenerator/isasyncgen checks) and "
        "IterableBody both refuse",
        quart_versions=">=0.20",
        examples=examples(
            "stream_with_context(chunk for chunk in ['a', b'b'])",
            "Response(stream_with_context(iter(['a'])))",
            "Response(stream_with_context(await asyncio.sleep(0, chunk) for chunk in ['a']))",
            "stream_with_context('hello')",
        ),
    ),
    Divergence(
        id="sync-generator-function-in-quart",
        upstream=NOT_REPORTED,
        title="@stream_with_context over a def generator: Flask streams it, Quart starts a 200 "
        "and fails with no body",
        category=Category.BODY_TYPES,
        covers=lambda p: generator_port_required(p.value),
        # Quart 0.23 wraps the same TypeError in an ExceptionGroup (error-in-exception-group).
        shows=lambda flask, quart: (
            quart.error in ("TypeError", "ExceptionGroup") and flask.error is None
        ),
        fields=("body", "error"),
        flask="streams the generator with the request context kept",
        quart="starts the response (200, headers sent), then raises TypeError, 'async for' "
        "requires an object with __aiter__ (inside an ExceptionGroup on Quart 0.23), so no body "
        "follows",
        cause="Quart's stream_with_context wraps the function in an async generator that runs "
        "`async for` over what the function returns; a def generator has no __aiter__. The "
        "Quart port writes `async def generate()`",
        examples=examples(
            "@stream_with_context\ndef generate():\n    yield 'a'\n    yield request.method\n"
            "return generate()",
        ),
    ),
    Divergence(
        id="async-generator-function-in-flask",
        upstream=NOT_REPORTED,
        title="An async def generator function in a view: Quart streams it, Flask answers 500",
        category=Category.BODY_TYPES,
        covers=lambda p: isinstance(p.value, m.RequestStream) and p.value.asynchronous,
        shows=flask_fails,
        fields=ALL_FIELDS,
        flask="answers 500: an async generator is no response Flask can send, and "
        "stream_with_context over an async def function calls what it cannot iterate",
        quart="streams each yielded part",
        cause="WSGI bodies are sync iterables; Flask's stream_with_context tries iter() first and "
        "then treats its argument as a function returning a sync generator",
        examples=examples(
            "@stream_with_context\nasync def generate():\n    yield 'a'\n"
            "    yield request.method\nreturn generate()",
            "async def generate():\n    yield 'a'\nreturn generate()",
        ),
    ),
    Divergence(
        id="async-hook-in-flask",
        upstream=ASYNC_EXTRA,
        title="An async def after_this_request hook: Quart runs it, Flask without its async "
        "extra answers 500",
        category=Category.ERROR_PROPAGATION,
        covers=lambda p: isinstance(p.value, m.AfterThisRequest) and p.value.asynchronous,
        shows=flask_fails,
        fields=ALL_FIELDS,
        flask="answers its plain 500 page: process_response calls the hook through "
        "ensure_sync, which raises RuntimeError 'Install Flask with the 'async' extra' when "
        "asgiref is not installed (the lab installs Flask without it); the hook's changes are "
        "lost",
        quart="awaits the hook and sends the response it changed",
        cause="Flask is WSGI and runs a coroutine function only through asgiref's "
        "async_to_sync, an optional dependency; Quart awaits every hook",
        examples=examples(
            "@after_this_request\nasync def hook(resp):\n    resp.headers['X-Foo'] = 'a'\n"
            "    return resp\nreturn 'Test'",
        ),
    ),
    Divergence(
        id="error-in-exception-group",
        upstream=NOT_REPORTED,
        title="An error raised while the body streams escapes Quart 0.23 as an ExceptionGroup",
        category=Category.ERROR_PROPAGATION,
        covers=lambda p: p.method != "HEAD" and a.reads_request_outside_context(p.value),
        shows=grouped_error,
        fields=("error",),
        flask="lets the generator's own exception (RuntimeError) escape to the server",
        quart="lets it escape wrapped in an ExceptionGroup ('unhandled errors in a TaskGroup')",
        cause="Quart 0.23's ASGIHTTPConnection.__call__ runs handle_request beside "
        "handle_messages in an asyncio.TaskGroup, which re-raises a failed child as an "
        "ExceptionGroup; 0.22 waited on the two tasks with asyncio.wait and re-raised the "
        "handler's exception itself",
        examples=examples(
            "def generate():\n    yield 'a'\n    yield request.method\nreturn generate()"
        ),
        quart_versions=">=0.23",
        layer=Layer.APP_BOUNDARY,
        on_the_wire="servers log either and cut the reply alike (generator-fails-mid-stream)",
    ),
    Divergence(
        id="bytearray-body",
        upstream=NOT_REPORTED,
        title="A bytearray body breaks both servers' protocols, in different ways",
        category=Category.BODY_TYPES,
        covers=lambda p: a.reaches_body(p.value) and any(True for _ in a.byte_arrays(p.value)),
        shows=violation_or_length,
        fields=ALL_FIELDS,
        flask="hands the bytearray itself as a body chunk (PEP 3333 wants bytes) with a "
        "Content-Length (on HEAD only the Content-Length remains)",
        quart="iterates the bytearray and sends each byte as an int in http.response.body",
        cause="Werkzeug stores a bytearray as the one chunk; Quart's Response only treats "
        "str and bytes as data and wraps anything else in IterableBody",
        examples=examples("bytearray(b'ok')", "Response(bytearray(b'ok'))"),
        on_the_wire="wsgiref refuses the chunk, lenient WSGI servers send it; Hypercorn "
        "fails on the int",
    ),
    Divergence(
        id="json-read-of-non-json",
        upstream=NOT_REPORTED,
        title="request.get_json() of a request not sent as JSON: Flask answers 415, Quart "
        "reads None",
        category=Category.BODY_TYPES,
        covers=json_read_of_non_json,
        shows=only_flask_415,
        fields=ALL_FIELDS,
        flask="answers 415 Unsupported Media Type ('Did not attempt to load JSON data because "
        "the request Content-Type was not application/json'); in an error handler, which may "
        "not raise, a 500 page",
        quart="hands the view None: returned, a 500 (the view returned None); in jsonify(...), "
        "a 200 with the body null",
        cause="Werkzeug's Request.get_json (since 2.3, werkzeug#2355 and #2550) calls "
        "on_json_loading_failed(None) when the mimetype is not JSON, which raises "
        "UnsupportedMediaType; Quart's own async get_json returns None before reading the body",
        examples=(
            example_with_headers("jsonify(request.get_json())", ("Content-Type", "text/plain")),
            example_with_headers("request.json"),
        ),
    ),
    Divergence(
        id="form-escape-not-utf8",
        upstream=NOT_REPORTED,
        title="A urlencoded form field that percent-encodes bytes which are not UTF-8: Flask "
        "keeps the escape as sent, Quart reads U+FFFD",
        category=Category.BODY_TYPES,
        covers=form_escape_not_utf8,
        shows=differ_beyond_vary_cookie,
        fields=("body", "header:content-length"),
        flask="reads `a=%FF` as the field a with the value '%FF', the escape as it was sent",
        quart="reads it as '\ufffd', the replacement character",
        cause="Werkzeug's FormDataParser reads a urlencoded body with urllib's parse_qsl and "
        "errors='werkzeug.url_quote', which quotes undecodable bytes back; Quart's own "
        "FormDataParser._parse_urlencoded calls parse_qsl with its default errors='replace'",
        examples=(
            Probe(
                parse("jsonify(**request.form)"),
                "POST",
                (("Content-Type", "application/x-www-form-urlencoded"),),
                b"a=%FF",
            ),
        ),
        on_the_wire=_FORM_NOT_MEASURED_ON_THE_WIRE,
    ),
    Divergence(
        id="form-x-url-encoded",
        upstream=NOT_REPORTED,
        title="A form sent as application/x-url-encoded: Flask reads no fields, Quart reads them",
        category=Category.BODY_TYPES,
        covers=form_sent_as_x_url_encoded,
        shows=differ_beyond_vary_cookie,
        fields=("body", "header:content-length"),
        flask="reads no form (jsonify(**request.form) answers null)",
        quart="parses the body as a urlencoded form",
        cause="Werkzeug 3.0 stopped treating the invalid application/x-url-encoded type as "
        "application/x-www-form-urlencoded (FormDataParser.parse); Quart's FormDataParser "
        "still maps both to its urlencoded parser",
        examples=(
            Probe(
                parse("jsonify(**request.form)"),
                "POST",
                (("Content-Type", "application/x-url-encoded"),),
                b"a=b",
            ),
        ),
        on_the_wire=_FORM_NOT_MEASURED_ON_THE_WIRE,
    ),
)
"""Bodies one framework streams and the other refuses, and how a streaming error escapes."""
