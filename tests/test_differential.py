"""The differential property: Flask and Quart answer alike, or the registry says why.

Every test here drives both apps, so each carries both markers and runs in the `parity`
nox session on each version leg.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from parity import strategies
from parity.engine import Comparison
from parity.engine import Engine
from parity.profiles import PROPERTY_SHARDS
from parity.versions import holds
from parity.versions import installed
from shared import model as m
from shared.divergences import DIVERGENCES
from shared.divergences import Divergence
from shared.divergences import file_rules as file_sends
from shared.judgement import Judged
from shared.judgement import Judgement
from shared.judgement import judge
from shared.parse import parse
from shared.probe import Probe
from shared.scenarios import SCENARIOS
from shared.scenarios import Scenario

pytestmark = [pytest.mark.flask, pytest.mark.quart]

ENTRIES = [pytest.param(d, id=d.id) for d in DIVERGENCES]


def _report(probe: Probe, comparison: Comparison, left: list[Judged]) -> str:
    lines = [f"{probe.request_line()} returning:", m.return_statement(probe.value)]
    lines.append("differs unexplained:")
    lines += [f"  - {d.sentence}" for d in left]
    return "\n".join(lines)


def _assert_explained(probe: Probe, comparison: Comparison) -> None:
    left = _judged(probe, comparison).unexplained
    assert not left, _report(probe, comparison, list(left))


def _judged(probe: Probe, comparison: Comparison) -> Judgement:
    c = comparison
    return judge(probe, c.flask, c.quart, c.differences, versions=installed())


PROFILE = settings()  # the loaded profile's settings (conftest loads it first)
SHARDS = 1 if PROFILE.derandomize else PROPERTY_SHARDS
"""A random profile splits the property into shards of an equal share of its examples, each
drawing its own values, so that `pytest -n auto` spreads it over every core; a derandomized
profile would draw the same values in every shard, so it keeps one."""


@pytest.mark.parametrize("shard", range(SHARDS))
@settings(max_examples=max(1, PROFILE.max_examples // SHARDS))
@given(pair=strategies.probe_pairs)
def test_frameworks_agree_or_registry_explains(
    engine: Engine, shard: int, pair: tuple[Probe, Probe]
) -> None:
    """Any return value, to any request and under any settings the model covers, gets the
    same response from both apps, or a registered divergence that covers it shows its symptom
    and accounts for every differing field (an open draw and a registered feature each time)."""
    for probe in pair:
        _assert_explained(probe, engine.compare_probe(probe))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_scenario_agrees_or_is_explained(engine: Engine, scenario: Scenario) -> None:
    """Each named scenario, routing and hooks included, agrees across frameworks or is explained."""
    probe = Probe(parse(scenario.source), scenario.method)
    _assert_explained(probe, engine.compare_scenario(scenario))


def _example_params() -> list[object]:
    return [
        pytest.param(entry, example, id=f"{entry.id}-{index}")
        for entry in DIVERGENCES
        for index, example in enumerate(entry.examples)
    ]


@pytest.mark.parametrize(("entry", "example"), _example_params())
def test_example_still_diverges(engine: Engine, entry: Divergence, example: Probe) -> None:
    """Each entry's examples still diverge the way it says on the legs it claims, and do not
    on the others: a fix upstream turns this red."""
    comparison = engine.compare_probe(example)
    shows = entry.shows(comparison.flask, comparison.quart)
    if holds(entry):
        assert shows, f"{entry.id} no longer shows on {example.value.to_source()!r}"
        assert any(entry.accounts_for(d) for d in comparison.differences)
    else:
        assert not shows, f"{entry.id} shows outside its versions {entry.quart_versions!r}"


@pytest.mark.parametrize("entry", ENTRIES)
def test_entry_is_tight(engine: Engine, entry: Divergence) -> None:
    """Every value carrying an entry's feature in an otherwise plain return is covered by its
    predicate and shows its symptom, so the predicate names no value that agrees; on a leg
    the entry does not claim, none of those values shows it."""
    claimed = holds(entry)

    @given(probe=strategies.CASES[entry.id])
    def tight(probe: Probe) -> None:
        assert entry.applies_to(probe), f"the {entry.id} strategy left its predicate: {probe}"
        comparison = engine.compare_probe(probe)
        shows = entry.shows(comparison.flask, comparison.quart)
        source = m.return_statement(probe.value)
        if claimed:
            assert shows, f"{entry.id} covers this {probe.method} but it does not show:\n{source}"
        else:
            assert not shows, f"{entry.id} shows outside {entry.quart_versions!r}:\n{source}"

    tight()


@given(st.data())
def test_clean_values_agree(engine: Engine, data: st.DataObject) -> None:
    """Plain returns (plain body, int status, ASCII headers, GET) agree with no entry needed."""
    value = data.draw(strategies.wrapped(strategies.plain_bodies))
    comparison = engine.compare_value(value, "GET")
    differences = [d for d in comparison.differences if d.field != "header:vary"]
    assert not differences, m.return_statement(value)


WHOLE_RESPONSE_ENTRIES = frozenset({"head-body", "vary-cookie-always"})
"""Entries about the final response whatever the view returned, so they may explain a 500
page too."""


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize(
    "source",
    [
        "'Hello', 234, {'X-Foo': 'Bar'}, '???'",
        "'Hello', 234, {'X-Foo': 'Bar'}, 201.0",
        "'Hello', 234, {'X-Foo': 'Bar'}, b'201'",
        "iter(['a']), 200, {}, 'x'",
        "make_response('ok', '201 CREATED', {}, 'x')",
        "('ok',)",
    ],
)
def test_refused_shape_names_no_later_cause(engine: Engine, source: str, method: str) -> None:
    """A tuple size both frameworks refuse before reading the body is explained by no entry
    about the body, status or headers: only HEAD's dropped body is at work."""
    probe = Probe(parse(source), method)
    comparison = engine.compare_value(probe.value, method)
    named = set(_judged(probe, comparison).entry_ids)
    assert named <= WHOLE_RESPONSE_ENTRIES, f"{source!r} on {method} named {sorted(named)}"
    assert ("head-body" in named) == (method == "HEAD")


@pytest.mark.parametrize(
    ("source", "cause"),
    [
        pytest.param("iter(['a']), '201 CREATED'", "plain-iterator", id="body-before-status"),
        pytest.param("Response(iter(['a'])), b'201'", "bytes-status", id="response-then-status"),
        pytest.param("'ok', 201.0, {'X-A': 'caf\u00e9'}", "float-status", id="status-first"),
    ],
)
def test_first_refusal_is_the_only_cause(engine: Engine, source: str, cause: str) -> None:
    """Where one framework refuses a value at an earlier step, the entry for that step is named
    and no entry for a later step the refusing framework never reached."""
    probe = Probe(parse(source), "GET")
    comparison = engine.compare_value(probe.value, "GET")
    named = set(_judged(probe, comparison).entry_ids)
    assert named - WHOLE_RESPONSE_ENTRIES == {cause}


_NOT_RAISING = strategies.simple_bodies.filter(
    lambda b: (
        not isinstance(b, m.Abort | m.AbortWith)
        # A JSON read raises in Flask's view when the request is not JSON.
        and not (isinstance(b, m.RequestBody) and b.read in m.JSON_READS)
        and not isinstance(b, m.RequestText | m.UploadedFile)
        and not (isinstance(b, m.SendFile | m.SendFromDirectory) and file_sends.raises_in_either(b))
    )
)
_REFUSED_SIZES = st.one_of(
    st.tuples(_NOT_RAISING, strategies.statuses, strategies.headers_values(), strategies.statuses),
    st.tuples(_NOT_RAISING),
    st.tuples(_NOT_RAISING, strategies.statuses, strategies.statuses, strategies.statuses),
)


@given(items=_REFUSED_SIZES, method=strategies.methods)
def test_refused_sizes_name_only_whole_response_entries(
    engine: Engine, items: tuple[m.TupleItem, ...], method: str
) -> None:
    """Any return whose tuple has a size both frameworks refuse (around a body that does not
    raise first) is explained, if at all, only by entries about the whole response."""
    probe = Probe(m.ReturnTuple(items), method)
    comparison = engine.compare_value(probe.value, method)
    named = set(_judged(probe, comparison).entry_ids)
    assert named <= WHOLE_RESPONSE_ENTRIES, m.return_statement(probe.value)
