"""The response forms Flask's and Quart's own test suites return, as data, against our grammar.

One entry per distinct form per suite: the helpers called, how they nest, and the kind of
each leaf. A leaf the upstream view computes from the request, the session or a URL variable
counts as the type it has (a str, a dict), so `return request.method` is the str form; where
the framework itself reads the request body for the view (`get_json`, `get_data`, `json`,
`form`, `files`), that read is part of the form. A view that only raises (with no handler
registered for what it raises) returns nothing and is not a form; `abort(...)` is one.

Each entry cites the upstream file and test (pallets/flask at 2ac89889, pallets/quart at
657bca7) and writes the form as our grammar's source, Flask's spelling, with leaves of our
choosing; `None` with the reason where the grammar cannot say it. Nothing here is upstream
code: the sources are ours, written in the grammar `shared.parse` reads.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Form:
    """One response form: where upstream returns it, and our source for it or why none."""

    id: str
    upstream: str
    """`repo path::test`, the first test that returns this form."""
    source: str | None
    reason: str = ""
    """Why the grammar cannot say it (when `source` is None), or what the source leaves out."""


def _f(id: str, upstream: str, source: str | None, reason: str = "") -> Form:
    return Form(id, upstream, source, reason)


_FLASK = "pallets/flask tests/"
_QUART = "pallets/quart tests/"

FLASK_FORMS: tuple[Form, ...] = (
    _f("flask-str", _FLASK + "test_basic.py::test_options_work", "'Hello World'"),
    _f("flask-empty-str", _FLASK + "test_appctx.py::test_context_refcounts", "''"),
    _f("flask-non-ascii-str", _FLASK + "test_basic.py::test_response_types", "'Hällo Wörld'"),
    _f(
        "flask-utf8-bytes",
        _FLASK + "test_basic.py::test_response_types",
        "b'H\\xc3\\xa4llo W\\xc3\\xb6rld'",
    ),
    _f(
        "flask-tuple-status-headers",
        _FLASK + "test_basic.py::test_response_types",
        "('Meh', 400, {'X-Foo': 'Testing', 'Content-Type': 'text/plain; charset=utf-8'})",
    ),
    _f(
        "flask-tuple-headers",
        _FLASK + "test_basic.py::test_response_types",
        "('Hello', {'X-Foo': 'Test', 'Content-Type': 'text/plain; charset=utf-8'})",
    ),
    _f("flask-tuple-status", _FLASK + "test_basic.py::test_response_types", "('Hi', 400)"),
    _f(
        "flask-response-in-tuple-headers",
        _FLASK + "test_basic.py::test_response_types",
        "(Response('Hello world', status=404, headers={'Content-Type': 'text/html', "
        "'X-Foo': 'Baz'}), {'Content-Type': 'text/plain', 'X-Foo': 'Bar'})",
        "upstream passes the status and headers positionally; the grammar by keyword",
    ),
    _f(
        "flask-response-in-tuple-status",
        _FLASK + "test_basic.py::test_response_types",
        "(Response('Hello world', status=400), 500)",
        "upstream calls app.response_class, which is Response",
    ),
    _f("flask-http-exception", _FLASK + "test_basic.py::test_response_types", "NotFound()"),
    _f("flask-dict-status", _FLASK + "test_basic.py::test_response_types", "({'foo': 'bar'}, 201)"),
    _f("flask-list-status", _FLASK + "test_basic.py::test_response_types", "(['foo', 'bar'], 201)"),
    _f("flask-none", _FLASK + "test_basic.py::test_response_type_errors", "None"),
    _f("flask-one-tuple", _FLASK + "test_basic.py::test_response_type_errors", "('Hello',)"),
    _f(
        "flask-four-tuple",
        _FLASK + "test_basic.py::test_response_type_errors",
        "('Hello', 234, {'X-Foo': 'Bar'}, '???')",
    ),
    _f("flask-bool", _FLASK + "test_basic.py::test_response_type_errors", "True"),
    _f(
        "flask-callable-not-wsgi",
        _FLASK + "test_basic.py::test_response_type_errors",
        "lambda: None",
    ),
    _f("flask-empty-204", _FLASK + "test_basic.py::test_session_special_types", "('', 204)"),
    _f("flask-dict", _FLASK + "test_basic.py::test_session_secret_key_fallbacks", "{'a': 1}"),
    _f(
        "flask-vary-add",
        _FLASK + "test_basic.py::test_session_vary_cookie",
        "resp = Response()\nresp.vary.add('Cookie')\nreturn resp",
    ),
    _f(
        "flask-vary-update",
        _FLASK + "test_basic.py::test_session_vary_cookie",
        "resp = Response()\nresp.vary = ['Accept-Encoding', 'Accept-Language']\nreturn resp",
        "upstream calls vary.update(...) on the empty set; the grammar assigns the list",
    ),
    _f(
        "flask-set-cookie-204",
        _FLASK + "test_basic.py::test_max_cookie_size",
        "resp = Response('', status=204)\nresp.set_cookie('foo', 'barbarbar')\nreturn resp",
    ),
    _f(
        "flask-errorhandler-code-tuple",
        _FLASK + "test_basic.py::test_error_handling",
        "@app.errorhandler(404)\ndef handle(error):\n    return ('not found', 404)\n"
        "return abort(404)",
    ),
    _f(
        "flask-errorhandler-class-tuple",
        _FLASK + "test_basic.py::test_error_handling",
        "@app.errorhandler(Forbidden)\ndef handle(error):\n    return ('forbidden', 403)\n"
        "return abort(403)",
    ),
    _f(
        "flask-errorhandler-500-raised",
        _FLASK + "test_basic.py::test_error_handling_processing",
        "@app.errorhandler(500)\ndef handle(error):\n    return ('internal server error', 500)\n"
        "raise ZeroDivisionError('integer division or modulo by zero')",
        "upstream's view computes 1 // 0; the grammar raises the same built-in class",
    ),
    _f(
        "flask-errorhandler-user-exception",
        _FLASK + "test_basic.py::test_user_error_handling",
        "class MyException(Exception):\n    pass\n@app.errorhandler(MyException)\n"
        "def handle(error):\n    return '42'\nraise MyException()",
    ),
    _f(
        "flask-errorhandler-http-subclass",
        _FLASK + "test_basic.py::test_http_error_subclass_handling",
        "class ForbiddenSubclass(Forbidden):\n    pass\n@app.errorhandler(ForbiddenSubclass)\n"
        "def handle(error):\n    return 'banana'\nraise ForbiddenSubclass()",
        "upstream registers a second handler, for 403; the grammar one per view",
    ),
    _f(
        "flask-errorhandler-exception-jsonify",
        _FLASK + "test_appctx.py::test_app_tearing_down_with_handled_exception_by_app_handler",
        "@app.errorhandler(Exception)\ndef handle(error):\n    return jsonify(str(error))\n"
        "raise Exception('dummy')",
    ),
    _f(
        "flask-blueprint-errorhandler",
        _FLASK + "test_blueprints.py::test_blueprint_specific_error_handling",
        "@bp.errorhandler(403)\ndef handle(error):\n    return ('frontend says no', 403)\n"
        "return abort(403)",
        "the lab registers one handler for both; every lab view is in a blueprint",
    ),
    _f("flask-abort", _FLASK + "test_basic.py::test_trapping_of_all_http_exceptions", "abort(404)"),
    _f("flask-abort-unknown-code", _FLASK + "test_helpers.py::test_abort_no_app", "abort(900)"),
    _f(
        "flask-abort-custom-aborter",
        _FLASK + "test_helpers.py::test_app_aborter_class",
        None,
        "a custom aborter class mapping a new code: app-level setup (aborter_class on a Flask "
        "subclass), checked without a request; the grammar writes a view body, and the lab's "
        "apps are built once, so changing their aborter per probe would leak into the next",
    ),
    _f(
        "flask-abort-redirect",
        _FLASK + "test_regression.py::test_aborting",
        "abort(redirect('/test'))",
        "upstream writes `raise abort(...)` over url_for('test'); the grammar the abort over "
        "the path",
    ),
    _f(
        "flask-get-json-implicit",
        _FLASK + "test_json.py::test_json_custom_mimetypes",
        "request.get_json()",
    ),
    _f(
        "flask-jsonify-get-json",
        _FLASK + "test_testing.py::test_json_request_and_response",
        "jsonify(request.get_json())",
    ),
    _f(
        "flask-jsonify-str-get-json",
        _FLASK + "test_json.py::test_json_bad_requests",
        "jsonify(foo=str(request.get_json()))",
    ),
    _f(
        "flask-json-provider",
        _FLASK + "test_json.py::test_json_customization",
        None,
        "a custom JSON provider (object_hook and default) set on the app: a user-defined "
        "provider class and default function, which a grammar of literals that both apps "
        "build from the model does not hold; and json.dumps of an item of the request JSON",
    ),
    _f(
        "flask-request-json-fstring",
        _FLASK + "test_testing.py::test_client_json_no_app_context",
        "f\"Hello, {request.json['name']}!\"",
    ),
    _f("flask-jsonify-dict", _FLASK + "test_json.py::test_jsonify_dicts", "jsonify({'a': 0})"),
    _f("flask-jsonify-kwargs", _FLASK + "test_json.py::test_jsonify_dicts", "jsonify(a=0, b=1)"),
    _f("flask-jsonify-args", _FLASK + "test_json.py::test_jsonify_arrays", "jsonify(1, 2, 3)"),
    _f("flask-jsonify-list", _FLASK + "test_json.py::test_jsonify_arrays", "jsonify([1, 2, 3])"),
    _f("flask-jsonify-scalar", _FLASK + "test_json.py::test_jsonify_basic_types", "jsonify(0.5)"),
    _f(
        "flask-jsonify-datetime",
        _FLASK + "test_json.py::test_jsonify_datetime",
        "jsonify(value=datetime(2010, 3, 1, 8, 0))",
    ),
    _f(
        "flask-jsonify-uuid",
        _FLASK + "test_json.py::test_jsonify_uuid_types",
        "jsonify(x=UUID('7d6c2bde-5b8b-4a9f-9c1e-5c3d2a1b0f9e'))",
        "upstream's view is a lambda; the grammar writes the body it returns",
    ),
    _f(
        "flask-jsonify-unsortable-keys",
        _FLASK + "test_json.py::test_json_key_sorting",
        "jsonify(values={'a': 0, 1: 'b'})",
    ),
    _f(
        "flask-jsonify-dataclass",
        _FLASK + "test_basic.py::test_json_dump_dataclass",
        "make_response(jsonify(Point(x=1, y=2)))",
    ),
    _f(
        "flask-json-mimetype",
        _FLASK + "test_basic.py::test_jsonify_mimetype",
        "app.json.mimetype = 'application/vnd.api+json'\n"
        "return make_response(jsonify({'msg': {'submsg': 'W00t'}}), 200)",
        "upstream sets the provider's attribute in the test, before the request",
    ),
    _f(
        "flask-json-compact",
        _FLASK + "test_basic.py::test_jsonify_no_prettyprint",
        "app.json.compact = True\n"
        "return app.json.response({'msg': {'submsg': 'W00t'}, 'msg2': 'foobar'})",
        "upstream sets the provider's attribute in the test (True and False) and calls its "
        "response method in a request context",
    ),
    _f(
        "flask-render-template",
        _FLASK + "test_templating.py::test_context_processing",
        "render_template('greeting.html', name='abcd')",
    ),
    _f(
        "flask-render-template-string",
        _FLASK + "test_templating.py::test_original_win",
        "render_template_string('{{ value }}', value=42)",
    ),
    _f(
        "flask-stream-template-string",
        _FLASK + "test_templating.py::test_simple_stream",
        "stream_template_string('{{ value }}', value=42)",
    ),
    _f(
        "flask-render-template-list",
        _FLASK + "test_templating.py::test_iterable_loader",
        "render_template(['no_template.xml', 'greeting.html', 'items.html'], name='Jameson')",
        "upstream's template reads a context processor's value; the grammar passes it",
    ),
    _f(
        "flask-render-template-markup",
        _FLASK + "test_templating.py::test_escaping",
        "render_template('greeting.html', name=Markup('<p>Hello World!'))",
        "upstream's template writes a str and a Markup each several ways; greeting.html one",
    ),
    _f("flask-redirect", _FLASK + "test_signals.py::test_flash_signal", "redirect('/other')"),
    _f(
        "flask-redirect-code",
        _FLASK + "test_helpers.py::test_redirect_no_app",
        "redirect('https://localhost', 307)",
    ),
    _f(
        "flask-app-redirect",
        _FLASK + "test_helpers.py::test_redirect_with_app",
        None,
        "app.redirect overridden on a Flask subclass: app-level setup, checked without a "
        "request; as for the custom aborter, outside a view body and the lab's one app",
    ),
    _f(
        "flask-make-response-empty", _FLASK + "test_basic.py::test_make_response", "make_response()"
    ),
    _f(
        "flask-make-response-str",
        _FLASK + "test_basic.py::test_make_response",
        "make_response('A')",
    ),
    _f(
        "flask-make-response-status",
        _FLASK + "test_basic.py::test_make_response",
        "make_response('W00t', 404)",
    ),
    _f(
        "flask-make-response-generator",
        _FLASK + "test_basic.py::test_make_response",
        "make_response((chunk for chunk in ['H', 'i']))",
    ),
    _f(
        "flask-make-response-jsonify-status",
        _FLASK + "test_basic.py::test_make_response_with_response_instance",
        "make_response(jsonify({'msg': 'W00t'}), 400)",
    ),
    _f(
        "flask-make-response-response-status",
        _FLASK + "test_basic.py::test_make_response_with_response_instance",
        "make_response(Response(''), 400)",
    ),
    _f(
        "flask-make-response-response-status-pairs",
        _FLASK + "test_basic.py::test_make_response_with_response_instance",
        "make_response(Response('', headers={'Content-Type': 'text/html'}), 400, "
        "[('X-Foo', 'bar')])",
    ),
    _f(
        "flask-send-file",
        _FLASK + "test_helpers.py::TestSendfile::test_send_file",
        "send_file('static_files/hello.txt')",
    ),
    _f(
        "flask-send-from-directory",
        _FLASK + "test_helpers.py::TestSendfile::test_send_from_directory",
        "send_from_directory('static_files', 'hello.txt')",
    ),
    _f(
        "flask-response-stream-with-context",
        _FLASK + "test_helpers.py::TestStreaming::test_streaming_with_context",
        "Response(stream_with_context(chunk for chunk in ['Hello ', 'World', '!']))",
        "upstream's generator yields a query argument; the grammar yields literals here",
    ),
    _f(
        "flask-response-decorated-generator-argument",
        _FLASK + "test_helpers.py::TestStreaming::test_streaming_with_context_as_decorator",
        "@stream_with_context\ndef generate(hello):\n    yield hello\n"
        "    yield request.headers.get('X-Name', '')\n    yield '!'\n"
        "return Response(generate('Hello '))",
        "upstream's generator yields a query argument; the grammar a request header",
    ),
    _f(
        "flask-stream-iterator-close",
        _FLASK + "test_helpers.py::TestStreaming::test_streaming_with_context_and_custom_close",
        None,
        "an iterator class defined in the view, with close(), wrapped in stream_with_context: "
        "the form is the close() Flask calls when the stream ends, a side effect no response "
        "shows; the response is that of stream_with_context(iter([...])), which reads",
    ),
    _f(
        "flask-stream-session",
        _FLASK + "test_helpers.py::TestStreaming::test_stream_keeps_session",
        "session['test'] = 'flask'\n@stream_with_context\ndef gen():\n"
        "    yield session['test']\nreturn Response(gen())",
    ),
    _f(
        "flask-stream-with-context-str",
        _FLASK + "test_testing.py::test_client_pop_all_preserved",
        "stream_with_context('hello')",
    ),
    _f(
        "flask-after-this-request",
        _FLASK + "test_basic.py::test_after_request_processing",
        "@after_this_request\ndef foo(response):\n    response.headers['X-Foo'] = 'a header'\n"
        "    return response\nreturn 'Test'",
    ),
)

QUART_FORMS: tuple[Form, ...] = (
    _f("quart-str", _QUART + "test_basic.py::app", "'index'"),
    _f("quart-empty-str", _QUART + "test_app.py::test_host_matching", "''"),
    _f("quart-non-ascii-str", _QUART + "test_basic.py::app", "'💔'"),
    _f(
        "quart-jsonify-get-json",
        _QUART + "test_basic.py::app",
        "jsonify(await request.get_json())",
    ),
    _f(
        "quart-get-json-implicit",
        _QUART + "test_basic.py::app",
        "await request.get_json()",
    ),
    _f(
        "quart-werkzeug-response",
        _QUART + "test_basic.py::app",
        "werkzeug.wrappers.Response(b'Hello')",
    ),
    _f(
        "quart-errorhandler-code-tuple",
        _QUART + "test_basic.py::app",
        "@app.errorhandler(409)\ndef handle(error):\n    return ('Something Unique', 409)\n"
        "return abort(409)",
    ),
    _f(
        "quart-async-generator-function",
        _QUART + "test_basic.py::app",
        "async def generate():\n    yield 'Hello '\n    yield 'World'\nreturn generate()",
    ),
    _f(
        "quart-blueprint-errorhandler",
        _QUART + "test_blueprints.py::test_blueprint_error_handler",
        "@bp.errorhandler(409)\ndef handle(error):\n    return ('Something Unique', 409)\n"
        "return abort(409)",
        "the lab registers one handler for both; every lab view is in a blueprint",
    ),
    _f(
        "quart-render-template-string",
        _QUART + "test_blueprints.py::test_blueprint_template_filter",
        "render_template_string('{{ name|upper }}', name='hello')",
        "upstream applies a filter its blueprint registers; the grammar a built-in one",
    ),
    _f(
        "quart-stream-with-context-request",
        _QUART + "test_helpers.py::test_stream_with_context",
        "@stream_with_context\nasync def generate():\n    yield request.method\n"
        "    yield ' '\n    yield request.path\nreturn generate()",
        "upstream encodes each part to bytes",
    ),
    _f(
        "quart-sync-generator-status",
        _QUART + "test_sync.py::_app",
        "((chunk for chunk in [b'1', b'b', b'b']), 200)",
    ),
    _f(
        "quart-stream-template-string",
        _QUART + "test_templating.py::test_simple_stream",
        "await stream_template_string('{{ value }}', value=42)",
    ),
    _f(
        "quart-response-stream-template",
        _QUART + "test_templating.py::test_simple_stream",
        "Response(stream_template_string('{{ value }}', value=42))",
        "Quart's view awaits the stream; the corpus writes Flask's spelling",
    ),
    _f(
        "quart-jsonify-form",
        _QUART + "test_testing.py::test_form",
        "jsonify(**(await request.form))",
    ),
    _f(
        "quart-files-read",
        _QUART + "test_testing.py::test_files",
        "(await request.files)['file'].read()",
    ),
    _f(
        "quart-get-data-text",
        _QUART + "test_testing.py::test_data",
        "await request.get_data(as_text=True)",
    ),
    _f(
        "quart-jsonify-args",
        _QUART + "test_testing.py::test_query_string",
        "jsonify(**request.args)",
    ),
    _f("quart-redirect", _QUART + "test_testing.py::test_redirect", "redirect('/')"),
    _f(
        "quart-jsonify-set-cookie",
        _QUART + "test_testing.py::test_cookie_jar",
        "resp = jsonify({'foo': None, 'bar': None})\nresp.set_cookie('bar', 'foo')\nreturn resp",
    ),
    _f(
        "quart-redirect-set-cookie",
        _QUART + "test_testing.py::test_redirect_cookie_jar",
        "resp = redirect('/b')\nresp.set_cookie('bar', 'foo')\nreturn resp",
    ),
    _f("quart-none-status", _QUART + "test_app.py::test_make_response", "(None, 201)"),
    _f(
        "quart-tuple-headers",
        _QUART + "test_app.py::test_make_response",
        "('hello', {'X-Header': 'bob'})",
    ),
    _f("quart-tuple-status", _QUART + "test_app.py::test_make_response", "('hello', 201)"),
    _f(
        "quart-tuple-status-headers",
        _QUART + "test_app.py::test_make_response",
        "('hello', 201, {'X-Header': 'bob'})",
    ),
    _f(
        "quart-werkzeug-response-tuple",
        _QUART + "test_app.py::test_make_response",
        "(werkzeug.wrappers.Response('hello'), 201, {'X-Header': 'bob'})",
    ),
    _f("quart-http-exception", _QUART + "test_app.py::test_make_response", "InternalServerError()"),
    _f(
        "quart-generator",
        _QUART + "test_app.py::test_make_response",
        "(chunk for chunk in ['a', 'b', 'c', 'd'])",
    ),
    _f(
        "quart-callable-not-response",
        _QUART + "test_app.py::test_make_response",
        "int",
    ),
    _f("quart-none", _QUART + "test_app.py::test_make_response", "None"),
    _f(
        "quart-make-response-status",
        _QUART + "test_helpers.py::test_make_response",
        "make_response('foo', 202)",
    ),
    _f(
        "quart-send-file-path",
        _QUART + "test_helpers.py::test_send_file_path",
        "send_file('static_files/hello.txt')",
    ),
    _f(
        "quart-send-file-bytes-io",
        _QUART + "test_helpers.py::test_send_file_bytes_io",
        "send_file(io.BytesIO(b'something'), mimetype='text/plain')",
    ),
    _f(
        "quart-send-file-no-mimetype",
        _QUART + "test_helpers.py::test_send_file_no_mimetype",
        "send_file(io.BytesIO(b'something'))",
    ),
    _f(
        "quart-send-file-attachment-name",
        _QUART + "test_helpers.py::test_send_file_as_attachment_name",
        "send_file('static_files/hello.txt', as_attachment=True, download_name='b.txt')",
    ),
    _f(
        "quart-send-file-max-age",
        _QUART + "test_helpers.py::test_send_file_max_age",
        "send_file('static_files/hello.txt', max_age=60)",
    ),
    _f(
        "quart-response-iterable",
        _QUART + "wrappers/test_response.py::test_iterable_wrapper",
        "Response([b'abc', b'def'])",
    ),
    _f(
        "quart-response-file",
        _QUART + "wrappers/test_response.py::test_file_wrapper",
        "Response(open('static_files/hello.txt', 'rb'))",
    ),
    _f(
        "quart-response-bytes-io",
        _QUART + "wrappers/test_response.py::test_io_wrapper",
        "Response(io.BytesIO(b'abcdef'))",
    ),
    _f(
        "quart-response-status",
        _QUART + "wrappers/test_response.py::test_response_status",
        "Response(b'Body', status=HTTPStatus.ACCEPTED)",
    ),
    _f(
        "quart-make-conditional",
        _QUART + "wrappers/test_response.py::test_response_make_conditional",
        "resp = Response(b'abcdef')\nresp.make_conditional(request)\nreturn resp",
    ),
    _f(
        "quart-add-etag-conditional",
        _QUART + "wrappers/test_response.py::test_response_make_conditional_not_modified",
        "resp = Response(b'abcdef')\nresp.add_etag()\nresp.make_conditional(request)\nreturn resp",
    ),
    _f(
        "quart-cache-control",
        _QUART + "wrappers/test_response.py::test_response_cache_control",
        "resp = Response(b'Body')\nresp.cache_control.max_age = 2\n"
        "resp.cache_control.no_cache = True\nreturn resp",
    ),
    _f(
        "quart-empty-response",
        _QUART + "wrappers/test_response.py::test_empty_response",
        "Response()",
    ),
    _f(
        "quart-date-attribute",
        _QUART + "wrappers/test_response.py::test_datetime_headers",
        "resp = Response(b'Body')\nresp.expires = datetime(2020, 1, 1, 12, 0)\nreturn resp",
    ),
    _f(
        "quart-retry-after",
        _QUART + "wrappers/test_response.py::test_datetime_headers",
        "resp = Response(b'Body', status=503)\nresp.retry_after = 120\nreturn resp",
    ),
)

FORMS: tuple[Form, ...] = FLASK_FORMS + QUART_FORMS
"""Every form of both suites."""
