"""What the registry's entries do on the installed versions: run inside one matrix venv.

`python -m parity.matrix.measure --examples N` prints one JSON document: the versions, each
entry as "shows", "absent" or "partial" (some of its examples show it, some do not), and
every difference that no entry explains among the catalogue's scenarios and N explored
probes. It imports only the lab and the frameworks, so a venv needs nothing else installed.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from importlib.metadata import version
from typing import Any

from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import given
from hypothesis import settings

from parity import strategies
from parity.engine import Comparison
from parity.engine import Engine
from shared import model as m
from shared.divergences import DIVERGENCES
from shared.divergences import Divergence
from shared.judgement import judge
from shared.parse import parse
from shared.probe import Probe
from shared.scenarios import SCENARIOS


def entry_state(engine: Engine, entry: Divergence) -> str:
    """`shows` when every example shows the entry's symptom in a field it accounts for,
    `absent` when none does, `partial` otherwise."""
    showing = []
    for example in entry.examples:
        comparison = engine.compare_probe(example)
        c = comparison
        judgement = judge(
            example, c.flask, c.quart, c.differences, versions=None, registry=(entry,)
        )
        showing.append(bool(judgement.entries))
    if all(showing):
        return "shows"
    return "partial" if any(showing) else "absent"


def _left_over(probe: Probe, comparison: Comparison) -> dict[str, Any] | None:
    """The probe and its unexplained fields, or None when every entry's account covers it."""
    c = comparison
    # Every entry, whatever its versions: the matrix measures where each one holds.
    left = judge(probe, c.flask, c.quart, c.differences, versions=None).unexplained
    if not left:
        return None
    return {
        "request": probe.request_line(),
        "source": m.return_statement(probe.value),
        "fields": [d.field for d in left],
    }


def explore(engine: Engine, examples: int) -> list[dict[str, Any]]:
    """Unexplained differences among the catalogue and `examples` derandomized probes."""
    found = []
    for scenario in SCENARIOS:
        probe = Probe(parse(scenario.source), scenario.method)
        if (left := _left_over(probe, engine.compare_scenario(scenario))) is not None:
            found.append(left)
    if examples <= 0:
        return found

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(pair=strategies.probe_pairs)
    def draw(pair: tuple[Probe, Probe]) -> None:
        for probe in pair:
            if (left := _left_over(probe, engine.compare_probe(probe))) is not None:
                found.append(left)

    draw()
    return found


def measure(examples: int) -> dict[str, Any]:
    """The document `main` prints."""
    versions = {name: version(name) for name in ("flask", "werkzeug", "quart")}
    versions["python"] = platform.python_version()
    with Engine() as engine:
        entries = {entry.id: entry_state(engine, entry) for entry in DIVERGENCES}
        left = explore(engine, examples)
    # One row per distinct source, so a repeated draw does not crowd the page.
    unique = list({row["request"] + row["source"]: row for row in left}.values())
    return {"versions": versions, "entries": entries, "unexplained": unique}


def main(argv: list[str] | None = None) -> int:
    """Print the measurement as one JSON line."""
    parser = argparse.ArgumentParser(prog="python -m parity.matrix.measure")
    parser.add_argument("--examples", type=int, default=50)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.examples)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
