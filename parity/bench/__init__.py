"""`parity bench`: the boundary timings and the harness figures, printed and written as JSON."""

from __future__ import annotations

import json
import os
import platform
from datetime import UTC
from datetime import datetime
from pathlib import Path
from typing import Any

from parity.bench import boundary
from parity.bench import harness
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


def run_bench(requests: int, *, examples: int = 300, seeds: int = 5, out: str = "report") -> int:
    """Run every benchmark, print the tables, write `<out>/bench.json`; 1 if a goal is missed."""
    code = boundary.run_bench(requests)
    figures = harness.measure(examples=examples, seeds=seeds)
    print()
    for line in harness_lines(figures):
        print(line)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    document = {"schema": 1, "machine": machine(), "harness": harness_dict(figures)}
    (folder / "bench.json").write_text(json.dumps(document, indent=2))
    print(f"\nwrote {folder / 'bench.json'}")
    return code or (0 if all(figures.goals().values()) else 1)


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
        f"({figures.property_floor_ratio:.2f} of generation + raw calls)",
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
