"""How fast the differential harness explores, each figure beside its floor from the same run.

- generation: Hypothesis drawing what the property draws (an open probe and a registered
  feature, each a value with its request and settings), and nothing else;
- raw calls: one Flask WSGI call plus one Quart ASGI call per stored probe;
- the property: generation, both calls for both probes, the diffs and the judgements;
- replay: stored values through compare and judge, against the raw-call floor;
- rediscovery: from a cold random start, how long until every active registry entry has shown
  at least once (median over seeds, with each entry's first hit);
- where the property's time goes: the top functions of a profile.
"""

from __future__ import annotations

import cProfile
import pstats
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field

from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import Verbosity
from hypothesis import given
from hypothesis import seed
from hypothesis import settings

from parity import strategies
from parity.engine import Engine
from parity.versions import installed
from shared.judgement import holding
from shared.judgement import judge
from shared.probe import Probe

PROBES_AN_EXAMPLE = 2
"""The property checks an open probe and a registered feature each example."""
REDISCOVERY_GOAL_SECONDS = 3.0
REPLAY_GOAL_RATIO = 0.9
REDISCOVERY_CAP_SECONDS = 60.0
"""A seed that has not seen every entry by then is reported as not done, not waited for."""


@dataclass(frozen=True)
class Spread:
    """The median of several runs of one figure, with the lowest and highest."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, samples: list[float]) -> Spread:
        """The spread of the samples."""
        return cls(statistics.median(samples), min(samples), max(samples))

    def to_dict(self) -> dict[str, float]:
        """A JSON-ready form, rounded for reading."""
        return {
            "median": round(self.median, 4),
            "low": round(self.low, 4),
            "high": round(self.high, 4),
        }


@dataclass(frozen=True)
class Rediscovery:
    """One cold random run until every active entry showed: each entry's first hit."""

    seed: int
    seconds: float
    examples: int
    first_hits: dict[str, tuple[int, float]]
    """Entry id -> (examples drawn, seconds) at its first hit."""
    missed: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class HarnessFigures:
    """Everything `measure` found, per example and as ratios to the floors."""

    examples: int
    generation_ms: Spread
    raw_call_ms: Spread
    property_ms: Spread
    replay_ms: Spread
    rediscoveries: tuple[Rediscovery, ...]
    profile: tuple[tuple[str, float], ...]

    @property
    def property_per_second(self) -> float:
        """Examples a second of the differential property."""
        return 1000 / self.property_ms.median

    @property
    def property_floor_ratio(self) -> float:
        """The property's speed as a share of generation plus the raw calls of its two probes
        (1.0 is the floor)."""
        floor = self.generation_ms.median + PROBES_AN_EXAMPLE * self.raw_call_ms.median
        return floor / self.property_ms.median

    @property
    def replay_ratio(self) -> float:
        """Replay speed as a share of the raw-call floor; the goal is REPLAY_GOAL_RATIO."""
        return self.raw_call_ms.median / self.replay_ms.median

    @property
    def rediscovery_seconds(self) -> Spread:
        """Seconds to see every active entry, over the seeds."""
        return Spread.of([run.seconds for run in self.rediscoveries])

    def goals(self) -> dict[str, bool]:
        """Each goal and whether this run met it."""
        done = all(not run.missed for run in self.rediscoveries)
        return {
            f"rediscovery median <= {REDISCOVERY_GOAL_SECONDS:g} s": done
            and self.rediscovery_seconds.median <= REDISCOVERY_GOAL_SECONDS,
            f"replay >= {REPLAY_GOAL_RATIO:g} of the raw-call floor": self.replay_ratio
            >= REPLAY_GOAL_RATIO,
        }


def _quick(
    examples: int, chosen_seed: int | None = None
) -> Callable[[Callable[..., None]], object]:
    """Settings for a timed run: generation only, no database, nothing printed."""

    def wrap(test: Callable[..., None]) -> object:
        run = settings(
            max_examples=examples,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
            verbosity=Verbosity.quiet,
        )(given(pair=strategies.probe_pairs)(test))
        return run if chosen_seed is None else seed(chosen_seed)(run)

    return wrap


def draw_probes(examples: int, chosen_seed: int = 0) -> list[Probe]:
    """The probes of `examples` generated examples (two each), the same for the same seed."""
    drawn: list[Probe] = []

    @_quick(examples, chosen_seed)
    def collect(pair: tuple[Probe, Probe]) -> None:
        drawn.extend(pair)

    collect()  # type: ignore[operator]
    return drawn


def generation_ms(examples: int) -> float:
    """Milliseconds per example of Hypothesis drawing probes, and nothing else."""
    drawn = 0

    @_quick(examples)
    def count(pair: tuple[Probe, Probe]) -> None:
        nonlocal drawn
        drawn += 1

    started = time.perf_counter()
    count()  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000 / max(drawn, 1)


def raw_call_ms(engine: Engine, probes: list[Probe]) -> float:
    """Milliseconds per probe of one raw Flask WSGI call plus one raw Quart ASGI call, each
    under the probe's settings."""
    started = time.perf_counter()
    for probe in probes:
        engine.answer(probe)
    return (time.perf_counter() - started) * 1000 / len(probes)


def unexplained_count(engine: Engine, probe: Probe) -> int:
    """How many of a probe's differences the judgement leaves unexplained: the replay's work."""
    comparison = engine.compare_probe(probe)
    c = comparison
    return len(judge(probe, c.flask, c.quart, c.differences, versions=installed()).unexplained)


def replay_ms(engine: Engine, probes: list[Probe]) -> float:
    """Milliseconds per stored probe through compare and the registry's judgement."""
    started = time.perf_counter()
    for probe in probes:
        unexplained_count(engine, probe)
    return (time.perf_counter() - started) * 1000 / len(probes)


def property_ms(engine: Engine, examples: int) -> float:
    """Milliseconds per example of the differential property as the suite runs it."""
    ran = 0

    @_quick(examples)
    def check(pair: tuple[Probe, Probe]) -> None:
        nonlocal ran
        ran += 1
        for probe in pair:
            unexplained_count(engine, probe)

    started = time.perf_counter()
    check()  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000 / max(ran, 1)


class _AllSeen(Exception):
    """Raised inside the property once every active entry has shown, to end the run early."""


def rediscover(
    engine: Engine, chosen_seed: int, cap: float = REDISCOVERY_CAP_SECONDS
) -> Rediscovery:
    """From a cold random start with this seed, run the property until every active entry has
    covered a value and shown its symptom; each entry's first hit is kept."""
    versions = installed()
    entries = holding(versions)
    first: dict[str, tuple[int, float]] = {}
    drawn = 0
    started = time.perf_counter()

    @_quick(10**6, chosen_seed)
    def explore(pair: tuple[Probe, Probe]) -> None:
        nonlocal drawn
        elapsed = time.perf_counter() - started
        # Hypothesis runs the example that ended the run once more: it is not counted.
        if len(first) == len(entries) or elapsed > cap:
            raise _AllSeen
        drawn += 1
        for probe in pair:
            c = engine.compare_probe(probe)
            judgement = judge(probe, c.flask, c.quart, c.differences, versions=versions)
            for entry in judgement.applying:
                if entry.id not in first:
                    first[entry.id] = (drawn, time.perf_counter() - started)
        if len(first) == len(entries):
            raise _AllSeen

    try:
        explore()  # type: ignore[operator]
    except _AllSeen:
        pass
    seconds = max((hit[1] for hit in first.values()), default=cap)
    missed = tuple(e.id for e in entries if e.id not in first)
    return Rediscovery(chosen_seed, cap if missed else seconds, drawn, first, missed)


def profile(engine: Engine, examples: int, top: int = 10) -> tuple[tuple[str, float], ...]:
    """The functions the property spends most of its own time in, with their share."""
    profiler = cProfile.Profile()
    profiler.enable()
    property_ms(engine, examples)
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = stats.stats  # type: ignore[attr-defined]
    total = sum(row[2] for row in rows.values()) or 1.0
    ranked = sorted(rows.items(), key=lambda item: item[1][2], reverse=True)[:top]
    return tuple(
        (f"{_short(filename)}:{line}({name})", round(row[2] / total, 4))
        for (filename, line, name), row in ranked
    )


def _short(filename: str) -> str:
    """A profile row's file as a reader knows it: from the package folder on."""
    for marker in ("site-packages/", "/work/"):
        if marker in filename:
            return filename.rsplit(marker, 1)[1]
    return filename


def measure(examples: int = 300, runs: int = 3, seeds: int = 5) -> HarnessFigures:
    """Every harness figure: each per-example time the median of `runs` runs of `examples`."""
    with Engine() as engine:
        values = draw_probes(examples)
        engine.compare_probe(values[0])  # warm imports and caches
        generation = [generation_ms(examples) for _ in range(runs)]
        raw = [raw_call_ms(engine, values) for _ in range(runs)]
        replay = [replay_ms(engine, values) for _ in range(runs)]
        prop = [property_ms(engine, examples) for _ in range(runs)]
        found = tuple(rediscover(engine, chosen) for chosen in range(seeds))
        top = profile(engine, examples)
    return HarnessFigures(
        examples,
        Spread.of(generation),
        Spread.of(raw),
        Spread.of(prop),
        Spread.of(replay),
        found,
        top,
    )
