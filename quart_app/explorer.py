"""The explorer page, the frame it puts on each server, and its origins and verdict endpoints.
No CORS: each frame calls its own server's `/render` and reports back by `postMessage`."""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.metadata import version

from quart import Blueprint
from quart import Response
from quart import current_app
from quart import request

from shared.judgement import VERSIONED
from shared.judgement import Versions
from shared.routes import explorer
from shared.scenarios import SCENARIOS

bp = Blueprint("explorer", __name__)
JSON = "application/json"


@cache
def _versions() -> Versions:
    """The installed versions, which decide the entries the verdict uses."""
    return Versions.of({name: version(name) for name in VERSIONED})


def _origins() -> dict[str, str]:
    origins: dict[str, str] = current_app.config.get(explorer.ORIGINS_CONFIG_KEY) or {}
    return origins


@bp.route(explorer.EXPLORER_PATH)
async def page() -> Response:
    """The explorer page, under a CSP that lets it frame only the two servers' frames."""
    body = resources.files("shared").joinpath("harness", "explorer.html").read_bytes()
    csp = explorer.page_csp(_origins())
    return Response(body, headers={"Content-Security-Policy": csp}, mimetype="text/html")


@bp.route(explorer.FRAME_PATH)
async def frame() -> Response:
    """The frame page, which only `?parent=` (one of the two servers' origins) may frame."""
    parent = explorer.frame_parent(_origins(), request.args.get("parent"))
    body = resources.files("shared").joinpath("harness", "explorer-frame.html").read_bytes()
    csp = explorer.frame_csp(parent)
    return Response(body, headers={"Content-Security-Policy": csp}, mimetype="text/html")


@bp.route(explorer.CONFIG_PATH)
async def origins() -> Response:
    """Both servers' origins and the catalogue's seeds, as JSON."""
    return Response(explorer.config_document(_origins(), SCENARIOS), mimetype=JSON)


@bp.route(explorer.CHECK_PATH)
async def check() -> Response:
    """What /render's parser makes of `?expression=`: 200, or its 400 refusal."""
    status, body = explorer.check_answer(request.args.getlist("expression"))
    return Response(body, status, mimetype=JSON)


@bp.route(explorer.EXPLAIN_PATH, methods=["POST"])
async def explain() -> Response:
    """The differences, registry entries and findings for two replies the page saw."""
    received = bytearray()
    async for chunk in request.body:
        received += chunk
        if len(received) > explorer.MAX_EXPLAIN_BYTES:
            break
    status, body = explorer.explain_answer(bytes(received), _versions())
    return Response(body, status, mimetype=JSON)
