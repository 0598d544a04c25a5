"""The registry's own account of Werkzeug behaviour, checked against Werkzeug itself."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from werkzeug.urls import iri_to_uri

from shared.divergences import location_as_uri

pytestmark = pytest.mark.flask


@given(
    st.one_of(
        st.text(max_size=20), st.sampled_from(["/", "#", "/x?", "https://Ex\u00e4mple.com/a b"])
    )
)
def test_location_imitation_matches_iri_to_uri(text: str) -> None:
    """The location-iri predicate's idea of iri_to_uri gives what Werkzeug gives, or fails
    where Werkzeug fails."""
    try:
        expected: str | None = iri_to_uri(text)
    except (ValueError, UnicodeError):
        expected = None
    assert location_as_uri(text) == expected
