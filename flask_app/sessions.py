"""Flask's signed-cookie sessions, with the signing serializer built once per set of keys.

Flask builds a new `URLSafeTimedSerializer` on every request, even one that never touches the
session; the bench found it among the costs a one-route app without a secret key does not
pay. The serializer depends only on the secret key, its fallbacks and the interface's
settings, so it is kept while those stay the same: every cookie is signed and read as before.
A request with no Cookie header gets the new empty session Flask would give it, without the
cookie jar being parsed.
"""

from __future__ import annotations

from functools import partial

from flask import Flask
from flask import Request
from flask.sessions import SecureCookieSession
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer

from shared.building.memo import Kept


class KeptSerializerSessionInterface(SecureCookieSessionInterface):
    """`SecureCookieSessionInterface` that reuses its serializer while the keys are the same."""

    def __init__(self) -> None:
        self._serializer: Kept[URLSafeTimedSerializer | None] = Kept()

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        """Flask's serializer for the app's current keys, built when they change."""
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        return self._serializer.get(keys, partial(super().get_signing_serializer, app))

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        """Flask's session; with no Cookie header at all, the empty one it would make."""
        if "HTTP_COOKIE" not in request.environ:
            if self.get_signing_serializer(app) is None:
                return None
            return self.session_class()
        return super().open_session(app, request)
