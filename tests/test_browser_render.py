"""The client predictions as a differential on `/render`: every registry example and a small
Hypothesis sample of returns go through `/render` on the default pair, each client runs in
Chromium on the harness page, and what it did must equal what `shared.clients` predicts from
the reply read off the wire (`WireReply.to_outcome()` and the reason phrase as written).

A disagreement fails; the prediction is fixed, citing the library's source. An example whose
reply the wire registry records as never complete on a default server (cut short, refused) has
nothing to predict from: it is left out of the Chromium run at collection, and a test checks
that the server still ends it that way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck
from hypothesis import assume
from hypothesis import given
from hypothesis import settings
from playwright.sync_api import Browser

from parity import strategies
from parity.request import ProbeRequest
from parity.servers import DEFAULTS
from parity.servers import HOST
from parity.servers import RunningServer
from parity.wire.reader import fetch
from shared import model as m
from shared.clients.predictions import CLIENTS
from shared.clients.predictions import agrees
from shared.clients.predictions import verdict_for
from shared.clients.seen import Seen
from shared.divergences import DIVERGENCES
from shared.frameworks import Framework
from shared.http.wire_reply import Result
from shared.probe import Probe
from shared.routes.guard import bearer
from shared.routes.render import MAX_SOURCE_BYTES
from shared.routes.render import render_target
from shared.wire_divergences import WIRE_DIVERGENCES
from tests.browser import launched
from tests.browser import observe

pytestmark = [pytest.mark.servers, pytest.mark.flask, pytest.mark.quart]

FRAMEWORKS = list(Framework)


def _fits(value: m.ReturnValue) -> bool:
    """Whether `/render` takes the value's source (at most MAX_SOURCE_BYTES of UTF-8); every
    server in the matrix reads such a query, percent-encoded."""
    return len(m.return_statement(value).encode("utf-8", "surrogatepass")) <= MAX_SOURCE_BYTES


SAMPLE_SIZE = 12
"""Generated returns per framework: a sample, kept small so the browser run stays short."""


def cut_short(probe: Probe, framework: Framework) -> dict[str, Result]:
    """The wire entries that record the framework's default server ending this probe's reply
    other than complete, with how it ends; empty when a complete reply is expected."""
    key = f"{framework.value}/{DEFAULTS[framework]}"
    found: dict[str, Result] = {}
    for entry in WIRE_DIVERGENCES:
        sends = entry.sends.get(key)
        if sends is not None and sends.result is not Result.COMPLETE and entry.covers(probe):
            found[entry.id] = sends.result
    return found


def _example_params(*, complete: bool) -> list[Any]:
    return [
        pytest.param(probe, framework, id=f"{entry.id}-{index}-{framework.value}")
        for entry in DIVERGENCES
        for index, probe in enumerate(entry.examples)
        for framework in FRAMEWORKS
        if (not cut_short(probe, framework)) is complete
    ]


EXAMPLES = _example_params(complete=True)
"""Registry examples with a complete reply on the default servers: clients run on them."""
CUT_SHORT = _example_params(complete=False)
"""Registry examples whose reply a wire entry records as never complete (no client could read
it, and `shared.clients` predicts from replies only): left out of the Chromium run."""


@pytest.fixture(name="render_browser", scope="module")
def _render_browser(default_servers: dict[Framework, RunningServer]) -> Iterator[Browser]:
    """Chromium, once the Flask server serves the client libraries."""
    with launched(default_servers[Framework.FLASK].url) as browser:
        yield browser


def disagreements(browser: Browser, server: RunningServer, probe: Probe) -> list[str] | None:
    """Each client whose behaviour in Chromium differs from its prediction, with both sides;
    None when no complete reply reached the wire, so there is nothing to predict from."""
    target = render_target(m.return_statement(probe.value))
    reply = fetch(HOST, server.port, server.authorized(ProbeRequest(probe.method, target)))
    if not reply.complete or reply.status is None:
        return None
    seen = Seen.from_outcome(reply.to_outcome(), reply.reason.decode("latin-1"), probe.method)
    # The harness page is on the server's own origin: each client sends the token itself.
    token = dict([bearer(server.token)])
    observations: dict[str, Any] = observe(browser, server.url, target, probe.method, token)
    found = []
    for client in CLIENTS:
        if not client.sends(probe.method):
            continue
        verdict = verdict_for(client, seen)
        if not agrees(verdict, observations[client.id]):
            found.append(
                f"{client.id}: predicted {verdict.to_dict()}, observed {observations[client.id]}"
            )
    return found


@pytest.mark.browser
@pytest.mark.parametrize(("probe", "framework"), EXAMPLES)
def test_registry_example_clients_do_what_shared_predicts(
    render_browser: Browser,
    default_servers: dict[Framework, RunningServer],
    probe: Probe,
    framework: Framework,
) -> None:
    """Each registry example through /render: every client does what its verdict says."""
    found = disagreements(render_browser, default_servers[framework], probe)
    assert found is not None, "no complete reply on the wire, and no wire entry records that"
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(("probe", "framework"), CUT_SHORT)
def test_registry_example_left_out_is_still_cut_short(
    default_servers: dict[Framework, RunningServer], probe: Probe, framework: Framework
) -> None:
    """Each example left out of the Chromium run still gets the reply its wire entries record
    (never a complete one) from the default server: once it does, it goes back into the run."""
    recorded = cut_short(probe, framework)
    target = render_target(m.return_statement(probe.value))
    server = default_servers[framework]
    reply = fetch(HOST, server.port, server.authorized(ProbeRequest(probe.method, target)))
    assert reply.result in recorded.values(), (
        f"ended {reply.result.value} ({reply.detail}); {sorted(recorded)} record "
        f"{sorted({r.value for r in recorded.values()})}"
    )


@pytest.mark.browser
@pytest.mark.parametrize("framework", FRAMEWORKS, ids=[f.value for f in FRAMEWORKS])
def test_generated_return_clients_do_what_shared_predicts(
    render_browser: Browser,
    default_servers: dict[Framework, RunningServer],
    framework: Framework,
) -> None:
    """A small Hypothesis sample of returns: every client does what its verdict says."""

    # The module-scoped fixtures are safe to share across examples.
    @settings(
        max_examples=SAMPLE_SIZE,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(value=strategies.return_values, method=strategies.methods)
    def predicted(value: m.ReturnValue, method: str) -> None:
        assume(_fits(value))
        found = disagreements(render_browser, default_servers[framework], Probe(value, method))
        assume(found is not None)
        assert found == [], "\n".join(found or [])

    predicted()
