"""Sanity of the wire registry itself: every entry complete, explained, and consistent."""

from __future__ import annotations

import dataclasses
import re

import pytest

from parity.servers import TARGETS
from parity.servers.targets import key_of
from shared.divergences import DIVERGENCES_BY_ID
from shared.divergences.upstream import UpstreamState
from shared.http.wire_reply import Framing
from shared.http.wire_reply import Result
from shared.http.wire_reply import WireReply
from shared.wire_divergences import SERVER_KEYS
from shared.wire_divergences import SERVERS
from shared.wire_divergences import SERVERS_BY_KEY
from shared.wire_divergences import WIRE_DIVERGENCES
from shared.wire_divergences import WIRE_FIELDS
from shared.wire_divergences import WireDivergence
from shared.wire_divergences.habits import Failure
from shared.wire_divergences.habits import Handling
from shared.wire_divergences.replies import body_failed
from shared.wire_divergences.replies import handled

ENTRIES = [pytest.param(d, id=d.id) for d in WIRE_DIVERGENCES]


def test_servers_are_the_targets() -> None:
    """Every server record has one command to start it, and every command a record."""
    assert SERVER_KEYS == tuple(key_of(t) for t in TARGETS)


def test_ids_are_unique_slugs_apart_from_the_boundary_ones() -> None:
    """Wire entry ids are unique slugs and never reuse an app-boundary entry's id."""
    ids = [d.id for d in WIRE_DIVERGENCES]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
    assert not set(ids) & set(DIVERGENCES_BY_ID)


@pytest.mark.parametrize("entry", ENTRIES)
def test_entry_records_every_server(entry: WireDivergence) -> None:
    """Each entry says what every server sends, so no server is silently left out."""
    assert set(entry.sends) == set(SERVER_KEYS)


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


def test_every_server_is_one_record_with_a_unique_key() -> None:
    """Each server is declared once, with its framework, a title and its habits."""
    keys = [server.key for server in SERVERS]
    assert len(keys) == len(set(keys))
    assert all(server.title and server.habits for server in SERVERS)


def test_a_record_missing_a_fact_an_entry_needs_is_named() -> None:
    """A habit that asks for the server's error reply, on a record without one, fails at once
    with the server's key, rather than recording a reply nobody measured."""
    uvicorn = SERVERS_BY_KEY["quart/uvicorn"]
    assert uvicorn.habits.error_reply is None
    with pytest.raises(ValueError, match="quart/uvicorn"):
        handled(uvicorn, Handling.REFUSES)
    with pytest.raises(ValueError, match="quart/uvicorn"):
        handled(uvicorn, Handling.WRITES)


def _reply(result: Result, status: int | None, body: bytes) -> WireReply:
    return WireReply(result, status, b"OK", b"HTTP/1.1", (), Framing.CHUNKED, body)


def test_a_racing_server_matches_any_reply_it_may_send() -> None:
    """A server that loses what it wrote now and then (Granian under Flask) may send the cut
    reply, a shorter one, or nothing; a complete reply is still a mismatch."""
    granian = SERVERS_BY_KEY["flask/granian"]
    sends = body_failed(granian, Failure.CUTS, b"a")
    assert not sends.mismatches(_reply(Result.REJECTED, 200, b"a"))
    assert not sends.mismatches(_reply(Result.REJECTED, 200, b""))
    assert not sends.mismatches(_reply(Result.EMPTY, None, b""))
    assert sends.mismatches(_reply(Result.COMPLETE, 200, b"a"))
    assert "now and then" in sends.sentence()
    steady = body_failed(SERVERS_BY_KEY["quart/hypercorn"], Failure.CUTS, b"a")
    assert steady.mismatches(_reply(Result.EMPTY, None, b""))


def test_a_reply_kept_open_from_quart_0_23_is_recorded_for_those_servers_only() -> None:
    """An entry whose reply a server keeps open on newer Quart releases records it for the
    servers whose habit says so, and only on those releases: the head and bytes stay as
    recorded, the ending becomes a timeout."""
    waiting = {s.key for s in SERVERS if s.habits.waits_for_the_app}
    assert waiting == {"quart/gunicorn"}
    kept = [entry for entry in WIRE_DIVERGENCES if entry.on_quart]
    assert {entry.id for entry in kept} == {"informational-final-status", "content-length-too-long"}
    for entry in kept:
        assert {other.server for other in entry.on_quart} == waiting
        for key in entry.sends:
            older, newer = entry.sends_on(key, "0.22.0"), entry.sends_on(key, "0.23.1")
            assert older == entry.sends[key]
            if key in waiting:
                assert newer == dataclasses.replace(older, result=Result.TIMEOUT)
            else:
                assert newer == older
