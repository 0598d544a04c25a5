"""The limits of what is read, and the error that names what lies outside them."""

from __future__ import annotations

MAX_SOURCE_LENGTH = 20_000
"""Longer input is refused before it reaches `ast`, so a paste can never make parsing slow."""

MAX_NESTING = 100
"""Deepest syntax tree accepted (each bracket, call or operator is a level)."""

MAX_INT_DIGITS = 4_300
"""Python's default limit for turning an int into decimal text: a literal that cannot be
written back (or put in a header) is refused rather than crashing later."""

FRAGMENT_WIDTH = 80
"""The most characters of the source an error quotes."""


class ParseError(ValueError):
    """The source is outside the grammar; `fragment` is the offending text, at most
    FRAGMENT_WIDTH characters of it."""

    def __init__(self, problem: str, fragment: str) -> None:
        fragment = clip(fragment)
        super().__init__(f"{problem}: {fragment}")
        self.problem = problem
        self.fragment = fragment


def clip(text: str, width: int = FRAGMENT_WIDTH) -> str:
    """The text, or its start and end around an ellipsis when it is longer than `width`."""
    if len(text) <= width:
        return text
    half = (width - 3) // 2
    return f"{text[:half]}...{text[-half:]}"
