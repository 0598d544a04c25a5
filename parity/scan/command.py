"""The `parity scan` subcommand: its arguments, the run, the summary line and the exit status."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any
from typing import TextIO

from parity.scan import explain
from parity.scan.codes import CODES_BY_ID
from parity.scan.codes import DIFFERS
from parity.scan.codes import NOT_SCANNED
from parity.scan.codes import SAME_ANSWER
from parity.scan.codes import Finding
from parity.scan.explore import DEFAULT_EXAMPLES
from parity.scan.files import is_missing
from parity.scan.files import walk
from parity.scan.output import escape
from parity.scan.output import progress_bar
from parity.scan.output import write_json
from parity.scan.output import write_sarif
from parity.scan.output import write_text
from parity.scan.scanner import Scan
from parity.scan.scanner import scan_paths
from parity.servers import PortTaken
from parity.servers import ServerError
from parity.servers.options import add_server_options
from parity.servers.options import chosen_targets

EXIT_NOTHING_DIFFERS = 0
EXIT_SOMETHING_DIFFERS = 1
EXIT_USAGE = 2
EXIT_NOT_SCANNED = 2
"""A part of the tree could not be read (an FQ9xx finding kept after --select/--ignore): the
result is incomplete. It outranks 1, as grep's 2 outranks its 1."""
FORMATS = ("text", "json", "sarif")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `parity scan`."""
    parser.add_argument("paths", nargs="+", type=Path, help="files or directories to scan")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output (default text)")
    parser.add_argument(
        "--select", default="", help="comma-separated codes or prefixes to report (default all)"
    )
    parser.add_argument("--ignore", default="", help="comma-separated codes or prefixes to drop")
    parser.add_argument(
        "--examples",
        type=int,
        default=DEFAULT_EXAMPLES,
        help=f"filled values tried per return shape (default {DEFAULT_EXAMPLES})",
    )
    parser.add_argument(
        "--wire",
        action="store_true",
        help="also send each judged value through /render on two real servers (loopback)",
    )
    parser.add_argument(
        "--show-same",
        action="store_true",
        help=f"also print a {SAME_ANSWER} line for each return Flask and Quart answer alike "
        "(text output; json and sarif always list them)",
    )
    add_server_options(parser, " to use with --wire")


def help_epilog() -> str:
    """The finding codes, one line each, that `parity scan --help` lists before its exit codes."""
    width = max(len(code) for code in CODES_BY_ID)
    codes = "\n".join(f"  {code.id:<{width}}  {code.name}" for code in CODES_BY_ID.values())
    return f"finding codes:\n{codes}"


class UsageError(Exception):
    """A bad argument: the one-line message `parity scan` prints before exiting 2."""


def _codes(option: str, given: str) -> tuple[str, ...]:
    wanted = tuple(part.strip().upper() for part in given.split(",") if part.strip())
    for prefix in wanted:
        if not any(code.id.startswith(prefix) for code in CODES_BY_ID.values()):
            raise UsageError(f"{option}: no finding code starts with {prefix!r}")
    return wanted


def _validate(args: argparse.Namespace) -> tuple[tuple[str, ...], tuple[str, ...]]:
    missing = [path for path in args.paths if is_missing(path)]
    if missing:
        raise UsageError(f"no such file or directory: {missing[0]}")
    if args.examples < 1:
        raise UsageError("--examples must be at least 1")
    return _codes("--select", args.select), _codes("--ignore", args.ignore)


def _selected(finding: Finding, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    chosen = not select or finding.code.startswith(select)
    return chosen and not finding.code.startswith(ignore) if ignore else chosen


def summary_line(scan: Scan, findings: Sequence[Finding], seconds: float, left_out: int = 0) -> str:
    """The closing line: what was scanned, the verdicts, the findings kept per code, and how
    many same-answer lines the text output left out."""
    v = scan.verdicts
    line = (
        f"Scanned {_count(scan.files, 'file')}, {_count(scan.views, 'view')}, "
        f"{_count(scan.returns, 'return')} ({_count(scan.shapes, 'shape')} explored) in "
        f"{seconds:.1f}s: {v['same']} same, {v['differs']} differ, "
        + (
            f"{v['differs only if']} differ only for non-ASCII or URL-escaped text, "
            if v["differs only if"]
            else ""
        )
        + f"{v['cannot tell']} cannot tell; "
        f"{_count(len(findings) - left_out, 'finding')} shown{_per_code(findings, left_out)}"
    )
    if left_out:
        line += f"; --show-same lists the {_count(left_out, 'same answer')} ({SAME_ANSWER})"
    line += "."
    if scan.settings is not None:
        line += f" Judged in the app's settings: {scan.settings.describe()}."
    if scan.ambient:
        line += (
            f" On this version leg every response also differs by {ambient_text(scan)}"
            " (reported here once, not on each return)."
        )
    return line


def _per_code(findings: Sequence[Finding], left_out: int) -> str:
    """`(3 FQ100, 2 FQ300)`: the findings shown, counted per code in code order."""
    counts = Counter(f.code for f in findings)
    if left_out:
        counts[SAME_ANSWER] -= left_out
    shown = [f"{counts[code]} {code}" for code in sorted(counts) if counts[code] > 0]
    return f" ({', '.join(shown)})" if shown else ""


def ambient_text(scan: Scan) -> str:
    """The entries at work on every response, each with the setting it needs when the scan
    could not read that setting from the app."""
    named = []
    for entry in explain.entries(scan.ambient):
        condition = explain.setting_condition([entry], scan.settings)
        named.append(f"{entry.id} ({condition})" if condition else entry.id)
    return ", ".join(named)


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Scan the paths, print the findings in the chosen format, and return the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        select, ignore = _validate(args)
    except UsageError as error:
        err.write(f"parity scan: {escape(str(error))} (exit {EXIT_USAGE})\n")
        return EXIT_USAGE
    started = time.monotonic()
    files = list(walk(args.paths))
    bar = progress_bar("scan", err)
    progress = (lambda index, path: bar(index, len(files), path)) if err.isatty() else None
    wire = chosen_targets(args) if args.wire else None
    try:
        scan = scan_paths(files, str, args.examples, progress, wire)
    except (ServerError, PortTaken) as error:
        err.write(f"parity scan: {escape(str(error))} (exit {EXIT_USAGE})\n")
        return EXIT_USAGE
    if progress is not None:
        err.write("\r\x1b[K")
    findings = [f for f in scan.findings if _selected(f, select, ignore)]
    seconds = time.monotonic() - started
    # A linter prints what needs attention: in text, a same answer is only counted.
    shown = [f for f in findings if args.show_same or f.code != SAME_ANSWER]
    hidden = len(findings) - len(shown) if args.format == "text" else 0
    line = summary_line(scan, findings, seconds, hidden)
    not_scanned = sum(f.code in NOT_SCANNED for f in findings)
    if not_scanned:
        line += f" {_count(not_scanned, 'part')} not scanned (FQ9xx)."
    if args.format == "text":
        write_text(shown, out)
        out.write(line + "\n")
    elif args.format == "json":
        write_json(findings, _summary(scan, findings, line), out)
    else:
        write_sarif(findings, version("flask-quart-parity"), scan.ambient, out)
        err.write(line + "\n")
    if not_scanned:
        return EXIT_NOT_SCANNED
    differs = any(f.code in DIFFERS for f in findings)
    return EXIT_SOMETHING_DIFFERS if differs else EXIT_NOTHING_DIFFERS


def _summary(scan: Scan, findings: Sequence[Finding], line: str) -> dict[str, Any]:
    return {
        "files": scan.files,
        "views": scan.views,
        "returns": scan.returns,
        "shapes": scan.shapes,
        "verdicts": dict(scan.verdicts),
        "codes": dict(sorted(Counter(f.code for f in findings).items())),
        "ambient_divergences": list(scan.ambient),
        "settings": {
            read.key: {"state": read.state.value, "value": read.value, "where": read.where}
            for read in (scan.settings.reads if scan.settings is not None else ())
        },
        "line": line,
    }


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
