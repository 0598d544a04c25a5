"""What Linux's /proc says about a server's process tree: its members, the descriptors they
hold open and their resident memory.

A server may answer from a child (Gunicorn's and Granian's workers), so every reading covers
the process and all its descendants.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_PROC = Path("/proc")


@dataclass(frozen=True)
class Usage:
    """Open descriptors and resident memory of a process tree at one moment."""

    descriptors: int
    rss_kib: int

    def describe(self) -> str:
        """`12 fds, 45678 KiB`."""
        return f"{self.descriptors} fds, {self.rss_kib} KiB"


def process_tree(pid: int) -> set[int]:
    """The process and all its live descendants."""
    parents: dict[int, int] = {}
    for entry in _PROC.iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name in parentheses may hold spaces; the parent follows the state.
            parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    tree, frontier = {pid}, {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - tree
        tree |= frontier
    return tree


def rss_kib(pid: int) -> int:
    """One process's resident memory in KiB (0 once it has exited)."""
    try:
        status = (_PROC / str(pid) / "status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def descriptors(pid: int) -> int:
    """How many descriptors one process holds open (0 once it has exited)."""
    try:
        return len(os.listdir(_PROC / str(pid) / "fd"))
    except OSError:
        return 0


def tree_usage(pid: int) -> Usage:
    """Descriptors and resident memory summed over the process and its descendants."""
    tree = process_tree(pid)
    return Usage(sum(descriptors(p) for p in tree), sum(rss_kib(p) for p in tree))


def tree_rss_kib(pid: int) -> int:
    """The resident memory of a process and all its descendants, in KiB."""
    return sum(rss_kib(member) for member in process_tree(pid))
