"""Parametrizations shared by several test modules."""

from __future__ import annotations

import pytest

from shared.frameworks import Framework

FRAMEWORKS = [
    pytest.param(Framework.FLASK, id="flask", marks=pytest.mark.flask),
    pytest.param(Framework.QUART, id="quart", marks=pytest.mark.quart),
]
"""Parametrize a test over both frameworks; each param carries its framework's marker."""
