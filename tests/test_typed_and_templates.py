"""Typed JSON values, non-string keys and template renders: what each app builds and answers,
the templates both apps ship, and the guard that keeps template text inert."""

from __future__ import annotations

import tomllib
from pathlib import Path

import jinja2
import pytest
from hypothesis import assume
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import nodes

from parity.engine import Engine
from parity.versions import installed
from shared import model as m
from shared.judgement import judge
from shared.parse import parse
from shared.probe import Probe
from shared.settings import SettingValue

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_FOLDERS = [ROOT / "flask_app" / "templates", ROOT / "quart_app" / "templates"]


def test_both_apps_ship_the_same_templates() -> None:
    """Each app's templates folder holds exactly the model's template names, with equal text."""
    flask_folder, quart_folder = TEMPLATE_FOLDERS
    names = sorted(path.name for path in flask_folder.iterdir())
    assert names == sorted(m.TEMPLATE_NAMES)
    assert sorted(path.name for path in quart_folder.iterdir()) == names
    for name in names:
        assert (flask_folder / name).read_bytes() == (quart_folder / name).read_bytes(), name


def test_templates_are_package_data() -> None:
    """A wheel of the project carries both templates folders."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = config["tool"]["setuptools"]["package-data"]
    for package in ("flask_app", "quart_app"):
        assert "templates/*" in package_data[package]


def _both(engine: Engine, source: str, config: tuple[tuple[str, SettingValue], ...] = ()) -> bytes:
    """The body both apps answer with for `source`, after checking they answer alike."""
    comparison = engine.compare_probe(Probe(parse(source), config=config))
    assert comparison.flask.status == comparison.quart.status == 200, source
    assert comparison.flask.body == comparison.quart.body, source
    return comparison.flask.body


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize(
    ("source", "body"),
    [
        pytest.param(
            "jsonify(datetime(2024, 1, 2, 3, 4, 5))",
            b'"Tue, 02 Jan 2024 03:04:05 GMT"\n',
            id="datetime",
        ),
        pytest.param("jsonify(date(2024, 1, 2))", b'"Tue, 02 Jan 2024 00:00:00 GMT"\n', id="date"),
        pytest.param(
            "jsonify(uuid.UUID('{12345678-1234-5678-1234-567812345678}'))",
            b'"12345678-1234-5678-1234-567812345678"\n',
            id="uuid",
        ),
        pytest.param("jsonify(Decimal('1.10'))", b'"1.10"\n', id="decimal"),
        pytest.param(
            "jsonify(Point(x=Decimal('1'), y=[date(2024, 1, 2)]))",
            b'{"x":"1","y":["Tue, 02 Jan 2024 00:00:00 GMT"]}\n',
            id="dataclass",
        ),
        pytest.param(
            "{2: 'b', 1.5: 'a', True: 'c'}", b'{"true":"c","1.5":"a","2":"b"}\n', id="keys"
        ),
        pytest.param(
            "{None: UUID('00000000000000000000000000000000')}",
            b'{"null":"00000000-0000-0000-0000-000000000000"}\n',
            id="none-key",
        ),
    ],
)
def test_json_provider_serialises_typed_values_alike(
    engine: Engine, source: str, body: bytes
) -> None:
    """Both apps build the real objects and serialise them as Flask's provider documents."""
    assert _both(engine, source) == body


@pytest.mark.flask
@pytest.mark.quart
def test_unsortable_keys_fail_alike_until_sorting_is_off(engine: Engine) -> None:
    """A dict mixing str and int keys is a 500 in both under the default `sort_keys`, and is
    written in insertion order by both once `json.sort_keys=false`."""
    probe = Probe(parse("jsonify({'a': 1, 2: 'b'})"))
    failing = engine.compare_probe(probe)
    assert failing.flask.status == failing.quart.status == 500
    for outcome in (failing.flask, failing.quart):
        assert (outcome.exception or "").startswith("TypeError"), outcome.exception
    f = failing
    assert not judge(probe, f.flask, f.quart, f.differences, versions=installed()).unexplained
    unsorted = (("json.sort_keys", False),)
    assert _both(engine, "jsonify({'a': 1, 2: 'b'})", unsorted) == b'{"a":1,"2":"b"}\n'


@pytest.mark.flask
@pytest.mark.quart
def test_compact_setting_indents_both(engine: Engine) -> None:
    """`json.compact=false` indents typed values in both apps."""
    body = _both(engine, "jsonify(d=Decimal('2'))", (("json.compact", False),))
    assert body == b'{\n  "d": "2"\n}\n'


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize(
    ("source", "body"),
    [
        pytest.param(
            "render_template_string('<p>{{ x }}</p>', x='<b>&')",
            b"<p>&lt;b&gt;&amp;</p>",
            id="string-escaped",
        ),
        pytest.param(
            "render_template_string('{{ x|safe }}', x='<b>')", b"<b>", id="string-marked-safe"
        ),
        pytest.param(
            "render_template('greeting.html', name='<i>')",
            b"<p>Hello, &lt;i&gt;!</p>",
            id="html-file-escaped",
        ),
        pytest.param(
            "render_template('items.html', items=[1, Decimal('2.0')])",
            b"<ul><li>1</li><li>2.0</li></ul>",
            id="html-file-loop",
        ),
        pytest.param(
            "render_template('note.txt', text='<i>')", b"Note: <i>", id="txt-file-not-escaped"
        ),
    ],
)
def test_templates_render_alike(engine: Engine, source: str, body: bytes) -> None:
    """Both apps render the template with the same autoescaping: on for strings and `.html`,
    off for `.txt`."""
    assert _both(engine, source) == body


_TEMPLATE_ALPHABET = st.sampled_from(
    ["{{", "}}", "{%", "%}", "{#", "#}", "x", "i", " ", ".", "|", "(", ")", "[", "]", "'", "e"]
    + ["for", "in", "if", "endif", "endfor", "else", "safe", "-", "_", "__class__", "attr", ","]
)
_UNSAFE_NODES = (nodes.Getattr, nodes.Getitem, nodes.Call, nodes.Import, nodes.Macro)


@given(st.lists(_TEMPLATE_ALPHABET, max_size=12).map("".join))
def test_accepted_template_text_reaches_no_python_object(text: str) -> None:
    """Whatever template text the model accepts, Jinja reads no attribute, item, call, import
    or macro in it, and applies only the listed filters, without arguments."""
    assume(m.template_problem(text) is None)
    try:
        tree = jinja2.Environment().parse(text)
    except jinja2.TemplateSyntaxError:
        assume(False)  # both frameworks refuse it alike, a 500 page: nothing is reached
    assert not list(tree.find_all(_UNSAFE_NODES)), text
    for applied in tree.find_all(nodes.Filter):
        assert applied.name in m.TEMPLATE_FILTERS, text
        assert not applied.args, text
        assert not applied.kwargs, text
