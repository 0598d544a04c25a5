"""The demo users behind the `admin_required` scenarios, picked by a request header."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

USER_HEADER = "X-User"
"""The request header that names the user; a stand-in for a login session."""


@dataclass(frozen=True)
class User:
    """A signed-in user."""

    name: str
    is_admin: bool


USERS: Mapping[str, User] = MappingProxyType(
    {"ada": User("ada", is_admin=True), "bob": User("bob", is_admin=False)}
)


def user_named(name: str | None) -> User | None:
    """The user a request header names, or None for a visitor."""
    return None if name is None else USERS.get(name)
