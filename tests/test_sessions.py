"""Both apps keep their session serializer between requests, and sign and read cookies exactly
as the frameworks' own session interfaces do, key rotation included."""

from __future__ import annotations

from typing import Any

import pytest
from flask.sessions import SecureCookieSessionInterface as FlaskInterface
from itsdangerous import BadSignature
from quart.sessions import SecureCookieSessionInterface as QuartInterface

import flask_app
import quart_app

APPS = [
    pytest.param(flask_app.create_app, FlaskInterface, id="flask", marks=pytest.mark.flask),
    pytest.param(quart_app.create_app, QuartInterface, id="quart", marks=pytest.mark.quart),
]


@pytest.mark.parametrize(("factory", "stock"), APPS)
def test_serializer_is_kept_between_requests(factory: Any, stock: Any) -> None:
    """Two requests with the same keys get the same serializer object."""
    app = factory()
    first = app.session_interface.get_signing_serializer(app)
    assert first is not None
    assert app.session_interface.get_signing_serializer(app) is first


@pytest.mark.parametrize(("factory", "stock"), APPS)
def test_cookies_are_those_of_the_framework_interface(factory: Any, stock: Any) -> None:
    """A cookie the framework's own interface signs is read by the app's, and the other way."""
    app = factory()
    kept = app.session_interface.get_signing_serializer(app)
    own = stock().get_signing_serializer(app)
    assert kept.loads(own.dumps({"user": "ada"})) == {"user": "ada"}
    assert own.loads(kept.dumps({"user": "ada"})) == {"user": "ada"}


@pytest.mark.parametrize(("factory", "stock"), APPS)
def test_a_new_secret_key_gets_a_new_serializer(factory: Any, stock: Any) -> None:
    """After the key changes, old cookies are refused unless the old key is a fallback."""
    app = factory()
    old = app.session_interface.get_signing_serializer(app).dumps({"n": 1})
    previous = app.secret_key
    app.secret_key = "rotated"
    with pytest.raises(BadSignature):
        app.session_interface.get_signing_serializer(app).loads(old)
    app.config["SECRET_KEY_FALLBACKS"] = [previous]
    assert app.session_interface.get_signing_serializer(app).loads(old) == {"n": 1}


@pytest.mark.parametrize(("factory", "stock"), APPS)
def test_no_secret_key_means_no_serializer(factory: Any, stock: Any) -> None:
    """Without a secret key there is no serializer, as with the framework's interface."""
    app = factory({"SECRET_KEY": None})
    assert app.session_interface.get_signing_serializer(app) is None
