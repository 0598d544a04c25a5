"""Shared fixtures, Hypothesis profiles, and the framework parametrization."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from parity import profiles
from parity.engine import Engine

profiles.load()


@pytest.fixture(name="engine", scope="session")
def _engine() -> Iterator[Engine]:
    """One Flask app, one Quart app and an event loop for the whole session."""
    with Engine() as engine:
        yield engine
