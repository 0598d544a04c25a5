"""The return-value model: its source form, the safe parser, and outcome diffs."""

from __future__ import annotations

import email.utils
import time

import pytest
from hypothesis import given

from parity import strategies
from shared import model as m
from shared.outcome import CLOCK_DATE
from shared.outcome import CLOCK_HEADER_EXPIRES
from shared.outcome import Outcome
from shared.outcome import diff
from shared.parse import FRAGMENT_WIDTH
from shared.parse import MAX_NESTING
from shared.parse import MAX_SOURCE_LENGTH
from shared.parse import ParseError
from shared.parse import parse


@given(strategies.return_values)
def test_source_round_trips(value: m.ReturnValue) -> None:
    """Every value renders to source that the parser reads back as the same value."""
    assert parse(value.to_source()) == value


@given(strategies.written_sources())
def test_the_parser_reads_back_its_rendering_of_what_it_accepts(source: str) -> None:
    """Whatever source the parser accepts, long literals, raw control characters and hex
    integers included, it reads the value's rendering back as the same value; a source is
    refused only when that rendering would be over the length limit."""
    value = _read(source)
    if isinstance(value, str):
        assert value.startswith("reads as a value whose source form is"), value
    else:
        assert parse(value.to_source()) == value


def _read(source: str) -> m.ReturnValue | str:
    """The value the source reads as, or the parser's problem with it."""
    try:
        return parse(source)
    except ParseError as error:
        return error.problem


@given(strategies.return_values)
def test_return_statement_parses(value: m.ReturnValue) -> None:
    """The body of a view that returns a value parses as that value too."""
    assert parse(m.return_statement(value)) == value


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("'ok'", m.Text("ok"), id="string"),
        pytest.param(
            "return jsonify(success=True)", m.Jsonify(kwargs=(("success", True),)), id="return"
        ),
        pytest.param("    return b'x'\n", m.Bytes(b"x"), id="indented"),
        pytest.param("flask.jsonify([1])", m.Jsonify((m.JsonArray((1,)),)), id="module-qualified"),
        pytest.param(
            "json.dumps({'success': True}), 200, {'ContentType': 'application/json'}",
            m.ReturnTuple(
                (
                    m.JsonDumps(m.JsonObject((("success", True),))),
                    m.Status(200),
                    m.HeadersValue(m.HeadersForm.DICT, (("ContentType", "application/json"),)),
                )
            ),
            id="seed-tuple",
        ),
        pytest.param(
            "'ok', HTTPStatus.CREATED",
            m.ReturnTuple((m.Text("ok"), m.StatusMember("CREATED"))),
            id="enum",
        ),
        pytest.param("'ok', -1", m.ReturnTuple((m.Text("ok"), m.Status(-1))), id="negative-status"),
        pytest.param(
            "r = jsonify()\nr.status_code = -1\nreturn r",
            m.Mutated(m.Jsonify(), (m.SetAttribute("status_code", -1),)),
            id="mutated-negative-status",
        ),
        pytest.param(
            "r = jsonify()\nr.status_code = 201\nreturn r",
            m.Mutated(m.Jsonify(), (m.SetAttribute("status_code", 201),)),
            id="mutated-any-name",
        ),
        pytest.param(
            "Response(response='x', status='201 Made')",
            m.ResponseCall(m.Text("x"), status=m.Status("201 Made")),
            id="response-keyword-body",
        ),
        pytest.param(
            "redirect(location='/', code=301)", m.Redirect("/", 301), id="redirect-keywords"
        ),
        pytest.param(
            "werkzeug.exceptions.NotFound()", m.HttpError("NotFound"), id="exception-class"
        ),
        pytest.param(
            "r = jsonify()\nr.cache_control.max_age = 60\nr.cache_control.public = True\n"
            "r.expires = datetime.datetime(2026, 1, 2, tzinfo=datetime.timezone.utc)\n"
            "r.last_modified = datetime(2026, 1, 2, 3, 4, 5)\nreturn r",
            m.Mutated(
                m.Jsonify(),
                (
                    m.SetCacheControl("max_age", 60),
                    m.SetCacheControl("public", True),
                    m.SetDate("expires", m.DateTime(2026, 1, 2)),
                    m.SetDate("last_modified", m.DateTime(2026, 1, 2, 3, 4, 5, utc=False)),
                ),
            ),
            id="cache-and-dates",
        ),
        pytest.param(
            "r = Response('ok')\nr.set_cookie('sid', value='a', max_age=-1, samesite='Lax')\n"
            "r.delete_cookie('old', path='/')\nr.vary.add('Accept')\n"
            "r.content_language = ['en']\nreturn r",
            m.Mutated(
                m.ResponseCall(m.Text("ok")),
                (
                    m.SetCookie("sid", "a", (("max_age", -1), ("samesite", "Lax"))),
                    m.DeleteCookie("old", (("path", "/"),)),
                    m.AddToHeaderSet("vary", "Accept"),
                    m.SetHeaderSet("content_language", ("en",)),
                ),
            ),
            id="cookies-and-sets",
        ),
        pytest.param(
            "abort(http.HTTPStatus.GONE)", m.Abort(m.StatusMember("GONE")), id="abort-enum"
        ),
        pytest.param(
            "Response(['a', b'b'])", m.ResponseCall(m.ChunkList(("a", b"b"))), id="chunk-list"
        ),
        pytest.param(
            "flask.stream_with_context((chunk for chunk in ['a']))",
            m.WithContext(m.Chunks(m.ChunksKind.GENERATOR, ("a",))),
            id="stream-with-context",
        ),
        pytest.param(
            "@flask.stream_with_context\ndef gen():\n    yield 'Hello '\n"
            "    yield request.headers.get('X-Name', '')\n    yield request.path\n"
            "return gen()",
            m.RequestStream(("Hello ", m.RequestRead("header", "X-Name"), m.RequestRead("path"))),
            id="generator-over-request",
        ),
        pytest.param(
            "async def generate():\n    yield request.method\nreturn generate()",
            m.RequestStream((m.RequestRead("method"),), keeps_context=False, asynchronous=True),
            id="quart-spelling",
        ),
        pytest.param(
            "flask.send_file('static_files/hello.txt', as_attachment=True, etag='v1')",
            m.SendFile(m.FilePath("hello.txt"), (("as_attachment", True), ("etag", "v1"))),
            id="send-file-path",
        ),
        pytest.param(
            "await send_file(io.BytesIO(b'ok'), mimetype='text/plain')",
            m.SendFile(m.BytesBuffer(b"ok"), (("mimetype", "text/plain"),)),
            id="send-file-awaited-buffer",
        ),
        pytest.param(
            "send_from_directory('static_files', 'missing.txt', cache_timeout=60)",
            m.SendFromDirectory("missing.txt", (("cache_timeout", 60),)),
            id="send-from-directory",
        ),
        pytest.param(
            "Response(open('static_files/pixel.png', 'rb'), mimetype='image/png')",
            m.ResponseCall(m.OpenFile("pixel.png"), mimetype="image/png"),
            id="response-file-object",
        ),
        pytest.param(
            "resp = send_file('static_files/data.json')\n"
            "await resp.make_conditional(request, accept_ranges=True, complete_length=38)\n"
            "return resp",
            m.Mutated(m.SendFile(m.FilePath("data.json")), (m.MakeConditional(True, 38),)),
            id="make-conditional",
        ),
        pytest.param(
            "jsonify(when=datetime.datetime(2024, 1, 2, 3, 4), day=datetime.date(2024, 1, 2))",
            m.Jsonify(
                kwargs=(
                    ("when", m.DateTimeValue((2024, 1, 2, 3, 4))),
                    ("day", m.DateValue(2024, 1, 2)),
                )
            ),
            id="qualified-dates",
        ),
        pytest.param(
            "jsonify([uuid.UUID('12345678123456781234567812345678'), decimal.Decimal('1.10')])",
            m.Jsonify(
                (
                    m.JsonArray(
                        (
                            m.UuidValue("12345678123456781234567812345678"),
                            m.DecimalValue("1.10"),
                        )
                    ),
                )
            ),
            id="qualified-uuid-decimal",
        ),
        pytest.param(
            "jsonify(Point(1, y=[2]))",
            m.Jsonify((m.PointValue(1, m.JsonArray((2,))),)),
            id="dataclass-positional",
        ),
        pytest.param(
            "{1: 'a', -2.5: None, None: 0}",
            m.JsonBody(m.JsonObject(((1, "a"), (-2.5, None), (None, 0)))),
            id="non-string-keys",
        ),
        pytest.param(
            "return flask.render_template_string('<p>{{ x }}</p>', x='<b>')",
            m.RenderTemplateString("<p>{{ x }}</p>", (("x", "<b>"),)),
            id="template-string",
        ),
        pytest.param(
            "render_template('greeting.html', name=Decimal('2')), 201",
            m.ReturnTuple(
                (m.RenderTemplate("greeting.html", (("name", m.DecimalValue("2")),)), m.Status(201))
            ),
            id="template-file",
        ),
    ],
)
def test_parser_reads_what_people_write(source: str, expected: m.ReturnValue) -> None:
    """The parser accepts the spellings people paste: `return`, indentation, module names."""
    assert parse(source) == expected


@pytest.mark.parametrize(
    ("source", "problem", "fragment"),
    [
        pytest.param("json.dumps(d)", "is a variable", "d", id="variable"),
        pytest.param(
            "__import__('os').system('true')",
            "not a known helper",
            "__import__('os').system",
            id="import",
        ),
        pytest.param(
            "'a' + 'b'", "not a literal or a call to a known helper", "'a' + 'b'", id="binop"
        ),
        pytest.param(
            "render_template('x.html')",
            "no shipped template 'x.html'",
            "render_template('x.html')",
            id="unshipped-template",
        ),
        pytest.param("url_for('x')", "not a known helper", "url_for", id="helper"),
        pytest.param(
            "jsonify(datetime.now())",
            "`datetime.now(...)` is not a JSON value",
            "datetime.now()",
            id="datetime-now",
        ),
        pytest.param(
            "jsonify(uuid.uuid4())", "`uuid.uuid4(...)` is not", "uuid.uuid4()", id="uuid4"
        ),
        pytest.param(
            "jsonify(timedelta(1))", "`timedelta(...)` is not", "timedelta(1)", id="timedelta"
        ),
        pytest.param(
            "jsonify(date(2021, 2, 29))", "no such date", "date(2021, 2, 29)", id="no-such-date"
        ),
        pytest.param(
            "jsonify(datetime(2024, 1, 2, tzinfo=None))",
            "takes no keyword",
            "datetime(2024, 1, 2, tzinfo=None)",
            id="datetime-tzinfo",
        ),
        pytest.param("jsonify(UUID('x'))", "badly formed", "UUID('x')", id="bad-uuid"),
        pytest.param(
            "jsonify(Decimal(1.5))", "expected a str literal", "1.5", id="decimal-from-float"
        ),
        pytest.param("jsonify(Point(1))", "needs both x and y", "Point(1)", id="point-short"),
        pytest.param("jsonify(Point(1, 2, z=3))", "not `z=`", "Point(1, 2, z=3)", id="point-extra"),
        pytest.param(
            "json.dumps([Decimal('1')])",
            "json.dumps() takes plain JSON",
            "[Decimal('1')]",
            id="dumps-typed",
        ),
        pytest.param(
            "{1: 'a', True: 'b'}", "same key twice", "{1: 'a', True: 'b'}", id="equal-keys"
        ),
        pytest.param("{(1, 2): 'a'}", "expected a str or int", "(1, 2)", id="tuple-key"),
        pytest.param(
            "render_template_string('{{ x.__class__ }}', x=1)",
            "template syntax outside",
            "render_template_string('{{ x.__class__ }}', x=1)",
            id="template-attribute",
        ),
        pytest.param(
            "render_template_string('{{ config }}')",
            "`config` is bound by the framework",
            "render_template_string('{{ config }}')",
            id="template-config",
        ),
        pytest.param(
            "render_template_string('{{ x|attr(1) }}')",
            "template syntax outside",
            "render_template_string('{{ x|attr(1) }}')",
            id="template-filter-call",
        ),
        pytest.param(
            "render_template_string('{{ x|format }}')",
            "the `format` filter is not one of",
            "render_template_string('{{ x|format }}')",
            id="template-filter",
        ),
        pytest.param(
            "render_template_string('hi', source='x')",
            "the helper's own parameter",
            "render_template_string('hi', source='x')",
            id="template-source-keyword",
        ),
        pytest.param("render_template_string(t)", "`t` is a variable", "t", id="template-variable"),
        pytest.param("jsonify(**data)", "`**` unpacking", "data", id="double-star"),
        pytest.param(
            "'ok', {'X-A': 1, 'X-A': 2}", "same key twice", "{'X-A': 1, 'X-A': 2}", id="dup-keys"
        ),
        pytest.param("'ok', True", "a bool is not a status", "True", id="bool-status"),
        pytest.param("('ok'", "not valid Python", "('ok'", id="syntax"),
        pytest.param("", "nothing to read", "''", id="empty"),
        pytest.param("return", "bare `return`", "return", id="bare-return"),
        pytest.param("x = 1", "expected an expression", "x = 1", id="statement"),
        pytest.param(
            "resp = jsonify()\nreturn other",
            "must end with `return resp`",
            "return other",
            id="wrong-return",
        ),
        pytest.param("resp = 'ok'\nreturn resp", "only jsonify, Response", "'ok'", id="mutate-str"),
        pytest.param(
            "resp = jsonify()\nresp.data = 'x'\nreturn resp",
            "only status_code",
            "resp.data",
            id="attribute",
        ),
        pytest.param("(c for c in range(3))", "expected a list", "range(3)", id="range"),
        pytest.param(
            "HTTPStatus.NOPE", "not a literal or a call", "HTTPStatus.NOPE", id="enum-body"
        ),
        pytest.param(
            "'ok', HTTPStatus.NOPE",
            "HTTPStatus has no such member",
            "HTTPStatus.NOPE",
            id="bad-enum",
        ),
        pytest.param("float('nan')", "not a known helper", "float", id="nan"),
        pytest.param("# comment", "only comments", "# comment", id="comment-only"),
        pytest.param("data", "`data` is a variable", "data", id="bare-name"),
        pytest.param(
            "http.jsonify(a=1)", "`http.jsonify` is not a known", "http.jsonify", id="http"
        ),
        pytest.param(
            "werkzeug.datastructures.abort(404)",
            "`werkzeug.datastructures.abort` is not a known helper",
            "werkzeug.datastructures.abort",
            id="wrong-module",
        ),
        pytest.param(
            "werkzeug.utils.redirect('/')",
            "`werkzeug.utils.redirect` is not a known helper",
            "werkzeug.utils.redirect",
            id="werkzeug-redirect",
        ),
        pytest.param(
            "lambda environ, start_response=print: (start_response('200 OK', []), [])[1]",
            "no defaults",
            "lambda environ, start_response=print: (start_response('200 OK', []), [])[1]",
            id="lambda-default",
        ),
        pytest.param(
            "lambda environ, start_response, x: (start_response('200 OK', []), [])[1]",
            "exactly `environ, start_response`",
            "lambda environ, start_response, x: (start_response('200 OK', []), [])[1]",
            id="lambda-extra-parameter",
        ),
        pytest.param(
            "lambda *args: (args[1]('200 OK', []), [])[1]",
            "exactly `environ, start_response`",
            "lambda *args: (args[1]('200 OK', []), [])[1]",
            id="lambda-star-args",
        ),
        pytest.param("'ok', 1 + 1", "expected a int or str or bytes or float", "1 + 1", id="sum"),
        pytest.param(
            "r = jsonify()\nr.cache_control.max_stale = 1\nreturn r",
            "no directive the model knows",
            "r.cache_control.max_stale",
            id="request-only-directive",
        ),
        pytest.param(
            "r = jsonify()\nr.expires = datetime(2026, 2, 30)\nreturn r",
            "not a real date",
            "datetime(2026, 2, 30)",
            id="impossible-date",
        ),
        pytest.param(
            "r = jsonify()\nr.expires = datetime.now()\nreturn r",
            "expected datetime(year, month, day, ...)",
            "datetime.now()",
            id="expires-now",
        ),
        pytest.param(
            "r = jsonify()\nr.expires = datetime(2026, 1, 2, tzinfo=tz)\nreturn r",
            "tzinfo=timezone.utc",
            "tz",
            id="other-zone",
        ),
        pytest.param(
            "r = jsonify()\nr.set_cookie('a', 'b', partitioned=True)\nreturn r",
            "no `partitioned=`",
            "True",
            id="unknown-cookie-option",
        ),
        pytest.param(
            "r = jsonify()\nr.headers.clear()\nreturn r",
            "can be called",
            "r.headers.clear()",
            id="other-method",
        ),
        pytest.param("Response([1])", "expected a str or bytes literal", "1", id="int-chunk"),
        pytest.param(
            "def generate():\n    yield 'a'\nreturn other()",
            "must end with `return generate()`",
            "return other()",
            id="generator-wrong-return",
        ),
        pytest.param(
            "def generate():\n    x = 1\n    yield x\nreturn generate()",
            "only yields",
            "x = 1",
            id="generator-statement",
        ),
        pytest.param(
            "@app.route('/')\ndef generate():\n    yield 'a'\nreturn generate()",
            "only decorator read here",
            "def generate():\n    yield 'a'",
            id="generator-decorator",
        ),
        pytest.param(
            "def generate():\n    yield request.form\nreturn generate()",
            "expected a str or bytes literal",
            "request.form",
            id="generator-unknown-request-part",
        ),
        pytest.param(
            "stream_with_context(b'ok')",
            "takes a generator, an iterator or a str",
            "b'ok'",
            id="stream-with-context-bytes",
        ),
        pytest.param(
            "send_file('/etc/passwd')", "never an absolute path", "'/etc/passwd'", id="abs-path"
        ),
        pytest.param(
            "send_file('static_files/../pyproject.toml')",
            "never an absolute path or `..`",
            "'static_files/../pyproject.toml'",
            id="dot-dot",
        ),
        pytest.param(
            "send_file(open('static_files/secret.txt', 'rb'))",
            "not a shipped file",
            "'static_files/secret.txt'",
            id="unknown-name",
        ),
        pytest.param(
            "send_file(open('static_files/hello.txt', 'r'))", "opened 'rb'", "'r'", id="text-mode"
        ),
        pytest.param(
            "send_from_directory('/', 'etc')", "the only directory", "'/'", id="other-directory"
        ),
        pytest.param(
            "send_from_directory('static_files', '../x')", "plain file name", "'../x'", id="escape"
        ),
        pytest.param(
            "send_file('static_files/hello.txt', use_x_sendfile=True)",
            "not a send_file option",
            "send_file('static_files/hello.txt', use_x_sendfile=True)",
            id="unknown-option",
        ),
        pytest.param("send_file(path)", "`path` is a variable", "path", id="path-variable"),
        pytest.param(
            "resp = jsonify()\nresp.make_conditional(environ)\nreturn resp",
            "takes `request` first",
            "resp.make_conditional(environ)",
            id="conditional-environ",
        ),
        pytest.param(
            "resp = jsonify()\nresp.freeze()\nreturn resp",
            "add_etag() can be called",
            "resp.freeze()",
            id="unknown-call",
        ),
    ],
)
def test_parser_rejects_with_the_offending_part(source: str, problem: str, fragment: str) -> None:
    """Input outside the grammar is refused with a message that names the problem and quotes it."""
    with pytest.raises(ParseError) as caught:
        parse(source)
    assert problem in caught.value.problem
    assert caught.value.fragment == fragment
    assert fragment in str(caught.value)


def test_parser_refuses_oversized_input() -> None:
    """A paste longer than the limit is refused before `ast` sees it."""
    with pytest.raises(ParseError, match="over the"):
        parse("'" + "a" * MAX_SOURCE_LENGTH + "'")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("'" + "\x01" * 5_000 + "'", id="raw-control-characters"),
        pytest.param("jsonify([" + ", ".join(["0x" + "f" * 3_571] * 5) + "])", id="hex-integers"),
    ],
)
def test_parser_refuses_a_source_whose_value_writes_back_too_long(source: str) -> None:
    """A source under the limit that the model would write back over it is refused by name."""
    assert len(source) <= MAX_SOURCE_LENGTH
    with pytest.raises(ParseError, match="reads as a value whose source form is"):
        parse(source)


def test_parser_survives_deep_nesting() -> None:
    """Deeply nested input gives a ParseError, not a RecursionError."""
    with pytest.raises(ParseError):
        parse("[" * 5000 + "]" * 5000)


def test_parser_refuses_nesting_past_the_limit() -> None:
    """Nesting deeper than MAX_NESTING is refused by name, before the reader recurses."""
    with pytest.raises(ParseError, match="nested more than"):
        parse("jsonify(" + "[" * MAX_NESTING + "]" * MAX_NESTING + ")")
    assert parse("jsonify(" + "[" * 20 + "]" * 20 + ")")


@pytest.mark.parametrize("position", ["'ok', {'X-A': %s}", "'ok', %s", "jsonify(%s)"])
def test_parser_refuses_ints_python_cannot_write(position: str) -> None:
    """An int literal of more than 4,300 digits (written in hex, which Python reads) is refused
    by name, with a short quote, wherever it stands."""
    with pytest.raises(ParseError, match="more than 4300 digits") as caught:
        parse(position % ("0x" + "f" * 3572))
    assert len(caught.value.fragment) <= FRAGMENT_WIDTH


def test_syntax_error_quotes_a_window_of_a_long_line() -> None:
    """A syntax error in a 19,000-character line quotes a short window around the fault."""
    source = "jsonify(" + "'a', " * 3800 + ")) "
    with pytest.raises(ParseError, match="not valid Python") as caught:
        parse(source)
    assert len(caught.value.fragment) <= FRAGMENT_WIDTH
    assert "))" in caught.value.fragment


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "'ok', 1e999", m.ReturnTuple((m.Text("ok"), m.Status(float("inf")))), id="inf"
        ),
        pytest.param("jsonify(x=-1e999)", m.Jsonify(kwargs=(("x", float("-inf")),)), id="-inf"),
        pytest.param("1e999", m.Scalar(float("inf")), id="scalar"),
    ],
)
def test_infinities_read_and_render_back(source: str, expected: m.ReturnValue) -> None:
    """`1e999` is the float infinity; it renders back as `1e999`, so the source round-trips."""
    assert parse(source) == expected
    assert "1e999" in expected.to_source()
    assert parse(expected.to_source()) == expected


def test_one_tuple_keeps_its_comma() -> None:
    """A 1-tuple renders with its trailing comma, so it stays a tuple."""
    value = m.ReturnTuple((m.Text("ok"),))
    assert value.to_source() == "('ok',)"


def test_diff_reads_as_a_sentence() -> None:
    """A diff names the field and both sides the way a person would say it."""
    flask = Outcome.from_raw(201, [("Content-Type", "application/json"), ("X-A", "1")], b"{}")
    quart = Outcome.from_raw(500, [("content-type", "text/html")], b"err")
    sentences = [d.sentence for d in diff(flask, quart)]
    assert sentences == [
        "status: Flask 201, Quart 500",
        "header content-type: Flask 'application/json', Quart 'text/html'",
        "header x-a: only Flask sends it ('1')",
        "body: Flask b'{}' (2 bytes), Quart b'err' (3 bytes)",
    ]


def test_volatile_headers_are_set_aside() -> None:
    """Date and Server are kept apart and never compared."""
    left = Outcome.from_raw(200, [("Date", "Mon"), ("Server", "a")], b"")
    right = Outcome.from_raw(200, [("date", "Tue")], b"")
    assert left == right
    assert left.set_aside == (("date", "Mon"), ("server", "a"))


def test_cookie_expires_made_from_the_clock_is_not_compared() -> None:
    """Beside Max-Age, a Set-Cookie's Expires is the request time plus the age: two runs a
    second apart agree; an Expires the view gave without Max-Age is still compared."""
    aged = "sid=a; Expires=Mon, 23 Nov 2026 14:31:41 GMT; Max-Age=60; Path=/"
    later = aged.replace("41 GMT", "42 GMT")
    left = Outcome.from_raw(200, [("Set-Cookie", aged)], b"")
    assert left == Outcome.from_raw(200, [("Set-Cookie", later)], b"")
    assert left.header("set-cookie") == "sid=a; Expires=(Max-Age from now); Max-Age=60; Path=/"
    assert left.set_aside == (("set-cookie", aged),)
    fixed = "sid=a; Expires=Mon, 23 Nov 2026 14:31:41 GMT; Path=/"
    assert Outcome.from_raw(200, [("Set-Cookie", fixed)], b"").header("set-cookie") == fixed


_NOON = "Mon, 23 Nov 2026 12:00:00 GMT"


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        pytest.param(
            "Mon, 23 Nov 2026 15:00:00 GMT", "Mon, 23 Nov 2026 15:00:01 GMT", True, id="1s"
        ),
        pytest.param(
            "Mon, 23 Nov 2026 15:00:00 GMT", "Mon, 23 Nov 2026 15:00:10 GMT", False, id="10s"
        ),
        pytest.param("Mon, 23 Nov 2026 15:00:00 GMT", "soon", False, id="not-a-date"),
    ],
)
def test_expires_a_moment_apart_is_the_same_answer(left: str, right: str, same: bool) -> None:
    """Expires dates the two apps computed a second apart (the driver runs them one after the
    other) are no difference; dates further apart, or text that is no date, are."""
    flask = Outcome.from_raw(200, [("Expires", left)], b"")
    quart = Outcome.from_raw(200, [("Expires", right)], b"")
    assert (not diff(flask, quart)) is same


def test_outcome_json_only_for_json_bodies() -> None:
    """The parsed JSON is there for JSON content types only."""
    assert Outcome.from_raw(200, [("Content-Type", "application/json")], b'{"a": 1}').json == {
        "a": 1
    }
    assert Outcome.from_raw(200, [("Content-Type", "text/html")], b'{"a": 1}').json is None
    assert Outcome.from_raw(200, [("Content-Type", "application/problem+json")], b"[1]").json == [1]


def test_outcome_to_dict_base64_for_binary() -> None:
    """A body that is not UTF-8 is given as base64 with a flag."""
    data = Outcome.from_raw(200, [], b"\xff").to_dict()
    assert data["body"] == "/w=="
    assert data["body_base64"] is True


def test_clock_made_date_and_expires_compare_as_markers() -> None:
    """A Date taken from the clock, and an Expires that is the clock plus the max-age beside
    it, compare as markers at the app boundary; hand-written dates compare as written."""
    now = time.time()
    clock = email.utils.formatdate(now, usegmt=True)
    later = email.utils.formatdate(now + 3600, usegmt=True)
    written = "Thu, 01 Jan 2015 00:00:00 GMT"
    headers = [("Date", clock), ("Cache-Control", "max-age=3600"), ("Expires", later)]
    outcome = Outcome.from_raw(200, headers, b"", compare_date=True)
    assert outcome.header("date") == CLOCK_DATE
    assert outcome.header("expires") == CLOCK_HEADER_EXPIRES
    by_hand = Outcome.from_raw(
        200, [("Date", written), ("Expires", written)], b"", compare_date=True
    )
    assert by_hand.header("date") == written
    assert by_hand.header("expires") == written
    assert Outcome.from_raw(200, [("Date", clock)], b"").header("date") is None


@pytest.mark.parametrize(
    ("source", "asynchronous"),
    [
        pytest.param("@stream_with_context\ndef g():\n    yield 'a'\nreturn g()", False, id="def"),
        pytest.param(
            "@stream_with_context\nasync def g():\n    yield 'a'\nreturn g()", True, id="async"
        ),
    ],
)
def test_generator_function_is_kept_as_written(source: str, asynchronous: bool) -> None:
    """A generator function's `def` or `async def` is kept, written back as it was, and run
    so by the Quart app; the port is always `async def`, required only for a decorated `def`."""
    value = parse(source)
    assert isinstance(value, m.RequestStream)
    assert value.asynchronous is asynchronous
    assert parse(value.to_source()) == value
    assert ("async def" in m.quart_as_run(value)) is asynchronous
    assert "async def" in m.quart_statement(value)
    assert m.generator_port_required(value) is not asynchronous
