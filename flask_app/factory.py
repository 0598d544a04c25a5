"""The Flask application factory."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask
from werkzeug.exceptions import HTTPException

from flask_app import admin
from flask_app import clients
from flask_app import explorer
from flask_app import guard
from flask_app import health
from flask_app import probe
from flask_app import render
from flask_app import routing
from flask_app import scenarios
from flask_app.build import handle_error
from flask_app.closing import ClosesOpenedFiles
from flask_app.sessions import KeptSerializerSessionInterface
from shared.routes.explorer import ORIGINS_CONFIG_KEY
from shared.routes.explorer import ORIGINS_VARIABLE
from shared.routes.explorer import read_origins
from shared.routes.guard import Guard
from shared.routes.health import NONCE_CONFIG_KEY
from shared.routes.health import NONCE_VARIABLE


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """A Flask app serving the scenarios, admin routes, probe, /render, health route and
    the client files, inside the lab's guard (Host check, /render's token, lab headers)
    told by TOKEN_VARIABLE, PORT_VARIABLE and HOST_VARIABLE (see `shared.routes.guard`)."""
    app = Flask(__name__)
    app.wsgi_app = ClosesOpenedFiles(app.wsgi_app)  # type: ignore[method-assign]
    app.session_interface = KeptSerializerSessionInterface()
    app.config.from_mapping(SECRET_KEY="parity-lab-not-secret")
    app.config[NONCE_CONFIG_KEY] = os.environ.get(NONCE_VARIABLE)
    app.config[ORIGINS_CONFIG_KEY] = read_origins(os.environ.get(ORIGINS_VARIABLE))
    if test_config is not None:
        app.config.from_mapping(test_config)
    # One app-level handler answers for the error handlers a probe's source registers.
    app.register_error_handler(HTTPException, handle_error)
    # And for what a probe's view raises; it raises again whatever it does not answer.
    app.register_error_handler(Exception, handle_error)
    app.register_blueprint(scenarios.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(routing.bp)
    app.register_blueprint(probe.bp)
    app.register_blueprint(clients.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(render.bp)
    app.register_blueprint(explorer.bp)
    return guard.guarded(app, Guard.from_environment(os.environ))
