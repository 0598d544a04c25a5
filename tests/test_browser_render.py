"""The client predictions as a differential on `/render`: every registry example and a small
Hypothesis sample of returns go through `/render` on the default pair, each client runs in
Chromium on the harness page, and what it did must equal what `shared.clients` predicts from
the reply read off the wire (`WireReply.to_outcome()` and the reason phrase as written).

A disagreement fails; the prediction is fixed, citing the library's source.
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
from parity.servers import HOST
from parity.servers import RunningServer
from parity.wire import fetch
from shared import model as m
from shared.clients import CLIENTS
from shared.clients import Seen
from shared.clients import agrees
from shared.clients import verdict_for
from shared.divergences import DIVERGENCES
from shared.frameworks import Framework
from shared.guard import bearer
from shared.probe import Probe
from shared.render import MAX_SOURCE_BYTES
from shared.render import render_target
from tests.browser import launched
from tests.browser import observe

pytestmark = [pytest.mark.browser, pytest.mark.servers, pytest.mark.flask, pytest.mark.quart]

FRAMEWORKS = list(Framework)


def _fits(value: m.ReturnValue) -> bool:
    """Whether `/render` takes the value's source (at most MAX_SOURCE_BYTES of UTF-8); every
    server in the matrix reads such a query, percent-encoded."""
    return len(m.return_statement(value).encode("utf-8", "surrogatepass")) <= MAX_SOURCE_BYTES


SAMPLE_SIZE = 12
"""Generated returns per framework: a sample, kept small so the browser run stays short."""
EXAMPLES = [
    pytest.param(probe, framework, id=f"{entry.id}-{index}-{framework.value}")
    for entry in DIVERGENCES
    for index, probe in enumerate(entry.examples)
    for framework in FRAMEWORKS
]


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


@pytest.mark.parametrize(("probe", "framework"), EXAMPLES)
def test_registry_example_clients_do_what_shared_predicts(
    render_browser: Browser,
    default_servers: dict[Framework, RunningServer],
    probe: Probe,
    framework: Framework,
) -> None:
    """Each registry example through /render: every client does what its verdict says."""
    found = disagreements(render_browser, default_servers[framework], probe)
    if found is None:
        pytest.skip("no complete reply on the wire: shared.clients predicts from replies only")
    assert found == [], "\n".join(found)


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
