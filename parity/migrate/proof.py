"""Proof per view: each view's returns go through the differential, as `parity scan` runs them.

The Flask original runs in the Flask app and its Quart form (the same return with the helpers
of `shared/model/awaits.py` awaited, as the rewrite writes it) in the Quart app, holes filled
by Hypothesis, and the registry judges each difference. Each verdict becomes one note on the
view's return: FQM500 same answer, FQM501 differs (the registry entries named), FQM502 cannot
tell (the part outside the model named).
"""

from __future__ import annotations

from pathlib import Path

from parity.migrate.graph import Note
from parity.migrate.run import is_test_module
from parity.scan.explore import DEFAULT_EXAMPLES
from parity.scan.scanner import scan_paths

VERDICT_CODES = {
    "FQ001": "FQM500",
    "FQ100": "FQM501",
    "FQ101": "FQM501",
    "FQ200": "FQM502",
}
"""The scan's verdict codes and the proof's."""


def prove(files: list[Path], examples: int = DEFAULT_EXAMPLES) -> list[Note]:
    """One note per return of every view in the application modules among `files`."""
    application = [path for path in files if not is_test_module(path)]
    scan = scan_paths(application, str, examples)
    notes = []
    for finding in scan.findings:
        code = VERDICT_CODES.get(finding.code)
        view = finding.details.get("view")
        if code is None or view is None:
            continue
        message = f"view `{view}`: {finding.message}"
        notes.append(Note(finding.path, finding.line, finding.column, code, message))
    return notes
