"""What `parity bench` writes into its folder, named once for the bench and the report."""

from __future__ import annotations

BENCH_JSON = "bench.json"
THROUGHPUT = "bench-throughput.png"
TO_BARE = "bench-ratio-to-bare.png"
HARNESS = "bench-harness.png"
CHARTS = (
    (
        THROUGHPUT,
        "Throughput per server and framework: the project's app, a minimal app, a bare "
        "callable (requests/s, median of the rounds, min-max whiskers)",
    ),
    (
        TO_BARE,
        "Ratios per server: project and minimal app over the bare callable, project over "
        "the minimal app, with the 0.95 goal",
    ),
    (HARNESS, "Harness: time per example beside its floors"),
)
"""Each chart's file name and the caption the report shows under it, in the report's order."""
