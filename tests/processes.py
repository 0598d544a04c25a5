"""What a test needs to know about processes and ports on this machine (Linux /proc)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from socketserver import TCPServer

from parity.servers import HOST


def _stat(pid: int) -> tuple[int, str] | None:
    """The parent pid and state of a process, or None when it is gone."""
    try:
        text = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may hold spaces: split after its end.
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[1]), fields[0]


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie waiting to be reaped."""
    found = _stat(pid)
    return found is not None and found[1] != "Z"


def descendants(root: int) -> set[int]:
    """Every live process below `root`, at any depth."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (found := _stat(int(entry.name))) is not None:
            parents[int(entry.name)] = found[0]
    found_below: set[int] = set()
    frontier = {root}
    while frontier:
        children = {pid for pid, parent in parents.items() if parent in frontier}
        frontier = children - found_below
        found_below |= children
    return {pid for pid in found_below if alive(pid)}


def listening(port: int, host: str = HOST) -> bool:
    """Whether something accepts connections on the port."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


@contextmanager
def served_in_thread(server: TCPServer) -> Iterator[str]:
    """The base URL of an in-process HTTP server bound to loopback, served from a thread
    until the block ends, then shut down and closed."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
