"""`parity bench`: the boundary timings, the harness figures and the figures of the apps on
real servers, printed, written as JSON and drawn as charts beside it."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from pathlib import Path
from typing import Any

from parity.bench import boundary
from parity.bench import harness
from parity.bench import migrate_ratio
from parity.bench import servers as server_bench
from parity.bench import spread
from parity.bench.layout import BENCH_JSON
from parity.printable import printable
from parity.scan.sample import SCAN_LINES
from parity.versions import installed


def machine() -> dict[str, Any]:
    """Where the figures come from: cores, Python, the package versions."""
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        **installed().__dict__,
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
    }


@dataclass(frozen=True)
class BenchOptions:
    """What `parity bench` measures, and for how long."""

    requests: int = 2000
    examples: int = 300
    seeds: int = 5
    out: str = "report"
    harness: bool = True
    """The boundary timings and the harness figures; False measures only the servers."""
    servers: str = "all"
    """`all`, `none`, or comma-separated `<framework>/<server>` keys."""
    scenarios: str = "all"
    """`all`, or comma-separated ids of the scenarios the servers are loaded with."""
    seconds: int = 1
    rounds: int = 3
    connections: int = server_bench.CONNECTIONS
    spread_examples: int = 300
    """Examples a test when the differential suite is timed on one core and on all; 0 skips."""
    migrate_lines: int = SCAN_LINES
    """Lines of the generated tree `parity migrate --prove` and `parity scan` both time; 0 skips."""
    scan_lines: int = SCAN_LINES
    """Lines of the generated tree the boundary part times `parity scan` on; 0 skips."""


def run_bench(options: BenchOptions) -> int:
    """Run the chosen benchmarks, print the tables, write `<out>/bench.json` and its charts;
    1 if a goal is missed, 2 for an unknown server or scenario, EXIT_NO_WRK when `wrk` is
    needed and missing."""
    try:
        keys = server_bench.selected(options.servers)
        scenarios = server_bench.chosen_scenarios(options.scenarios)
        if keys:
            server_bench.find_wrk()
    except (KeyError, server_bench.WrkMissing) as error:
        print(printable(f"parity: bench: {error.args[0]}"), file=sys.stderr)
        return 2 if isinstance(error, KeyError) else server_bench.EXIT_NO_WRK
    document: dict[str, Any] = {"schema": 1, "machine": machine()}
    goals: dict[str, bool] = {}
    code = 0
    if options.harness:
        code = boundary.run_bench(options.requests, options.scan_lines)
        figures = harness.measure(examples=options.examples, seeds=options.seeds)
        print()
        for line in harness_lines(figures):
            print(line)
        document["harness"] = harness_dict(figures)
        goals |= figures.goals()
        if options.spread_examples:
            try:
                suite = spread.measure(options.spread_examples, options.rounds)
            except (spread.SuiteMissing, RuntimeError, subprocess.TimeoutExpired) as error:
                print(printable(f"\nthe suite was not timed over the cores: {error}"))
            else:
                print()
                for line in spread.lines(suite):
                    print(line)
                document["spread"] = spread.as_dict(suite)
                goals |= suite.goals()
    if options.migrate_lines:
        timing = migrate_ratio.measure(options.migrate_lines)
        print()
        for line in migrate_ratio.lines(timing):
            print(line)
        document["migrate"] = migrate_ratio.as_dict(timing)
        goals |= timing.goals()
    if keys:
        print()
        measured = server_bench.measure(
            keys,
            seconds=options.seconds,
            rounds=options.rounds,
            connections=options.connections,
            scenarios=scenarios,
        )
        for line in server_bench.lines(measured):
            print(line)
        document["servers"] = server_bench.as_dict(measured)
        goals |= measured.goals()
    folder = Path(options.out)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / BENCH_JSON).write_text(json.dumps(document, indent=2))
    print(f"\nwrote {folder / BENCH_JSON}")
    try:
        from parity.bench import charts
    except ImportError:
        print("charts not drawn: matplotlib is not installed (pip install '.[bench]')")
    else:
        for drawn in charts.draw(document, folder):
            print(f"wrote {drawn}")
    return code or (0 if all(goals.values()) else 1)


def harness_lines(figures: harness.HarnessFigures) -> list[str]:
    """The harness table a person reads."""

    def spread(label: str, value: harness.Spread, unit: str) -> str:
        return (
            f"{label:<34} {value.median:8.3f} {unit}  (min {value.low:.3f}, max {value.high:.3f})"
        )

    lines = [
        f"harness, {figures.examples} examples a run, one core:",
        spread("generation alone", figures.generation_ms, "ms/example"),
        spread("raw calls (Flask + Quart)", figures.raw_call_ms, "ms/value"),
        spread("the property", figures.property_ms, "ms/example"),
        spread("replay (compare + judge)", figures.replay_ms, "ms/value"),
        f"{'property rate':<34} {figures.property_per_second:8.1f} examples/s "
        f"({figures.property_floor_ratio:.2f} of generation + "
        f"{harness.PROBES_AN_EXAMPLE} x raw calls)",
        f"{'replay against the raw-call floor':<34} {figures.replay_ratio:8.2f}",
        spread("rediscover every active entry", figures.rediscovery_seconds, "s"),
    ]
    for run in figures.rediscoveries:
        missed = f", never saw {', '.join(run.missed)}" if run.missed else ""
        slowest = sorted(run.first_hits.items(), key=lambda item: item[1][0])[-3:]
        last = ", ".join(f"{entry} at #{hit[0]}" for entry, hit in slowest)
        lines.append(
            f"  seed {run.seed}: {run.seconds:.2f} s, {run.examples} examples; last: {last}{missed}"
        )
    lines.append("where the property's own time goes (share of total):")
    lines += [f"  {share:6.1%}  {where}" for where, share in figures.profile]
    for goal, met in figures.goals().items():
        lines.append(f"goal {goal}: {'met' if met else 'MISSED'}")
    return lines


def harness_dict(figures: harness.HarnessFigures) -> dict[str, Any]:
    """The harness figures as JSON."""
    return {
        "examples": figures.examples,
        "generation_ms": figures.generation_ms.to_dict(),
        "raw_call_ms": figures.raw_call_ms.to_dict(),
        "property_ms": figures.property_ms.to_dict(),
        "replay_ms": figures.replay_ms.to_dict(),
        "probes_an_example": harness.PROBES_AN_EXAMPLE,
        "property_per_second": round(figures.property_per_second, 1),
        "property_floor_ratio": round(figures.property_floor_ratio, 3),
        "replay_ratio": round(figures.replay_ratio, 3),
        "rediscovery_seconds": figures.rediscovery_seconds.to_dict(),
        "rediscoveries": [
            {
                "seed": run.seed,
                "seconds": round(run.seconds, 3),
                "examples": run.examples,
                "missed": list(run.missed),
                "first_hits": {
                    entry: {"examples": hit[0], "seconds": round(hit[1], 3)}
                    for entry, hit in sorted(run.first_hits.items(), key=lambda item: item[1][0])
                },
            }
            for run in figures.rediscoveries
        ],
        "profile": [{"where": where, "share": share} for where, share in figures.profile],
        "goals": figures.goals(),
    }
