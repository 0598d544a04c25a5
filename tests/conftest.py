"""Shared fixtures, Hypothesis profiles, and the framework parametrization."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from parity import profiles
from parity.engine import Engine
from parity.servers import RunningServer
from parity.servers import running
from parity.servers import target
from shared.frameworks import Framework

profiles.load()


@pytest.fixture(name="engine", scope="session")
def _engine() -> Iterator[Engine]:
    """One Flask app, one Quart app and an event loop for the whole session."""
    with Engine() as engine:
        yield engine


@pytest.fixture(name="default_servers", scope="session")
def _default_servers() -> Iterator[dict[Framework, RunningServer]]:
    """The default pair (Flask on Gunicorn, Quart on Hypercorn) on free loopback ports, for the
    whole session, always stopped at its end."""
    with running({framework: target(framework) for framework in Framework}) as started:
        yield started
