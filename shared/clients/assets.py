"""The files the apps serve so a browser can run the clients: each pinned npm package's build
and licence (from `node_modules`, installed by `npm ci`, or the copy an installed package
carries), the harness page and its script (package data in `shared/harness/`), the client
table the harness runs (from the client records), and one fixed hostile body. Paths only; no
I/O."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from shared.clients.predictions import CLIENTS
from shared.clients.record import JS_PREFIX
from shared.clients.record import LICENCE_PREFIX
from shared.clients.record import PREFIX
from shared.clients.record import Asset

__all__ = ["JS_PREFIX", "LICENCE_PREFIX", "PREFIX", "Asset"]

HARNESS_PATH = f"{PREFIX}/harness"
"""The harness page: loads every client and runs them on a same-origin path when asked."""
CLIENT_TABLE = "clients.json"
"""The client records as the harness reads them, under JS_PREFIX."""
HARNESS_SCRIPT = "harness.js"
EXPLORER_SCRIPT = "explorer.js"
FRAME_SCRIPT = "explorer-frame.js"
EXPLORER_STYLE = "explorer.css"
HOSTILE_PATH = f"{PREFIX}/fixtures/img-onerror"
HOSTILE_BODY = "<img src=x onerror=alert(1)>"
"""A fixed text/html body that would run script if a page ever rendered it as markup."""

HARNESS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'none'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
"""The harness page's Content-Security-Policy: only its own scripts run, so markup a client
inserts (htmx swaps bodies in) can neither run inline handlers nor load anything."""

NODE_MODULES_VARIABLE = "PARITY_NODE_MODULES"
"""Names the node_modules folder to serve from, before any other."""
PACKAGED_FOLDER = Path(__file__).resolve().parent / "client_files"
"""Where an installed package keeps the client files: `setup.py`'s build step copies them
there from node_modules, in the same layout (git-ignored, never committed)."""


ASSETS: tuple[Asset, ...] = tuple(dict.fromkeys(c.asset for c in CLIENTS if c.asset is not None))
"""Every build a client loads, in the order the harness loads them."""
ASSETS_BY_ID: Mapping[str, Asset] = MappingProxyType({a.id: a for a in ASSETS})


def client_table() -> bytes:
    """The client records as harness.js reads them: per client its id, the runner of its
    library, the build it loads (None for the browser's own), and its settings."""
    table = [
        {
            "id": c.id,
            "library": c.library.name,
            "asset": c.asset.url if c.asset is not None else None,
            "options": dict(c.options),
        }
        for c in CLIENTS
    ]
    return json.dumps(table, indent=1).encode()


def bundled_files() -> tuple[str, ...]:
    """Every file the apps serve from node_modules (each build and its licence), as a path
    under a node_modules folder; the build step copies exactly these."""
    return tuple(
        f"{asset.folder}/{name}" for asset in ASSETS for name in (asset.build, asset.licence_file)
    )


def client_roots(configured: str | None, cwd: Path) -> tuple[Path, ...]:
    """The folders the client files are looked for in, first first: `PARITY_NODE_MODULES`
    alone when set; else the installed package's copy, then the current directory's
    node_modules (a source checkout after `npm ci`)."""
    if configured:
        return (Path(configured),)
    return (PACKAGED_FOLDER, cwd / "node_modules")


MISSING = (
    "the client libraries are not installed: run `npm ci --ignore-scripts` in the project "
    f"root (then `pip install .` for an installed copy), or point {NODE_MODULES_VARIABLE} at a "
    "node_modules folder"
)
NOT_INSTALLED = (
    "parity: the browser client files are not installed, so the explorer cannot run its "
    "clients (run `npm ci --ignore-scripts`, then `pip install .`; or set "
    f"{NODE_MODULES_VARIABLE})"
)
"""What `parity serve` says, on one line, when it cannot find them."""
JAVASCRIPT = "text/javascript"
TEXT = "text/plain"
CSS = "text/css"
HTML = "text/html"
JSON = "application/json"


@dataclass(frozen=True)
class Served:
    """What an app answers for a path under PREFIX: a status, a media type, extra headers,
    and the body: fixed bytes, a file of `shared/harness/`, or the first of `files` (the
    same file under each client root) that exists."""

    status: int
    mimetype: str
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    resource: str | None = None
    files: tuple[Path, ...] = ()


def locate(path: str, roots: tuple[Path, ...]) -> Served:
    """What to serve for `path` (the part after PREFIX + "/"), the client files looked for
    under each of `roots` in turn; a 404 for anything else."""
    if path == HARNESS_PATH.removeprefix(PREFIX + "/"):
        return Served(
            200, HTML, resource="harness.html", headers=(("Content-Security-Policy", HARNESS_CSP),)
        )
    if path == HOSTILE_PATH.removeprefix(PREFIX + "/"):
        return Served(200, HTML, HOSTILE_BODY.encode())
    folder, _, name = path.partition("/")
    if folder == "js" and name == CLIENT_TABLE:
        return Served(200, JSON, client_table())
    if folder == "js" and name in (HARNESS_SCRIPT, EXPLORER_SCRIPT, FRAME_SCRIPT):
        return Served(200, JAVASCRIPT, resource=name)
    if folder == "css" and name == EXPLORER_STYLE:
        return Served(200, CSS, resource=name)
    stem, dot, suffix = name.rpartition(".")
    asset = ASSETS_BY_ID.get(stem) if dot else None
    if asset is not None and (folder, suffix) == ("js", "js"):
        return Served(200, JAVASCRIPT, files=tuple(r / asset.folder / asset.build for r in roots))
    if asset is not None and (folder, suffix) == ("licences", "txt"):
        licences = tuple(r / asset.folder / asset.licence_file for r in roots)
        return Served(200, TEXT, files=licences)
    return Served(404, TEXT, b"no such client file\n")
