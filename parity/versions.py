"""Which Flask, Quart and Werkzeug this process runs; `shared.judgement` judges for them."""

from __future__ import annotations

from functools import cache
from importlib.metadata import version

from shared.divergences import Divergence
from shared.judgement import VERSIONED
from shared.judgement import Versions
from shared.judgement import holding
from shared.judgement import holds as holds_for


@cache
def installed() -> Versions:
    """The versions importable in this environment."""
    return Versions.of({name: version(name) for name in VERSIONED})


def holds(entry: Divergence, versions: Versions | None = None) -> bool:
    """Whether an entry claims to hold for these (by default the installed) versions."""
    return holds_for(entry, versions or installed())


def active_divergences() -> tuple[Divergence, ...]:
    """The entries that hold for the installed versions (for the tests that walk them)."""
    return holding(installed())
