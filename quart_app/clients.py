"""The browser clients' files under /_parity/: the harness page and script, each pinned
library's build and licence from node_modules, and the fixed hostile body."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from quart import Blueprint
from quart import Response

from shared import clients_assets as assets

bp = Blueprint("clients", __name__)


@bp.route(assets.PREFIX + "/<path:path>")
async def client_file(path: str) -> Response:
    """Whatever `shared.clients_assets.locate` names for the path, read from its place
    (text media types get charset=utf-8 from the framework)."""
    root = Path(os.environ.get(assets.NODE_MODULES_VARIABLE) or Path.cwd() / "node_modules")
    served = assets.locate(path, root)
    body = served.body
    if served.resource is not None:
        body = resources.files("shared").joinpath("harness", served.resource).read_bytes()
    elif served.file is not None:
        if not served.file.is_file():
            return Response(assets.MISSING + "\n", 404, mimetype=assets.TEXT)
        body = served.file.read_bytes()
    return Response(body, served.status, headers=dict(served.headers), mimetype=served.mimetype)
