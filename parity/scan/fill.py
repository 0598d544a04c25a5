"""Which values each kind of hole is filled with: the model's own strategies for that position.

A hole stands where a view computes a value at run time, so it is filled with the plain
values such code produces (JSON from `strategies.json_values`, statuses from
`strategies.plain_statuses`, ...), not with the exotic forms the differential suite also
explores. Opaque kinds (a file response, an unknown response object) have no strategy.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from parity import strategies as s
from parity.scan.holes import Hole
from parity.scan.holes import HoleKind
from parity.scan.holes import substitute
from shared import model as m

route_paths = st.one_of(
    st.sampled_from(["/", "/index", "/auth/login"]),
    st.from_regex(r"/[a-z0-9_/-]{0,12}", fullmatch=True),
)

HOLE_VALUES: dict[HoleKind, st.SearchStrategy[object]] = {
    HoleKind.JSON: s.json_values,
    HoleKind.JSON_OBJECT: s.json_objects,
    HoleKind.JSON_ARRAY: s.json_arrays,
    HoleKind.TEXT: s.texts,
    HoleKind.TEMPLATE: st.one_of(
        st.just("<!doctype html><p>ok</p>"), s.texts.map(lambda t: f"<p>{t}</p>")
    ),
    HoleKind.BYTES: s.byte_strings,
    HoleKind.CHUNKS: st.builds(
        m.Chunks, st.just(m.ChunksKind.GENERATOR), st.lists(s.texts, max_size=3).map(tuple)
    ),
    HoleKind.ITERATOR: st.builds(
        m.Chunks, st.just(m.ChunksKind.ITERATOR), st.lists(s.texts, max_size=3).map(tuple)
    ),
    # The redirect position's own strategy: paths, absolute URLs and non-ASCII text.
    HoleKind.URL: st.sampled_from(["/", "/next", "https://example.com/", "caf\u00e9"]) | s.texts,
    # url_for() returns an already quoted path.
    HoleKind.ROUTE_URL: route_paths,
    HoleKind.STATUS: s.plain_codes,
    HoleKind.REDIRECT_CODE: st.sampled_from([301, 302, 303, 307, 308]),
    HoleKind.ERROR_CODE: st.sampled_from([400, 401, 403, 404, 405, 409, 418, 500, 503]),
    HoleKind.HEADERS: s.plain_headers,
    HoleKind.HEADER_NAME: s.plain_names,
    HoleKind.HEADER_VALUE: s.plain_text,
    HoleKind.MIMETYPE: s.mimetypes,
}
"""The strategy for each kind of hole the model can fill."""


def filled(tree: m.ReturnValue, holes: Sequence[Hole]) -> st.SearchStrategy[m.ReturnValue]:
    """The tree with every hole filled, drawn hole by hole (all holes must be fillable)."""
    parts = st.tuples(*(HOLE_VALUES[hole.kind] for hole in holes))
    return parts.map(lambda values: substitute(tree, values))
