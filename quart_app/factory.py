"""The Quart application factory."""

from __future__ import annotations

from typing import Any

from quart import Quart

from quart_app import admin
from quart_app import clients
from quart_app import probe
from quart_app import routing
from quart_app import scenarios


def create_app(test_config: dict[str, Any] | None = None) -> Quart:
    """A Quart app serving every scenario, the admin routes, the probe and the client files."""
    app = Quart(__name__)
    app.config.from_mapping(SECRET_KEY="parity-lab-not-secret")
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.register_blueprint(scenarios.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(routing.bp)
    app.register_blueprint(probe.bp)
    app.register_blueprint(clients.bp)
    return app
