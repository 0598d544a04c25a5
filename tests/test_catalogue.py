"""Sanity of the scenario catalogue itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docs_tables import scenarios as scenarios_table

from shared.divergences import DIVERGENCES_BY_ID
from shared.parse import parse
from shared.probe import Probe
from shared.scenarios import SCENARIOS
from shared.scenarios import Scenario
from shared.scenarios import Seed
from shared.users import USER_HEADER

BY_ID = [pytest.param(s, id=s.id) for s in SCENARIOS]

SEED_EXAMPLES = {
    "plain-string": "'ok'",
    "json-dumps-contenttype-typo": (
        "json.dumps({'success': True}), 200, {'ContentType': 'application/json'}"
    ),
    "jsonify-kwargs": "jsonify(success=True)",
    "jsonify-status-code-set-after": (
        "resp = jsonify(success=True)\nresp.status_code = 200\nreturn resp"
    ),
    "jsonify-error-401": "jsonify({'error': 'Admin access is required'}), 401",
}
"""Seed examples whose source the catalogue must carry word for word."""


def test_ids_are_unique_slugs() -> None:
    """Every id is a unique lower-case slug, usable as a route, a test id and a report anchor."""
    ids = [s.id for s in SCENARIOS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


@pytest.mark.parametrize("scenario", BY_ID)
def test_source_parses_and_round_trips(scenario: Scenario) -> None:
    """Each scenario's source is in the grammar and renders back to the same value."""
    value = parse(scenario.source)
    assert parse(value.to_source()) == value


@pytest.mark.parametrize("scenario", BY_ID)
def test_scenario_is_described(scenario: Scenario) -> None:
    """Each scenario has a title and a request the apps can serve."""
    assert scenario.title.strip()
    assert scenario.url.startswith("/")
    assert scenario.method in {"GET", "HEAD", "POST", "OPTIONS"}


def test_every_seed_is_represented() -> None:
    """Each source of scenarios contributes at least one."""
    assert {s.seed for s in SCENARIOS} == set(Seed)


@pytest.mark.parametrize(("scenario_id", "source"), SEED_EXAMPLES.items())
def test_seed_example_is_present(scenario_id: str, source: str) -> None:
    """The seed answers' examples are in the catalogue exactly as they were written."""
    found = {s.id: s for s in SCENARIOS}
    assert found[scenario_id].source == source


def test_typo_and_fix_stand_side_by_side() -> None:
    """The ContentType typo has its corrected form next to it in the catalogue."""
    ids = [s.id for s in SCENARIOS]
    assert ids.index("json-dumps-content-type") == ids.index("json-dumps-contenttype-typo") + 1


@pytest.mark.parametrize("scenario", [p for p in BY_ID if p.values[0].differs_on])  # type: ignore[union-attr]
def test_known_differences_name_covering_entries(scenario: Scenario) -> None:
    """A scenario's known difference names a registry entry whose predicate covers it."""
    for entry_id in scenario.differs_on.values():
        entry = DIVERGENCES_BY_ID[entry_id]
        assert entry.applies_to(Probe(parse(scenario.source), scenario.method))


def test_docs_list_every_scenario_and_the_user_header() -> None:
    """The scenarios page prints the table generated from every scenario, and names the header
    that picks the user."""
    page = (Path(__file__).parent.parent / "docs" / "reference" / "scenarios.md").read_text()
    assert "```{parity-table} scenarios\n```" in page
    assert [row[0].strip("`") for row in scenarios_table().rows] == [s.id for s in SCENARIOS]
    assert f"**`{USER_HEADER}`**" in page
