"""What a registry entry is; `shared.judgement` decides which entries explain a diff."""

from __future__ import annotations

import enum
import fnmatch
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from shared.divergences.layers import Layer
from shared.divergences.spellings import Spelling
from shared.divergences.upstream import Upstream
from shared.outcome import Difference
from shared.outcome import Outcome
from shared.probe import Probe


class Category(enum.Enum):
    """Where in the conversion a divergence arises."""

    STATUS_PARSING = "status parsing"
    HEADER_FORMS = "header forms"
    HEADER_ENCODING = "header encoding"
    BODY_TYPES = "body types"
    WERKZEUG_POST_PROCESSING = "Werkzeug post-processing"
    STATUS_LINE = "status line"
    SESSIONS = "sessions"
    ERROR_PROPAGATION = "error propagation"
    FILES = "files"
    CONDITIONAL = "conditional requests"


Symptom = Callable[[Outcome, Outcome], bool]
"""Whether the Flask and Quart outcomes (in that order) show a divergence's mark."""

ALL_FIELDS = ("*",)


@dataclass(frozen=True)
class Divergence:
    """One known way the two frameworks answer the same return value differently."""

    id: str
    title: str
    category: Category
    covers: Callable[[Probe], bool]
    shows: Symptom
    fields: tuple[str, ...]
    """Diff fields it accounts for, as patterns (`body`, `header:content-*`, `*`)."""
    flask: str
    quart: str
    cause: str
    examples: tuple[Probe, ...]
    upstream: Upstream
    """Where it stands with the maintainers: a report and its state, their word, or none."""
    flask_versions: str = ">=3.0"
    quart_versions: str = ">=0.19"
    werkzeug_versions: str = ">=3.0"
    """The releases it holds for, as measured by `parity matrix` (tests/test_matrix.py holds
    each range to the committed measurement, both ways)."""
    spelling: Spelling | None = None
    """A way to write the return that both frameworks answer alike, where there is one:
    `parity migrate` offers it as its own FQM6xx rule."""
    on_the_wire: str = "differs as it does at the app boundary"
    runs_view: bool = True
    """Whether it needs the view to run; OPTIONS is answered by the framework, not the view."""
    layer: Layer = Layer.BOTH
    """Where it shows: the wire suite checks that its examples differ between the default
    servers (BOTH) or reach the client alike (APP_BOUNDARY)."""
    ambient: bool = False
    """Whether it shows on every answer on the versions it holds for (it comes from the app's
    set-up, not from the value): renderers say so once, up front, not beside every answer."""
    fix: str = ""
    """How to write the return so that both frameworks answer the same, where there is a way."""
    settings: tuple[str, ...] = ()
    """The app settings (`shared.settings` keys) it shows or not by: a scan that cannot read
    one of them from the app says the finding holds only under it."""

    def applies_to(self, probe: Probe) -> bool:
        """Whether the entry covers a probe: its predicate, on a request that reaches the view."""
        return (not self.runs_view or probe.method != "OPTIONS") and self.covers(probe)

    def accounts_for(self, difference: Difference) -> bool:
        """Whether this entry explains one field of a diff."""
        return field_matcher(self.fields)(difference.field) is not None


@functools.cache
def field_matcher(patterns: tuple[str, ...]) -> Callable[[str], re.Match[str] | None]:
    """One compiled test for a tuple of field patterns (`body`, `header:content-*`): the
    judgement asks it of every entry for every difference, so it is built once."""
    return re.compile("|".join(fnmatch.translate(pattern) for pattern in patterns)).match
