"""The hole reader: each computed part becomes a hole typed by its position, the shape kept."""

from __future__ import annotations

import ast

import pytest

from parity.scan.holes import Hole
from parity.scan.holes import HoleKind
from parity.scan.holes import holes_in
from parity.scan.holes import read_return
from parity.scan.holes import substitute
from shared import model as m
from shared.parse import ParseError
from shared.parse import parse

K = HoleKind
CASES = [
    ("jsonify(data), 201", [K.JSON]),
    ("jsonify(**data)", [K.JSON_OBJECT]),
    ("jsonify([u.to_dict() for u in users])", [K.JSON_ARRAY]),
    ("{'id': user.id, 'tags': [tag, 'x']}", [K.JSON, K.JSON]),
    ("redirect(url_for('main.index'))", [K.ROUTE_URL]),
    ("redirect(request.args['next'], code)", [K.URL, K.REDIRECT_CODE]),
    ("render_template('index.html', posts=posts)", [K.TEMPLATE]),
    ("f'Hello {name}'", [K.TEXT]),
    ("'Hello ' + name", [K.TEXT]),
    ("send_file(path)", [K.FILE]),
    ("resp", [K.RESPONSE]),
    ("'ok', status", [K.STATUS]),
    ("'ok', 200, headers", [K.HEADERS]),
    ("'ok', 200, {'X-Total': str(count)}", [K.HEADER_VALUE]),
    ("'ok', 200, {'Location': url_for('x')}", [K.ROUTE_URL]),
    ("Response(generate(), mimetype=kind)", [K.CHUNKS, K.MIMETYPE]),
    ("abort(code, message)", [K.ERROR_CODE, K.TEXT]),
    ("bytearray(data)", [K.BYTES]),
    ("await render_template('x.html')", [K.TEMPLATE]),
    ("make_response(jsonify(errors), 400)", [K.JSON]),
    ("url_for('index')", [K.ROUTE_URL]),
    ("iter(rows)", [K.ITERATOR]),
    ("request.method", [K.TEXT]),
    ("'Hällo'.encode()", [K.BYTES]),
    ("jsonify(ok=True), 201", []),
]
QUALIFIED = [
    ("flask.render_template('index.html')", [K.TEMPLATE]),
    ("quart.redirect(flask.url_for('index'))", [K.ROUTE_URL]),
    ("flask.jsonify(flask.request.form)", [K.JSON]),
    # The request's body, read as the view reads it, is in the model: no hole.
    ("flask.jsonify(flask.request.get_json())", []),
]


def _read(source: str) -> m.ReturnValue:
    expression = ast.parse(source, mode="eval").body
    return read_return(source, expression)


@pytest.mark.parametrize(("source", "kinds"), CASES, ids=[c[0] for c in CASES])
def test_holes_are_typed_by_position(source: str, kinds: list[HoleKind]) -> None:
    """Each computed part becomes a hole of the kind its position gives, in walk order."""
    assert [hole.kind for hole in holes_in(_read(source))] == kinds


@pytest.mark.parametrize(("source", "kinds"), QUALIFIED, ids=[c[0] for c in QUALIFIED])
def test_qualified_helpers_read_as_bare_ones(source: str, kinds: list[HoleKind]) -> None:
    """`flask.render_template`, `flask.url_for` or `flask.request...` mean what the bare names
    mean: real views import either way."""
    assert [hole.kind for hole in holes_in(_read(source))] == kinds


@pytest.mark.parametrize(("source", "kinds"), CASES, ids=[c[0] for c in CASES])
def test_shape_around_holes_is_kept(source: str, kinds: list[HoleKind]) -> None:
    """The tree renders back to the source it was read from (modulo quotes and spacing)."""
    tree = _read(source)
    expected = source.removeprefix("await ")
    assert ast.dump(ast.parse(tree.to_source())) == ast.dump(ast.parse(expected))


def test_literal_returns_read_as_parse_reads_them() -> None:
    """With no computed part, the hole reader gives exactly what the safe parser gives."""
    source = "make_response(jsonify(ok=True), 201, {'X-A': 'a'})"
    assert _read(source) == parse(source)


def test_holes_compare_by_kind_only() -> None:
    """Two holes of the same kind are equal wherever they came from, so shapes can be cached."""
    assert _read("jsonify(data)") == _read("jsonify(user.to_dict())")
    assert _read("jsonify(data)") != _read("jsonify(**data)")
    assert hash(_read("'ok', code")) == hash(_read("'ok', status"))


def test_substitute_fills_every_hole_in_order() -> None:
    """Substituting values gives a plain model value with no hole left."""
    tree = _read("jsonify(data), status")
    value = substitute(tree, [{"a": 1}, 201])
    assert holes_in(value) == []
    assert value == m.ReturnTuple((m.Jsonify(({"a": 1},)), m.Status(201)))  # type: ignore[arg-type]


def test_hole_keeps_its_source_and_place() -> None:
    """A hole remembers its fragment, line and column for messages."""
    (hole,) = holes_in(_read("jsonify(data)"))
    assert isinstance(hole, Hole)
    assert (hole.source, hole.line, hole.column) == ("data", 1, 8)


def test_grammar_errors_stay_errors() -> None:
    """A literal the grammar refuses is still refused, with the parser's message."""
    with pytest.raises(ParseError, match="HTTPStatus has no such member"):
        _read("'ok', HTTPStatus.NOPE")


def test_bare_return_is_none() -> None:
    """A bare `return` reads as the None body."""
    assert read_return("return", None) == m.NoneBody()
