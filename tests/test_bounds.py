"""The bounds on the work a value asks for (`shared.bounds.limits`): which values they refuse,
that the catalogue and the registry stay within them, and that the estimate is an upper bound
of what the real frameworks do."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume
from hypothesis import given
from hypothesis import strategies as st

from parity import strategies as s
from parity.engine import Engine
from shared import model as m
from shared.bounds.limits import MAX_CHUNKS
from shared.bounds.limits import MAX_TEMPLATE_CHARS
from shared.bounds.limits import MAX_TEMPLATE_NESTING
from shared.bounds.limits import MAX_TEMPLATE_STEPS
from shared.bounds.limits import work_problem
from shared.bounds.template_work import template_work
from shared.building.plain_values import template_context
from shared.divergences import DIVERGENCES
from shared.parse import parse
from shared.probe import Probe
from shared.scenarios import SCENARIOS
from shared.wire_divergences import WIRE_DIVERGENCES

ROOT = Path(__file__).resolve().parent.parent


def _listed(count: int) -> str:
    return str(list(range(count)))


def _loops(depth: int, body: str = "") -> str:
    """`depth` nested loops over `x`, with `body` inside the innermost."""
    names = [f"v{i}" for i in range(depth)]
    return "".join(f"{{% for {n} in x %}}" for n in names) + body + "{% endfor %}" * depth


BOMB = f"render_template_string('{_loops(3, '<p>{{ v0 }}</p>')}', x={_listed(250)})"
"""The measured attack: three nested loops over a 250-item list, 620 bytes."""

ACCEPTED = [
    pytest.param("'ok'", id="text"),
    pytest.param("render_template_string('<h1>Hello {{ name }}!</h1>', name='World')", id="docs"),
    pytest.param("render_template('greeting.html', name='Ada')", id="shipped"),
    pytest.param(f"render_template('items.html', items={_listed(1000)})", id="shipped-1000"),
    pytest.param(
        "render_template_string('<ul>{% for u in users %}<li>{{ u|e }}</li>{% endfor %}</ul>', "
        f"users={_listed(2000)})",
        id="list-of-2000",
    ),
    pytest.param(
        f"render_template_string('{_loops(2, '{{ v1 }}')}', x={_listed(200)})", id="200-by-200"
    ),
    pytest.param(f"render_template_string('{_loops(3)}', x={_listed(40)})", id="three-loops-of-40"),
    pytest.param(
        "render_template_string('{{ x|tojson }}{{ x|join }}{{ x|length }}', x=['<&>', 1])",
        id="filters",
    ),
    pytest.param(
        f"render_template_string('{_loops(MAX_TEMPLATE_NESTING)}', x=[])", id="deepest-nesting"
    ),
    pytest.param("render_template_string('{% for a in nothing %}x{% endfor %}')", id="undefined"),
    pytest.param("iter([" + "'a', " * MAX_CHUNKS + "])", id="most-chunks"),
    pytest.param("jsonify([" + "'x', " * 2000 + "])", id="big-json"),
]

REFUSED = [
    pytest.param(BOMB, "loop iterations", id="bomb"),
    pytest.param(
        f"render_template_string('{_loops(2, 'x')}', x={_listed(400)})", "loop", id="400-by-400"
    ),
    pytest.param(
        f"render_template_string('{_loops(16)}', x=[1, 2])", "loop", id="sixteen-loops-of-2"
    ),
    pytest.param(
        f"render_template_string('{_loops(MAX_TEMPLATE_NESTING + 1)}', x=[])",
        "nests",
        id="too-deep",
    ),
    pytest.param(
        "render_template_string('" + "{%if x%}" * 400 + "{%endif%}" * 400 + "', x=1)",
        "nests",
        id="deep-ifs",
    ),
    pytest.param(
        "render_template_string('{{ x" + "|tojson" * 40 + " }}', x='\"')",
        "characters",
        id="tojson-chain",
    ),
    pytest.param(
        "render_template_string('{% for a in x %}{% for b in x %}{{ y }}{% endfor %}{% endfor %}'"
        f", x={_listed(60)}, y='{'<' * 2000}')",
        "characters",
        id="escaped-text-in-loops",
    ),
    pytest.param(
        "render_template_string('" + "{{ y }}" * 500 + "', y='" + "&" * 1000 + "')",
        "characters",
        id="repeated-output",
    ),
    pytest.param(
        "render_template_string('{% for a in x %}{% for b in a %}{% for c in a %}"
        "{% for d in a %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}', x=['"
        + "z" * 100
        + "'])",
        "loop",
        id="loops-over-characters",
    ),
    pytest.param("iter([" + "'a', " * (MAX_CHUNKS + 1) + "])", "chunks", id="iterator"),
    pytest.param("Response([" + "b'', " * (MAX_CHUNKS + 1) + "])", "chunks", id="chunk-list"),
    pytest.param(
        "(chunk for chunk in [" + "'', " * (MAX_CHUNKS + 1) + "])", "chunks", id="generator"
    ),
    pytest.param(
        "lambda environ, start_response: (start_response('200 OK', []), ["
        + "b'', " * (MAX_CHUNKS + 1)
        + "])[1]",
        "chunks",
        id="wsgi-app",
    ),
]


@pytest.mark.parametrize("source", ACCEPTED)
def test_values_within_the_bounds_are_accepted(source: str) -> None:
    """Templates and streams of the sizes a real page uses pass the bounds."""
    assert work_problem(parse(source)) is None


@pytest.mark.parametrize(("source", "named"), REFUSED)
def test_values_over_the_bounds_are_refused(source: str, named: str) -> None:
    """Each multiplier a source can reach is refused with a sentence naming its bound."""
    problem = work_problem(parse(source))
    assert problem is not None
    assert named in problem
    assert "\n" not in problem


def test_the_bomb_is_refused_inside_a_tuple_and_a_changed_response() -> None:
    """A template anywhere in the value counts: a tuple's body, make_response's argument."""
    template = BOMB.removeprefix("render_template_string")
    for source in (
        f"render_template_string{template}, 200",
        f"make_response(render_template_string{template})",
        f"resp = make_response(render_template_string{template})\nresp.status = 201\nreturn resp",
    ):
        assert work_problem(parse(source)) is not None, source


def test_a_shipped_template_is_bounded_by_its_text() -> None:
    """`render_template` is estimated from the shipped text: 60,000 items are too many (a value
    the parser's length limit keeps out, but a scan or a strategy can build)."""
    items = m.JsonArray(tuple(range(60_000)))
    problem = work_problem(m.RenderTemplate("items.html", (("items", items),)))
    assert problem is not None
    assert "loop iterations" in problem


def test_shipped_templates_match_the_model() -> None:
    """The text the estimate reads for `render_template` is the text both apps ship."""
    for folder in ("flask_app", "quart_app"):
        for name in m.TEMPLATE_NAMES:
            path = ROOT / folder / "templates" / name
            assert path.read_text(encoding="utf-8") == m.SHIPPED_TEMPLATES[name], path


def test_the_catalogue_and_the_registry_are_within_the_bounds() -> None:
    """Every scenario and every registry example passes the bounds."""
    for scenario in SCENARIOS:
        assert work_problem(parse(scenario.source)) is None, scenario.id
    for entry in DIVERGENCES:
        for probe in entry.examples:
            assert work_problem(probe.value) is None, entry.id
    for wire_entry in WIRE_DIVERGENCES:
        for probe in wire_entry.examples:
            assert work_problem(probe.value) is None, wire_entry.id


@pytest.mark.parametrize(
    ("source", "context", "steps", "chars"),
    [
        pytest.param("{% for a in x %}a{% endfor %}", [1, 2, 3], 7, 3, id="loop"),
        pytest.param("{{ x|length }}", [1, 2, 3], 2, 9 + 20 + 100, id="length"),
        pytest.param("{% if x %}ab{% else %}c{% endif %}", [], 2, 2, id="dearer-branch"),
        pytest.param("{% for a in x %}{{ a }}{% endfor %}", ["<>"], 3, 2 + 10, id="escaped"),
        pytest.param("{% for a in nothing %}a{% endfor %}", [], 1, 0, id="undefined"),
    ],
)
def test_estimate_arithmetic(source: str, context: list[str], steps: int, chars: int) -> None:
    """The bound for small templates, worked by hand: steps are 1 a tag or text piece plus 1 an
    iteration; characters are the value's text, each filter's result and the output."""
    items = (("x", m.JsonArray(tuple(context))),)
    work = template_work(source, items, MAX_TEMPLATE_NESTING)
    assert (work.steps, work.chars) == (steps, chars)


def test_limits_leave_room_for_real_pages() -> None:
    """The limits are above what a page of a few thousand rows asks for."""
    assert MAX_TEMPLATE_STEPS >= 50_000
    assert MAX_TEMPLATE_CHARS >= 500_000
    assert 10 <= MAX_TEMPLATE_NESTING < 20  # Python compiles at most 20 nested loops
    assert MAX_CHUNKS >= 100


# -- the estimate is an upper bound ---------------------------------------------------------

MARK = "\u00a7"
"""Written once at the start of every loop body, so the rendered text counts iterations."""
_NAMES = ("x", "y", "z", "a", "nothing")
_FILTERS = st.lists(st.sampled_from(m.TEMPLATE_FILTERS), max_size=3)
_TEXT = st.text(st.characters(blacklist_characters="{}#%" + MARK), max_size=5)


def _output(name: str, filters: list[str]) -> str:
    return "{{ " + "|".join([name, *filters]) + " }}"


def _templates() -> st.SearchStrategy[str]:
    leaves = st.one_of(_TEXT, st.builds(_output, st.sampled_from(_NAMES), _FILTERS))

    def blocks(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        runs = st.lists(inner, max_size=3).map("".join)
        return st.one_of(
            runs,
            st.builds(
                lambda name, body, other: (
                    f"{{% if {name} %}}{body}{{% else %}}{other}{{% endif %}}"
                ),
                st.sampled_from(_NAMES),
                runs,
                runs,
            ),
            st.builds(
                lambda item, name, body: f"{{% for {item} in {name} %}}{MARK}{body}{{% endfor %}}",
                st.sampled_from(("a", "b")),
                st.sampled_from(_NAMES),
                runs,
            ),
        )

    return st.recursive(leaves, blocks, max_leaves=8)


_CONTEXT_VALUES = st.one_of(
    s.template_values,
    st.lists(s.template_texts, max_size=4).map(lambda items: m.JsonArray(tuple(items))),
)
_CONTEXTS = st.dictionaries(st.sampled_from(("x", "y", "z")), _CONTEXT_VALUES, max_size=3)


@pytest.mark.flask
@pytest.mark.quart
@given(source=_templates(), context=_CONTEXTS)
def test_estimate_bounds_the_real_render(
    engine: Engine, source: str, context: dict[str, m.JsonValue]
) -> None:
    """For accepted templates, neither framework renders more characters than `chars` nor takes
    more loop iterations than `steps`."""
    items = tuple(context.items())
    assume(MARK not in repr(template_context(items)))
    value = m.RenderTemplateString(source, items)
    assume(work_problem(value) is None)
    work = template_work(source, items, MAX_TEMPLATE_NESTING)
    comparison = engine.compare_probe(Probe(value))
    for outcome in (comparison.flask, comparison.quart):
        if outcome.status != 200:
            continue  # Jinja refused the template or a filter failed: nothing was rendered
        text = outcome.body.decode("utf-8")
        assert len(text) <= work.chars, (source, items)
        assert text.count(MARK) <= work.steps, (source, items)
