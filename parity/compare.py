"""`parity compare`: one return expression through both apps, side by side."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any
from typing import TextIO

from parity.clients import client_lines
from parity.clients import clients_dict
from parity.engine import Comparison
from parity.engine import Engine
from parity.printable import printable
from parity.probe_options import NO_INPUTS
from parity.probe_options import ProbeInputs
from parity.versions import active_divergences
from parity.versions import installed
from shared.bounds.limits import TooMuchWork
from shared.bounds.limits import check_work
from shared.divergences import Divergence
from shared.divergences import explaining
from shared.divergences import unexplained
from shared.model import ReturnValue
from shared.model import generator_port_required
from shared.model import quart_statement
from shared.model import return_statement
from shared.outcome import Difference
from shared.outcome import Outcome
from shared.parse import ParseError
from shared.parse import parse
from shared.probe import Probe

EXIT_SAME_OR_EXPLAINED = 0
EXIT_UNEXPLAINED = 1
EXIT_BAD_EXPRESSION = 2


class BadExpression(ValueError):
    """The expression is outside the grammar or over a bound on its work (exit 2)."""


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
            "quart_source": quart_statement(self.probe.value),
            "method": self.probe.method,
            "request_headers": [list(pair) for pair in self.probe.headers],
            "request_body_bytes": len(self.probe.body),
            "config": dict(self.probe.config),
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
            "clients": clients_dict(self.comparison, self.probe.method),
        }


def judge(engine: Engine, source: str, probe: Probe) -> Verdict:
    """Run a probe through both apps and find the registry entries that explain the result."""
    comparison = engine.compare_probe(probe)
    flask, quart, differences = comparison.flask, comparison.quart, comparison.differences
    entries = active_divergences()
    active = tuple(explaining(probe, flask, quart, differences, entries))
    left = tuple(unexplained(probe, flask, quart, differences, entries))
    return Verdict(source, probe, comparison, active, left)


def run(
    source: str,
    method: str,
    *,
    as_json: bool,
    out: TextIO,
    err: TextIO,
    engine: Engine,
    inputs: ProbeInputs = NO_INPUTS,
) -> int:
    """Parse, compare and print one expression; the exit code: 0 same or explained, 1 an
    unexplained divergence, 2 outside the grammar or over a bound on its work (one line on
    `err` naming the part)."""
    try:
        value = read_expression(source)
    except BadExpression as error:
        err.write(printable(f"parity: {error}") + "\n")
        return EXIT_BAD_EXPRESSION
    probe = Probe(value, method, inputs.headers, inputs.body, inputs.config)
    verdict = judge(engine, source, probe)
    try:
        (print_json if as_json else print_verdict)(verdict, out)
        out.flush()
    except BrokenPipeError:
        # The reader went away (`parity compare ... | head -1`): the verdict still decides
        # the exit code, and nothing more may be written to the closed pipe.
        _point_at_devnull(out)
    return verdict.exit_code


def read_expression(source: str) -> ReturnValue:
    """The value an expression's source describes, once it is known to be within the bounds
    on work; BadExpression says, in one sentence, why not."""
    try:
        value = parse(source)
    except ParseError as error:
        raise BadExpression(f"cannot read the expression: {error}") from None
    try:
        check_work(value)
    except TooMuchWork as error:
        raise BadExpression(f"too much work: {error}") from None
    return value


def _point_at_devnull(out: TextIO) -> None:
    """Make the stream's file descriptor /dev/null, so the interpreter's last flush is quiet."""
    try:
        descriptor = out.fileno()
    except (OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


def print_verdict(verdict: Verdict, out: TextIO, clients: list[str] | None = None) -> None:
    """The human form: both outcomes in two columns, then the differences and their cause.
    Every line is escaped, so nothing from the expression reaches the terminal raw."""
    for line in verdict_lines(verdict, clients):
        out.write(printable(line) + "\n")


def verdict_lines(verdict: Verdict, clients: list[str] | None = None) -> list[str]:
    """The lines of the human form, before escaping; `clients` replaces the client section
    the app-boundary outcomes give (`--wire` predicts from the servers' replies instead)."""
    versions = installed()
    comparison = verdict.comparison
    probe = verdict.probe
    lines = [f"{probe.request_line()} to a view that runs:"]
    lines += [f"    {line}" for line in verdict.source.strip().splitlines()]
    quart_source = quart_statement(probe.value)
    if quart_source != return_statement(probe.value):
        lines.append("which a Quart view writes:")
        lines += [f"    {line}" for line in quart_source.splitlines()]
    if generator_port_required(probe.value):
        lines += [
            "Quart runs the source as written; the port above is a required change",
            "(FQ301: Quart's stream_with_context wraps async generator functions only).",
        ]
    lines += [f"({versions.leg})", ""]
    lines += _columns(comparison.flask, comparison.quart)
    for name, outcome in (("Flask", comparison.flask), ("Quart", comparison.quart)):
        if outcome.exception is not None:
            lines.append(f"{name} caught {outcome.exception}")
    if clients is None:
        clients = client_lines(comparison, verdict.probe.method)
    if comparison.same:
        return [*lines, "", "Same answer from both frameworks.", *clients]
    lines += ["", "Differences:"]
    for difference in comparison.differences:
        mark = "  " if difference not in verdict.left_over else "!!"
        lines.append(f" {mark} {difference.sentence}")
    for entry in verdict.explained_by:
        lines += [
            "",
            f"Known divergence {entry.id} ({entry.category.value}): {entry.title}",
            f"  Flask: {entry.flask}",
            f"  Quart: {entry.quart}",
            f"  Cause: {entry.cause}",
            f"  On the wire: {entry.on_the_wire}",
        ]
        lines.append(f"  Upstream: {entry.upstream.text()}")
    if verdict.left_over:
        lines += ["", "!! No registered divergence explains the lines marked '!!'."]
    return [*lines, *clients]


def _columns(flask: Outcome, quart: Outcome, width: int = 48) -> list[str]:
    left = ["Flask (WSGI)", "-" * 12, *_cells(flask.describe(), width)]
    right = ["Quart (ASGI)", "-" * 12, *_cells(quart.describe(), width)]
    rows = max(len(left), len(right))
    left += [""] * (rows - len(left))
    right += [""] * (rows - len(right))
    return [f"{a:<{width}} | {b}".rstrip() for a, b in zip(left, right, strict=True)]


def _cells(text: str, width: int) -> list[str]:
    """Escaped first, so that the padding counts what the terminal will show."""
    lines = [printable(line) for line in text.splitlines()]
    return [line if len(line) <= width else line[: width - 3] + "..." for line in lines]


def print_json(verdict: Verdict, out: TextIO) -> None:
    """The machine form, one strict JSON document in ASCII (`\\uXXXX` escapes for the rest,
    so no control or bidirectional character reaches a terminal)."""
    json.dump(verdict.to_dict(), out, indent=2, ensure_ascii=True, allow_nan=False)
    out.write("\n")
