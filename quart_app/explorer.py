"""The explorer page, its origins and verdict endpoints, and the CORS rule that lets the page
on one server call the other server's `/render` (exactly the two servers' origins)."""

from __future__ import annotations

from importlib import resources

from quart import Blueprint
from quart import Response
from quart import current_app
from quart import request
from werkzeug.datastructures import Headers

from shared import explorer
from shared.scenarios import SCENARIOS

bp = Blueprint("explorer", __name__)
JSON = "application/json"


def _origins() -> dict[str, str]:
    origins: dict[str, str] = current_app.config.get(explorer.ORIGINS_CONFIG_KEY) or {}
    return origins


@bp.route(explorer.EXPLORER_PATH)
async def page() -> Response:
    """The explorer page, under a CSP that lets it reach only the two servers."""
    body = resources.files("shared").joinpath("harness", "explorer.html").read_bytes()
    csp = explorer.page_csp(_origins())
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
    status, body = explorer.explain_answer(bytes(received))
    return Response(body, status, mimetype=JSON)


@bp.before_app_request
async def preflight() -> Response | None:
    """Answer a CORS preflight from one of the two origins; anything else goes on."""
    if request.method != "OPTIONS":
        return None
    granted = explorer.preflight_headers(
        _origins(),
        request.headers.get("Origin"),
        request.path,
        request.headers.get("Access-Control-Request-Method"),
    )
    return None if granted is None else Response(status=204, headers=Headers(granted))


@bp.after_app_request
async def grant(response: Response) -> Response:
    """Add the CORS grant for a request from one of the two origins."""
    # Every answer passes here: leave at once where no grant can apply.
    if request.path not in explorer.CORS_PATHS:
        return response
    if request.method != "OPTIONS" or "Access-Control-Request-Method" not in request.headers:
        response.headers.extend(
            explorer.cors_headers(_origins(), request.headers.get("Origin"), request.path)
        )
    return response
