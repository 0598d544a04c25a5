"""Which releases of Flask, Werkzeug and Quart the matrix measures, and which of them install."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import asdict
from dataclasses import dataclass
from pathlib import Path

PACKAGES = ("flask", "werkzeug", "quart", "python")
"""The dimensions, in the order a combination is written."""

QUARTS = {"0.19.9": "3.11", "0.20.0": "3.11", "0.21.0": "3.11", "0.22.0": "3.11", "0.23.1": "3.13"}
"""The newest release of each Quart minor (0.23.0 is yanked), and the Python it runs on here:
the lab itself needs 3.11, and Quart 0.23 needs 3.13."""
FLASKS = ("3.0.3", "3.1.3")
WERKZEUGS = ("3.0.6", "3.1.0", "3.1.6", "3.1.9")
"""Werkzeug 3.1.7 started advertising Accept-Ranges on every conditional answer
(werkzeug#3108), so the last release before it is a column of its own."""


@dataclass(frozen=True, order=True)
class Combination:
    """One set of versions the lab runs on."""

    flask: str
    werkzeug: str
    quart: str
    python: str

    @property
    def key(self) -> str:
        """`flask=X werkzeug=Y quart=Z python=P`, as `--list` prints it."""
        return " ".join(f"{name}={value}" for name, value in asdict(self).items())

    @property
    def slug(self) -> str:
        """A name for a folder or a nox session: `flask3.1.3-werkzeug3.1.9-...`."""
        return "-".join(f"{name}{value}" for name, value in asdict(self).items())

    @property
    def pins(self) -> list[str]:
        """The requirements that install exactly these releases."""
        return [f"{name}=={getattr(self, name)}" for name in PACKAGES[:3]]

    def matches(self, wanted: Mapping[str, str]) -> bool:
        """Whether each `KEY=VERSION` asked for is this version or a prefix of it (`0.22`)."""
        for name, version in wanted.items():
            mine = getattr(self, name)
            if not (mine == version or mine.startswith(version + ".")):
                return False
        return True


OLDEST = Combination(flask="2.2.5", werkzeug="2.3.8", quart="0.18.4", python="3.11")
"""The oldest pair that installs: Quart 0.18 pins blinker below 1.6, which Flask 2.3 needs,
and Quart 0.18.4 beside Werkzeug 3 fails on import (`url_quote`)."""


def candidates() -> list[Combination]:
    """Every combination the grid names, installable or not."""
    grid = [
        Combination(flask, werkzeug, quart, python)
        for quart, python in QUARTS.items()
        for flask in FLASKS
        for werkzeug in WERKZEUGS
    ]
    return [OLDEST, *grid]


class OnlyError(ValueError):
    """`--only` names a key the matrix has no dimension for, or is not KEY=VERSION."""


def read_only(text: str | None) -> dict[str, str]:
    """`--only flask=3.1,quart=0.22` as {"flask": "3.1", "quart": "0.22"}."""
    wanted: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        name, equals, version = part.partition("=")
        name, version = name.strip(), version.strip()
        if not equals or not version:
            raise OnlyError(f"--only takes KEY=VERSION[,KEY=VERSION], not {part!r}")
        if name not in PACKAGES:
            raise OnlyError(f"--only: {name!r} is not one of {', '.join(PACKAGES)}")
        wanted[name] = version
    return wanted


def installable(uv: str, combinations: Iterable[Combination], cache: Path) -> list[Combination]:
    """The combinations whose pins resolve together on their Python, asked of uv once each and
    remembered in `cache` (resolution needs the package index, or uv's own cache)."""
    known: dict[str, bool] = json.loads(cache.read_text()) if cache.is_file() else {}
    kept = []
    for combination in combinations:
        if combination.key not in known:
            done = subprocess.run(
                [uv, "pip", "compile", "--quiet", "--python-version", combination.python, "-"],
                input="\n".join(combination.pins),
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            known[combination.key] = done.returncode == 0
        if known[combination.key]:
            kept.append(combination)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(known, indent=1, sort_keys=True))
    return kept
