"""The probe route: returns whatever model value the driver put in the app's config."""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from flask import abort
from flask import current_app

from flask_app.build import build
from shared.probe import PROBE_CONFIG_KEY
from shared.probe import PROBE_PATH

bp = Blueprint("probe", __name__)


@bp.route(PROBE_PATH, methods=["GET", "POST"])
def probe() -> Any:
    """Return the configured value, built with Flask's helpers."""
    value = current_app.config.get(PROBE_CONFIG_KEY)
    if value is None:
        abort(404, "no probe value is configured")
    return build(value)
