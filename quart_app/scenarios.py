"""One async view per scenario, written as a Quart user writes them."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from quart import Blueprint
from quart import Response
from quart import get_flashed_messages
from quart import jsonify
from quart import make_response

from shared.scenarios import index_page

bp = Blueprint("scenarios", __name__)


@bp.route("/")
async def index() -> str:
    """The public index: flashed messages, then a link to every scenario."""
    return index_page("Quart", get_flashed_messages())


@bp.route("/scenarios/plain-string")
async def plain_string() -> str:
    return "ok"


@bp.route("/scenarios/json-dumps-contenttype-typo")
async def json_dumps_contenttype_typo() -> tuple[str, int, dict[str, str]]:
    return json.dumps({"success": True}), 200, {"ContentType": "application/json"}


@bp.route("/scenarios/json-dumps-content-type")
async def json_dumps_content_type() -> tuple[str, int, dict[str, str]]:
    return json.dumps({"success": True}), 200, {"Content-Type": "application/json"}


@bp.route("/scenarios/jsonify-kwargs")
async def jsonify_kwargs() -> Response:
    return jsonify(success=True)


@bp.route("/scenarios/jsonify-status-code-set-after")
async def jsonify_status_code_set_after() -> Response:
    resp = jsonify(success=True)
    resp.status_code = 200
    return resp


@bp.route("/scenarios/make-response-jsonify-201")
async def make_response_jsonify_201() -> Any:
    data = {"id": 7, "name": "Ada"}
    return await make_response(jsonify(data), 201)


@bp.route("/scenarios/jsonify-error-401")
async def jsonify_error_401() -> tuple[Response, int]:
    return jsonify({"error": "Admin access is required"}), 401


@bp.route("/scenarios/about-response-object")
async def about_response_object() -> Response:
    return Response("created", status=201, mimetype="text/plain")


@bp.route("/scenarios/about-string")
async def about_string() -> str:
    return "Hello, World!"


@bp.route("/scenarios/about-dict")
async def about_dict() -> dict[str, Any]:
    return {"name": "Ada", "admin": True}


@bp.route("/scenarios/about-generator")
async def about_generator() -> AsyncIterator[str]:
    async def generate() -> AsyncIterator[str]:
        for chunk in ["a", "b", "c"]:
            yield chunk

    return generate()


@bp.route("/scenarios/about-tuple-status")
async def about_tuple_status() -> tuple[str, int]:
    return "Created", 201


@bp.route("/scenarios/about-tuple-headers")
async def about_tuple_headers() -> tuple[str, dict[str, str]]:
    return "ok", {"X-Request-Id": "abc"}


@bp.route("/scenarios/about-tuple-status-headers")
async def about_tuple_status_headers() -> tuple[str, int, list[tuple[str, str]]]:
    return "Gone away", 410, [("X-Reason", "moved")]


@bp.route("/scenarios/about-wsgi-callable")
async def about_wsgi_callable() -> Any:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"from wsgi"]

    return app
