"""Print findings as linters do: `path:line:col: CODE message`, a JSON document, or SARIF 2.1.0."""

from __future__ import annotations

import json
import shutil
import unicodedata
from collections.abc import Callable
from collections.abc import Sequence
from pathlib import Path
from pathlib import PurePath
from typing import Any
from typing import TextIO
from urllib.parse import quote

from parity.scan.codes import CODES
from parity.scan.codes import CODES_BY_ID
from parity.scan.codes import REACH_CODES
from parity.scan.codes import Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/flask-quart-parity/flask-quart-parity#parity-scan"


def escape(text: str) -> str:
    """Text safe for a terminal: control and bidi-format characters written as escapes."""
    out = []
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf"):
            out.append(char.encode("unicode_escape").decode("ascii"))
        else:
            out.append(char)
    return "".join(out)


BAR_WIDTH = 20


def progress_bar(label: str, err: TextIO) -> Callable[[int, int, Path], None]:
    """A one-line bar redrawn in place on a terminal: files done out of all, and the file
    being read, escaped and cut to the terminal's width."""
    columns = shutil.get_terminal_size().columns

    def report(index: int, total: int, path: Path) -> None:
        done = BAR_WIDTH * index // max(total, 1)
        bar = "#" * done + "." * (BAR_WIDTH - done)
        text = escape(f"{label} [{bar}] {index + 1}/{total} files  {path}")
        err.write(f"\r\x1b[K{text[: columns - 1]}")
        err.flush()

    return report


def write_text(findings: Sequence[Finding], out: TextIO) -> None:
    """One line per finding, `path:line:col: CODE message`, every part escaped."""
    for f in findings:
        out.write(escape(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}") + "\n")


def write_json(findings: Sequence[Finding], summary: dict[str, Any], out: TextIO) -> None:
    """One JSON document (ASCII only, so no raw control character reaches the terminal)."""
    document = {"findings": [f.to_dict() for f in findings], "summary": summary}
    json.dump(document, out, indent=2)
    out.write("\n")


def sarif(findings: Sequence[Finding], version: str, ambient: Sequence[str] = ()) -> dict[str, Any]:
    """The SARIF 2.1.0 log of one run: every code as a rule, every finding as a result, and the
    registry entries at work on every response in the run's property bag."""
    rules = [
        {
            "id": code.id,
            "name": code.name,
            "shortDescription": {"text": code.meaning},
            "help": {"text": f"Example: {code.example}\nFix: {code.fix}"},
            "defaultConfiguration": {"level": code.level.value},
        }
        for code in (*CODES, *REACH_CODES)
    ]
    index = {code.id: i for i, code in enumerate((*CODES, *REACH_CODES))}
    results = [
        {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": CODES_BY_ID[f.code].level.value,
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.path)},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
        }
        for f in findings
    ]
    driver = {
        "name": "parity scan",
        "version": version,
        "informationUri": INFORMATION_URI,
        "rules": rules,
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "results": results,
                "properties": {"ambientDivergences": list(ambient)},
            }
        ],
    }


def _uri(path: str) -> str:
    """A `file://` URI for an absolute path, else a relative reference (SARIF 3.10.3)."""
    given = PurePath(path)
    return given.as_uri() if given.is_absolute() else quote(given.as_posix())


def write_sarif(
    findings: Sequence[Finding], version: str, ambient: Sequence[str], out: TextIO
) -> None:
    """The SARIF log as one JSON document."""
    json.dump(sarif(findings, version, ambient), out, indent=2)
    out.write("\n")
