"""The explorer page, the frame it puts on each server, and its origins and verdict endpoints.
No CORS: each frame calls its own server's `/render` and reports back by `postMessage`."""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.metadata import version

from flask import Blueprint
from flask import Response
from flask import current_app
from flask import request

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
def page() -> Response:
    """The explorer page, under a CSP that lets it frame only the two servers' frames."""
    body = resources.files("shared").joinpath("harness", "explorer.html").read_bytes()
    csp = explorer.page_csp(_origins())
    return Response(body, headers={"Content-Security-Policy": csp}, mimetype="text/html")


@bp.route(explorer.FRAME_PATH)
def frame() -> Response:
    """The frame page, which only `?parent=` (one of the two servers' origins) may frame."""
    parent = explorer.frame_parent(_origins(), request.args.get("parent"))
    body = resources.files("shared").joinpath("harness", "explorer-frame.html").read_bytes()
    csp = explorer.frame_csp(parent)
    return Response(body, headers={"Content-Security-Policy": csp}, mimetype="text/html")


@bp.route(explorer.CONFIG_PATH)
def origins() -> Response:
    """Both servers' origins and the catalogue's seeds, as JSON."""
    return Response(explorer.config_document(_origins(), SCENARIOS), mimetype=JSON)


@bp.route(explorer.CHECK_PATH)
def check() -> Response:
    """What /render's parser makes of `?expression=`: 200, or its 400 refusal."""
    status, body = explorer.check_answer(request.args.getlist("expression"))
    return Response(body, status, mimetype=JSON)


@bp.route(explorer.EXPLAIN_PATH, methods=["POST"])
def explain() -> Response:
    """The differences, registry entries and findings for two replies the page saw."""
    status, body = explorer.explain_answer(
        request.stream.read(explorer.MAX_EXPLAIN_BYTES + 1), _versions()
    )
    return Response(body, status, mimetype=JSON)
