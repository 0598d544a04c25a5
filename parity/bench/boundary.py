"""`parity bench`: how fast each app converts returns at its boundary, and whether memory holds.

Goals (the command exits 1 when one is missed):
- a scenario request through one app's boundary takes under MEDIAN_GOAL_MS at the median;
- a differential comparison (both apps) stays under COMPARE_GOAL_MS at the median, so the
  `ci` profile's hundreds of examples stay cheap;
- repeating requests does not grow traced memory by more than GROWTH_GOAL_KIB;
- `parity scan` of a generated 10,000-line codebase takes under SCAN_GOAL_SECONDS.
"""

from __future__ import annotations

import functools
import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass

from parity.engine import Engine
from parity.engine import scenario_request
from parity.scan.sample import SCAN_GOAL_SECONDS
from parity.scan.sample import SCAN_LINES
from parity.scan.sample import time_scan
from shared.parse import parse
from shared.scenarios import SCENARIOS_BY_ID

MEDIAN_GOAL_MS = 2.0
COMPARE_GOAL_MS = 5.0
GROWTH_GOAL_KIB = 512.0
CASES = (
    "plain-string",
    "jsonify-kwargs",
    "make-response-jsonify-201",
    "about-generator",
    "admin-page-anonymous",
)


@dataclass(frozen=True)
class Timing:
    """Latency of one repeated call, in milliseconds."""

    name: str
    median_ms: float
    p95_ms: float
    goal_ms: float

    @property
    def met(self) -> bool:
        """Whether the median is within the goal."""
        return self.median_ms <= self.goal_ms


def _time(name: str, call: Callable[[], object], repeats: int, goal_ms: float) -> Timing:
    call()  # warm caches and lazy imports before measuring
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return Timing(name, statistics.median(samples), samples[int(len(samples) * 0.95) - 1], goal_ms)


def _growth_kib(call: Callable[[], object], repeats: int) -> float:
    for _ in range(50):
        call()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        for _ in range(repeats):
            call()
        gc.collect()
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    return sum(stat.size_diff for stat in after.compare_to(before, "filename")) / 1024


def run_bench(requests: int, scan_lines: int = SCAN_LINES) -> int:
    """Time both apps over the bench scenarios, check memory, time `parity scan` of a generated
    tree of `scan_lines` lines (0 skips it), print a table; 1 if a goal fails."""
    timings: list[Timing] = []
    with Engine() as engine:
        for case in CASES:
            request = scenario_request(SCENARIOS_BY_ID[case])
            timings.append(
                _time(
                    f"flask {case}",
                    functools.partial(engine.run_flask, request),
                    requests,
                    MEDIAN_GOAL_MS,
                )
            )
            timings.append(
                _time(
                    f"quart {case}",
                    functools.partial(engine.run_quart, request),
                    requests,
                    MEDIAN_GOAL_MS,
                )
            )
        value = parse("jsonify({'error': 'Admin access is required'}), 401")
        timings.append(
            _time(
                "compare (both apps)",
                lambda: engine.compare_value(value),
                requests,
                COMPARE_GOAL_MS,
            )
        )
        growth = _growth_kib(lambda: engine.compare_value(value), requests)
    width = max(len(t.name) for t in timings)
    print(f"{'case':<{width}}  median ms  p95 ms  goal ms")
    for t in timings:
        mark = "" if t.met else "  MISSED"
        print(f"{t.name:<{width}}  {t.median_ms:9.3f}  {t.p95_ms:6.3f}  {t.goal_ms:7.1f}{mark}")
    memory_met = growth <= GROWTH_GOAL_KIB
    print(
        f"\ntraced memory growth over {requests} comparisons: {growth:.1f} KiB "
        f"(goal <= {GROWTH_GOAL_KIB:.0f} KiB){'' if memory_met else '  MISSED'}"
    )
    scan_met = True
    if scan_lines:
        scan = time_scan(scan_lines)
        scan_met = scan.met
        print(
            f"parity scan of {scan.lines} generated lines ({scan.returns} returns, {scan.shapes} "
            f"shapes): {scan.seconds:.1f} s (goal <= {SCAN_GOAL_SECONDS:.0f} s)"
            f"{'' if scan.met else '  MISSED'}"
        )
    return 0 if memory_met and scan_met and all(t.met for t in timings) else 1
