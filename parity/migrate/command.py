"""The `parity migrate` subcommand: its arguments, the run, the output and the exit status."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from typing import TextIO

from parity.migrate.proof import Proof
from parity.migrate.proof import prove
from parity.migrate.rules import FIXES
from parity.migrate.rules import OPT_IN
from parity.migrate.rules import PROOFS
from parity.migrate.rules import RULES
from parity.migrate.rules import RULES_BY_CODE
from parity.migrate.run import Migration
from parity.migrate.run import NotPython
from parity.migrate.run import migrate_paths
from parity.migrate.run import write
from parity.scan.explore import DEFAULT_EXAMPLES
from parity.scan.files import python_files
from parity.scan.output import escape
from parity.scan.output import progress_bar

EXIT_NOTHING_TO_CHANGE = 0
EXIT_CHANGES = 1
EXIT_USAGE = 2
FORMATS = ("text", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `parity migrate`."""
    parser.add_argument("paths", nargs="+", type=Path, help="files or directories to migrate")
    parser.add_argument(
        "--write", action="store_true", help="rewrite the files in place (default: print a diff)"
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="output (default text)")
    parser.add_argument(
        "--select",
        default="",
        help="comma-separated FQM codes or prefixes to apply (default all; the FQM6 spellings "
        "both frameworks answer alike are offered, and applied only when named: FQM6, FQM600)",
    )
    parser.add_argument(
        "--ignore", default="", help="comma-separated FQM codes or prefixes to skip"
    )
    parser.add_argument(
        "--prove",
        action="store_true",
        help="run each view's returns through the differential, Flask against the Quart port, "
        "and give a verdict per view (starts both apps in process)",
    )
    parser.add_argument(
        "--examples",
        type=int,
        default=DEFAULT_EXAMPLES,
        help=f"with --prove: filled values tried per return shape (default {DEFAULT_EXAMPLES})",
    )


class UsageError(Exception):
    """A bad argument or file: the one-line message `parity migrate` prints before exiting 2."""


def _codes(option: str, given: str) -> tuple[str, ...]:
    wanted = tuple(part.strip().upper() for part in given.split(",") if part.strip())
    for prefix in wanted:
        if not any(rule.code.startswith(prefix) for rule in (*RULES, *PROOFS, *FIXES)):
            raise UsageError(f"{option}: no rule code starts with {prefix!r}")
    return wanted


def _enabled(args: argparse.Namespace) -> tuple[Callable[[str], bool], Callable[[str], bool]]:
    """What to apply, and what to report: an FQM6xx fix is applied only when a --select
    prefix names it as far as `FQM6`, and offered otherwise."""
    select = _codes("--select", args.select)
    ignore = _codes("--ignore", args.ignore)
    named = tuple(prefix for prefix in select if len(prefix) >= len("FQM6"))

    def offered(code: str) -> bool:
        chosen = not select or code.startswith(select)
        return chosen and not (ignore and code.startswith(ignore))

    def enabled(code: str) -> bool:
        if code in OPT_IN and not (named and code.startswith(named)):
            return False
        return offered(code)

    return enabled, offered


def summary_line(migration: Migration, wrote: bool, seconds: float) -> str:
    """The last line: what was read, what changes, and what is left to do by hand."""
    manual = sum(
        1 for n in migration.notes if not RULES_BY_CODE[n.code].fixes and n.code < "FQM500"
    )
    verb = "rewrote" if wrote else "would rewrite"
    offered = sum(1 for n in migration.notes if n.code in OPT_IN and "(offered:" in n.message)
    spellings = (
        f"; {_count(offered, 'spelling')} both answer alike offered (FQM6)" if offered else ""
    )
    return (
        f"Read {_count(migration.files, 'file')} in {seconds:.1f}s: {verb} "
        f"{_count(len(migration.changed), 'file')} ({migration.made_async} functions made "
        f"async); {_count(manual, 'finding')} to port by hand{spellings}{_proofs(migration)}."
    )


def _proofs(migration: Migration) -> str:
    counts = {code: 0 for code in ("FQM500", "FQM501", "FQM502")}
    for note in migration.notes:
        if note.code in counts:
            counts[note.code] += 1
    if not any(counts.values()):
        return ""
    same, differs, cannot = counts.values()
    return f"; returns proven: {same} same, {differs} differ, {cannot} cannot tell"


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Migrate the paths, print the diff and the notes, write if asked, return the status."""
    out = out or sys.stdout
    err = err or sys.stderr
    started = time.monotonic()
    try:
        missing = [path for path in args.paths if not path.exists()]
        if missing:
            raise UsageError(f"no such file or directory: {missing[0]}")
        enabled, offered = _enabled(args)
        if args.examples < 1:
            raise UsageError("--examples must be at least 1")
        progress = progress_bar("migrate", err) if err.isatty() else None
        try:
            migration = migrate_paths(list(args.paths), enabled, progress, offered)
        finally:
            if progress is not None:
                err.write("\r\x1b[K")
    except (UsageError, NotPython) as error:
        err.write(f"parity migrate: {escape(str(error))} (exit {EXIT_USAGE})\n")
        return EXIT_USAGE
    proofs: list[Proof] = []
    if args.prove:
        files = list(python_files(list(args.paths)))
        proofs = [p for p in prove(files, migration, args.examples) if offered(p.code)]
        migration.notes.extend(p.note() for p in proofs)
    if args.write:
        for path in write(migration):
            err.write(escape(f"parity migrate: {path}: a symbolic link, not written") + "\n")
    line = summary_line(migration, args.write, time.monotonic() - started)
    if args.format == "json":
        json.dump(_document(migration, proofs, line), out, indent=2, ensure_ascii=True)
        out.write("\n")
    else:
        _write_text(migration, proofs, args.write, line, out, err)
    return EXIT_CHANGES if migration.changed else EXIT_NOTHING_TO_CHANGE


def proof_lines(proofs: list[Proof]) -> str:
    """The verdicts on one file's views, as lines `patch` and `git apply` pass over."""
    return "".join(
        escape(f"# {p.code} {p.path}:{p.line}:{p.column} view `{p.view}`: {p.message}") + "\n"
        for p in proofs
    )


def _write_text(
    migration: Migration, proofs: list[Proof], wrote: bool, line: str, out: TextIO, err: TextIO
) -> None:
    if not wrote:
        terminal = out.isatty()
        shown = {changed.path for changed in migration.changed}
        for changed in migration.changed:
            diff = changed.diff()
            if terminal:
                diff = "".join(escape(part) + "\n" for part in diff.splitlines())
            out.write(proof_lines([p for p in proofs if p.path == changed.path]) + diff)
        out.write(proof_lines([p for p in proofs if p.path not in shown]))
    for note in migration.notes:
        err.write(
            escape(f"{note.path}:{note.line}:{note.column}: {note.code} {note.message}") + "\n"
        )
    err.write(line + "\n")


def _document(migration: Migration, proofs: list[Proof], line: str) -> dict[str, Any]:
    return {
        "changed": [
            {
                "path": c.path,
                "diff": c.diff(),
                "proofs": [p.to_dict() for p in proofs if p.path == c.path],
            }
            for c in migration.changed
        ],
        "proofs": [p.to_dict() for p in proofs],
        "notes": [
            {
                "path": n.path,
                "line": n.line,
                "column": n.column,
                "code": n.code,
                "name": RULES_BY_CODE[n.code].name,
                "fixed": RULES_BY_CODE[n.code].fixes,
                "message": n.message,
            }
            for n in migration.notes
        ],
        "summary": {
            "files": migration.files,
            "changed": len(migration.changed),
            "async_functions": migration.async_funcs,
            "line": line,
        },
    }


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
