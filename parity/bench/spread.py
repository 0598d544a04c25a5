"""The differential suite under a random profile on one core, and spread over every core by
pytest-xdist, timed in the same run: the speedup is the ratio of the two wall clocks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from parity.bench.harness import Spread
from parity.profiles import EXAMPLES_VARIABLE
from parity.profiles import PROFILE_VARIABLE

SPEEDUP_GOAL = 1.8
SUITE = "tests/test_differential.py"
TIMEOUT_SECONDS = 900.0
"""One pytest run that takes longer is stopped and reported, never waited for."""


class SuiteMissing(Exception):
    """The suite is not in this folder (an installed wheel has no tests/)."""


@dataclass(frozen=True)
class SpreadFigures:
    """Wall-clock seconds of the suite on one core and on `workers`, `rounds` runs each."""

    examples: int
    workers: int
    one_core: Spread
    spread: Spread
    speedups: tuple[float, ...]
    """One core over spread, per round (the two runs of a round are back to back)."""

    @property
    def speedup(self) -> Spread:
        """The per-round speedups: median, min and max."""
        return Spread.of(list(self.speedups))

    def goals(self) -> dict[str, bool]:
        """The xdist goal and whether this run met it."""
        return {
            f"thorough suite over {self.workers} cores >= {SPEEDUP_GOAL:g}x one core": (
                self.speedup.median >= SPEEDUP_GOAL
            )
        }


def _pytest(workers: int, examples: int, root: Path, suite: str) -> float:
    """Seconds of one run of the suite; a failing or stuck run is an error, not a figure."""
    command = [sys.executable, "-m", "pytest", suite, "-q", "-p", "no:cacheprovider"]
    command += ["-n", str(workers)] if workers > 1 else ["-p", "no:xdist"]
    environment = {**os.environ, PROFILE_VARIABLE: "thorough", EXAMPLES_VARIABLE: str(examples)}
    started = time.perf_counter()
    finished = subprocess.run(
        command,
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    seconds = time.perf_counter() - started
    if finished.returncode != 0:
        last = (finished.stdout.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"the suite failed with {workers} worker(s): {last}")
    return seconds


def measure(
    examples: int,
    rounds: int = 3,
    root: Path | None = None,
    suite: str = SUITE,
    workers: int | None = None,
) -> SpreadFigures:
    """`rounds` pairs of runs (one core, then `workers`, by default every core), each round's
    speedup its own ratio."""
    root = root or Path.cwd()
    if not (root / suite.partition("::")[0]).is_file():
        raise SuiteMissing(f"{suite} is not in {root}: run the bench from a clone")
    workers = workers or os.cpu_count() or 1
    one: list[float] = []
    spread: list[float] = []
    for _ in range(rounds):
        one.append(_pytest(1, examples, root, suite))
        spread.append(_pytest(workers, examples, root, suite))
    ratios = tuple(a / b for a, b in zip(one, spread, strict=True))
    return SpreadFigures(examples, workers, Spread.of(one), Spread.of(spread), ratios)


def lines(figures: SpreadFigures) -> list[str]:
    """The table a person reads."""
    low, high = figures.speedup.low, figures.speedup.high
    return [
        f"the differential suite, thorough profile at {figures.examples} examples a test:",
        f"{'one core':<34} {figures.one_core.median:8.1f} s  "
        f"(min {figures.one_core.low:.1f}, max {figures.one_core.high:.1f})",
        f"{f'{figures.workers} cores (pytest -n {figures.workers})':<34} "
        f"{figures.spread.median:8.1f} s  (min {figures.spread.low:.1f}, "
        f"max {figures.spread.high:.1f})",
        f"{'speedup':<34} {figures.speedup.median:8.2f}x (min {low:.2f}, max {high:.2f})",
        *(f"goal {goal}: {'met' if met else 'MISSED'}" for goal, met in figures.goals().items()),
    ]


def as_dict(figures: SpreadFigures) -> dict[str, object]:
    """The figures as JSON."""
    return {
        "examples": figures.examples,
        "workers": figures.workers,
        "one_core_seconds": figures.one_core.to_dict(),
        "spread_seconds": figures.spread.to_dict(),
        "speedups": [round(ratio, 3) for ratio in figures.speedups],
        "speedup": figures.speedup.to_dict(),
        "goals": figures.goals(),
    }
