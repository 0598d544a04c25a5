"""`/render`: returns exactly the value a return expression describes, for any method."""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from flask import Response
from flask import request

from flask_app.build import build
from shared.routes.render import MAX_BODY_BYTES
from shared.routes.render import REFUSAL_STATUS
from shared.routes.render import RENDER_METHODS
from shared.routes.render import RENDER_PATH
from shared.routes.render import RenderRefusal
from shared.routes.render import check_body_size
from shared.routes.render import check_envelope
from shared.routes.render import count_headers
from shared.routes.render import read_value
from shared.routes.render import unreadable_body

bp = Blueprint("render", __name__)


@bp.route(RENDER_PATH, methods=list(RENDER_METHODS), provide_automatic_options=False)
def render() -> Any:
    """Build the requested value with Flask's helpers and return it, as a view would."""
    try:
        check_envelope(count_headers(request.headers.keys()), request.content_length)
        try:
            body = request.stream.read(MAX_BODY_BYTES + 1)
        # Each WSGI server raises its own errors from a body it cannot read (Gunicorn's
        # parse errors, Werkzeug's OSError and ClientDisconnected): none is the view's fault.
        except Exception as error:
            raise unreadable_body(error) from None
        check_body_size(len(body))
        value = read_value(request.args.getlist("expression"), body)
    except RenderRefusal as refusal:
        return Response(refusal.document(), REFUSAL_STATUS, mimetype="application/json")
    return build(value)
