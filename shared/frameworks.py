"""The two frameworks this lab compares."""

from __future__ import annotations

import enum


class Framework(enum.Enum):
    """A framework under test; the value is the name used in ids, markers and reports."""

    FLASK = "flask"
    QUART = "quart"

    @property
    def title(self) -> str:
        """The name as a person writes it."""
        return self.value.capitalize()
