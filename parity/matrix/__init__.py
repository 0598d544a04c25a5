"""`parity matrix`: measure every registry entry on every installable release combination.

`--list` prints the combinations; a run installs each in a venv of its own (uv, offline after
the first install), measures it (`parity.matrix.measure`) and writes `OUT/matrix.json` and
`OUT/matrix.html`. `parity matrix merge SHARD.json... --out DIR` joins the documents that
separate runs (one nox session per combination, or a CI job each) wrote.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any
from typing import TextIO

from parity.matrix.grid import OnlyError
from parity.matrix.grid import candidates
from parity.matrix.grid import installable
from parity.matrix.grid import read_only
from parity.matrix.page import write_page
from parity.matrix.run import MatrixError
from parity.matrix.run import find_uv
from parity.matrix.run import measure
from parity.matrix.run import progress
from parity.printable import printable

EXIT_FOUND = 1
"""A combination failed to install or run, an entry showed on only some of its examples, or
a difference no entry explains turned up."""
EXIT_BAD_OPTION = 2
EXIT_MISSING_TOOL = 4
MATRIX_JSON = "matrix.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`parity matrix [--list] [--only ...] [--out DIR] [--examples N]`, and `merge`."""
    parser.add_argument("--list", action="store_true", help="print the combinations and stop")
    parser.add_argument(
        "--only", help="KEY=VERSION[,KEY=VERSION]: keep combinations whose versions start so"
    )
    parser.add_argument("--out", default="report/matrix", help="the folder to write")
    parser.add_argument(
        "--examples", type=int, default=50, help="explored probes per combination (default 50)"
    )
    parser.add_argument(
        "--venvs",
        default=str(Path.home() / ".cache" / "parity-matrix"),
        help="where the venvs are kept between runs",
    )
    parser.add_argument("merge", nargs="*", help="merge SHARD.json...: join separate runs")


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """List, measure or merge, as the arguments say."""
    if args.merge:
        return _merge(args)
    try:
        wanted = read_only(args.only)
        uv = find_uv()
    except OnlyError as error:
        return _fail(str(error), EXIT_BAD_OPTION)
    except MatrixError as error:
        return _fail(str(error), EXIT_MISSING_TOOL)
    venvs = Path(args.venvs)
    chosen = [c for c in candidates() if c.matches(wanted)]
    combinations = installable(uv, chosen, venvs / "installable.json")
    if args.list:
        for combination in combinations:
            print(combination.key, file=out or sys.stdout)
        return 0
    documents = []
    for index, combination in enumerate(combinations, start=1):
        progress(f"[{index}/{len(combinations)}] {combination.key}")
        documents.append(measure(uv, combination, venvs, args.examples, progress))
    return _write(documents, Path(args.out))


def _merge(args: argparse.Namespace) -> int:
    """Join shard documents into one matrix, a combination once each."""
    if args.merge[0] != "merge":
        return _fail(f"unknown argument {args.merge[0]!r} (did you mean merge?)", EXIT_BAD_OPTION)
    documents: dict[str, dict[str, Any]] = {}
    for name in args.merge[1:]:
        try:
            shard = json.loads(Path(name).read_text())
        except (OSError, ValueError) as error:
            return _fail(f"{name}: cannot read a matrix document ({error})", EXIT_BAD_OPTION)
        for document in shard.get("combinations", []):
            documents[document["key"]] = document
    return _write(list(documents.values()), Path(args.out))


def _write(documents: list[dict[str, Any]], folder: Path) -> int:
    """Write matrix.json and matrix.html; the exit code says whether anything needs a look."""
    folder.mkdir(parents=True, exist_ok=True)
    documents.sort(key=lambda d: d["key"])
    (folder / MATRIX_JSON).write_text(json.dumps({"combinations": documents}, indent=1) + "\n")
    write_page(documents, folder / "matrix.html")
    progress(f"wrote {folder / MATRIX_JSON} and {folder / 'matrix.html'}")
    troubled = [
        d
        for d in documents
        if "error" in d or d["unexplained"] or "partial" in d["entries"].values()
    ]
    for document in troubled:
        progress(f"needs a look: {document['key']}")
    return EXIT_FOUND if troubled else 0


def _fail(message: str, code: int) -> int:
    """One line on stderr, and the code."""
    print(printable(f"parity: {message}"), file=sys.stderr)
    return code
