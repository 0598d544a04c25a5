"""The differential property: Flask and Quart answer alike, or the registry says why.

Every test here drives both apps, so each carries both markers and runs in the `parity`
nox session on each version leg.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parity import strategies
from parity.engine import Comparison
from parity.engine import Engine
from parity.versions import active_divergences
from parity.versions import holds
from shared import model as m
from shared.divergences import DIVERGENCES
from shared.divergences import Divergence
from shared.divergences import Probe
from shared.divergences import unexplained
from shared.parse import parse
from shared.scenarios import SCENARIOS
from shared.scenarios import Scenario

pytestmark = [pytest.mark.flask, pytest.mark.quart]

ENTRIES = [pytest.param(d, id=d.id) for d in DIVERGENCES]


def _report(probe: Probe, comparison: Comparison, left: list[object]) -> str:
    lines = [f"{probe.method} returning:", m.return_statement(probe.value), "differs unexplained:"]
    lines += [f"  - {d.sentence}" for d in left]  # type: ignore[attr-defined]
    return "\n".join(lines)


def _assert_explained(probe: Probe, comparison: Comparison) -> None:
    left = unexplained(
        probe, comparison.flask, comparison.quart, comparison.differences, active_divergences()
    )
    assert not left, _report(probe, comparison, left)  # type: ignore[arg-type]


@given(value=strategies.return_values, method=strategies.methods)
def test_frameworks_agree_or_registry_explains(
    engine: Engine, value: m.ReturnValue, method: str
) -> None:
    """Any return value gets the same response from both apps, or a registered divergence
    that covers it shows its symptom and accounts for every differing field."""
    probe = Probe(value, method)
    _assert_explained(probe, engine.compare_value(value, method))


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
    comparison = engine.compare_value(example.value, example.method)
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
        comparison = engine.compare_value(probe.value, probe.method)
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
