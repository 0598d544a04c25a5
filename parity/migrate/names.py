"""What Flask's modules and names are called in Quart, and the extensions that have a port."""

from __future__ import annotations

MODULES: dict[str, str] = {
    "flask": "quart",
    "flask.views": "quart.views",
    "flask.cli": "quart.cli",
    "flask.testing": "quart.testing",
    "flask.wrappers": "quart.wrappers",
    "flask.ctx": "quart.ctx",
    "flask.globals": "quart.globals",
    "flask.helpers": "quart.helpers",
    "flask.templating": "quart.templating",
    "flask.signals": "quart.signals",
    "flask.sessions": "quart.sessions",
    "flask.json": "quart.json",
    "flask.blueprints": "quart.blueprints",
    "flask.config": "quart.config",
    "flask.typing": "quart.typing",
}
"""Flask modules and the Quart module with the same part."""

RENAMED: dict[str, str] = {
    "Flask": "Quart",
    "FlaskGroup": "QuartGroup",
    "FlaskClient": "QuartClient",
    "FlaskCliRunner": "QuartCliRunner",
}
"""Names spelled differently in Quart."""

NO_COUNTERPART: frozenset[str] = frozenset(
    {"CertParamType", "SeparatedPathType", "run_simple", "show_server_banner", "EnvironBuilder"}
)
"""Public Flask names Quart does not have."""

EXTENSIONS: dict[str, str] = {
    "flask_cors": "quart_cors (quart-cors)",
    "flask_login": "quart_auth (quart-auth)",
    "flask_wtf": "quart_wtf (quart-wtf)",
    "flask_sqlalchemy": "quart_sqlalchemy (quart-sqlalchemy), or quart-flask-patch",
    "flask_session": "quart_session (quart-session)",
    "flask_babel": "quart_babel (quart-babel)",
    "flask_compress": "quart_compress (quart-compress)",
    "flask_limiter": "quart_rate_limiter (quart-rate-limiter)",
    "flask_socketio": "Quart's own websockets (@app.websocket)",
}
"""Flask extensions and the Quart package that does the same job."""


def quart_module(module: str) -> str | None:
    """The Quart module for a Flask module, or None when it is not one of Flask's."""
    if module in MODULES:
        return MODULES[module]
    if module.startswith("flask."):
        return "quart." + module.removeprefix("flask.")
    return None


def extension_forward(module: str) -> str | None:
    """The way forward for a Flask extension's module, or None when it is not one."""
    top = module.split(".")[0]
    if top == "flask_restful":
        return None
    if top in EXTENSIONS:
        return f"use {EXTENSIONS[top]}"
    if top.startswith("flask_"):
        return "run it under quart-flask-patch, or find its Quart port"
    return None
