"""`/render`: returns exactly the value a return expression describes, for any method."""

from __future__ import annotations

from typing import Any

from quart import Blueprint
from quart import Response
from quart import request

from quart_app.build import build
from shared.routes.render import REFUSAL_STATUS
from shared.routes.render import RENDER_METHODS
from shared.routes.render import RENDER_PATH
from shared.routes.render import RenderRefusal
from shared.routes.render import check_body_size
from shared.routes.render import check_envelope
from shared.routes.render import count_headers
from shared.routes.render import read_value

bp = Blueprint("render", __name__)


@bp.route(RENDER_PATH, methods=list(RENDER_METHODS), provide_automatic_options=False)
async def render() -> Any:
    """Build the requested value with Quart's helpers and return it, as a view would."""
    try:
        # Quart adds a `Remote-Addr` header of its own: count the names the client sent.
        names = (name.decode("latin-1") for name, _ in request.scope["headers"])
        check_envelope(count_headers(names), request.content_length)
        body = bytearray()
        async for chunk in request.body:
            body += chunk
            check_body_size(len(body))
        value = read_value(request.args.getlist("expression"), bytes(body))
    except RenderRefusal as refusal:
        return Response(refusal.document(), REFUSAL_STATUS, mimetype="application/json")
    return await build(value)
