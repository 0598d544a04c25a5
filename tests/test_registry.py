"""Sanity of the registry of known divergences itself."""

from __future__ import annotations

import re

import pytest
from packaging.specifiers import SpecifierSet

from parity.strategies import CASES
from shared.divergences import DIVERGENCES
from shared.divergences import Divergence

ENTRIES = [pytest.param(d, id=d.id) for d in DIVERGENCES]


def test_ids_are_unique_slugs() -> None:
    """Entry ids are unique slugs."""
    ids = [d.id for d in DIVERGENCES]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_every_entry_has_a_case_strategy() -> None:
    """Each entry has exactly one strategy of its own cases, and no strategy is orphaned."""
    assert set(CASES) == {d.id for d in DIVERGENCES}


@pytest.mark.parametrize("entry", ENTRIES)
def test_entry_is_explained(entry: Divergence) -> None:
    """Each entry says what each side does, why, where the diff shows, and has examples."""
    assert entry.title
    assert entry.flask
    assert entry.quart
    assert entry.cause
    assert entry.on_the_wire
    assert entry.fields
    assert entry.examples
    SpecifierSet(entry.flask_versions)
    SpecifierSet(entry.quart_versions)
    SpecifierSet(entry.werkzeug_versions)
    assert entry.upstream.problems() == []


@pytest.mark.parametrize("entry", ENTRIES)
def test_examples_are_covered(entry: Divergence) -> None:
    """An entry's own examples fall under its predicate."""
    assert all(entry.applies_to(example) for example in entry.examples)
