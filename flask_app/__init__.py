"""The scenarios as sync Flask views; `flask --app flask_app run` finds `create_app`."""

from flask_app.factory import create_app

__all__ = ["create_app"]
