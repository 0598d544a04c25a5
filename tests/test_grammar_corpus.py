"""How much of Flask's and Quart's own response forms the grammar reads (issue 17, item 6)."""

from __future__ import annotations

import pytest

from shared.parse import ParseError
from shared.parse import parse
from tests.grammar_corpus import FORMS
from tests.grammar_corpus import Form

TARGET = 0.95
"""The share issue 17 asks for."""
FLOOR = 0.96
"""The share measured when the last form joined the grammar; a change that lowers it fails."""

EXPRESSIBLE = [pytest.param(form, id=form.id) for form in FORMS if form.source is not None]


def _reads(form: Form) -> bool:
    if form.source is None:
        return False
    try:
        parse(form.source)
    except ParseError:
        return False
    return True


def _share() -> float:
    """The parser's share: the forms whose source it reads, over every form."""
    return sum(_reads(form) for form in FORMS) / len(FORMS)


def test_entries_are_distinct_and_cited() -> None:
    """Each form has its own id, an upstream citation, and a source or a reason, not both
    missing."""
    assert len({form.id for form in FORMS}) == len(FORMS)
    for form in FORMS:
        assert form.upstream.startswith(("pallets/flask tests/", "pallets/quart tests/"))
        assert "::" in form.upstream
        assert form.source is not None or form.reason, form.id


@pytest.mark.parametrize("form", EXPRESSIBLE)
def test_expressible_form_reads_and_renders_back(form: Form) -> None:
    """A form written in the grammar reads, and its rendering reads back as the same value."""
    assert form.source is not None
    value = parse(form.source)
    assert parse(value.to_source()) == value


def test_share_does_not_fall_below_the_floor() -> None:
    """The share of forms the grammar reads stays at or above the last measured one."""
    assert _share() >= FLOOR, f"{_share():.1%} of {len(FORMS)} forms"


def test_share_reaches_the_target() -> None:
    """Issue 17 asks the grammar to read 95% of the forms."""
    assert _share() >= TARGET
