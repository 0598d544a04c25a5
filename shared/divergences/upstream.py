"""Where each known divergence stands with the maintainers of the code that causes it."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class UpstreamState(enum.Enum):
    """What the maintainers have said, or that nobody has told them yet."""

    OPEN = "reported, open"
    FIXED = "fixed upstream"
    BY_DESIGN = "by design"
    WONT_FIX = "won't fix"
    NOT_REPORTED = "not reported"
    SECURITY_CHANNEL = "for the maintainers' private security channel"


NEEDS_LINK = frozenset(
    {UpstreamState.OPEN, UpstreamState.FIXED, UpstreamState.BY_DESIGN, UpstreamState.WONT_FIX}
)
"""States that stand on a public report, which the record links."""
NEEDS_WORD = frozenset(
    {UpstreamState.BY_DESIGN, UpstreamState.WONT_FIX, UpstreamState.SECURITY_CHANNEL}
)
"""States a reader should not take on trust: the record says why, in the project's words."""


@dataclass(frozen=True)
class Upstream:
    """An entry's upstream state: a report with its state, the maintainers' word, or none."""

    state: UpstreamState
    url: str | None = None
    """The public report (an issue or pull request) the state stands on."""
    word: str = ""
    """What the maintainers said (by design, won't fix), or why a report goes elsewhere."""
    related: tuple[str, ...] = ()
    """Reports about neighbouring behaviour, which a reader might mistake for this one."""

    def problems(self) -> list[str]:
        """What is missing or malformed in the record, empty when it is whole."""
        found: list[str] = []
        if (self.url is not None) != (self.state in NEEDS_LINK):
            found.append(f"state {self.state.value!r} and the link disagree")
        if self.state in NEEDS_WORD and not self.word:
            found.append(f"state {self.state.value!r} needs the maintainers' word")
        for link in (self.url, *self.related):
            if link is not None and not link.startswith("https://github.com/"):
                found.append(f"{link!r} is not a GitHub link")
        return found

    def to_dict(self) -> dict[str, object]:
        """The record as JSON documents carry it."""
        return {
            "state": self.state.value,
            "url": self.url,
            "word": self.word,
            "related": list(self.related),
        }

    def text(self) -> str:
        """One line for a person: the state, its link, and the word."""
        parts = [self.state.value]
        if self.url:
            parts.append(self.url)
        line = ", ".join(parts)
        if self.word:
            line += f": {self.word}"
        if self.related:
            line += f" (related: {', '.join(self.related)})"
        return line


NOT_REPORTED = Upstream(UpstreamState.NOT_REPORTED)
"""No upstream report was found; `parity repro ENTRY` writes the evidence one would need."""


def reported(url: str, state: UpstreamState = UpstreamState.OPEN, word: str = "") -> Upstream:
    """A divergence whose public report is at `url`."""
    return Upstream(state, url, word)


def security_channel(project: str) -> Upstream:
    """A divergence that lets a response inject bytes onto the wire: its report goes to the
    project's private security channel, never to a public issue."""
    return Upstream(
        UpstreamState.SECURITY_CHANNEL,
        word=f"it lets a response write raw control bytes; report it to {project}'s private "
        "security channel (its SECURITY.md), not a public issue",
    )
