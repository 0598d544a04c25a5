"""Scenarios that reach conversion through a hook or an error handler, not a view's return."""

from __future__ import annotations

from flask import Blueprint
from flask import Response
from flask import abort
from flask import jsonify
from werkzeug.exceptions import HTTPException

bp = Blueprint("routing", __name__)


@bp.route("/scenarios/error-handler-tuple")
def error_handler_tuple() -> str:
    abort(418)


@bp.errorhandler(418)
def teapot(error: HTTPException) -> tuple[Response, int]:
    return jsonify(error="I am a teapot"), 418


@bp.route("/scenarios/after-request-header")
def after_request_header() -> str:
    return "hooked"


@bp.after_request
def mark_hooked(response: Response) -> Response:
    response.headers["X-After-Request"] = "yes"
    return response
