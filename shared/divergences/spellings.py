"""Spellings both frameworks answer alike: where a divergence has one, the way to write the
return so that Flask and Quart give the same answer, as data a codemod can apply.

Each holds for the entry that names it: the entry's own examples, written this way, no longer
show it (tests/test_migrate_fixes.py runs them through both apps).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias


@dataclass(frozen=True)
class KeywordGiven:
    """Pass a keyword whose default differs, with the value one framework assumes:
    `send_file(path, conditional=True)`."""

    calls: tuple[str, ...]
    keyword: str
    value: str
    """The value as source text."""

    def text(self) -> str:
        """What to write, in one line."""
        return f"pass `{self.keyword}={self.value}` to `{'`, `'.join(self.calls)}` explicitly"


@dataclass(frozen=True)
class HeaderLeftOut:
    """Leave a header the framework computes out of a returned tuple's headers:
    `'ok', 200, {}` for `'ok', 200, {'Content-Length': '10'}`."""

    name: str

    def text(self) -> str:
        """What to write, in one line."""
        return f"leave `{self.name}` out of the returned tuple's headers: both compute it"


@dataclass(frozen=True)
class PairsListed:
    """Give a returned tuple's header pairs as a list: `'ok', [('X-A', 'a')]` for
    `'ok', (('X-A', 'a'),)`."""

    def text(self) -> str:
        """What to write, in one line."""
        return "give the header pairs as a list, `[(name, value)]`, which both read as headers"


Spelling: TypeAlias = KeywordGiven | HeaderLeftOut | PairsListed
"""A spelling both frameworks answer alike."""
