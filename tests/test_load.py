"""A bounded load run per server: 5,000 requests, 50 at once, the catalogue mixed."""

from __future__ import annotations

import pytest

from parity.engine import scenario_request
from parity.load import run_load
from parity.servers import ServerPool
from shared.scenarios import SCENARIOS
from tests.conftest import WIRE_SERVERS

pytestmark = [pytest.mark.servers, pytest.mark.flask, pytest.mark.quart]

REQUESTS = 5000
CONCURRENCY = 50


@pytest.mark.parametrize("key", WIRE_SERVERS)
def test_server_holds_up_under_load(
    server_pool: ServerPool, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every reply under load is complete and well-formed and the same as the request's
    answer alone; the server's memory growth is reported."""
    server = server_pool.get(key)
    result = run_load(
        server,
        [scenario_request(s) for s in SCENARIOS],
        total=REQUESTS,
        concurrency=CONCURRENCY,
    )
    with capsys.disabled():
        print(f"\nload {key}: {result.summary()}")
    assert not result.failed, result.failed[:5]
    assert not result.divergent, result.divergent[:5]
    assert server.process.poll() is None
