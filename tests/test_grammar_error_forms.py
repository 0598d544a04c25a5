"""Error handlers over a view that raises (issue 17 item 6): a built-in exception or a class
the view defines, `str(error)` in the handler, and `abort(redirect(...))`; read, ported to
Quart, and answered by both apps."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parity.engine import Engine
from parity.scan.scanner import scan_paths
from shared import model as m
from shared.parse import ParseError
from shared.parse import parse
from tests.ambient import alike

OWN = "class MyError({}):\n    pass\n"
RAISING = "@app.errorhandler({})\ndef handle(error):\n    return {}\nraise {}"


@pytest.mark.parametrize(
    ("source", "value"),
    [
        (
            OWN.format("Exception") + RAISING.format("MyError", "'42'", "MyError()"),
            m.ErrorHandled(
                "MyError",
                m.Text("42"),
                m.Raise("MyError"),
                defines=m.ErrorClass("MyError", "Exception"),
            ),
        ),
        (
            OWN.format("werkzeug.exceptions.Forbidden")
            + RAISING.format("403", "'apple'", "MyError('why')"),
            m.ErrorHandled(
                403,
                m.Text("apple"),
                m.Raise("MyError", "why"),
                defines=m.ErrorClass("MyError", "Forbidden"),
            ),
        ),
        (
            RAISING.format(500, "('internal server error', 500)", "ZeroDivisionError()"),
            m.ErrorHandled(
                500,
                m.ReturnTuple((m.Text("internal server error"), m.Status(500))),
                m.Raise("ZeroDivisionError"),
            ),
        ),
        (
            "@app.errorhandler(Exception)\nasync def handle(e):\n    return jsonify(str(e))\n"
            "raise Exception('dummy')",
            m.ErrorHandled("Exception", m.ErrorText(jsonified=True), m.Raise("Exception", "dummy")),
        ),
        (
            RAISING.format("LookupError", "str(error)", "KeyError('k')"),
            m.ErrorHandled("LookupError", m.ErrorText(), m.Raise("KeyError", "k")),
        ),
        (
            RAISING.format("NotFound", "'gone'", "werkzeug.exceptions.NotFound()"),
            m.ErrorHandled("NotFound", m.Text("gone"), m.Raise("NotFound")),
        ),
    ],
)
def test_raising_views_read(source: str, value: m.ErrorHandled) -> None:
    """The class the view defines, its handler and its `raise` are one value, written back as
    itself; the Quart port makes only the handler `async def`."""
    assert parse(source) == value
    assert parse(m.return_statement(value)) == value
    ported = m.quart_statement(value)
    assert "async def handle(error):" in ported
    assert "async class" not in ported
    assert parse(ported) == value


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("raise ValueError('x')", "under an error handler"),
        ("resp = Response()\nraise ValueError('x')\nreturn resp", "under an error handler"),
        (OWN.format("Exception") + "return 'x'", "followed by its handler"),
        (
            OWN.format("Exception, KeyError") + RAISING.format("MyError", "'x'", "MyError()"),
            "exactly one class",
        ),
        (
            OWN.format("OSError") + RAISING.format("MyError", "'x'", "MyError()"),
            "derives from one of",
        ),
        (
            OWN.format("metaclass=type") + RAISING.format("MyError", "'x'", "MyError()"),
            "one base and nothing else",
        ),
        (
            "class MyError(Exception):\n    code = 1\n"
            + RAISING.format("MyError", "'x'", "MyError()"),
            "body is `pass`",
        ),
        (
            "class ValueError(Exception):\n    pass\n"
            + RAISING.format("ValueError", "'x'", "ValueError()"),
            "a name of its own",
        ),
        (OWN.format("Exception") + RAISING.format(404, "'x'", "KeyError()"), "raised or handled"),
        (RAISING.format("MyError", "'x'", "KeyError()"), "registered for one of"),
        (RAISING.format(500, "'x'", "OSError()"), "the view raises one of"),
        (RAISING.format(500, "'x'", "KeyError"), "a class called"),
        (RAISING.format(500, "'x'", "KeyError() from None"), "no `from`"),
        (RAISING.format(500, "'x'", "KeyError(message)"), "variable"),
        (RAISING.format(500, "'x'", "KeyError('a', 'b')"), "at most one str message"),
        (RAISING.format(500, "str(request)", "KeyError()"), "the handler's own argument"),
        (RAISING.format(500, "(str(error), 500)", "KeyError()"), "`str` is not a known helper"),
        ("@app.errorhandler(500)\ndef handle(error):\n    return 'x'\nraise", "no `from`"),
        ("abort(redirect('/x'), 302)", "abort(redirect(...)) takes nothing else"),
        (
            "@app.errorhandler(500)\ndef handle(jsonify):\n    return jsonify(x=1)\n"
            "raise KeyError()",
            "argument `jsonify` is a name the code also reads",
        ),
        (
            "class jsonify(Exception):\n    pass\n"
            + RAISING.format("jsonify", "jsonify(x=1)", "jsonify()"),
            "class `jsonify` is a name the code also reads",
        ),
    ],
)
def test_raising_views_outside_the_grammar(source: str, problem: str) -> None:
    """A class, a raise or a handler's text the grammar does not read is refused with one line
    naming the part."""
    with pytest.raises(ParseError, match=re.escape(problem)):
        parse(source)


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize(
    ("source", "status", "body"),
    [
        (OWN.format("Exception") + RAISING.format("MyError", "'42'", "MyError()"), 200, b"42"),
        (
            "class ForbiddenSubclass(Forbidden):\n    pass\n"
            + RAISING.format("ForbiddenSubclass", "'banana'", "ForbiddenSubclass()"),
            200,
            b"banana",
        ),
        (
            RAISING.format(500, "('internal server error', 500)", "ZeroDivisionError()"),
            500,
            b"internal server error",
        ),
        (
            RAISING.format("Exception", "jsonify(str(error))", "Exception('dummy')"),
            200,
            b'"dummy"\n',
        ),
        ("abort(redirect('/test'))", 302, None),
        # The handler for 500 answers with the InternalServerError each framework makes.
        (RAISING.format(500, "str(error)", "KeyError('k')"), 200, b"500 Internal Server Error: "),
        # No handler answers: each framework's own 500 page, or the page of the HTTP error.
        (RAISING.format("ValueError", "'not this one'", "KeyError('k')"), 500, None),
        (
            OWN.format("Forbidden") + RAISING.format("MyError", "'not this one'", "Forbidden()"),
            403,
            None,
        ),
    ],
)
def test_both_apps_answer_a_raising_view(
    engine: Engine, source: str, status: int, body: bytes | None
) -> None:
    """A raised exception reaches the handler registered for its class (or for 500, through
    each framework's own 500 path) in both frameworks alike; `abort(redirect(...))` answers
    with the redirect."""
    comparison = engine.compare_value(parse(source))
    assert alike(comparison), comparison.differences
    assert comparison.flask.status == status
    if body is not None:
        assert comparison.flask.body.startswith(body)
    else:
        assert b"not this one" not in comparison.flask.body


_HANDLES = [403, "Forbidden", "MyError", 500, "InternalServerError", "Exception", "LookupError"]
_RAISES = ["MyError", "KeyError", "Forbidden", "ValueError"]


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize("base", ["Forbidden", "KeyError"])
@pytest.mark.parametrize("handles", _HANDLES)
@pytest.mark.parametrize("raised", _RAISES)
def test_the_model_knows_which_handler_answers(
    engine: Engine, base: str, handles: int | str, raised: str
) -> None:
    """The model's `answers` (class hierarchy, codes, the 500 path) is what both frameworks
    do, for a handler over every class the view may raise."""
    defines = m.ErrorClass("MyError", base) if "MyError" in (handles, raised) else None
    value = m.ErrorHandled(handles, m.Text("handled"), m.Raise(raised), defines=defines)
    comparison = engine.compare_value(value)
    assert alike(comparison), comparison.differences
    assert (comparison.flask.body == b"handled") is value.answers
    assert comparison.flask.status == (200 if value.answers else value.answer.number)  # type: ignore[union-attr]


def test_a_scan_of_raising_views_and_their_handlers(tmp_path: Path) -> None:
    """In real code a view that only raises has no return to judge, and each handler's return
    is judged as a view's; `abort(redirect(url_for(...)))` is read, and nothing fails."""
    app = tmp_path / "app.py"
    app.write_text(
        "from flask import Flask, abort, jsonify, redirect, url_for\n"
        "app = Flask(__name__)\n"
        "class MyError(Exception):\n    pass\n"
        "@app.errorhandler(MyError)\ndef handle(e):\n    return jsonify(str(e))\n"
        "@app.route('/')\ndef index():\n    raise MyError()\n"
        "@app.route('/r')\ndef moved():\n    return abort(redirect(url_for('index')))\n"
    )
    scan = scan_paths([app], str)
    assert scan.views == 3
    assert scan.returns == 2
    assert {f.code for f in scan.findings} <= {"FQ001"}
