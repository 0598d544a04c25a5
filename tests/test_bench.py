"""The bench runs end to end on a small budget and writes what it promises (the figures
themselves are judged by `nox -s bench`, never by a timed test)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parity.bench import harness
from parity.bench import spread
from parity.bench.layout import CHARTS
from parity.bench.layout import HARNESS
from parity.cli import main
from parity.engine import Engine
from parity.report import bench_section
from parity.report import render_html
from parity.versions import active_divergences

pytestmark = [pytest.mark.flask, pytest.mark.quart]


def test_bench_smoke_run_writes_every_figure(tmp_path: Path) -> None:
    """A tiny `parity bench` without servers prints its tables and writes bench.json with the
    machine, every harness figure, its goals and each seed's first hits, and the harness chart."""
    code = main(
        [
            "bench",
            "--requests",
            "20",
            "--examples",
            "30",
            "--seeds",
            "1",
            "--servers",
            "none",
            "--spread-examples",
            "0",
            "--migrate-lines",
            "300",
            "--scan-lines",
            "300",
            "--out",
            str(tmp_path),
        ]
    )
    assert code in (0, 1)
    document = json.loads((tmp_path / "bench.json").read_text())
    assert document["machine"]["cores"] >= 1
    assert {"flask", "quart", "werkzeug", "python"} <= set(document["machine"])
    assert "servers" not in document
    figures = document["harness"]
    for key in ("generation_ms", "raw_call_ms", "property_ms", "replay_ms"):
        assert 0 < figures[key]["low"] <= figures[key]["median"] <= figures[key]["high"]
    assert len(figures["rediscoveries"]) == 1
    assert len(figures["profile"]) == 10
    assert set(figures["goals"]) == {
        "rediscovery median <= 3 s",
        "replay >= 0.9 of the raw-call floor",
    }
    assert (tmp_path / HARNESS).read_bytes().startswith(b"\x89PNG")
    migrate = document["migrate"]
    assert migrate["proofs"] == migrate["returns"] > 0
    assert migrate["migrate_scan_ratio"] == pytest.approx(
        migrate["migrate_seconds"] / migrate["scan_seconds"], abs=0.01
    )


def test_report_shows_the_bench_charts_that_exist(tmp_path: Path) -> None:
    """The report page gains a bench section with each chart file present, and escapes what
    bench.json holds."""
    (tmp_path / "bench.json").write_text(
        json.dumps({"machine": {"cores": 2, "python": "<b>3.11</b>"}, "harness": {}})
    )
    (tmp_path / HARNESS).write_bytes(b"\x89PNG")
    section = bench_section(tmp_path)
    assert section is not None
    assert [chart["file"] for chart in section["charts"]] == [HARNESS]
    page = render_html({"legs": [], "scenarios": [], "divergences": [], "unexplained": {}}, section)
    assert f'<img src="{HARNESS}"' in page
    assert "&lt;b&gt;3.11&lt;/b&gt;" in page
    assert all(name not in page for name, _ in CHARTS if name != HARNESS)


def test_report_has_no_bench_section_without_bench_json(tmp_path: Path) -> None:
    """Without bench.json in the folder the page has no bench section."""
    assert bench_section(tmp_path) is None
    page = render_html({"legs": [], "scenarios": [], "divergences": [], "unexplained": {}})
    assert 'id="bench"' not in page


def test_rediscovery_records_a_first_hit_for_every_active_entry(engine: Engine) -> None:
    """A cold run that is not cut short ends with a first hit for each active entry, in the
    order they were found."""
    run = harness.rediscover(engine, chosen_seed=0)
    assert not run.missed
    assert set(run.first_hits) == {entry.id for entry in active_divergences()}
    assert max(hit[0] for hit in run.first_hits.values()) == run.examples


def test_rediscovery_reports_what_a_cut_run_missed(engine: Engine) -> None:
    """A run cut off at once names every entry it did not see rather than waiting."""
    run = harness.rediscover(engine, chosen_seed=0, cap=0.0)
    assert set(run.missed) | set(run.first_hits) == {e.id for e in active_divergences()}
    assert run.missed


def test_spread_times_the_suite_on_one_core_and_on_all() -> None:
    """The xdist figure runs a real suite twice, once without xdist and once over every core,
    and reports both wall clocks and their ratio."""
    # Two workers whatever the machine: enough to exercise xdist, cheap on a many-core runner.
    figures = spread.measure(
        2, rounds=1, suite=f"{spread.SUITE}::test_clean_values_agree", workers=2
    )
    assert figures.workers == 2
    assert figures.one_core.median > 0
    assert figures.spread.median > 0
    assert figures.speedups == (figures.one_core.median / figures.spread.median,)
    assert "speedup" in "\n".join(spread.lines(figures))


def test_spread_names_a_missing_suite(tmp_path: Path) -> None:
    """Outside a clone the suite is missing, and the error says where it looked."""
    with pytest.raises(spread.SuiteMissing, match="run the bench from a clone"):
        spread.measure(2, rounds=1, root=tmp_path)
