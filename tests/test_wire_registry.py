"""Sanity of the wire registry itself: every entry complete, explained, and consistent."""

from __future__ import annotations

import re

import pytest

from parity.servers import TARGETS
from parity.servers.targets import key_of
from shared.divergences import DIVERGENCES_BY_ID
from shared.divergences.upstream import UpstreamState
from shared.wire_divergences import SERVERS
from shared.wire_divergences import WIRE_DIVERGENCES
from shared.wire_divergences import WIRE_FIELDS
from shared.wire_divergences import WireDivergence

ENTRIES = [pytest.param(d, id=d.id) for d in WIRE_DIVERGENCES]


def test_servers_are_the_targets() -> None:
    """The registry records exactly the servers `parity.servers` can run."""
    assert set(SERVERS) == {key_of(t) for t in TARGETS}


def test_ids_are_unique_slugs_apart_from_the_boundary_ones() -> None:
    """Wire entry ids are unique slugs and never reuse an app-boundary entry's id."""
    ids = [d.id for d in WIRE_DIVERGENCES]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
    assert not set(ids) & set(DIVERGENCES_BY_ID)


@pytest.mark.parametrize("entry", ENTRIES)
def test_entry_records_every_server(entry: WireDivergence) -> None:
    """Each entry says what every server sends, so no server is silently left out."""
    assert set(entry.sends) == set(SERVERS)


@pytest.mark.parametrize("entry", ENTRIES)
def test_entry_is_explained(entry: WireDivergence) -> None:
    """Each entry has a title, a cause, examples its predicate covers, known fields, and a
    boundary entry that exists when it names one."""
    assert entry.title
    assert entry.cause
    assert entry.examples
    assert all(entry.covers(example) for example in entry.examples)
    assert set(entry.fields) <= set(WIRE_FIELDS)
    assert entry.boundary is None or entry.boundary in DIVERGENCES_BY_ID
    assert all(sends.sentence() for sends in entry.sends.values())
    assert entry.upstream.problems() == []


@pytest.mark.parametrize("entry", ENTRIES)
def test_an_injection_goes_to_a_security_channel(entry: WireDivergence) -> None:
    """An entry whose reply lets a view's text add a header is never filed as a public issue."""
    if entry.lets_through():
        assert entry.upstream.state is UpstreamState.SECURITY_CHANNEL


@pytest.mark.parametrize("entry", ENTRIES)
def test_entry_differs_between_servers(entry: WireDivergence) -> None:
    """An entry records at least two different answers; otherwise it is no divergence."""
    assert len(set(entry.sends.values())) >= 2


def test_only_werkzeug_lets_an_injected_header_through() -> None:
    """Where a view's text could add a header, only Werkzeug's development server writes it;
    the default servers (Gunicorn, Hypercorn) never do."""
    through = {server for entry in WIRE_DIVERGENCES for server in entry.lets_through()}
    assert through == {"flask/werkzeug"}
