"""The health route: answers the nonce the starting process gave this server."""

from __future__ import annotations

from quart import Blueprint
from quart import Response
from quart import current_app

from shared.routes.health import HEALTH_PATH
from shared.routes.health import NONCE_CONFIG_KEY
from shared.routes.health import health_body

bp = Blueprint("health", __name__)


@bp.route(HEALTH_PATH)
async def health() -> Response:
    """The nonce, so that the starter knows it reached its own server."""
    status, body = health_body(current_app.config.get(NONCE_CONFIG_KEY), "quart")
    return Response(body, status=status, mimetype="text/plain")
