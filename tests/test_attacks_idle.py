"""Slow clients cannot stop a server: with 10 idle connections held (silent, or stopped partway
through a request line), a request is still answered within 1 s.

Run on the default pair always, and on every server the wire suite selects; a server of the
matrix that cannot meet it is a strict xfail saying why.
"""

from __future__ import annotations

import pytest

from parity.idle import held_idle
from parity.idle import timed_fetch
from parity.request import ProbeRequest
from parity.servers import ServerPool
from parity.servers.targets import selected_keys
from tests.conftest import WIRE_SERVERS

pytestmark = [pytest.mark.servers, pytest.mark.flask, pytest.mark.quart]

IDLE_CONNECTIONS = 10
ANSWER_WITHIN = 1.0
"""Seconds a request may take while the idle connections are held."""
GIVE_UP_AFTER = 3.0
"""Seconds to wait for a reply that is already too late (keeps a strict xfail short)."""
REQUEST = ProbeRequest("GET", "/scenarios/plain-string")
"""A catalogue route: answered by every server, no token or body needed."""

STOPPED_BY_IDLE_CLIENTS = {
    "flask/gunicorn": "Gunicorn's sync worker serves one connection at a time and waits up to "
    "its 30 s timeout for a request on an idle one",
}
"""Servers kept in the matrix that one idle client stops, and why."""

SHAPES = {"silent": (IDLE_CONNECTIONS, 0), "partial-request-line": (0, IDLE_CONNECTIONS)}
SHAPES["mixed"] = (IDLE_CONNECTIONS // 2, IDLE_CONNECTIONS - IDLE_CONNECTIONS // 2)


def _servers() -> list[object]:
    keys = dict.fromkeys((*selected_keys("default"), *WIRE_SERVERS))
    return [
        pytest.param(
            key,
            marks=pytest.mark.xfail(
                reason=STOPPED_BY_IDLE_CLIENTS[key], raises=AssertionError, strict=True
            ),
        )
        if key in STOPPED_BY_IDLE_CLIENTS
        else key
        for key in keys
    ]


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("key", _servers())
def test_request_answered_while_idle_connections_are_held(
    server_pool: ServerPool, key: str, shape: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """With 10 idle connections open, three requests in a row are each answered within 1 s,
    and the server still answers once they are gone."""
    server = server_pool.get(key)
    silent, partial = SHAPES[shape]
    with held_idle(server.host, server.port, silent, partial):
        timed = [timed_fetch(server.host, server.port, REQUEST, GIVE_UP_AFTER) for _ in range(3)]
    with capsys.disabled():
        print(f"\nidle {key} ({shape}): {', '.join(t.describe() for t in timed)}")
    assert all(t.reply.status == 200 and t.seconds <= ANSWER_WITHIN for t in timed), [
        t.describe() for t in timed
    ]
    after = timed_fetch(server.host, server.port, REQUEST, 10.0)
    assert after.reply.status == 200, after.describe()
