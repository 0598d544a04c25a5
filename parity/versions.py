"""Which Flask and Quart this process runs, and which registry entries hold for them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.metadata import version

from packaging.specifiers import SpecifierSet

from shared.divergences import DIVERGENCES
from shared.divergences import Divergence


@dataclass(frozen=True)
class Versions:
    """The installed framework versions."""

    flask: str
    quart: str
    werkzeug: str

    @property
    def leg(self) -> str:
        """A short name for the version leg, as reports show it."""
        return f"Flask {self.flask} / Quart {self.quart} / Werkzeug {self.werkzeug}"


@cache
def installed() -> Versions:
    """The versions importable in this environment."""
    return Versions(version("flask"), version("quart"), version("werkzeug"))


def holds(entry: Divergence, versions: Versions | None = None) -> bool:
    """Whether an entry claims to hold for these (by default the installed) versions."""
    found = versions or installed()
    return (
        found.flask in SpecifierSet(entry.flask_versions)
        and found.quart in SpecifierSet(entry.quart_versions)
        and found.werkzeug in SpecifierSet(entry.werkzeug_versions)
    )


@cache
def active_divergences(versions: Versions | None = None) -> tuple[Divergence, ...]:
    """The entries that hold for these (by default the installed) versions; computed once
    per versions, because matching version specifiers costs more than a whole comparison."""
    return tuple(entry for entry in DIVERGENCES if holds(entry, versions))
