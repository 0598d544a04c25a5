"""The judgement: which registered entries explain which differences between two answers, what
is left unexplained, and which notes a person should read.

Every command renders the one value built here (`judge` for two answers, `judge_wire` for a
server's reply beside its own app's answer) and assembles none of it itself; these are the
only callers of the registries' matching rules. A judgement names its context: the layer, the
pair of answers compared, and the versions whose entries it used (None: every entry, whatever
its versions, as `parity matrix` measures them). Reading which versions are installed is I/O
and stays with the caller.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Protocol

from packaging.specifiers import SpecifierSet

from shared.divergences import DIVERGENCES
from shared.divergences import Divergence
from shared.divergences import field_matcher
from shared.divergences.layers import Layer
from shared.outcome import Outcome
from shared.outcome import diff
from shared.probe import Probe
from shared.wire_divergences import WIRE_DIVERGENCES
from shared.wire_divergences import WireDivergence

VERSIONED = ("flask", "quart", "werkzeug")
"""The distributions whose versions decide which app-boundary entries hold."""

Entry = Divergence | WireDivergence
"""A registry entry of either registry."""

PAIR = ("Flask", "Quart")
"""The two answers `judge` compares, unless they are two servers' replies."""


@dataclass(frozen=True)
class Versions:
    """The framework versions a judgement is made for."""

    flask: str
    quart: str
    werkzeug: str

    @classmethod
    def of(cls, found: Mapping[str, str]) -> Versions:
        """The versions from a mapping of distribution name to version (`VERSIONED` keys)."""
        return cls(found["flask"], found["quart"], found["werkzeug"])

    @property
    def leg(self) -> str:
        """A short name for the version leg, as reports show it."""
        return f"Flask {self.flask} / Quart {self.quart} / Werkzeug {self.werkzeug}"


def holds(entry: Divergence, versions: Versions) -> bool:
    """Whether an entry claims to hold for these versions."""
    return (
        versions.flask in SpecifierSet(entry.flask_versions)
        and versions.quart in SpecifierSet(entry.quart_versions)
        and versions.werkzeug in SpecifierSet(entry.werkzeug_versions)
    )


def holding(
    versions: Versions | None, registry: Sequence[Divergence] = DIVERGENCES
) -> tuple[Divergence, ...]:
    """The entries of `registry` that hold for these versions (every entry for None)."""
    if registry is DIVERGENCES:
        return _holding_in_registry(versions)
    return tuple(e for e in registry if versions is None or holds(e, versions))


@functools.cache
def _holding_in_registry(versions: Versions | None) -> tuple[Divergence, ...]:
    # Once per versions: matching version specifiers costs more than a whole comparison.
    return tuple(e for e in DIVERGENCES if versions is None or holds(e, versions))


def ambient(versions: Versions | None) -> tuple[Divergence, ...]:
    """The entries that show on every answer on these versions, whatever the view returns:
    a renderer names them once, up front, not beside every answer."""
    return tuple(e for e in holding(versions) if e.ambient)


def shows(entry: Divergence, probe: Probe, flask: Outcome, quart: Outcome) -> bool:
    """Whether one entry covers the probe and shows its symptom on these answers, whatever
    differs: how the registry's own checks ask about an entry's examples."""
    return entry.applies_to(probe) and entry.shows(flask, quart)


class Differing(Protocol):
    """One way two answers differ: the field it is in and a sentence that says how."""

    @property
    def field(self) -> str:
        """The field: `status`, `header:<name>`, `body`, ... (or a wire field)."""

    @property
    def sentence(self) -> str:
        """How it differs, as a person would say it."""


@dataclass(frozen=True)
class Context:
    """What a judgement was made on: the layer, the two answers compared, the versions."""

    layer: Layer
    pair: tuple[str, str]
    """The two answers: `("Flask", "Quart")`, or a server's reply and its app's answer."""
    versions: Versions | None
    """The versions whose entries were used; None for every entry, whatever its versions."""

    def describe(self) -> str:
        """One line naming the context."""
        versions = self.versions.leg if self.versions else "every entry, whatever its versions"
        return f"{self.pair[0]} against {self.pair[1]} ({self.layer.value}; {versions})"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "layer": self.layer.value,
            "pair": list(self.pair),
            "versions": None if self.versions is None else self.versions.__dict__,
        }


@dataclass(frozen=True)
class Judged:
    """One difference and the entries that explain it (none: unexplained)."""

    field: str
    sentence: str
    explained_by: tuple[str, ...]

    @property
    def explained(self) -> bool:
        """Whether an entry explains it."""
        return bool(self.explained_by)


@dataclass(frozen=True)
class Note:
    """What a person should read about one entry that explains a difference."""

    id: str
    registry: str
    """`app boundary` or `wire`: which registry the entry is in."""
    title: str
    heading: str
    """The entry's category (app boundary), or where it shows (wire: `wire` or `both`)."""
    said: tuple[tuple[str, str], ...]
    """What each side does: (`Flask`, ...), (`Quart`, ...); empty for a wire entry."""
    cause: str
    on_the_wire: str
    upstream: str
    ambient: bool
    """Whether it shows on every answer in this context (`Divergence.ambient`)."""


@dataclass(frozen=True)
class Judgement:
    """Which entries explain which differences between two answers, and what is left."""

    context: Context
    differences: tuple[Judged, ...]
    entries: tuple[Entry, ...]
    """The entries that explain at least one difference, in registry order."""
    probe: Probe = field(compare=False, repr=False)
    answers: tuple[Outcome, Outcome] | None = field(default=None, compare=False, repr=False)
    """The two app-boundary outcomes judged (None for a wire reply)."""

    @property
    def same(self) -> bool:
        """Whether the two answers agree."""
        return not self.differences

    @property
    def unexplained(self) -> tuple[Judged, ...]:
        """The differences no entry explains."""
        return tuple(d for d in self.differences if not d.explained)

    @property
    def entry_ids(self) -> tuple[str, ...]:
        """The ids of the entries that explain a difference."""
        return tuple(e.id for e in self.entries)

    @property
    def ambient(self) -> tuple[str, ...]:
        """The explaining entries that show on every answer in this context."""
        return tuple(e.id for e in self.entries if _is_ambient(e))

    @property
    def particular(self) -> tuple[str, ...]:
        """The explaining entries that are about these answers, not ambient."""
        return tuple(e.id for e in self.entries if not _is_ambient(e))

    @property
    def only_ambient(self) -> bool:
        """Whether the answers differ and ambient entries alone explain every difference."""
        ambient = set(self.ambient)
        return not self.same and all(ambient & set(d.explained_by) for d in self.differences)

    @property
    def alike(self) -> bool:
        """Whether the answers agree but for what the ambient entries explain, which shows on
        every answer in this context whatever the view returned."""
        return self.same or self.only_ambient

    @property
    def notes(self) -> tuple[Note, ...]:
        """What a person should read: one note per explaining entry, in registry order."""
        return tuple(_note(entry) for entry in self.entries)

    @functools.cached_property
    def applying(self) -> tuple[Entry, ...]:
        """The entries that cover the probe and show their symptom (for a reply: that cover
        it and record its server), whether or not a difference shows them; computed when
        asked, since it asks every entry."""
        if self.answers is None:
            server = self.context.pair[0]
            return tuple(e for e in WIRE_DIVERGENCES if server in e.sends and e.covers(self.probe))
        flask, quart = self.answers
        entries = holding(self.context.versions)
        return tuple(e for e in entries if shows(e, self.probe, flask, quart))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form: the context, each difference with its entries, what is left."""
        return {
            "context": self.context.to_dict(),
            "differences": [
                {"field": d.field, "sentence": d.sentence, "explained_by": list(d.explained_by)}
                for d in self.differences
            ],
            "entries": list(self.entry_ids),
            "ambient": list(self.ambient),
            "unexplained": [d.field for d in self.unexplained],
        }


def _is_ambient(entry: Entry) -> bool:
    return isinstance(entry, Divergence) and entry.ambient


def judge(
    probe: Probe,
    flask: Outcome,
    quart: Outcome,
    differences: Sequence[Differing] | None = None,
    *,
    versions: Versions | None,
    layer: Layer = Layer.APP_BOUNDARY,
    servers: tuple[str, str] | None = None,
    registry: Sequence[Divergence] = DIVERGENCES,
) -> Judgement:
    """The judgement on the Flask and Quart answers to a probe (their `diff` unless the
    differences are given), by the entries that hold for `versions`: an entry explains a
    difference when it covers the probe, shows its symptom and accounts for the field. At
    `Layer.WIRE` the answers are what two servers sent (`servers`, their keys, when known),
    and a wire entry covering the probe and recording one of them also explains the fields it
    accounts for (a reason phrase when it records one)."""
    found: Sequence[Differing] = diff(flask, quart) if differences is None else differences
    context = Context(layer, servers or PAIR, versions)
    # Cheapest test first: most entries account for none of the differences, and walking the
    # value for the predicate costs more than matching field names.
    entries: list[Entry] = [
        e
        for e in holding(versions, registry)
        if any(field_matcher(e.fields)(d.field) for d in found)
        and e.shows(flask, quart)
        and e.applies_to(probe)
    ]
    judged = [Judged(d.field, d.sentence, _ids(entries, d, servers)) for d in found]
    if layer is Layer.WIRE:
        # A difference an app-boundary entry explains was in the apps' answers already: the
        # servers passed it on, so no wire entry is asked to explain it as well.
        left = [(i, d) for i, d in enumerate(found) if not judged[i].explained_by]
        covering = [w for w in WIRE_DIVERGENCES if w.covers(probe)]
        wire = [w for w in covering if any(_accounts(w, d, servers) for _, d in left)]
        for i, d in left:
            judged[i] = Judged(d.field, d.sentence, _ids(wire, d, servers))
        entries += wire
    return Judgement(context, tuple(judged), tuple(entries), probe, (flask, quart))


def judge_wire(
    probe: Probe,
    server: str,
    differences: Sequence[Differing],
    *,
    versions: Versions | None = None,
) -> Judgement:
    """The judgement on one server's reply (`<framework>/<server id>`) beside its own app's
    answer: a wire entry explains a difference when it covers the probe, records that server
    and accounts for the field."""
    framework = server.partition("/")[0]
    context = Context(Layer.WIRE, (server, f"{framework} app"), versions)
    covering = [e for e in WIRE_DIVERGENCES if e.covers(probe)]
    entries = tuple(e for e in covering if any(_accounts(e, d, (server,)) for d in differences))
    judged = tuple(Judged(d.field, d.sentence, _ids(entries, d, (server,))) for d in differences)
    return Judgement(context, judged, entries, probe)


def _ids(
    entries: Sequence[Entry], difference: Differing, servers: Sequence[str] | None
) -> tuple[str, ...]:
    return tuple(e.id for e in entries if _accounts(e, difference, servers))


def _accounts(entry: Entry, difference: Differing, servers: Sequence[str] | None) -> bool:
    """Whether an entry accounts for one difference's field: an app-boundary entry by its
    field patterns; a wire entry when it records one of the servers (any, when they are not
    known), by its fields (`header:*` as `headers`), a reason phrase when it records one."""
    if isinstance(entry, Divergence):
        return field_matcher(entry.fields)(difference.field) is not None
    keys = list(entry.sends) if servers is None else [s for s in servers if s in entry.sends]
    if difference.field == "reason":
        return any(entry.sends[key].reason is not None for key in keys)
    kind = difference.field.partition(":")[0]
    return bool(keys) and ("headers" if kind == "header" else kind) in entry.fields


def _note(entry: Entry) -> Note:
    if isinstance(entry, Divergence):
        return Note(
            entry.id,
            "app boundary",
            entry.title,
            entry.category.value,
            (("Flask", entry.flask), ("Quart", entry.quart)),
            entry.cause,
            entry.on_the_wire,
            entry.upstream.text(),
            entry.ambient,
        )
    # What the record says each server sends is about the entry's own examples, not about
    # the answers judged: a note leaves it out.
    return Note(
        entry.id,
        "wire",
        entry.title,
        entry.layer.value,
        (),
        entry.cause,
        "",
        entry.upstream.text(),
        False,
    )
