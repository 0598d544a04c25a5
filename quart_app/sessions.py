"""Quart's signed-cookie sessions, with the signing serializer built once per set of keys.

Quart builds a new `URLSafeTimedSerializer` on every request, even one that never touches the
session; the bench found it among the costs a one-route app without a secret key does not
pay. The serializer depends only on the secret key, its fallbacks and the interface's
settings, so it is kept while those stay the same: every cookie is signed and read as before.
A request with no Cookie header gets the new empty session Quart would give it, without the
cookie jar being parsed.
"""

from __future__ import annotations

from functools import partial

from itsdangerous import URLSafeTimedSerializer
from quart import Quart
from quart.sessions import SecureCookieSession
from quart.sessions import SecureCookieSessionInterface
from quart.wrappers import BaseRequestWebsocket

from shared.building.memo import Kept


class KeptSerializerSessionInterface(SecureCookieSessionInterface):
    """`SecureCookieSessionInterface` that reuses its serializer while the keys are the same."""

    def __init__(self) -> None:
        self._serializer: Kept[URLSafeTimedSerializer | None] = Kept()

    def get_signing_serializer(self, app: Quart) -> URLSafeTimedSerializer | None:
        """Quart's serializer for the app's current keys, built when they change."""
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        return self._serializer.get(keys, partial(super().get_signing_serializer, app))

    async def open_session(
        self, app: Quart, request: BaseRequestWebsocket
    ) -> SecureCookieSession | None:
        """Quart's session; with no Cookie header at all, the empty one it would make."""
        if "cookie" not in request.headers:
            if self.get_signing_serializer(app) is None:
                return None
            return self.session_class()
        return await super().open_session(app, request)
