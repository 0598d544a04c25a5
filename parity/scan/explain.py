"""What a differing return's finding says: what differs, for which of the user's own values,
under which condition, and how to write it so both frameworks answer the same."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from parity.scan.app_settings import AppSettings
from parity.scan.app_settings import State
from parity.scan.codes import fragment
from parity.scan.explore import Exploration
from parity.scan.fill import UNTYPICAL_KINDS
from parity.scan.fill import typical
from parity.scan.holes import Hole
from parity.scan.holes import HoleKind
from parity.scan.holes import hole_values
from parity.scan.stand_ins import file_name
from shared import model as m
from shared.divergences import DIVERGENCES_BY_ID
from shared.divergences import Divergence
from shared.outcome import Difference

MAX_DIFFERENCES = 2
"""Differences named in one finding; the JSON output has the example for the rest."""
SETTING_CONDITIONS = {"SECRET_KEY": "only if SECRET_KEY is set"}
"""How a finding that shows by a setting says so, where `depends on KEY` says too little."""
MAX_VALUES = 3
SENTENCE_LIMIT = 160
"""The user's parts, with the value each was filled with, named in one finding."""


def entries(ids: Sequence[str]) -> list[Divergence]:
    """The registry entries of these ids (an unknown id is left out)."""
    return [DIVERGENCES_BY_ID[i] for i in ids if i in DIVERGENCES_BY_ID]


def what_differs(exploration: Exploration, tree: m.ReturnValue) -> str:
    """`header location: Flask '/caf%C3%A9', Quart '/café' with `next_page` = 'café'`."""
    shown = [_difference(d) for d in exploration.differences[:MAX_DIFFERENCES]]
    more = len(exploration.differences) - len(shown)
    text = "; ".join(shown) + (f" (and {more} more)" if more > 0 else "")
    values = _values(tree, exploration.sample)
    return f"{text} {values}" if values else text


def _difference(difference: Difference) -> str:
    """A header difference with each value as the server gets it: a non-ASCII str as the
    bytes it stands for (Quart hands UTF-8 bytes, read here as latin-1), not as mojibake."""
    if not difference.field.startswith("header:"):
        return fragment(difference.sentence, SENTENCE_LIMIT)
    name = difference.field.removeprefix("header:")
    flask = _header_values(difference.left)
    quart = _header_values(difference.right)
    return fragment(f"header {name}: Flask {flask}, Quart {quart}", SENTENCE_LIMIT)


def _header_values(values: object) -> str:
    if not isinstance(values, tuple) or not values:
        return "sends none"
    return " and ".join(_wire_text(value) for value in values)


def _wire_text(value: object) -> str:
    if isinstance(value, str) and not value.isascii():
        try:
            return repr(value.encode("latin-1"))
        except UnicodeEncodeError:
            return repr(value)
    return repr(value)


def _values(tree: m.ReturnValue, sample: m.ReturnValue | None) -> str:
    if sample is None:
        return ""
    filled = [(hole, value) for hole, value in hole_values(tree, sample) if not hole.stand_ins]
    pairs = [
        f"`{fragment(hole.to_source())}` = {fragment(_shown(value))}"
        for hole, value in filled[:MAX_VALUES]
    ]
    return f"when {', '.join(pairs)}" if pairs else ""


def _shown(value: object) -> str:
    """A filled value as source: a model value (chunks, headers) as it is written."""
    to_source = getattr(value, "to_source", None)
    return str(to_source()) if callable(to_source) else repr(value)


def fixes(divergences: Sequence[Divergence], differences: Sequence[Difference] = ()) -> str:
    """The fix of the entry that names the first difference's field exactly (location-iri
    for a Location header, rather than non-ascii-header's for every header); else the fix of
    each entry that has one, as one clause."""
    if differences:
        field = differences[0].field
        exact = [e for e in divergences if e.fix and field in e.fields]
        if exact:
            return exact[0].fix
    return "; ".join(dict.fromkeys(e.fix for e in divergences if e.fix))


def value_condition(tree: m.ReturnValue, sample: m.ReturnValue | None) -> str:
    """The parts whose untypical values make a conditional finding differ, as a condition."""
    parts = [
        hole
        for hole, value in (hole_values(tree, sample) if sample is not None else [])
        if hole.kind in UNTYPICAL_KINDS and not typical(value)
    ]
    return _condition(parts or [h for h, _ in hole_values(tree, tree) if _untypical(h)])


def _untypical(hole: Hole) -> bool:
    return hole.kind in UNTYPICAL_KINDS


def _condition(parts: Sequence[Hole]) -> str:
    if parts and all(hole.kind is HoleKind.REQUEST_URL for hole in parts):
        return "only when the requested path holds non-ASCII characters or spaces"
    names = ", ".join(f"`{fragment(hole.to_source())}`" for hole in parts[:MAX_VALUES])
    escaped = "non-ASCII text, spaces or other characters a URL escapes"
    return f"only when {names or 'a part'} holds {escaped}"


def setting_condition(divergences: Sequence[Divergence], settings: AppSettings | None) -> str:
    """For entries that show by a setting the scan could not read: `only if SECRET_KEY is
    set (the scan could not read it)`; empty when every such setting was read."""
    if settings is None:
        return ""
    unknown = [
        key
        for entry in divergences
        for key in entry.settings
        if settings.get(key).state is State.UNKNOWN
    ]
    if not unknown:
        return ""
    return "; ".join(
        SETTING_CONDITIONS.get(key, f"depends on {key}") for key in dict.fromkeys(unknown)
    ) + (", which the scan could not read from the app")


def stand_ins(tree: m.ReturnValue, exploration: Exploration) -> list[dict[str, object]]:
    """Each file response run with a shipped stand-in: the user's call, the shipped files
    tried, the one the verdict rests on, how they were chosen and, where several were tried
    and the answers differ, the ones they differ with (for the JSON output)."""
    sample = exploration.sample if exploration.sample is not None else tree
    found: list[dict[str, object]] = []
    for hole, value in hole_values(tree, sample):
        if not hole.stand_ins:
            continue
        tried = [file_name(call) for call in hole.stand_ins]
        entry: dict[str, object] = {
            "call": hole.to_source(),
            "tried": tried,
            "used": file_name(value),
            "why": hole.note,
        }
        if len(tried) > 1 and exploration.differs_with:
            entry["differs_with"] = list(exploration.differs_with)
        found.append(entry)
    return found


def stand_in_note(tree: m.ReturnValue, exploration: Exploration) -> str:
    """`stand-in file: the shipped pixel.png for `send_file(...)`, same type (.png); ...`: a
    finding on a file response says it ran another file, not the user's, and, where each
    shipped type was tried, which of them the answers differ with."""
    notes = []
    for found in stand_ins(tree, exploration):
        tried = cast(list[str], found["tried"])
        used = found["used"] or ", ".join(tried)
        call = fragment(cast(str, found["call"]), 60)
        note = f"stand-in file: the shipped {used} for `{call}`, {found['why']}"
        differing = cast(list[str], found.get("differs_with", []))
        if differing and len(differing) == len(tried):
            note += "; it differs with each"
        elif differing:
            alike = ", ".join(name for name in tried if name not in differing)
            note += f"; it differs only with {', '.join(differing)} (the same with {alike})"
        notes.append(note)
    if not notes:
        return ""
    return "; ".join(notes) + "; its name, size, dates and bytes are not the user's file's"
