"""The registry of known Flask/Quart divergences, each explained and kept honest by the tests.

An entry says which return values it covers (a predicate over the model and the method),
the symptom it leaves on the two outcomes, which fields of a diff it accounts for, what each
framework does and why, and the versions it holds for. The differential suite asserts both
ways: every divergence it finds must be covered, and every entry must still diverge.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from shared.divergences import entries_bodies
from shared.divergences import entries_conditional
from shared.divergences import entries_files
from shared.divergences import entries_headers
from shared.divergences import entries_status
from shared.divergences import entries_werkzeug
from shared.divergences.predicates import location_as_uri
from shared.divergences.record import ALL_FIELDS
from shared.divergences.record import Category
from shared.divergences.record import Divergence
from shared.divergences.record import Symptom
from shared.divergences.record import field_matcher

__all__ = [
    "ALL_FIELDS",
    "DIVERGENCES",
    "DIVERGENCES_BY_ID",
    "Category",
    "Divergence",
    "Symptom",
    "field_matcher",
    "location_as_uri",
]

# The order is the registry's: tests and the report list entries in it.
DIVERGENCES: tuple[Divergence, ...] = (
    *entries_werkzeug.POST_PROCESSING,
    *entries_bodies.BODIES,
    *entries_status.STATUS_PARSING,
    *entries_headers.HEADERS,
    *entries_werkzeug.LOCATIONS_REWRITTEN,
    *entries_status.STATUS_LINE,
    *entries_headers.SESSIONS,
    *entries_files.FILES,
    *entries_conditional.CONDITIONAL,
)
"""Every recorded app-boundary divergence."""

DIVERGENCES_BY_ID: Mapping[str, Divergence] = MappingProxyType({d.id: d for d in DIVERGENCES})
