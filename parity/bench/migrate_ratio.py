"""`parity migrate --prove` beside `parity scan` of the same generated tree, timed in one run:
the ratio of the two wall clocks, and the migrate goal (a 10,000-line tree, proofs included,
under MIGRATE_GOAL_SECONDS)."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parity.migrate.proof import prove
from parity.migrate.run import migrate_paths
from parity.scan.explore import DEFAULT_EXAMPLES
from parity.scan.files import python_files
from parity.scan.sample import SCAN_LINES
from parity.scan.sample import write_sample
from parity.scan.scanner import scan_paths

MIGRATE_GOAL_SECONDS = 60.0


@dataclass(frozen=True)
class MigrateTiming:
    """Wall-clock seconds of the scan and of the migration with its proofs, on one tree."""

    lines: int
    files: int
    returns: int
    """Returns the scan classified."""
    proofs: int
    """Returns the migration proved."""
    changed: int
    scan_seconds: float
    migrate_seconds: float

    @property
    def ratio(self) -> float:
        """The migration's time over the scan's."""
        return self.migrate_seconds / self.scan_seconds if self.scan_seconds else float("inf")

    def goals(self) -> dict[str, bool]:
        """The migrate goal and whether this run met it."""
        goal = f"migrate --prove of {self.lines:,} lines <= {MIGRATE_GOAL_SECONDS:g} s"
        return {goal: self.migrate_seconds <= MIGRATE_GOAL_SECONDS}


def measure(lines: int = SCAN_LINES, examples: int = DEFAULT_EXAMPLES) -> MigrateTiming:
    """Scan, then migrate and prove, a freshly generated tree of about `lines` lines; each
    starts its own apps, as the commands do."""
    with tempfile.TemporaryDirectory(prefix="parity-migrate-bench-") as name:
        folder = Path(name)
        written = write_sample(folder, lines)
        files = list(python_files([folder]))
        started = time.perf_counter()
        scan = scan_paths(files, str, examples)
        scanned = time.perf_counter()
        migration = migrate_paths([folder])
        proofs = prove(files, migration, examples)
        migrated = time.perf_counter()
    return MigrateTiming(
        written,
        len(files),
        scan.returns,
        len(proofs),
        len(migration.changed),
        scanned - started,
        migrated - scanned,
    )


def lines(timing: MigrateTiming) -> list[str]:
    """The rows a person reads."""
    mark = "" if all(timing.goals().values()) else "  MISSED"
    return [
        f"parity migrate --prove against parity scan, one generated tree of {timing.lines:,} "
        f"lines ({timing.files} files):",
        f"{'scan':<34} {timing.scan_seconds:8.2f} s  ({timing.returns} returns)",
        f"{'migrate, proofs included':<34} {timing.migrate_seconds:8.2f} s  "
        f"({timing.changed} files rewritten, {timing.proofs} returns proven)",
        f"{'migrate / scan':<34} {timing.ratio:8.2f}  "
        f"(goal migrate <= {MIGRATE_GOAL_SECONDS:g} s){mark}",
    ]


def as_dict(timing: MigrateTiming) -> dict[str, Any]:
    """The figures as JSON."""
    return {
        "lines": timing.lines,
        "files": timing.files,
        "returns": timing.returns,
        "proofs": timing.proofs,
        "changed": timing.changed,
        "scan_seconds": round(timing.scan_seconds, 3),
        "migrate_seconds": round(timing.migrate_seconds, 3),
        "migrate_scan_ratio": round(timing.ratio, 3),
        "goals": timing.goals(),
    }
