"""`parity compare`: one return expression through both apps, side by side."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from itertools import zip_longest
from typing import Any
from typing import TextIO

from parity.clients import client_lines
from parity.clients import clients_dict
from parity.engine import Comparison
from parity.engine import Engine
from parity.printable import printable
from parity.probe_options import NO_INPUTS
from parity.probe_options import ProbeInputs
from parity.versions import installed
from shared.bounds.limits import TooMuchWork
from shared.bounds.limits import check_work
from shared.judgement import Judgement
from shared.judgement import Note
from shared.judgement import judge
from shared.model import ReturnValue
from shared.model import generator_port_required
from shared.model import quart_statement
from shared.model import return_statement
from shared.model.anatomy import headers_items
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
class Compared:
    """One expression through both apps, with the judgement on the two answers."""

    source: str
    probe: Probe
    comparison: Comparison
    judgement: Judgement

    @property
    def exit_code(self) -> int:
        """0 when the answers agree or the registry explains them, else 1."""
        return EXIT_UNEXPLAINED if self.judgement.unexplained else EXIT_SAME_OR_EXPLAINED

    def to_dict(self) -> dict[str, Any]:
        """The `--json` document."""
        judgement = self.judgement
        return {
            "expression": self.source,
            "quart_source": quart_statement(self.probe.value),
            "method": self.probe.method,
            "request_headers": [list(pair) for pair in self.probe.headers],
            "request_body_bytes": len(self.probe.body),
            "request_query": self.probe.query,
            "config": dict(self.probe.config),
            "versions": installed().__dict__,
            "context": judgement.context.to_dict(),
            "flask": self.comparison.flask.to_dict(),
            "quart": self.comparison.quart.to_dict(),
            "same": self.comparison.same,
            "divergence": judgement.entry_ids[0] if judgement.entries else None,
            "divergences": list(judgement.entry_ids),
            "ambient": list(judgement.ambient),
            "differences": [
                {
                    "field": d.field,
                    "sentence": d.sentence,
                    "explained": d.explained,
                    "explained_by": list(d.explained_by),
                }
                for d in judgement.differences
            ],
            "clients": clients_dict(self.comparison, self.probe.method),
        }


def judged(engine: Engine, source: str, probe: Probe) -> Compared:
    """Run a probe through both apps and judge the two answers on the installed versions."""
    comparison = engine.compare_probe(probe)
    c = comparison
    judgement = judge(probe, c.flask, c.quart, c.differences, versions=installed())
    return Compared(source, probe, comparison, judgement)


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
    probe = Probe(value, method, inputs.headers, inputs.body, inputs.config, inputs.query)
    verdict = judged(engine, source, probe)
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


def print_verdict(verdict: Compared, out: TextIO, clients: list[str] | None = None) -> None:
    """The human form: both outcomes in two columns, then the differences and their cause.
    Every line is escaped, so nothing from the expression reaches the terminal raw."""
    for line in verdict_lines(verdict, clients):
        out.write(printable(line) + "\n")


def verdict_lines(verdict: Compared, clients: list[str] | None = None) -> list[str]:
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
    lines += _columns(comparison.flask, comparison.quart, _spellings(verdict))
    for name, outcome in (("Flask", comparison.flask), ("Quart", comparison.quart)):
        if outcome.exception is not None:
            lines.append(f"{name} caught {outcome.exception}")
    if clients is None:
        clients = client_lines(comparison, verdict.probe.method)
    if comparison.same:
        return [*lines, "", "Same answer from both frameworks.", *clients]
    judgement = verdict.judgement
    lines += ["", "Differences:"]
    for difference in judgement.differences:
        mark = "  " if difference.explained else "!!"
        lines.append(f" {mark} {difference.sentence}")
    for note in judgement.notes:
        lines += ["", *note_lines(note, "Known divergence")]
    if judgement.unexplained:
        lines += ["", "!! No registered divergence explains the lines marked '!!'."]
    return [*lines, *clients]


def note_lines(note: Note, kind: str) -> list[str]:
    """What a person should read about one entry that explains a difference."""
    lines = [f"{kind} {note.id} ({note.heading}): {note.title}"]
    if note.ambient:
        lines.append("  (it shows on every answer on these versions, whatever the view returns)")
    lines += [f"  {who}: {what}" for who, what in note.said]
    lines.append(f"  Cause: {note.cause}")
    if note.on_the_wire:
        lines.append(f"  On the wire: {note.on_the_wire}")
    lines.append(f"  Upstream: {note.upstream}")
    return lines


def _spellings(verdict: Compared) -> dict[str, str]:
    """Each header name as the view's source spells it, else as Werkzeug handed it over (it
    keeps the view's spelling; Quart's ASGI side lower-cases), by its lower-case form."""
    written = [name for name, _ in headers_items(verdict.probe.value)]
    found: dict[str, str] = {}
    for name in (*written, *verdict.comparison.flask.spelled):
        found.setdefault(name.lower(), name)
    return found


def _columns(
    flask: Outcome, quart: Outcome, spellings: dict[str, str], width: int = 48
) -> list[str]:
    """Both outcomes side by side, one row per header name (case-insensitive, spelled as the
    user wrote it), so a header one side lacks leaves a gap instead of shifting the rest."""
    rows = [("Flask (WSGI)", "Quart (ASGI)"), ("-" * 12, "-" * 12)]
    rows += _aligned(flask, quart, spellings)
    return [f"{_cell(a, width):<{width}} | {_cell(b, width)}".rstrip() for a, b in rows]


def _aligned(flask: Outcome, quart: Outcome, spellings: dict[str, str]) -> list[tuple[str, str]]:
    """Rows of (Flask line, Quart line): the status lines, the headers by name, the rest."""
    sides = []
    for outcome in (flask, quart):
        described = outcome.describe().splitlines()
        count = len(outcome.headers)
        named = [
            (name.lower(), _respelled(line, name, spellings))
            for (name, _), line in zip(outcome.headers, described[1 : 1 + count], strict=True)
        ]
        sides.append((described[0], named, described[1 + count :]))
    (flask_status, flask_named, flask_rest), (quart_status, quart_named, quart_rest) = sides
    rows = [(flask_status, quart_status)]
    for name in dict.fromkeys(n for n, _ in (*flask_named, *quart_named)):
        left = [line for n, line in flask_named if n == name]
        right = [line for n, line in quart_named if n == name]
        rows += zip_longest(left, right, fillvalue="")
    return [*rows, *zip_longest(flask_rest, quart_rest, fillvalue="")]


def _respelled(line: str, name: str, spellings: dict[str, str]) -> str:
    """A `name: value` line with the name as the user spelled it."""
    prefix = f"{name}: "
    if not line.startswith(prefix):
        return line  # the name was escaped for the terminal: shown as escaped
    return f"{spellings.get(name.lower(), name)}: {line.removeprefix(prefix)}"


def _cell(line: str, width: int) -> str:
    """Escaped first, so that the padding counts what the terminal will show."""
    shown = printable(line)
    return shown if len(shown) <= width else shown[: width - 3] + "..."


def print_json(verdict: Compared, out: TextIO) -> None:
    """The machine form, one strict JSON document in ASCII (`\\uXXXX` escapes for the rest,
    so no control or bidirectional character reaches a terminal)."""
    json.dump(verdict.to_dict(), out, indent=2, ensure_ascii=True, allow_nan=False)
    out.write("\n")
