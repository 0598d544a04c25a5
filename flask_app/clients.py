"""The browser clients' files under /_parity/: the harness page and script, each pinned
library's build and licence (from PARITY_NODE_MODULES, the installed package's copy, or
./node_modules), and the fixed hostile body."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from flask import Blueprint
from flask import Response

from shared.clients import assets

bp = Blueprint("clients", __name__)


@bp.route(assets.PREFIX + "/<path:path>")
def client_file(path: str) -> Response:
    """Whatever `shared.clients.assets.locate` names for the path, read from its place
    (text media types get charset=utf-8 from the framework)."""
    roots = assets.client_roots(os.environ.get(assets.NODE_MODULES_VARIABLE), Path.cwd())
    served = assets.locate(path, roots)
    body = served.body
    if served.resource is not None:
        body = resources.files("shared").joinpath("harness", served.resource).read_bytes()
    elif served.files:
        found = next((file for file in served.files if file.is_file()), None)
        if found is None:
            return Response(assets.MISSING + "\n", 404, mimetype=assets.TEXT)
        body = found.read_bytes()
    return Response(body, served.status, headers=dict(served.headers), mimetype=served.mimetype)
