"""The `admin_required` decorator from the seed answer, for async views."""

from __future__ import annotations

import functools
from collections.abc import Awaitable
from collections.abc import Callable
from typing import Any

from quart import Blueprint
from quart import flash
from quart import jsonify
from quart import redirect
from quart import request
from quart import url_for

from shared.users import USER_HEADER
from shared.users import user_named

bp = Blueprint("admin", __name__)


def admin_required(view: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """Let admins through; answer 401 JSON on /api/ routes, else flash and go to the index."""

    @functools.wraps(view)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        user = user_named(request.headers.get(USER_HEADER))
        if user is not None and user.is_admin:
            return await view(*args, **kwargs)
        if request.path.startswith("/api/"):
            return jsonify({"error": "Admin access is required"}), 401
        await flash("Admin access is required")
        return redirect(url_for("scenarios.index"))

    return wrapper


@bp.route("/api/admin/stats")
@admin_required
async def stats() -> Any:
    """Counts for the admin dashboard."""
    return jsonify(users=3, admins=1)


@bp.route("/admin")
@admin_required
async def dashboard() -> str:
    """The admin page."""
    return "<h1>Admin</h1>"
