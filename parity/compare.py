"""`parity compare`: one return expression through both apps, side by side."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from typing import TextIO

from parity.engine import Comparison
from parity.engine import Engine
from parity.versions import active_divergences
from parity.versions import installed
from shared.divergences import Divergence
from shared.divergences import Probe
from shared.divergences import explaining
from shared.divergences import unexplained
from shared.model import ReturnValue
from shared.outcome import Difference
from shared.outcome import Outcome

EXIT_SAME_OR_EXPLAINED = 0
EXIT_UNEXPLAINED = 1
EXIT_BAD_EXPRESSION = 2


@dataclass(frozen=True)
class Verdict:
    """A comparison with what the registry makes of it."""

    source: str
    probe: Probe
    comparison: Comparison
    explained_by: tuple[Divergence, ...]
    left_over: tuple[Difference, ...]

    @property
    def exit_code(self) -> int:
        """0 when the answers agree or the registry explains them, else 1."""
        return EXIT_UNEXPLAINED if self.left_over else EXIT_SAME_OR_EXPLAINED

    def to_dict(self) -> dict[str, Any]:
        """The `--json` document."""
        return {
            "expression": self.source,
            "method": self.probe.method,
            "versions": installed().__dict__,
            "flask": self.comparison.flask.to_dict(),
            "quart": self.comparison.quart.to_dict(),
            "same": self.comparison.same,
            "divergence": self.explained_by[0].id if self.explained_by else None,
            "divergences": [entry.id for entry in self.explained_by],
            "differences": [
                {"field": d.field, "sentence": d.sentence, "explained": d not in self.left_over}
                for d in self.comparison.differences
            ],
        }


def judge(engine: Engine, source: str, value: ReturnValue, method: str) -> Verdict:
    """Run a value through both apps and find the registry entries that explain the result."""
    probe = Probe(value, method)
    comparison = engine.compare_value(value, method)
    flask, quart, differences = comparison.flask, comparison.quart, comparison.differences
    entries = active_divergences()
    active = tuple(explaining(probe, flask, quart, differences, entries))
    left = tuple(unexplained(probe, flask, quart, differences, entries))
    return Verdict(source, probe, comparison, active, left)


def print_verdict(verdict: Verdict, out: TextIO) -> None:
    """The human form: both outcomes in two columns, then the differences and their cause."""
    versions = installed()
    out.write(f"{verdict.probe.method} to a view that runs:\n")
    for line in verdict.source.strip().splitlines():
        out.write(f"    {line}\n")
    out.write(f"({versions.leg})\n\n")
    out.write(_columns(verdict.comparison.flask, verdict.comparison.quart))
    comparison = verdict.comparison
    if comparison.same:
        out.write("\nSame answer from both frameworks.\n")
        return
    out.write("\nDifferences:\n")
    for difference in comparison.differences:
        mark = "  " if difference not in verdict.left_over else "!!"
        out.write(f" {mark} {difference.sentence}\n")
    for entry in verdict.explained_by:
        out.write(f"\nKnown divergence {entry.id} ({entry.category.value}): {entry.title}\n")
        out.write(f"  Flask: {entry.flask}\n  Quart: {entry.quart}\n  Cause: {entry.cause}\n")
        out.write(f"  On the wire: {entry.on_the_wire}\n")
        if entry.upstream:
            out.write(f"  Upstream: {entry.upstream}\n")
    if verdict.left_over:
        out.write("\n!! No registered divergence explains the lines marked '!!'.\n")


def _columns(flask: Outcome, quart: Outcome, width: int = 48) -> str:
    left = ["Flask (WSGI)"] + ["-" * 12] + _clip(flask.describe().splitlines(), width)
    right = ["Quart (ASGI)"] + ["-" * 12] + _clip(quart.describe().splitlines(), width)
    rows = max(len(left), len(right))
    left += [""] * (rows - len(left))
    right += [""] * (rows - len(right))
    return "".join(f"{a:<{width}} | {b}\n" for a, b in zip(left, right, strict=True))


def _clip(lines: list[str], width: int) -> list[str]:
    return [line if len(line) <= width else line[: width - 3] + "..." for line in lines]


def print_json(verdict: Verdict, out: TextIO) -> None:
    """The machine form, one JSON document."""
    json.dump(verdict.to_dict(), out, indent=2, ensure_ascii=False)
    out.write("\n")
