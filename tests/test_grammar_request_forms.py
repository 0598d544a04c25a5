"""The request's query string, form, files and JSON text, and the app's JSON settings, as
issue 17 added them to the grammar: read, ported to Quart, answered by both apps, scanned."""

from __future__ import annotations

import ast
import json
import re

import pytest
from hypothesis import given

from parity import strategies
from parity.cli import main
from parity.engine import Engine
from parity.scan.holes import holes_in
from parity.scan.holes import read_return
from parity.versions import installed
from shared import model as m
from shared.divergences import DIVERGENCES_BY_ID
from shared.judgement import judge
from shared.parse import ParseError
from shared.parse import parse
from shared.probe import Probe
from shared.routes.render import RenderRefusal
from shared.routes.render import read_value
from tests.ambient import alike

JSON = (("Content-Type", "application/json"),)
FORM = (("Content-Type", "application/x-www-form-urlencoded"),)
MULTIPART = (strategies.requests.MULTIPART_TYPE,)
HELLO = "f\"Hello, {request.json['name']}!\""


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("jsonify(**request.args)", m.RequestFields("args")),
        ("jsonify(**request.form)", m.RequestFields("form")),
        ("jsonify(**(await request.form))", m.RequestFields("form")),
        ("request.files['file'].read()", m.UploadedFile("file")),
        ("(await request.files)['file'].read()", m.UploadedFile("file")),
        (
            "jsonify(foo=str(request.get_json()))",
            m.RequestText((m.JsonItem("get_json"),), "foo"),
        ),
        (HELLO, m.RequestText(("Hello, ", m.JsonItem("json", ("name",)), "!"))),
        ("f'{(await request.json)[0]}'", m.RequestText((m.JsonItem("json", (0,)),))),
        ("str(request.json['a'][1])", m.RequestText((m.JsonItem("json", ("a", 1)),))),
        ("f'{{x}} {request.json}'", m.RequestText(("{x} ", m.JsonItem("json")))),
    ],
)
def test_request_data_reads(source: str, value: m.Body) -> None:
    """Each read of the query string, the form, a file or text made from the JSON, Flask's or
    Quart's spelling, is one value, and its source reads back as it."""
    assert parse(source) == value
    assert parse(value.to_source()) == value


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("jsonify(**(await request.args))", "request.args is not awaited"),
        ("request.files['file'].read(3)", "read() takes no arguments"),
        ("request.files[0].read()", "expected a str literal"),
        ("f'{request.json!r}'", "no conversion or format"),
        ("f'{request.json:>9}'", "no conversion or format"),
        ("str(request.get_data())", "only request.get_json() or request.json"),
        ("str(request.json[True])", "expected a str or int literal"),
        ("str(request.json['a\\'b'])", "without quotes or backslashes"),
        ("f'{(await request.json[0])}'", "await the read itself"),
        ("jsonify(**request.headers)", "`**` unpacking"),
        ("jsonify(foo=request.files['f'].read())", "no file's bytes"),
    ],
)
def test_request_data_outside_the_grammar(source: str, problem: str) -> None:
    """What the grammar does not read is refused with a message naming it."""
    with pytest.raises(ParseError, match=re.escape(problem)):
        parse(source)


def test_quart_awaits_the_form_files_and_json_but_not_the_args() -> None:
    """The Quart port awaits each read Quart makes awaitable, parenthesised where the read is
    subscripted, and leaves `request.args` as it is."""
    assert m.quart_statement(parse("jsonify(**request.args)")) == "return jsonify(**request.args)"
    assert m.quart_statement(parse("jsonify(**request.form)")) == (
        "return jsonify(**await request.form)"
    )
    assert m.quart_statement(parse("request.files['file'].read()")) == (
        "return (await request.files)['file'].read()"
    )
    assert m.quart_statement(parse(HELLO)) == ("return f\"Hello, {(await request.json)['name']}!\"")


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize(
    ("source", "headers", "body", "query", "status", "sent"),
    [
        ("jsonify(**request.args)", (), b"", "a=b", 200, b'{"a":"b"}\n'),
        ("jsonify(**request.args)", (), b"", "a=1&a=2&b=", 200, b'{"a":"1","b":""}\n'),
        ("jsonify(**request.args)", (), b"", "", 200, b"null\n"),
        ("jsonify(**request.form)", FORM, b"a=b&c=%20d", "", 200, b'{"a":"b","c":" d"}\n'),
        (
            "jsonify(**request.form)",
            MULTIPART,
            strategies.requests.MULTIPART_PAYLOAD,
            "",
            200,
            b'{"b":"c"}\n',
        ),
        (
            "request.files['file'].read()",
            MULTIPART,
            strategies.requests.MULTIPART_PAYLOAD,
            "",
            200,
            b"bar",
        ),
        ("request.files['file'].read()", (), b"", "", 400, None),
        (
            "jsonify(foo=str(request.get_json()))",
            JSON,
            b'{"a": [1, null]}',
            "",
            200,
            b'{"foo":"{\'a\': [1, None]}"}\n',
        ),
        ("jsonify(foo=str(request.get_json()))", JSON, b"malformed", "", 400, None),
        (HELLO, JSON, b'{"name": "Flask"}', "", 200, b"Hello, Flask!"),
        (HELLO, JSON, b'{"other": 1}', "", 500, None),
    ],
)
def test_both_apps_answer_request_dataalike(
    engine: Engine,
    source: str,
    headers: tuple[tuple[str, str], ...],
    body: bytes,
    query: str,
    status: int,
    sent: bytes | None,
) -> None:
    """The query string, a form, a multipart form and its file, and text made from the JSON
    are read and returned the same way by both frameworks."""
    probe = Probe(parse(source), "POST" if body else "GET", headers, body, (), query)
    comparison = engine.compare_probe(probe)
    assert alike(comparison), comparison.differences
    assert comparison.flask.status == status
    if sent is not None:
        assert comparison.flask.body == sent


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize("entry_id", ["form-escape-not-utf8", "form-x-url-encoded"])
def test_the_form_parsers_differ(engine: Engine, entry_id: str) -> None:
    """Werkzeug's form parser and Quart's own read the same body differently where an escape
    is not UTF-8 and where the Content-Type is the invalid x-url-encoded."""
    entry = DIVERGENCES_BY_ID[entry_id]
    for probe in entry.examples:
        comparison = engine.compare_probe(probe)
        assert entry.applies_to(probe)
        assert entry.shows(comparison.flask, comparison.quart)
        assert comparison.flask.body != comparison.quart.body
        judgement = judge(
            probe, comparison.flask, comparison.quart, comparison.differences, versions=installed()
        )
        assert not judgement.unexplained


@given(probe=strategies.request_read_probes)
def test_request_reads_agree_or_are_explained(engine: Engine, probe: Probe) -> None:
    """Any read of the request's body, query string, form or files, to a request carrying
    each kind of body as it says, gets the same answer from both apps or an entry's."""
    c = engine.compare_probe(probe)
    judgement = judge(probe, c.flask, c.quart, c.differences, versions=installed())
    assert not judgement.unexplained, (probe, c.differences)


def test_a_query_string_is_printable_ascii() -> None:
    """A probe's query string is sent as it is, so it must already be percent-encoded."""
    assert Probe(m.Text("x"), query="a=1").target == "/probe?a=1"
    with pytest.raises(ValueError, match="percent-encoded"):
        Probe(m.Text("x"), query="a=caf\u00e9")


MIMETYPE_SET = "app.json.mimetype = 'application/vnd.api+json'\nreturn jsonify({'a': 1})"


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("app.json.response({'a': 1})", m.Jsonify((m.JsonObject((("a", 1),)),), provider=True)),
        ("current_app.json.response(a=1)", m.Jsonify(kwargs=(("a", 1),), provider=True)),
        (
            MIMETYPE_SET,
            m.Configured(
                (("json.mimetype", "application/vnd.api+json"),),
                m.Jsonify((m.JsonObject((("a", 1),)),)),
            ),
        ),
        (
            "app.json.compact = None\napp.json.sort_keys = False\n('x', 201)",
            m.Configured(
                (("json.compact", None), ("json.sort_keys", False)),
                m.ReturnTuple((m.Text("x"), m.Status(201))),
            ),
        ),
    ],
)
def test_json_provider_forms_read(source: str, value: m.ReturnValue) -> None:
    """The provider's response method is jsonify under its own name, and `app.json.x = ...`
    lines before the return are the app's settings around it."""
    assert parse(source) == value
    assert parse(m.return_statement(value)) == value


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("app.json.ensure_ascii = False\nreturn 'x'", "not a setting the model covers"),
        ("app.json.default = default\nreturn 'x'", "not a setting the model covers"),
        ("app.json.sort_keys = None\nreturn 'x'", "takes a bool"),
        ("app.json.mimetype = 'no type'\nreturn 'x'", "expected a media type"),
        ("app.json.compact = 1\nreturn 'x'", "True, False, None or a str"),
        ("app.json.compact = True\napp.json.compact = False\nreturn 'x'", "set once"),
        ("app.json.compact = True", "come before the view's return"),
        (
            "app.json.compact = True\ndef generate():\n    yield 'a'\nreturn generate()",
            "not a handler or generator",
        ),
    ],
)
def test_json_settings_outside_the_grammar(source: str, problem: str) -> None:
    """A setting the model does not cover, or a value it cannot take, is refused by name."""
    with pytest.raises(ParseError, match=re.escape(problem)):
        parse(source)


def test_a_probe_applies_the_source_settings() -> None:
    """A probe of settings lines returns the value under them as its settings, and a setting
    the probe is given itself comes after (so it wins)."""
    probe = Probe(parse(MIMETYPE_SET), config=(("json.sort_keys", False),))
    assert probe.value == m.Jsonify((m.JsonObject((("a", 1),)),))
    assert probe.config == (
        ("json.mimetype", "application/vnd.api+json"),
        ("json.sort_keys", False),
    )
    given = Probe(parse(MIMETYPE_SET), config=(("json.mimetype", "text/plain"),))
    assert given.config == (("json.mimetype", "text/plain"),)


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize(
    ("source", "content_type", "sent"),
    [
        (
            "app.json.mimetype = 'application/vnd.api+json'\n"
            "return make_response(jsonify({'msg': {'submsg': 'W00t'}}), 200)",
            "application/vnd.api+json",
            b'{"msg":{"submsg":"W00t"}}\n',
        ),
        (
            "app.json.compact = True\nreturn app.json.response({'msg': 'W00t', 'a': 1})",
            "application/json",
            b'{"a":1,"msg":"W00t"}\n',
        ),
        (
            "app.json.compact = False\nreturn app.json.response([1])",
            "application/json",
            b"[\n  1\n]\n",
        ),
    ],
)
def test_both_apps_answer_under_the_source_settings(
    engine: Engine, source: str, content_type: str, sent: bytes
) -> None:
    """Both frameworks' JSON providers answer under the settings the source sets."""
    comparison = engine.compare_probe(Probe(parse(source)))
    assert alike(comparison), comparison.differences
    assert comparison.flask.header("content-type") == content_type
    assert comparison.flask.body == sent


def test_render_refuses_source_settings() -> None:
    """A served app is shared by every request, so /render does not set app.json settings."""
    with pytest.raises(RenderRefusal, match="app-settings"):
        read_value([MIMETYPE_SET], b"")


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("flask.jsonify(**flask.request.args)", m.RequestFields("args")),
        ("jsonify(**(await request.form))", m.RequestFields("form")),
        ("quart.request.files['file'].read()", m.UploadedFile("file")),
        ("f'Hi {request.json[\"name\"]}'", m.RequestText(("Hi ", m.JsonItem("json", ("name",))))),
        ("app.json.response({'a': 1})", m.Jsonify((m.JsonObject((("a", 1),)),), provider=True)),
    ],
)
def test_the_scan_reads_request_data(source: str, value: m.ReturnValue) -> None:
    """The scan reads the query string, the form, a file and text made from the JSON as the
    parser does, not as values only known at run time."""
    assert read_return(source, ast.parse(source, mode="eval").body) == value


@pytest.mark.parametrize(
    ("source", "kind"),
    [("request.files[name].read()", m.Bytes), ("f'{request.json[key]}'", m.Text)],
)
def test_a_computed_key_makes_the_whole_read_a_hole(source: str, kind: type) -> None:
    """A read whose key is computed is one hole of the read's type, never a record with a
    hole for a key (which filled text could make invalid)."""
    read = read_return(source, ast.parse(source, mode="eval").body)
    assert isinstance(read, kind)
    assert len(holes_in(read)) == 1


def test_compare_sends_the_query_string(capsys: pytest.CaptureFixture[str]) -> None:
    """`parity compare --query` sends the query string both apps read as `request.args`."""
    code = main(["compare", "--json", "--query", "?a=1&a=2&b=", "jsonify(**request.args)"])
    assert code == 0
    document = json.loads(capsys.readouterr().out)
    assert document["request_query"] == "a=1&a=2&b="
    assert document["flask"]["body"] == '{"a":"1","b":""}\n'


@pytest.mark.parametrize(
    "options",
    [
        ["--query", "a=caf\u00e9"],
        ["--query", "a=1#top"],
        ["--query", "a b"],
        ["--query", "a=" + "x" * 5000],
        ["--wire", "--query", "a=1"],
        ["--wire", "app.json.compact = True\nreturn 'ok'"],
    ],
)
def test_bad_query_or_wire_settings_exit_two(
    options: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A query string a request cannot carry as it is, or a query string or app settings
    given to `--wire` (a served app is shared), gets one line and exit 2."""
    source = [] if options[-1].startswith("app.json") else ["'ok'"]
    assert main(["compare", *options, *source]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "\x1b" not in err
