"""The forms issue 17 added to the grammar: read, ported to Quart, and answered by both apps."""

from __future__ import annotations

import ast
import re

import pytest
from werkzeug import exceptions

from parity.engine import Engine
from parity.scan.holes import read_return
from shared import model as m
from shared.divergences import DIVERGENCES_BY_ID
from shared.parse import ParseError
from shared.parse import parse
from shared.probe import Probe
from tests.ambient import alike

JSON = (("Content-Type", "application/json"),)


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("request.get_json()", m.RequestBody("get_json")),
        ("request.json", m.RequestBody("json")),
        ("request.get_data()", m.RequestBody("get_data")),
        ("request.get_data(as_text=True)", m.RequestBody("get_text")),
        ("jsonify(request.get_json())", m.RequestBody("get_json", jsonified=True)),
        ("jsonify(await request.json)", m.RequestBody("json", jsonified=True)),
        ("await request.get_data(as_text=True)", m.RequestBody("get_text")),
    ],
)
def test_request_body_reads(source: str, value: m.RequestBody) -> None:
    """Each read of the request's body, Flask's or Quart's spelling, is one value."""
    assert parse(source) == value
    assert parse(value.to_source()) == value


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("request.get_json(force=True)", "takes no arguments"),
        ("request.get_data(as_text=False)", "as_text=True"),
        ("request.get_data(cache=False)", "only as_text=True"),
        ("jsonify(request.get_data())", "takes request.get_json"),
        ("await request.form", "is awaited"),
    ],
)
def test_request_body_reads_outside_the_grammar(source: str, problem: str) -> None:
    """What the grammar does not read is refused with a message naming it."""
    with pytest.raises(ParseError, match=re.escape(problem)):
        parse(source)


def test_quart_awaits_each_request_body_read() -> None:
    """The Quart port awaits the read, whether it is a call or the `json` attribute."""
    assert m.quart_statement(parse("jsonify(request.json)")) == "return jsonify(await request.json)"
    assert m.quart_statement(parse("(request.get_data(), 201)")) == (
        "return (await request.get_data(), 201)"
    )


def test_retry_after_reads_as_a_date_attribute() -> None:
    """`resp.retry_after = ...` is a date attribute: seconds, a datetime, or None."""
    value = parse("resp = Response(status=503)\nresp.retry_after = 120\nreturn resp")
    assert isinstance(value, m.Mutated)
    assert value.changes == (m.SetDate("retry_after", 120),)


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize(
    ("source", "body", "status", "sent"),
    [
        ("request.get_json()", b'{"a": 1}', 200, b'{"a":1}\n'),
        ("jsonify(request.json)", b'[1, "x"]', 200, b'[1,"x"]\n'),
        ("request.get_data()", b"{bad", 200, b"{bad"),
        ("(request.get_data(as_text=True), 201)", b"caf\xc3\xa9", 201, b"caf\xc3\xa9"),
        ("request.get_json()", b"{bad", 400, None),
    ],
)
def test_both_apps_return_a_json_requestalike(
    engine: Engine, source: str, body: bytes, status: int, sent: bytes | None
) -> None:
    """A request sent as JSON is read and returned the same way by both frameworks."""
    comparison = engine.compare_probe(Probe(parse(source), "POST", JSON, body))
    assert alike(comparison), comparison.differences
    assert comparison.flask.status == status
    if sent is not None:
        assert comparison.flask.body == sent


@pytest.mark.flask
@pytest.mark.quart
def test_json_read_of_a_request_not_sent_as_json_differs(engine: Engine) -> None:
    """Flask refuses to read JSON from a request not marked as JSON (415); Quart reads None."""
    entry = DIVERGENCES_BY_ID["json-read-of-non-json"]
    for probe in entry.examples:
        comparison = engine.compare_probe(probe)
        assert comparison.flask.status == 415
        assert comparison.quart.status in (200, 500)
        assert entry.applies_to(probe)


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize(
    ("source", "sent"),
    [
        ("resp = Response('', status=503)\nresp.retry_after = 120\nreturn resp", "120"),
        (
            "resp = Response('', status=429)\nresp.retry_after = datetime(2026, 1, 2, 3, 4, 5)\n"
            "return resp",
            "Fri, 02 Jan 2026 03:04:05 GMT",
        ),
    ],
)
def test_both_apps_set_retry_after(engine: Engine, source: str, sent: str) -> None:
    """Both frameworks write Retry-After from seconds or a date, through Werkzeug."""
    comparison = engine.compare_value(parse(source))
    assert alike(comparison), comparison.differences
    assert ("retry-after", sent) in comparison.flask.headers


@pytest.mark.parametrize(
    ("source", "change"),
    [
        ("resp.add_etag()", m.AddEtag()),
        ("await resp.add_etag(weak=True)", m.AddEtag(weak=True)),
        ("resp.add_etag(overwrite=True, weak=True)", m.AddEtag(True, True)),
    ],
)
def test_add_etag_reads(source: str, change: m.AddEtag) -> None:
    """`resp.add_etag(...)`, awaited (Quart) or not, is one change; the port awaits it."""
    value = parse(f"resp = Response(b'x')\n{source}\nreturn resp")
    assert isinstance(value, m.Mutated)
    assert value.changes == (change,)
    assert "await resp.add_etag(" in m.quart_statement(value)
    assert parse(m.quart_statement(value)) == value


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("resp.add_etag(True)", "by keyword"),
        ("resp.add_etag(strong=True)", "takes no strong"),
        ("resp.add_etag(weak=1)", "bool"),
    ],
)
def test_add_etag_outside_the_grammar(source: str, problem: str) -> None:
    """Options the grammar does not read are refused by name."""
    with pytest.raises(ParseError, match=re.escape(problem)):
        parse(f"resp = Response(b'x')\n{source}\nreturn resp")


@pytest.mark.flask
@pytest.mark.quart
def test_add_etag_hashes_differ(engine: Engine) -> None:
    """Flask's ETag is the SHA-1 of the body, Quart's the MD5 (the add-etag-hash entry)."""
    import hashlib

    comparison = engine.compare_value(
        parse("resp = Response(b'abcdef')\nresp.add_etag()\nreturn resp")
    )
    assert comparison.flask.header("etag") == f'"{hashlib.sha1(b"abcdef").hexdigest()}"'
    assert comparison.quart.header("etag") == f'"{hashlib.md5(b"abcdef").hexdigest()}"'
    entry = DIVERGENCES_BY_ID["add-etag-hash"]
    assert entry.shows(comparison.flask, comparison.quart)


@pytest.mark.flask
@pytest.mark.quart
def test_add_etag_keeps_an_etag_already_set(engine: Engine) -> None:
    """Without overwrite, an ETag the view set stays, in both frameworks."""
    source = "resp = jsonify(a=1)\nresp.headers['ETag'] = '\"v1\"'\nresp.add_etag()\nreturn resp"
    comparison = engine.compare_value(parse(source))
    assert alike(comparison), comparison.differences
    assert comparison.flask.header("etag") == '"v1"'


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("werkzeug.wrappers.Response(b'Hello')", m.WerkzeugResponse(m.Bytes(b"Hello"))),
        (
            "werkzeug.wrappers.Response(['a'], status=204, headers={'X-A': 'b'})",
            m.WerkzeugResponse(
                m.ChunkList(("a",)),
                m.Status(204),
                m.HeadersValue(m.HeadersForm.DICT, (("X-A", "b"),)),
            ),
        ),
        ("werkzeug.wrappers.Response()", m.WerkzeugResponse()),
    ],
)
def test_werkzeug_response_reads(source: str, value: m.WerkzeugResponse) -> None:
    """Werkzeug's own Response class is a body of its own, not the framework's Response."""
    assert parse(source) == value
    assert parse(value.to_source()) == value


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("werkzeug.wrappers.Response('x', mimetype='text/plain')", "status= and headers="),
        ("werkzeug.wrappers.Response(iter([b'x']))", "a str, bytes or list"),
    ],
)
def test_werkzeug_response_outside_the_grammar(source: str, problem: str) -> None:
    """What the grammar does not read of it is refused by name."""
    with pytest.raises(ParseError, match=re.escape(problem)):
        parse(source)


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize(
    ("source", "same"),
    [
        ("werkzeug.wrappers.Response(b'Hello')", True),
        ("(werkzeug.wrappers.Response('hello'), 201, {'X-Header': 'bob'})", True),
        ("werkzeug.wrappers.Response(['a', b'b'])", False),
        ("werkzeug.wrappers.Response('x', status=204)", False),
    ],
)
def test_werkzeug_response_on_both_apps(engine: Engine, source: str, same: bool) -> None:
    """A plain body with its length known is sent alike; a list body or a 204 shows that
    Quart sends Werkzeug's response as it stands (werkzeug-response-raw-in-quart)."""
    probe = Probe(parse(source))
    comparison = engine.compare_probe(probe)
    assert alike(comparison) is same, comparison.differences
    entry = DIVERGENCES_BY_ID["werkzeug-response-raw-in-quart"]
    assert entry.applies_to(probe)
    assert entry.shows(comparison.flask, comparison.quart) is not same


HANDLED = "@app.errorhandler({})\ndef handle(error):\n    return {}\nreturn abort({})"


@pytest.mark.parametrize(
    ("source", "value"),
    [
        (
            HANDLED.format(404, "('not found', 404)", 404),
            m.ErrorHandled(404, m.ReturnTuple((m.Text("not found"), m.Status(404))), m.Abort(404)),
        ),
        (
            HANDLED.format("Forbidden", "'no'", "403, 'why'"),
            m.ErrorHandled("Forbidden", m.Text("no"), m.Abort(403, "why")),
        ),
        (
            "@bp.errorhandler(409)\ndef handle(error):\n    return 'no', 409\nreturn abort(409)",
            m.ErrorHandled(
                409, m.ReturnTuple((m.Text("no"), m.Status(409))), m.Abort(409), registrar="bp"
            ),
        ),
        (
            "@app.errorhandler(werkzeug.exceptions.Gone)\nasync def handle(e):\n"
            "    return await make_response('x', 410)\nreturn abort(410)",
            m.ErrorHandled("Gone", m.MakeResponse((m.Text("x"), m.Status(410))), m.Abort(410)),
        ),
    ],
)
def test_error_handler_reads(source: str, value: m.ErrorHandled) -> None:
    """The handler, Flask's `def` or Quart's `async def`, and the view's abort are one value;
    the Quart port makes the handler `async def` and awaits what Quart awaits."""
    assert parse(source) == value
    assert parse(m.return_statement(value)) == value
    assert "async def handle(error):" in m.quart_statement(value)
    assert parse(m.quart_statement(value)) == value


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        (HANDLED.format(999, "'x'", 404), "a code Werkzeug raises, not 999"),
        (HANDLED.format("OSError", "'x'", 404), "registered for one of"),
        (HANDLED.format(404, "'x'", 999), "aborts with a code Werkzeug raises"),
        ("@app.errorhandler(404)\ndef handle(error):\n    return 'x'\nreturn 'y'", "abort(code)"),
        ("@app.errorhandler(404)\ndef handle():\n    return 'x'\nreturn abort(404)", "one error"),
        (
            "@app.errorhandler(404)\ndef handle(error):\n    x = 1\n    return 'x'\n"
            "return abort(404)",
            "one `return <value>`",
        ),
    ],
)
def test_error_handlers_outside_the_grammar(source: str, problem: str) -> None:
    """A handler the grammar does not read is refused with a message naming what is wrong."""
    with pytest.raises(ParseError, match=re.escape(problem)):
        parse(source)


def test_handled_codes_are_werkzeugs() -> None:
    """Each class a handler is registered for has the code the model gives it, and abort(code)
    raises it."""
    for name, code in m.HANDLED_CODES.items():
        assert getattr(exceptions, name).code == code
        assert type(exceptions.default_exceptions[code]()).__name__ == name


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize(
    ("source", "status", "body"),
    [
        (HANDLED.format(404, "('not found', 404)", 404), 404, b"not found"),
        (HANDLED.format("Forbidden", "('forbidden', 403)", 403), 403, b"forbidden"),
        (HANDLED.format(500, "jsonify(error='x')", 500), 200, b'{"error":"x"}\n'),
        (HANDLED.format(404, "'not this one'", 403), 403, None),
    ],
)
def test_both_apps_answer_through_the_handler(
    engine: Engine, source: str, status: int, body: bytes | None
) -> None:
    """The handler answers the abort it is registered for, in both frameworks alike, and the
    framework's own page answers any other."""
    comparison = engine.compare_value(parse(source))
    assert alike(comparison), comparison.differences
    assert comparison.flask.status == status
    if body is not None:
        assert comparison.flask.body == body
    else:
        assert b"not this one" not in comparison.flask.body


@pytest.mark.flask
@pytest.mark.quart
def test_a_handler_leaves_every_other_abort_alone(engine: Engine) -> None:
    """The app-level handler the lab registers answers only for a probe that registers one:
    a plain abort is the framework's page, as before."""
    comparison = engine.compare_value(parse("abort(404)"))
    assert alike(comparison)
    assert comparison.flask.status == 404
    assert b"Not Found" in comparison.flask.body


@pytest.mark.flask
@pytest.mark.quart
def test_a_json_read_in_a_handler_is_the_415_entry(engine: Engine) -> None:
    """Flask's 415 raised inside an error handler becomes its 500 page; the entry still
    explains it against Quart's None."""
    probe = Probe(parse(HANDLED.format(404, "jsonify(request.get_json())", 404)))
    comparison = engine.compare_probe(probe)
    assert comparison.flask.status == 500
    assert comparison.quart.status == 200
    entry = DIVERGENCES_BY_ID["json-read-of-non-json"]
    assert entry.applies_to(probe)
    assert entry.shows(comparison.flask, comparison.quart)


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("request.get_data()", m.RequestBody("get_data")),
        ("flask.request.json", m.RequestBody("json")),
        ("await request.get_json()", m.RequestBody("get_json")),
        ("werkzeug.wrappers.Response(b'x')", m.WerkzeugResponse(m.Bytes(b"x"))),
        ("abort(redirect('/x'))", m.AbortWith(m.Redirect("/x"))),
    ],
)
def test_the_scan_reads_the_new_forms(source: str, value: m.ReturnValue) -> None:
    """The scan's reader reads a request body read and Werkzeug's Response as the parser
    does, not as a value only known at run time."""
    node = ast.parse(source, mode="eval").body
    assert read_return(source, node) == value


@pytest.mark.parametrize(
    ("source", "value"),
    [
        (
            "stream_template_string('{{ x }}', x=1)",
            m.RenderTemplateString("{{ x }}", (("x", 1),), streamed=True),
        ),
        (
            "await stream_template('greeting.html', name='a')",
            m.RenderTemplate("greeting.html", (("name", "a"),), streamed=True),
        ),
    ],
)
def test_template_streams_read(source: str, value: m.Body) -> None:
    """A template stream is the render with `streamed` set; the Quart port awaits it."""
    assert parse(source) == value
    assert parse(value.to_source()) == value
    assert m.quart_statement(value).startswith("return await stream_template")


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize(
    "source",
    [
        "stream_template_string('{% for i in items %}[{{ i }}]{% endfor %}', items=[1, 2])",
        "(stream_template('greeting.html', name='caf\u00e9'), 201)",
    ],
)
def test_both_apps_stream_a_templatealike(engine: Engine, source: str) -> None:
    """Both frameworks stream the rendered pieces, with no Content-Length, to a GET."""
    comparison = engine.compare_value(parse(source))
    assert alike(comparison), comparison.differences
    assert comparison.flask.header("content-length") is None
    assert comparison.flask.body


@pytest.mark.flask
@pytest.mark.quart
def test_add_etag_on_an_error_page_fails_in_quart(engine: Engine) -> None:
    """Quart's make_response of an HTTP exception is Werkzeug's response, whose add_etag the
    Quart spelling cannot await (the add-etag-error-page entry)."""
    entry = DIVERGENCES_BY_ID["add-etag-error-page"]
    (probe,) = entry.examples
    comparison = engine.compare_probe(probe)
    assert comparison.quart.status == 500
    assert comparison.flask.status == 404
    assert comparison.flask.header("etag") is not None


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize("source", ["lambda: None", "int", "(lambda: None, 201)"])
def test_a_bare_callable_is_refused_by_both(engine: Engine, source: str) -> None:
    """A callable that is no response and no WSGI app reads as one value, and both frameworks
    answer it with the same 500 page (Flask after calling it with the WSGI arguments)."""
    value = parse(source)
    assert parse(m.return_statement(value)) == value
    comparison = engine.compare_value(value)
    assert alike(comparison), comparison.differences
    assert comparison.flask.status == 500
