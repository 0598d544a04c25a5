"""`parity report`: explore with Hypothesis and write report/index.html and report/report.json.

Each run measures the installed version leg and writes `legs/<leg>.json`; `report.json`
and `index.html` are then rebuilt from every leg file present, so running the report on
both legs gives one side-by-side report.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from collections import Counter
from datetime import UTC
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import find
from hypothesis import given
from hypothesis import settings
from hypothesis.errors import NoSuchExample
from jinja2 import Environment
from jinja2 import PackageLoader

from parity import profiles
from parity import strategies
from parity.bench.layout import BENCH_JSON
from parity.bench.layout import CHARTS
from parity.clients import clients_dict
from parity.engine import Comparison
from parity.engine import Engine
from parity.profiles import PROFILE_VARIABLE
from parity.versions import holds
from parity.versions import installed
from parity.wire import columns as wire_report
from shared import model as m
from shared.divergences import DIVERGENCES
from shared.divergences import Divergence
from shared.judgement import ambient
from shared.judgement import judge
from shared.judgement import shows
from shared.parse import parse
from shared.probe import Probe
from shared.scenarios import SCENARIOS
from shared.scenarios import Scenario
from shared.users import USER_HEADER
from shared.users import USERS

DEFAULT_EXAMPLES = 2000
"""Examples explored when neither --examples nor HYPOTHESIS_PROFILE says (thorough: 20,000)."""


def leg_id() -> str:
    """A file-name-safe id for the installed versions and Python."""
    v = installed()
    python = ".".join(platform.python_version_tuple()[:2])
    return f"flask{v.flask}-quart{v.quart}-py{python}"


def write_report(out: str, examples: int | None, wire: str = "none") -> int:
    """Measure this leg, merge it with the legs already written, write the report; exit 1 when
    exploration found a divergence the registry does not explain. `wire` names the servers
    whose replies to each scenario get a column (`all`, `default`, `none`, or keys)."""
    folder = Path(out)
    count = examples or _profile_examples()
    started = time.monotonic()
    with Engine() as engine:
        _say(f"leg {leg_id()}: {len(SCENARIOS)} scenarios, {len(DIVERGENCES)} divergences")
        comparisons = {s.id: engine.compare_scenario(s) for s in SCENARIOS}
        scenario_rows = [scenario_row(s, comparisons[s.id], i) for i, s in enumerate(SCENARIOS, 1)]
        keys = wire_report.server_keys(wire)
        if keys:
            _say(f"[wire] every scenario on {len(keys)} servers: {', '.join(keys)}")
        cells = wire_report.measure(keys, SCENARIOS, comparisons)
        for row in scenario_rows:
            row["result"]["wire"] = cells.get(row["id"], {})
        entry_rows = [_divergence(engine, e, i) for i, e in enumerate(DIVERGENCES, 1)]
        hits, found = _explore(engine, count)
    leg = _leg(count, time.monotonic() - started)
    for row in entry_rows:
        row["result"]["explored_hits"] = hits.get(row["id"], 0)
    measured = {
        "leg": leg,
        "scenarios": scenario_rows,
        "divergences": entry_rows,
        "unexplained": found,
    }
    (folder / "legs").mkdir(parents=True, exist_ok=True)
    (folder / "legs" / f"{leg['id']}.json").write_text(
        json.dumps(measured, indent=2, ensure_ascii=False)
    )
    document = merge([json.loads(p.read_text()) for p in sorted((folder / "legs").glob("*.json"))])
    (folder / "report.json").write_text(json.dumps(document, indent=2, ensure_ascii=False))
    (folder / "index.html").write_text(render_html(document, bench_section(folder)))
    _summary(document, folder)
    return 1 if found else 0


def _profile_examples() -> int:
    """The profile's example count when HYPOTHESIS_PROFILE names one, else DEFAULT_EXAMPLES."""
    if PROFILE_VARIABLE not in os.environ:
        return DEFAULT_EXAMPLES
    profiles.load()
    return settings().max_examples


def _say(line: str) -> None:
    print(f"report: {line}", flush=True)


def scenario_row(scenario: Scenario, comparison: Comparison, index: int) -> dict[str, Any]:
    """One scenario's row for this leg: both outcomes and the judgement on them."""
    _say(f"[scenario {index}/{len(SCENARIOS)}] {scenario.id}")
    probe = Probe(parse(scenario.source), scenario.method)
    c = comparison
    judgement = judge(probe, c.flask, c.quart, c.differences, versions=installed())
    return {
        "id": scenario.id,
        "title": scenario.title,
        "seed": scenario.seed.value,
        "source": scenario.source,
        "method": scenario.method,
        "path": scenario.url,
        "request_headers": [list(pair) for pair in scenario.request_headers],
        "result": {
            "flask": comparison.flask.to_dict(),
            "quart": comparison.quart.to_dict(),
            "flask_meets_expectation": not scenario.expected.mismatches(comparison.flask),
            "quart_meets_expectation": not scenario.expected.mismatches(comparison.quart),
            "same": comparison.same,
            "divergences": list(judgement.entry_ids),
            "ambient": list(judgement.ambient),
            "only_ambient": judgement.only_ambient,
            "differences": [d.sentence for d in judgement.differences],
            "unexplained": [d.sentence for d in judgement.unexplained],
            "clients": clients_dict(comparison, scenario.method),
        },
    }


def _divergence(engine: Engine, entry: Divergence, index: int) -> dict[str, Any]:
    _say(f"[divergence {index}/{len(DIVERGENCES)}] {entry.id}: shrinking to a minimal example")
    claimed = holds(entry)
    minimal = _minimal_example(engine, entry) if claimed else None
    example_rows = []
    for example in entry.examples:
        comparison = engine.compare_probe(example)
        example_rows.append(
            {
                "request": example.request_line(),
                "source": example.value.to_source(),
                "shows": shows(entry, example, comparison.flask, comparison.quart),
                "flask": comparison.flask.to_dict(),
                "quart": comparison.quart.to_dict(),
                "differences": [d.sentence for d in comparison.differences],
            }
        )
    return {
        "id": entry.id,
        "title": entry.title,
        "category": entry.category.value,
        "flask": entry.flask,
        "quart": entry.quart,
        "cause": entry.cause,
        "on_the_wire": entry.on_the_wire,
        "flask_versions": entry.flask_versions,
        "quart_versions": entry.quart_versions,
        "werkzeug_versions": entry.werkzeug_versions,
        "upstream": entry.upstream.to_dict(),
        "result": {
            "holds": claimed,
            "examples_behave_as_claimed": all(row["shows"] == claimed for row in example_rows),
            "minimal_example": minimal,
            "examples": example_rows,
        },
    }


def _minimal_example(engine: Engine, entry: Divergence) -> dict[str, str] | None:
    def diverges(probe: Probe) -> bool:
        comparison = engine.compare_probe(probe)
        return shows(entry, probe, comparison.flask, comparison.quart)

    # The explain phase (which parts of the example matter) is for failing tests; here it
    # would run the shrunk example through both apps again for every choice it made, and
    # took 46 of the report's 55 seconds.
    quick = settings(
        max_examples=300,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=[phase for phase in Phase if phase is not Phase.explain],
    )
    try:
        probe = find(strategies.CASES[entry.id], diverges, settings=quick)
    except NoSuchExample:
        return None
    return {"request": probe.request_line(), "source": m.return_statement(probe.value)}


def _explore(engine: Engine, count: int) -> tuple[Counter[str], list[dict[str, Any]]]:
    """Run `count` generated values through both apps; count what each entry explains and keep
    the shortest source for each kind of unexplained difference."""
    hits: Counter[str] = Counter()
    shortest: dict[tuple[str, ...], dict[str, Any]] = {}
    versions = installed()
    done = 0

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(probe=strategies.open_probes)
    def explore(probe: Probe) -> None:
        nonlocal done
        done += 1
        if done % 500 == 0:
            _say(f"[explore] {done}/{count} values, {len(shortest)} unexplained kinds so far")
        c = engine.compare_probe(probe)
        judgement = judge(probe, c.flask, c.quart, c.differences, versions=versions)
        for entry in judgement.applying:
            hits[entry.id] += 1
        left = judgement.unexplained
        if left:
            kind = tuple(sorted(d.field for d in left))
            source = m.return_statement(probe.value)
            if kind not in shortest or len(source) < len(shortest[kind]["source"]):
                shortest[kind] = {
                    "request": probe.request_line(),
                    "source": source,
                    "differences": [d.sentence for d in left],
                }

    _say(f"[explore] {count} generated return values through both apps")
    explore()
    return hits, list(shortest.values())


def _leg(count: int, seconds: float) -> dict[str, Any]:
    v = installed()
    return {
        "id": leg_id(),
        "python": platform.python_version(),
        "flask": v.flask,
        "quart": v.quart,
        "werkzeug": v.werkzeug,
        "examples": count,
        "ambient": [entry.id for entry in ambient(v)],
        "seconds": round(seconds, 1),
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def merge(measured: list[dict[str, Any]]) -> dict[str, Any]:
    """One report from the per-leg measurements: each row gets a result per leg id."""
    legs = [m_["leg"] for m_ in measured]
    scenarios: dict[str, dict[str, Any]] = {}
    divergences: dict[str, dict[str, Any]] = {}
    unexplained_by_leg: dict[str, list[dict[str, Any]]] = {}
    for leg_data in measured:
        key = leg_data["leg"]["id"]
        for rows, into in (
            (leg_data["scenarios"], scenarios),
            (leg_data["divergences"], divergences),
        ):
            for row in rows:
                merged = into.setdefault(
                    row["id"], {k: v for k, v in row.items() if k != "result"} | {"results": {}}
                )
                merged["results"][key] = row["result"]
        unexplained_by_leg[key] = leg_data["unexplained"]
    return {
        "schema": 1,
        "legs": legs,
        "scenarios": list(scenarios.values()),
        "divergences": list(divergences.values()),
        "unexplained": unexplained_by_leg,
    }


def leg_summary(document: dict[str, Any], leg: dict[str, Any]) -> str:
    """What a leg's scenarios came to, in one sentence that names up front the entries that
    show on every answer on the leg, so a low count of same answers is not misread."""
    results = [r["results"][leg["id"]] for r in document["scenarios"] if leg["id"] in r["results"]]
    same = sum(r["same"] for r in results)
    line = f"{same}/{len(results)} scenarios answered the same"
    only_ambient = sum(r.get("only_ambient", False) for r in results)
    if only_ambient:
        names = leg.get("ambient", [])
        verb = "shows" if len(names) == 1 else "show"
        line += (
            f"; {only_ambient} more differ only by {', '.join(names)}, which {verb} on every "
            "answer on this leg whatever the view returns"
        )
    left = len(document["unexplained"].get(leg["id"], []))
    return f"{line}; {left} unexplained kind{'s' if left != 1 else ''} found by exploration"


def explored_text(hits: int, examples: int) -> str:
    """How many of a leg's open exploration values showed an entry; open exploration draws
    any return, so an entry that needs a rare request or setting is often shown by none."""
    if hits:
        return f"{hits} of the {examples} values explored showed it"
    return f"none of the {examples} values explored happened to show it"


def bench_section(folder: Path) -> dict[str, Any] | None:
    """What the last `parity bench` left in `folder` for the page: the machine, the servers'
    ratios and the charts that exist (file name and caption); None when it left nothing."""
    path = folder / BENCH_JSON
    if not path.is_file():
        return None
    try:
        bench = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(bench, dict):
        return None
    servers = bench.get("servers") or {}
    return {
        "machine": bench.get("machine") or {},
        "per_server": servers.get("per_server") or {},
        "goal": servers.get("goal"),
        "charts": [
            {"file": name, "caption": caption}
            for name, caption in CHARTS
            if (folder / name).is_file()
        ],
    }


CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; "
    "form-action 'none'"
)
"""The page's policy, in a `<meta>` since it is a file: no script at all (it needs none), its
own inline styles, and images (the bench charts) from beside it only."""


def web_link(value: object) -> str | None:
    """`value` when it is an http(s) URL with a host, the only links the page makes; None for
    anything else (a `javascript:` URL from a leg file is shown as text)."""
    if not isinstance(value, str):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme in ("http", "https") and parts.netloc else None


def render_html(document: dict[str, Any], bench: dict[str, Any] | None = None) -> str:
    """The report page, with the bench's figures and charts when `bench` is given."""
    # Every value on the page is data (sources, headers, bodies): escape all of it, whatever
    # the template's file name (select_autoescape() would not match `.html.j2`).
    environment = Environment(loader=PackageLoader("parity", "templates"), autoescape=True)
    environment.filters["web_link"] = web_link
    environment.globals["content_security_policy"] = CONTENT_SECURITY_POLICY
    return environment.get_template("report.html.j2").render(
        report=document,
        bench=bench,
        user_header=USER_HEADER,
        users=list(USERS.values()),
        servers=wire_report.servers_table(),
        leg_summary=leg_summary,
        explored_text=explored_text,
    )


def _summary(document: dict[str, Any], folder: Path) -> None:
    legs = [leg["id"] for leg in document["legs"]]
    width = max(len(row["id"]) for row in document["divergences"] + document["scenarios"])
    print()
    print(f"{'divergence':<{width}}  " + "  ".join(f"{leg:<34}" for leg in legs))
    for row in document["divergences"]:
        cells = []
        for leg in legs:
            result = row["results"].get(leg)
            if result is None:
                cells.append("-")
            elif result["holds"]:
                ok = "ok" if result["examples_behave_as_claimed"] else "STALE"
                cells.append(f"holds ({ok}, {result['explored_hits']} hits)")
            else:
                ok = "ok" if result["examples_behave_as_claimed"] else "SHOWS"
                cells.append(f"not claimed ({ok})")
        print(f"{row['id']:<{width}}  " + "  ".join(f"{c:<34}" for c in cells))
    print()
    for leg in document["legs"]:
        print(f"{leg['id']}: {leg_summary(document, leg)}")
    print(f"\nwrote {folder / 'index.html'} and {folder / 'report.json'}", file=sys.stderr)
