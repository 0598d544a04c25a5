"""Shared fixtures, Hypothesis profiles, and the framework parametrization."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from parity import profiles
from parity.engine import Engine
from parity.servers import RunningServer
from parity.servers import ServerPool
from parity.servers import running
from parity.servers import target
from parity.servers import target_named
from parity.servers.targets import selected_keys
from shared.frameworks import Framework

profiles.load()


@pytest.fixture(name="engine", scope="session")
def _engine() -> Iterator[Engine]:
    """One Flask app, one Quart app and an event loop for the whole session."""
    with Engine() as engine:
        yield engine


@pytest.fixture(name="default_servers", scope="session")
def _default_servers() -> Iterator[dict[Framework, RunningServer]]:
    """The default pair (Flask on Gunicorn's gthread worker, Quart on Hypercorn) on free
    loopback ports, for the whole session, always stopped at its end."""
    with running({framework: target(framework) for framework in Framework}) as started:
        yield started


WIRE_SERVERS = selected_keys(os.environ.get("PARITY_WIRE_SERVERS"))
"""The servers the wire suite runs against: the default pair unless `PARITY_WIRE_SERVERS` says
`all` or lists `<framework>/<server>` keys (`nox -s wire` sets `all`)."""


@pytest.fixture(name="server_pool", scope="session")
def _server_pool() -> Iterator[ServerPool]:
    """The selected servers, started on first use, restarted after a recorded crash, and all
    stopped at the end of the session."""
    pool = ServerPool({key: target_named(key) for key in WIRE_SERVERS})
    try:
        yield pool
    finally:
        pool.close()
