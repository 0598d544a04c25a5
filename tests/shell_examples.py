"""The shell examples the README and the docs show, run for real and compared with their output.

An example is a fenced ```` ```console ```` block: `$ command` lines, each followed by what it
prints. Each command runs under bash from the checkout's root, with `parity` and `python3`
standing for this interpreter (`python -m parity`), so it is the checkout that answers, and
with `COLUMNS=80`, the width `--help` is wrapped to.

Only what truly varies from one run or machine to the next is normalised, on both sides:
a package's or Python's version after its name (`Quart 0.22.0`, `python 3.11.7`) becomes
`<version>`, and a duration after "in " (`in 0.5s`) becomes `in <time>`. Everything else must
match byte for byte.

`python -m tests.shell_examples` rewrites every block with what its commands print now, for
when the output changes on purpose.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = (ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")))
"""Every page whose console blocks are examples."""
SECONDS = 120
"""The most one example may take; none comes near it."""

_BLOCK = re.compile(r"^```console\n(.*?)^```$", re.MULTILINE | re.DOTALL)
_VERSION = re.compile(
    r"\b(flask|quart|werkzeug|python|hypercorn|gunicorn|uvicorn|granian)( )\d+(\.\d+)+",
    re.IGNORECASE,
)
_DURATION = re.compile(r"\bin \d+(\.\d+)?s\b")


@dataclass(frozen=True)
class Example:
    """One command shown on a page, and the output shown under it."""

    page: Path
    line: int
    command: str
    shown: str

    @property
    def id(self) -> str:
        """`page:line`, for a test id a person can open."""
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def examples(page: Path) -> list[Example]:
    """Every `$ command` of the page's console blocks, with the output shown under it."""
    text = page.read_text(encoding="utf-8")
    found = []
    for block in _BLOCK.finditer(text):
        first_line = text.count("\n", 0, block.start(1)) + 1
        lines = block.group(1).splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("$ ")]
        for index, start in enumerate(starts):
            end = starts[index + 1] if index + 1 < len(starts) else len(lines)
            shown = "".join(f"{line}\n" for line in lines[start + 1 : end])
            found.append(Example(page, first_line + start, lines[start][2:], shown))
    return found


def all_examples() -> list[Example]:
    """The examples of every page, in page order."""
    return [example for page in PAGES for example in examples(page)]


def normalised(text: str) -> str:
    """The text with versions and durations replaced by placeholders (see the module doc)."""
    return _DURATION.sub("in <time>", _VERSION.sub(r"\1\2<version>", text))


def run(command: str) -> str:
    """What the command prints on stdout, run as the page shows it (see the module doc)."""
    prelude = (
        'parity() { "$PARITY_PYTHON" -m parity "$@"; }\npython3() { "$PARITY_PYTHON" "$@"; }\n'
    )
    # argparse wraps `--help` to the terminal's width: every example is shown at 80 columns.
    env = {**os.environ, "PARITY_PYTHON": sys.executable, "NO_COLOR": "1", "COLUMNS": "80"}
    done = subprocess.run(
        ["bash", "-c", prelude + command],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=SECONDS,
        check=False,
    )
    return done.stdout


def rewrite(page: Path) -> None:
    """Put what each command of the page prints now under it, where that differs from what is
    shown by more than a version or a duration."""
    text = page.read_text(encoding="utf-8")

    def block(match: re.Match[str]) -> str:
        lines = match.group(1).splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("$ ")]
        body = ""
        for index, start in enumerate(starts):
            end = starts[index + 1] if index + 1 < len(starts) else len(lines)
            shown = "".join(f"{line}\n" for line in lines[start + 1 : end])
            printed = run(lines[start][2:])
            # Output that differs only in what is normalised is left as it was written.
            body += (
                lines[start]
                + "\n"
                + (shown if normalised(shown) == normalised(printed) else printed)
            )
        return f"```console\n{body}```"

    page.write_text(_BLOCK.sub(block, text), encoding="utf-8")


if __name__ == "__main__":
    for each in PAGES:
        rewrite(each)
