"""Flask's own stream, hook and template forms, as issue 17 added them to the grammar: an
`@after_this_request` hook, `stream_with_context` over a str, a generator function's argument
and session, a list of template names, `Markup`, and a template as a `Response` body; read,
ported to Quart, answered by both apps, scanned."""

from __future__ import annotations

import ast
import re
from dataclasses import replace

import pytest
from itsdangerous import URLSafeTimedSerializer

from parity.engine import Engine
from parity.scan.holes import read_return
from shared import model as m
from shared.divergences import DIVERGENCES_BY_ID
from shared.outcome import CLOCK_SIGNATURE
from shared.outcome import Outcome
from shared.parse import ParseError
from shared.parse import parse
from shared.probe import Probe
from tests.ambient import alike

HOOKED = "@after_this_request\ndef hook(resp):\n{}    return resp\nreturn {}"


@pytest.mark.parametrize(
    ("source", "value"),
    [
        (
            HOOKED.format("    resp.headers['X-Foo'] = 'a header'\n", "'Test'"),
            m.AfterThisRequest((m.SetHeader("X-Foo", "a header"),), m.Text("Test")),
        ),
        (
            "@flask.after_this_request\ndef foo(response):\n    response.status_code = 201\n"
            "    response.vary.add('Accept')\n    return response\nreturn 'a', 404",
            m.AfterThisRequest(
                (m.SetAttribute("status_code", 201), m.AddToHeaderSet("vary", "Accept")),
                m.ReturnTuple((m.Text("a"), m.Status(404))),
            ),
        ),
        (
            HOOKED.format("", "render_template('greeting.html', name='a')"),
            m.AfterThisRequest((), m.RenderTemplate("greeting.html", (("name", "a"),))),
        ),
        (
            "@quart.after_this_request\nasync def hook(r):\n    r.headers['X'] = 'y'\n"
            "    return r\nreturn 'x'",
            m.AfterThisRequest((m.SetHeader("X", "y"),), m.Text("x"), asynchronous=True),
        ),
    ],
)
def test_after_this_request_reads(source: str, value: m.AfterThisRequest) -> None:
    """A hook over the response and the view's return are one value, whatever the hook and
    its argument are named; the Quart port keeps the hook as written (Quart runs a `def` one
    in a thread) and awaits what Quart awaits in the view."""
    assert parse(source) == value
    assert parse(m.return_statement(value)) == value
    ported = m.quart_statement(value)
    assert ported.count("def hook(resp):") == 1
    assert ("async def" in ported) == value.asynchronous
    assert parse(ported) == value


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        (HOOKED.format("    resp.add_etag()\n", "'x'"), "not make_conditional or add_etag"),
        ("@after_this_request\ndef hook():\n    return 1\nreturn 'x'", "one response argument"),
        ("@after_this_request\ndef hook(resp):\n    return None\nreturn 'x'", "`return resp`"),
        (
            "@after_this_request\ndef hook(r):\n    x = 1\n    return r\nreturn 'x'",
            "`r.<attribute>",
        ),
        ("@after_this_request\ndef hook(r):\n    return r", "then `return <value>`"),
        (
            "@after_this_request\n@app.route('/')\ndef hook(r):\n    return r\nreturn 'x'",
            "only decorator",
        ),
    ],
)
def test_after_this_request_outside_the_grammar(source: str, problem: str) -> None:
    """A hook the grammar does not read is refused with a one-line message naming the part."""
    with pytest.raises(ParseError, match=re.escape(problem)) as caught:
        parse(source)
    assert "\n" not in caught.value.problem


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize(
    ("source", "status", "header"),
    [
        (HOOKED.format("    resp.headers['X-Foo'] = 'a header'\n", "'Test'"), 200, "a header"),
        (HOOKED.format("    resp.headers['X-Foo'] = 'on the page'\n", "abort(404)"), 404, None),
        (
            HOOKED.format("    resp.headers['X-Foo'] = 'b'\n    resp.status_code = 202\n", "'x'"),
            202,
            "b",
        ),
    ],
)
def test_both_apps_run_the_hook_on_the_response(
    engine: Engine, source: str, status: int, header: str | None
) -> None:
    """Both frameworks hand their server the response the hook changed, their error page
    included, alike."""
    comparison = engine.compare_value(parse(source))
    assert alike(comparison), comparison.differences
    assert comparison.flask.status == status
    assert comparison.flask.header("x-foo") == (header or "on the page")


@pytest.mark.parametrize(
    "source", ["stream_with_context('hello')", "Response(stream_with_context(''))"]
)
def test_stream_with_context_over_a_str_reads(source: str) -> None:
    """`stream_with_context` over a str reads, writes back as itself, and the scan's reader
    reads it as the parser does."""
    value = parse(source)
    assert value.to_source() == source
    node = ast.parse(source, mode="eval").body
    assert read_return(source, node) == value


@pytest.mark.flask
@pytest.mark.quart
def test_stream_with_context_over_a_str_is_the_call_entry(engine: Engine) -> None:
    """Flask streams the str's characters; Quart's decorator hands back a function, its 500:
    the stream-with-context-call entry covers and shows it."""
    probe = Probe(parse("stream_with_context('hello')"))
    comparison = engine.compare_probe(probe)
    assert comparison.flask.status == 200
    assert comparison.flask.body == b"hello"
    assert comparison.flask.header("content-length") is None
    assert comparison.quart.status == 500
    entry = DIVERGENCES_BY_ID["stream-with-context-call"]
    assert entry.applies_to(probe)
    assert entry.shows(comparison.flask, comparison.quart)


@pytest.mark.parametrize(
    ("source", "value"),
    [
        (
            "session['test'] = 'flask'\n@flask.stream_with_context\ndef gen():\n"
            "    yield flask.session['test']\nreturn flask.Response(gen())",
            m.RequestStream(
                (m.RequestRead("session", "test"),), in_response=True, session=(("test", "flask"),)
            ),
        ),
        (
            "@stream_with_context\ndef generate(hello):\n    yield hello\n"
            "    yield request.method\nreturn Response(generate(b'Hello '))",
            m.RequestStream(
                (m.Argument(), m.RequestRead("method")), argument=b"Hello ", in_response=True
            ),
        ),
        (
            "async def generate(x):\n    yield 'a'\nreturn generate('unused')",
            m.RequestStream(("a",), keeps_context=False, asynchronous=True, argument="unused"),
        ),
    ],
)
def test_generator_views_with_arguments_and_session_read(
    source: str, value: m.RequestStream
) -> None:
    """A generator function's argument, the session the view sets and a `Response(...)`
    around the call are one value, whatever the function and parameter are named; the Quart
    port makes a decorated `def` generator `async def` and changes nothing else."""
    assert parse(source) == value
    assert parse(m.return_statement(value)) == value
    ported = parse(m.quart_statement(value))
    assert isinstance(ported, m.RequestStream)
    assert ported.asynchronous == (value.asynchronous or value.keeps_context)
    assert replace(ported, asynchronous=value.asynchronous) == value


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize("asynchronous", [False, True])
def test_a_generator_keeps_the_session_it_was_given(engine: Engine, asynchronous: bool) -> None:
    """A decorated generator reads the session the view set, as the framework it is written
    for runs it (Flask `def`, Quart `async def`); the other framework is the generator
    entry's case. Both send the same session cookie and Vary: Cookie."""
    value = m.RequestStream(
        (m.RequestRead("session", "test"),),
        asynchronous=asynchronous,
        in_response=True,
        session=(("test", "flask"),),
    )
    probe = Probe(value)
    comparison = engine.compare_probe(probe)
    runs, fails = (
        (comparison.quart, comparison.flask)
        if asynchronous
        else (
            comparison.flask,
            comparison.quart,
        )
    )
    assert runs.body == b"flask"
    assert runs.error is None
    assert fails.error is not None
    entry = (
        "async-generator-function-in-flask" if asynchronous else "sync-generator-function-in-quart"
    )
    assert DIVERGENCES_BY_ID[entry].applies_to(probe)
    assert comparison.flask.header("set-cookie") == comparison.quart.header("set-cookie")
    cookie = comparison.flask.header("set-cookie") or ""
    assert cookie.startswith("session=eyJ0ZXN0IjoiZmxhc2sifQ.(signed at the time")
    assert "Cookie" in (comparison.flask.header("vary") or "")
    assert not [d for d in comparison.differences if d.field.startswith("header:")]


@pytest.mark.flask
@pytest.mark.quart
def test_an_argument_reaches_the_generator_in_both(engine: Engine) -> None:
    """A generator function called with an argument yields it; undecorated and reading no
    request state, both frameworks stream it alike."""
    value = parse(
        "def generate(hello):\n    yield hello\n    yield '!'\nreturn Response(generate('Hi'))"
    )
    comparison = engine.compare_value(value)
    assert alike(comparison), comparison.differences
    assert comparison.flask.body == b"Hi!"


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize(
    ("source", "body"),
    [
        (
            "render_template(['no_template.xml', 'greeting.html', 'items.html'], name='J')",
            b"<p>Hello, J!</p>",
        ),
        ("stream_template(['missing.html', 'note.txt'], text='<b>')", b"Note: <b>"),
        ("render_template('greeting.html', name=Markup('<p>x'))", b"<p>Hello, <p>x!</p>"),
        (
            "render_template_string('{{ a }}|{{ a|e }}|{{ b }}', a=Markup('<i>'), b='<i>')",
            b"<i>|<i>|&lt;i&gt;",
        ),
        ("jsonify(a=Markup('<i>'))", b'{"a":"<i>"}\n'),
    ],
)
def test_both_apps_render_template_lists_and_markupalike(
    engine: Engine, source: str, body: bytes
) -> None:
    """Both frameworks render the first template of a list they find, and write a Markup
    value as it is where a str is escaped (as a str in JSON)."""
    value = parse(source)
    assert parse(value.to_source()) == value
    comparison = engine.compare_value(value)
    assert alike(comparison), comparison.differences
    assert comparison.flask.body.rstrip(b"\n") == body.rstrip(b"\n")


def test_a_template_list_ports_with_await() -> None:
    """The Quart port awaits a render of a list as it awaits one of a name."""
    value = parse("render_template(['x.xml', 'note.txt'], text=Markup('a'))")
    assert m.quart_statement(value) == (
        "return await render_template(['x.xml', 'note.txt'], text=Markup('a'))"
    )


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize(
    ("source", "streamed"),
    [
        ("Response(await stream_template_string('{{ value }}', value=42))", True),
        ("Response(stream_template('greeting.html', name='a'), status=201)", True),
        ("Response(render_template_string('{{ x }}', x='<b>'), mimetype='text/plain')", False),
    ],
)
def test_a_template_as_a_response_body(engine: Engine, source: str, streamed: bool) -> None:
    """A render or a template stream is a `Response` body both frameworks send alike, a
    stream without Content-Length; the Quart port awaits it inside the call."""
    value = parse(source)
    assert parse(m.return_statement(value)) == value
    assert "Response(await " in m.quart_statement(value)
    comparison = engine.compare_value(value)
    assert alike(comparison), comparison.differences
    assert (comparison.flask.header("content-length") is None) == streamed


@pytest.mark.flask
@pytest.mark.quart
def test_an_async_hook_is_the_async_extra_entry(engine: Engine) -> None:
    """An `async def` hook runs in Quart; Flask, without asgiref, answers its 500 page and
    the hook's header is lost: the async-hook-in-flask entry covers and shows it."""
    probe = Probe(
        parse(
            HOOKED.format("    resp.headers['X-Foo'] = 'a'\n", "'Test'").replace(
                "def", "async def", 1
            )
        )
    )
    comparison = engine.compare_probe(probe)
    assert comparison.quart.status == 200
    assert comparison.quart.header("x-foo") == "a"
    assert comparison.flask.status == 500
    assert comparison.flask.header("x-foo") is None
    entry = DIVERGENCES_BY_ID["async-hook-in-flask"]
    assert entry.applies_to(probe)
    assert entry.shows(comparison.flask, comparison.quart)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "render_template('greeting.html', name=markupsafe.Markup('<p>Hi'))",
            m.RenderTemplate("greeting.html", (("name", m.MarkupValue("<p>Hi")),)),
            id="template-markup",
        ),
        pytest.param(
            "flask.render_template(['no_template.xml', 'note.txt', 'greeting.html'], text='a')",
            m.RenderTemplate(
                "note.txt",
                (("text", "a"),),
                listed=("no_template.xml", "note.txt", "greeting.html"),
            ),
            id="template-list",
        ),
    ],
)
def test_template_lists_and_markup_read(source: str, expected: m.ReturnValue) -> None:
    """A list of template names and a `Markup(...)` context value read as people write them,
    and write back as themselves."""
    assert parse(source) == expected
    assert parse(m.return_statement(expected)) == expected


@pytest.mark.parametrize(
    ("source", "problem", "fragment"),
    [
        pytest.param("jsonify(Markup(1))", "expected a str literal", "1", id="markup-from-int"),
        pytest.param(
            "render_template(['a.xml'])",
            "none of the names is a template both apps ship",
            "['a.xml']",
            id="template-list-none-shipped",
        ),
        pytest.param(
            "render_template(['../greeting.html', 'greeting.html'])",
            "a plain file name",
            "['../greeting.html', 'greeting.html']",
            id="template-list-folder",
        ),
        pytest.param(
            "render_template([name, 'greeting.html'])",
            "is a variable",
            "name",
            id="template-list-variable",
        ),
        pytest.param(
            "def generate(a, b):\n    yield a\nreturn generate('x', 'y')",
            "at most one parameter",
            "def generate(a, b):\n    yield a",
            id="generator-two-parameters",
        ),
        pytest.param(
            "def generate(a):\n    yield a\nreturn generate()",
            "called with one argument",
            "generate()",
            id="generator-argument-missing",
        ),
        pytest.param(
            "def generate():\n    yield 'a'\nreturn generate(x)",
            "called with no arguments",
            "generate(x)",
            id="generator-argument-extra",
        ),
        pytest.param(
            "def generate(a):\n    yield a\nreturn generate(name)",
            "is a variable",
            "name",
            id="generator-argument-variable",
        ),
        pytest.param(
            "def generate():\n    yield session['k']\nreturn generate()",
            "without setting it first",
            "generate()",
            id="generator-session-unset",
        ),
        pytest.param(
            "session['k'] = 1\ndef generate():\n    yield session['k']\nreturn generate()",
            "expected a str literal",
            "1",
            id="generator-session-int",
        ),
        pytest.param(
            "session['k'] = '"
            + "\\u00e9" * 500
            + "'\ndef generate():\n    yield 'a'\nreturn generate()",
            "over 2,900 characters as JSON",
            "generate()",
            id="generator-session-too-big",
        ),
        pytest.param(
            "x = 1\ndef generate():\n    yield 'a'\nreturn generate()",
            "can be changed afterwards",
            "1",
            id="generator-other-statement",
        ),
        pytest.param(
            "session['k'] = 'v'\nx = 1\ndef generate():\n    yield 'a'\nreturn generate()",
            "only `session[...] = ...`",
            "x = 1",
            id="generator-statement-after-session",
        ),
        pytest.param(
            "def generate():\n    yield 'a'\nreturn Response(generate(), status=201)",
            "must end with `return generate()`",
            "return Response(generate(), status=201)",
            id="generator-response-options",
        ),
    ],
)
def test_stream_and_template_forms_refused_with_the_offending_part(
    source: str, problem: str, fragment: str
) -> None:
    """What these forms do not read is refused with a one-line problem that quotes the part."""
    with pytest.raises(ParseError) as caught:
        parse(source)
    assert problem in caught.value.problem
    assert "\n" not in caught.value.problem
    assert caught.value.fragment == fragment


def test_a_signed_session_compares_by_its_payload() -> None:
    """The timestamp and signature of a session cookie signed now compare as a marker, so
    two answers a second apart agree; the payload, another cookie and an old signature
    compare as written."""
    signer = URLSafeTimedSerializer("k", salt="cookie-session")
    signed = signer.dumps({"test": "flask"})
    payload = signed.rsplit(".", 2)[0]
    outcome = Outcome.from_raw(200, [("Set-Cookie", f"session={signed}; HttpOnly; Path=/")], b"")
    assert outcome.header("set-cookie") == f"session={payload}.{CLOCK_SIGNATURE}; HttpOnly; Path=/"
    assert outcome.set_aside == (("set-cookie", f"session={signed}; HttpOnly; Path=/"),)
    for kept in (f"other={signed}", "session=a.b", "session=eyJ9.AAAAAA.c2ln"):
        assert Outcome.from_raw(200, [("Set-Cookie", kept)], b"").header("set-cookie") == kept
