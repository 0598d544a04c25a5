"""The files the apps serve so a browser can run the clients: each pinned npm package's build
and licence (from `node_modules`, installed by `npm ci`, or the copy an installed package
carries), the harness page and its script (package data in `shared/harness/`), and one fixed
hostile body. Paths only; no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from shared.clients import AXIOS
from shared.clients import HTMX
from shared.clients import JQUERY_3
from shared.clients import JQUERY_4

PREFIX = "/_parity"
HARNESS_PATH = f"{PREFIX}/harness"
"""The harness page: loads every client and runs them on a same-origin path when asked."""
JS_PREFIX = f"{PREFIX}/js/"
LICENCE_PREFIX = f"{PREFIX}/licences/"
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


@dataclass(frozen=True)
class Asset:
    """One client library's browser build, as pinned in package.json."""

    id: str
    folder: str
    """Its folder under node_modules (the npm alias for the two jQuery versions)."""
    package: str
    version: str
    build: str
    licence_file: str
    licence: str
    """The SPDX identifier package.json declares."""

    @property
    def url(self) -> str:
        """Where the apps serve the build."""
        return f"{JS_PREFIX}{self.id}.js"

    @property
    def licence_url(self) -> str:
        """Where the apps serve the licence text."""
        return f"{LICENCE_PREFIX}{self.id}.txt"


ASSETS: tuple[Asset, ...] = (
    Asset("jquery-3.7.1", "jquery3", "jquery", JQUERY_3, "dist/jquery.js", "LICENSE.txt", "MIT"),
    Asset("jquery-4.0.0", "jquery4", "jquery", JQUERY_4, "dist/jquery.js", "LICENSE.txt", "MIT"),
    Asset("axios-1.21.1", "axios", "axios", AXIOS, "dist/axios.js", "LICENSE", "MIT"),
    Asset("htmx-2.0.11", "htmx.org", "htmx.org", HTMX, "dist/htmx.js", "LICENSE", "0BSD"),
)
ASSETS_BY_ID: Mapping[str, Asset] = MappingProxyType({a.id: a for a in ASSETS})


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
