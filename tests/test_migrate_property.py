"""Hypothesis over generated small Flask apps: migrating twice is migrating once, and every
result compiles (so no `await` is left outside an `async def`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

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
HEADER = (
    "from flask import Flask, flash, make_response, redirect, render_template\n"
    "from flask import render_template_string, request, send_file, url_for\n\n"
    "app = Flask(__name__)\n"
)


@st.composite
def apps(draw: st.DrawFn) -> str:
    """A module of helpers (each may call the one before it) and views that may call them."""
    parts = [HEADER]
    helpers = draw(st.integers(0, 3))
    for index in range(helpers):
        body = draw(st.lists(st.sampled_from(STATEMENTS), max_size=2))
        if index and draw(st.booleans()):
            body.append(f"helper{index - 1}()")
        lines = "\n    ".join([*body, "return None"])
        parts.append(f"\n\ndef helper{index}():\n    {lines}\n")
    for index in range(draw(st.integers(1, 3))):
        route = draw(st.sampled_from(["route('/v{0}')", "get('/v{0}')", "post('/v{0}')"]))
        body = draw(st.lists(st.sampled_from(STATEMENTS), max_size=3))
        if helpers and draw(st.booleans()):
            body.append(f"helper{draw(st.integers(0, helpers - 1))}()")
        if draw(st.booleans()):
            body.append("def stream():\n        yield request.get_data()")
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
