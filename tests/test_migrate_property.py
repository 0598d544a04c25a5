"""Hypothesis over generated small Flask apps and over the grammar's views: migrating twice is
migrating once, every result compiles (so no `await` is left outside an `async def`), and a
rewritten return reads back as the value the differential judges."""

from __future__ import annotations

import ast
import textwrap

import flask
from hypothesis import given
from hypothesis import strategies as st

from parity import strategies
from shared import model as m
from shared.parse import parse
from tests.migrate_cases import one

STATEMENTS = (
    "name = request.form['name']",
    "data = request.get_json()",
    "raw = request.get_data()",
    "upload = request.files.get('f')",
    "flash('saved')",
    "page = render_template('a.html')",
    "text = render_template_string('{{ 1 }}')",
    "method = request.method",
    "total = 1 + 2",
    "# a comment kept as it is",
)
RETURNS = (
    "return 'ok'",
    "return render_template('a.html')",
    "return make_response('x', 201)",
    "return send_file('f.txt')",
    "return {'a': 1}, 200",
    "return redirect(url_for('index'))",
)
LOOPS = (
    "for row in rows():\n        flash(row)",
    "names = [row.upper() for row in rows()]",
    "keys = {row: 1 for row in rows() if row}",
    "def more():\n        yield from rows()",
)
"""Loops over `rows()`, a generator the port makes async (FQM105)."""
HEADER = (
    "from flask import Flask, flash, make_response, redirect, render_template\n"
    "from flask import render_template_string, request, send_file, url_for\n\n"
    "app = Flask(__name__)\n"
)


@st.composite
def apps(draw: st.DrawFn) -> str:
    """A module of helpers (each may call the one before it), perhaps a generator over the
    form, and views that may call them or loop over it."""
    parts = [HEADER]
    helpers = draw(st.integers(0, 3))
    for index in range(helpers):
        body = draw(st.lists(st.sampled_from(STATEMENTS), max_size=2))
        if index and draw(st.booleans()):
            body.append(f"helper{index - 1}()")
        lines = "\n    ".join([*body, "return None"])
        parts.append(f"\n\ndef helper{index}():\n    {lines}\n")
    streams = draw(st.booleans())
    if streams:
        parts.append("\n\ndef rows():\n    for key in request.form:\n        yield key\n")
    for index in range(draw(st.integers(1, 3))):
        route = draw(st.sampled_from(["route('/v{0}')", "get('/v{0}')", "post('/v{0}')"]))
        body = draw(st.lists(st.sampled_from(STATEMENTS), max_size=3))
        if helpers and draw(st.booleans()):
            body.append(f"helper{draw(st.integers(0, helpers - 1))}()")
        if draw(st.booleans()):
            body.append("def stream():\n        yield request.get_data()")
        if streams and draw(st.booleans()):
            body.append(draw(st.sampled_from(LOOPS)))
        lines = "\n    ".join([*body, draw(st.sampled_from(RETURNS))])
        parts.append(f"\n\n@app.{route.format(index)}\ndef view{index}():\n    {lines}\n")
    return "".join(parts)


@given(apps())
def test_migrate_is_idempotent_and_compiles(source: str) -> None:
    """migrate(migrate(x)) == migrate(x), the result compiles, and no flask import is left."""
    once = one(source)
    compile(once, "app.py", "exec", dont_inherit=True)
    assert one(once) == once
    assert "from flask" not in once


FLASK_NAMES = frozenset(dir(flask))


def _view_module(body: str) -> str:
    used = sorted({n.id for n in ast.walk(ast.parse(body)) if isinstance(n, ast.Name)})
    imported = [name for name in used if name in FLASK_NAMES]
    head = f"from flask import {', '.join(imported)}\n\n\n" if imported else ""
    return head + "@app.route('/')\ndef view():\n" + textwrap.indent(body, "    ") + "\n"


def _view_body(module: str) -> str:
    lines = module.split("\n")
    start = lines.index("async def view():") + 1
    return textwrap.dedent("\n".join(lines[start:])).strip("\n")


@given(value=strategies.return_values)
def test_rewritten_return_is_what_the_differential_judges(value: m.ReturnValue) -> None:
    """A view of the grammar, migrated: idempotent, compiles, and its body reads back as the
    Quart port `parity compare` prints (awaits added, a generator function made async def)."""
    once = one(_view_module(m.return_statement(value)))
    compile(once, "app.py", "exec", dont_inherit=True)
    assert one(once) == once
    body = _view_body(once)
    # The port, as the lab shows it: a generator function becomes `async def`.
    assert parse(body) == parse(m.quart_statement(value))
    assert _awaits(body) == _awaits(m.quart_statement(value))


def _awaits(source: str) -> int:
    return sum(isinstance(node, ast.Await) for node in ast.walk(ast.parse(source)))
