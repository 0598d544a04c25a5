"""One value kept while what it is built from stays the same (framework-free)."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Hashable
from typing import Generic
from typing import TypeVar

Value = TypeVar("Value")


class Kept(Generic[Value]):
    """The last value built, returned again while its key is equal; rebuilt when it changes.

    One slot, so a key that keeps changing holds no more than one value; the slot is replaced
    in one assignment, so threads sharing it at worst build the value twice."""

    def __init__(self) -> None:
        self._slot: tuple[Hashable, Value] | None = None

    def get(self, key: Hashable, build: Callable[[], Value]) -> Value:
        """The value kept for `key`, or `build()` kept in its place."""
        slot = self._slot
        if slot is not None and slot[0] == key:
            return slot[1]
        value = build()
        self._slot = (key, value)
        return value
