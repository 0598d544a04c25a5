"""Charts of bench.json, drawn with matplotlib (Agg, no display) as PNG files beside it.

Each chart reads only the JSON document, so `parity report` can show what the last
`parity bench` wrote without measuring anything again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (the backend is chosen before pyplot loads)
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from parity.bench.layout import HARNESS  # noqa: E402
from parity.bench.layout import THROUGHPUT  # noqa: E402
from parity.bench.layout import TO_BARE  # noqa: E402

_APP_COLOURS = {"project": "#1f77b4", "minimal": "#ff7f0e", "bare": "#2ca02c"}


def draw(document: dict[str, Any], folder: Path) -> list[Path]:
    """Draw every chart the document has figures for into `folder`; the files written."""
    written = []
    servers = document.get("servers")
    if servers and servers.get("cells"):
        written.append(_throughput(servers, folder / THROUGHPUT))
        written.append(_ratio_to_bare(servers, folder / TO_BARE))
    if document.get("harness"):
        written.append(_harness(document["harness"], folder / HARNESS))
    return written


def _cells(servers: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(c["server"], c["scenario"], c["app"]): c for c in servers["cells"]}


def _server_keys(servers: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(c["server"] for c in servers["cells"]))


def _throughput(servers: dict[str, Any], path: Path) -> Path:
    """Requests a second per scenario, one panel per server, project/minimal/bare side by side
    with min-max whiskers."""
    cells = _cells(servers)
    keys = _server_keys(servers)
    scenarios = servers["scenarios"]
    columns = min(len(keys), 4)
    rows = -(-len(keys) // columns)
    figure, axes = plt.subplots(
        rows, columns, figsize=(4.2 * columns, 3.6 * rows), squeeze=False, sharey=False
    )
    width = 0.27
    for index, key in enumerate(keys):
        ax: Axes = axes[index // columns][index % columns]
        for offset, app in enumerate(("project", "minimal", "bare")):
            spreads = [cells[(key, s, app)]["requests_per_second"] for s in scenarios]
            medians = [s["median"] for s in spreads]
            errors = _whiskers(spreads)
            positions = [i + (offset - 1) * width for i in range(len(scenarios))]
            ax.bar(
                positions,
                medians,
                width,
                yerr=errors,
                label=app,
                color=_APP_COLOURS[app],
                capsize=2,
            )
        ax.set_title(key, fontsize=10)
        ax.set_xticks(
            range(len(scenarios)),
            [_short(s) for s in scenarios],
            rotation=35,
            ha="right",
            fontsize=8,
        )
        ax.grid(axis="y", alpha=0.3)
        if index % columns == 0:
            ax.set_ylabel("requests/s (median, min-max)")
    for index in range(len(keys), rows * columns):
        axes[index // columns][index % columns].set_visible(False)
    axes[0][0].legend(fontsize=8)
    figure.suptitle(
        "Throughput per server and framework: the project's app, a minimal app, a bare callable",
        fontsize=11,
    )
    figure.tight_layout()
    figure.savefig(path, dpi=90)
    plt.close(figure)
    return path


def _ratio_to_bare(servers: dict[str, Any], path: Path) -> Path:
    """Per server, the project's and the minimal app's throughput over the bare callable's
    (median over scenarios), with the project over the minimal app and its goal."""
    per_server = servers["per_server"]
    keys = list(per_server)
    figure, ax = plt.subplots(figsize=(max(6.0, 1.3 * len(keys)), 4.0))
    width = 0.27
    series = (
        ("project / bare", "project_over_bare", _APP_COLOURS["project"]),
        ("minimal / bare", "minimal_over_bare", _APP_COLOURS["minimal"]),
        ("project / minimal", "project_over_minimal", "#9467bd"),
    )
    for offset, (label, field, colour) in enumerate(series):
        positions = [i + (offset - 1) * width for i in range(len(keys))]
        ax.bar(positions, [per_server[k][field] for k in keys], width, label=label, color=colour)
    goal = servers.get("goal", 0.95)
    ax.axhline(goal, color="#9467bd", linestyle="--", linewidth=1, label=f"goal {goal:g}")
    ax.axhline(1.0, color="#555555", linewidth=0.8)
    ax.set_xticks(range(len(keys)), keys, rotation=25, ha="right", fontsize=8)
    ax.set_ylabel("ratio of requests/s (median over scenarios)")
    ax.set_title(
        "What each layer costs on each server (1.0 = as fast as the reference)", fontsize=11
    )
    return _save(figure, ax, path)


def _harness(harness: dict[str, Any], path: Path) -> Path:
    """The harness's per-example times beside their floors: generation plus the raw calls of
    an example's probes against the property, raw calls against replay."""
    labels = ["generation", "raw calls", "the property", "replay"]
    spreads = [harness[k] for k in ("generation_ms", "raw_call_ms", "property_ms", "replay_ms")]
    medians = [s["median"] for s in spreads]
    errors = _whiskers(spreads)
    figure, ax = plt.subplots(figsize=(6.5, 3.8))
    colours = ["#c7c7c7", "#7f7f7f", "#1f77b4", "#ff7f0e"]
    ax.bar(labels, medians, yerr=errors, color=colours, capsize=3)
    probes = harness.get("probes_an_example", 1)
    floor = medians[0] + probes * medians[1]
    calls = "raw calls" if probes == 1 else f"{probes} x raw calls"
    ax.axhline(
        floor,
        color="#1f77b4",
        linestyle="--",
        linewidth=1,
        label=f"property floor (generation + {calls}) {floor:.2f} ms",
    )
    ax.set_ylabel("ms per example or value (median, min-max)")
    ax.set_title(
        f"Harness: property at {harness['property_floor_ratio']:.2f} of its floor, "
        f"replay at {harness['replay_ratio']:.2f} of raw calls",
        fontsize=10,
    )
    return _save(figure, ax, path)


def _whiskers(spreads: list[dict[str, float]]) -> list[list[float]]:
    """Error bars from each spread's median down to its low and up to its high."""
    return [
        [s["median"] - s["low"] for s in spreads],
        [s["high"] - s["median"] for s in spreads],
    ]


def _save(figure: Figure, ax: Axes, path: Path) -> Path:
    """Grid, legend, tight layout, then the PNG at `path`; the figure is closed."""
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=90)
    plt.close(figure)
    return path


def _short(scenario: str) -> str:
    """A scenario id short enough for an axis label."""
    return scenario.replace("make-response-", "").replace("about-", "")
