"""The Hypothesis profiles, picked with HYPOTHESIS_PROFILE: `ci`, `dev` (default), `thorough`."""

from __future__ import annotations

import os

from hypothesis import HealthCheck
from hypothesis import settings

PROFILE_VARIABLE = "HYPOTHESIS_PROFILE"
EXAMPLES_VARIABLE = "PARITY_THOROUGH_EXAMPLES"
"""Examples a test under `thorough` (default 20,000); the bench times the suite with fewer."""

PROPERTY_SHARDS = 4
"""Parts the differential property is split into under a random profile: two a core here,
so that `pytest -n auto` keeps both cores busy to the end."""

settings.register_profile(
    "ci",
    max_examples=300,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "thorough",
    max_examples=int(os.environ.get(EXAMPLES_VARIABLE, "20000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def load() -> str:
    """Load the profile the environment names (default `dev`) and return its name."""
    name = os.environ.get(PROFILE_VARIABLE, "dev")
    settings.load_profile(name)
    return name
