"""The scenarios as async Quart views; `quart --app quart_app run` finds `create_app`."""

from quart_app.factory import create_app

__all__ = ["create_app"]
