"""What real servers send, through `/render` over a raw socket read by h11.

Two properties, on the servers `WIRE_SERVERS` selects (the default pair, Gunicorn and
Hypercorn, unless `nox -s wire` asks for all):

- every fact the wire registry records for a server still holds (strict both ways: a server
  that changes its habit turns this red);
- every catalogue scenario, every registry example and generated values reach the client as
  the app handed them over, save for what the server is known to change, or a wire entry that
  covers the value explains it.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck
from hypothesis import assume
from hypothesis import given
from hypothesis import settings

from parity import strategies
from parity.engine import Engine
from parity.request import ProbeRequest
from parity.servers import ServerPool
from parity.servers import target
from parity.servers import target_named
from parity.servers.targets import key_of
from parity.versions import active_divergences
from parity.versions import holds
from parity.versions import installed
from parity.wire.diff import SERVER_ADDED
from parity.wire.diff import wire_differences
from parity.wire.reader import WireReply
from parity.wire.reader import fetch
from shared import model as m
from shared.divergences import DIVERGENCES
from shared.divergences import Divergence
from shared.divergences.layers import Layer
from shared.frameworks import Framework
from shared.judgement import judge
from shared.judgement import judge_wire
from shared.outcome import Outcome
from shared.outcome import diff
from shared.parse import parse
from shared.probe import Probe
from shared.routes.guard import without_lab_headers
from shared.routes.health import HEALTH_PATH
from shared.routes.render import MAX_SOURCE_BYTES
from shared.routes.render import render_target
from shared.scenarios import SCENARIOS
from shared.wire_divergences import WIRE_DIVERGENCES
from shared.wire_divergences import WireDivergence
from tests.conftest import WIRE_SERVERS

pytestmark = [pytest.mark.servers, pytest.mark.flask, pytest.mark.quart]


def _fits(value: m.ReturnValue) -> bool:
    """Whether `/render` takes the value's source (at most MAX_SOURCE_BYTES of UTF-8); every
    server in the matrix reads such a query, percent-encoded."""
    return len(m.return_statement(value).encode("utf-8", "surrogatepass")) <= MAX_SOURCE_BYTES


def _request(probe: Probe) -> ProbeRequest:
    return ProbeRequest(probe.method, render_target(m.return_statement(probe.value)), probe.headers)


def _facts() -> list[object]:
    return [
        pytest.param(entry, example, key, id=f"{entry.id}-{index}-{key}")
        for entry in WIRE_DIVERGENCES
        for index, example in enumerate(entry.examples)
        for key in WIRE_SERVERS
    ]


@pytest.mark.parametrize(("entry", "example", "key"), _facts())
def test_wire_fact_holds(
    server_pool: ServerPool, entry: WireDivergence, example: Probe, key: str
) -> None:
    """The server sends what the registry records for the entry's example, and lives on (or
    dies) as recorded."""
    sends = entry.sends_on(key, installed().quart)
    server = server_pool.get(key)
    reply = fetch(server.host, server.port, server.authorized(_request(example)))
    assert not sends.mismatches(reply), f"{key}: {sends.mismatches(reply)}\n{reply.describe()}"
    if sends.dies:
        assert server.process.wait(timeout=10) is not None
    else:
        health = fetch(server.host, server.port, ProbeRequest("GET", HEALTH_PATH))
        assert health.status == 200, f"{key} stopped serving after {entry.id}"


def _probes() -> list[object]:
    scenario_probes = [
        pytest.param(Probe(parse(s.source), s.method), id=f"scenario-{s.id}") for s in SCENARIOS
    ]
    named = [(d.id, d.examples) for d in DIVERGENCES]
    named += [(d.id, d.examples) for d in WIRE_DIVERGENCES]
    example_probes = [
        pytest.param(example, id=f"{entry_id}-{index}")
        for entry_id, examples in named
        for index, example in enumerate(examples)
    ]
    return [*scenario_probes, *example_probes]


def _assert_passed_on(engine: Engine, pool: ServerPool, probe: Probe, key: str) -> None:
    request = _request(probe)
    chosen = target_named(key)
    boundary = engine.run(chosen.framework, request)
    server = pool.get(key)
    reply = fetch(server.host, server.port, server.authorized(request))
    if not reply.complete:
        pool.settle(key)
    found = wire_differences(boundary, reply, probe.method, chosen)
    left = judge_wire(probe, key, found).unexplained
    if left:
        lines = [f"{key}, {probe.method} returning:", m.return_statement(probe.value)]
        lines += [f"  - {d.field}: {d.sentence}" for d in left]
        lines += ["on the wire:", reply.describe(), "at the app boundary:", boundary.describe()]
        pytest.fail("\n".join(lines))


@pytest.mark.parametrize("key", WIRE_SERVERS)
@pytest.mark.parametrize("probe", _probes())
def test_known_return_reaches_the_client_as_handed_over(
    engine: Engine, server_pool: ServerPool, probe: Probe, key: str
) -> None:
    """Each catalogue and registry return reaches the client as the app handed it to the
    server, or a wire entry covering it says why not."""
    _assert_passed_on(engine, server_pool, probe, key)


@pytest.mark.parametrize("key", WIRE_SERVERS)
def test_generated_return_reaches_the_client_as_handed_over(
    engine: Engine, server_pool: ServerPool, key: str
) -> None:
    """Any generated return reaches the client as the app handed it over, or is covered."""

    # The session-scoped fixtures are safe to share across examples.
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(value=strategies.return_values, method=strategies.methods)
    def passed_on(value: m.ReturnValue, method: str) -> None:
        probe = Probe(value, method)
        assume(_fits(value))
        _assert_passed_on(engine, server_pool, probe, key)

    passed_on()


def _as_seen(reply: WireReply) -> Outcome:
    """The reply as an outcome, less the headers servers and the lab's guard add and the
    reason phrase (each server writes its own; `asgi-reason-phrase` records them)."""
    outcome = reply.to_outcome()
    headers = without_lab_headers(outcome.headers)
    kept = tuple(pair for pair in headers if pair[0] not in SERVER_ADDED)
    return dataclasses.replace(outcome, headers=kept, reason=None)


def _sendable(entry: Divergence) -> bool:
    """Whether /render can send the entry's examples: it reads the request body itself and
    takes the source from the query string, so an example with a body or a query string of
    its own cannot reach the view."""
    return all(not example.body and not example.query for example in entry.examples)


def test_entries_the_wire_cannot_send_say_so() -> None:
    """An entry whose examples need a request body or query string of their own is not
    measured on the wire, and says so where it tells what the wire shows."""
    for entry in DIVERGENCES:
        if not _sendable(entry):
            assert entry.on_the_wire.startswith("not measured on the wire"), entry.id


@pytest.mark.parametrize("entry", [pytest.param(d, id=d.id) for d in DIVERGENCES if _sendable(d)])
def test_boundary_entry_layer_holds_on_the_wire(server_pool: ServerPool, entry: Divergence) -> None:
    """An app-boundary entry marked `both` still makes Gunicorn and Hypercorn send replies
    that differ in its fields for some example; one marked `app boundary` reaches the client
    alike in those fields from both."""
    shown = []
    differing = 0
    for example in entry.examples:
        replies = []
        for framework in Framework:
            server = server_pool.get(key_of(target(framework)))
            replies.append(fetch(server.host, server.port, server.authorized(_request(example))))
        seen = [_as_seen(reply) for reply in replies]
        if "reason" in entry.fields:
            seen = [
                dataclasses.replace(o, reason=r.reason.decode("latin-1"))
                for o, r in zip(seen, replies, strict=True)
            ]
        # An error escaping to the server shows on the wire as whatever the server makes of
        # it (a 500, a cut reply), so an entry about errors counts any difference that no
        # other entry covering the example explains (Quart 0.23's Vary: Cookie, say).
        found = diff(seen[0], seen[1])
        others = [e for e in active_divergences() if e.id != entry.id]
        judgement = judge(example, seen[0], seen[1], found, versions=installed(), registry=others)
        elsewhere = {d.field for d in judgement.unexplained}
        counted = [
            d
            for d in found
            if entry.accounts_for(d) or ("error" in entry.fields and d.field in elsewhere)
        ]
        differing += bool(counted)
        shown.append(
            f"--- {m.return_statement(example.value)!r}\nFlask on Gunicorn:\n"
            f"{replies[0].describe()}\nQuart on Hypercorn:\n{replies[1].describe()}"
        )
    report = "\n".join(shown)
    if entry.layer is Layer.APP_BOUNDARY or not holds(entry):
        assert not differing, f"{entry.id} shows on the wire\n{report}"
    else:
        assert differing, f"{entry.id} no longer shows on the wire\n{report}"
