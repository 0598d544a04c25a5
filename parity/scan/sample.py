"""A synthetic Flask codebase of a given size, for timing `parity scan` in the bench."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from parity.scan.files import python_files
from parity.scan.scanner import scan_paths

SCAN_GOAL_SECONDS = 30.0
SCAN_LINES = 10_000

_HEADER = '''"""Generated module {module}: views in the shapes real Flask apps return."""

import json

from flask import Blueprint, Response, jsonify, make_response, redirect, render_template
from flask import request, send_file, url_for

bp = Blueprint("module_{module}", __name__)

'''
_RETURNS = (
    'render_template("page_{i}.html", items=items)',
    "jsonify(items=[x.to_dict() for x in items]), 200",
    'redirect(url_for("module_{module}.view_{i}"))',
    '{{"id": item_id, "name": name}}',
    '"", 204',
    'jsonify(error="item {i} not found"), 404',
    "make_response(jsonify(data), status)",
    "send_file(path)",
    'Response(generate(), mimetype="text/csv")',
    'f"Hello {{user.name}}"',
    'json.dumps(payload), 200, {{"Content-Type": "application/json"}}',
    'redirect(request.args.get("next") or "/")',
    "resp",
)
_VIEW = '''
@bp.route("/view-{i}/<int:item_id>", methods=["GET", "POST"])
def view_{i}(item_id):
    """View number {i}."""
    items = load_items(item_id)
    name = items[0].name if items else "none"
    if request.method == "POST":
        data = request.form.to_dict()
        status = 201
        return {first}
    payload = {{"count": len(items)}}
    path = "/tmp/{i}.csv"
    return {second}

'''


def write_sample(folder: Path, lines: int = SCAN_LINES) -> int:
    """Write modules of generated views into `folder` until about `lines` lines; the count."""
    written = 0
    module = 0
    while written < lines:
        parts = [_HEADER.format(module=module)]
        for i in range(20):
            first = _RETURNS[(module + i) % len(_RETURNS)].format(i=i, module=module)
            second = _RETURNS[(module + 3 * i + 1) % len(_RETURNS)].format(i=i, module=module)
            parts.append(_VIEW.format(i=i, first=first, second=second))
        text = "".join(parts)
        (folder / f"views_{module}.py").write_text(text)
        written += text.count("\n")
        module += 1
    return written


@dataclass(frozen=True)
class ScanTiming:
    """How long a scan of a generated codebase took."""

    lines: int
    returns: int
    shapes: int
    seconds: float

    @property
    def met(self) -> bool:
        """Whether the scan stayed under the goal."""
        return self.seconds <= SCAN_GOAL_SECONDS


def time_scan(lines: int = SCAN_LINES) -> ScanTiming:
    """Scan a freshly generated codebase of about `lines` lines, apps' start-up included."""
    with tempfile.TemporaryDirectory(prefix="parity-scan-bench-") as name:
        folder = Path(name)
        written = write_sample(folder, lines)
        started = time.perf_counter()
        scan = scan_paths(list(python_files([folder])), str)
        seconds = time.perf_counter() - started
    return ScanTiming(written, scan.returns, scan.shapes, seconds)
