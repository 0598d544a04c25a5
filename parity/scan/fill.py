"""Which values each kind of hole is filled with: the model's own strategies for that position.

A hole stands where a view computes a value at run time, so it is filled with the plain
values such code produces (JSON from `strategies.json_values`, statuses from
`strategies.plain_statuses`, ...), not with the exotic forms the differential suite also
explores. Opaque kinds (a file response, an unknown response object) have no strategy; a file
response is filled with the stand-in calls its hole carries (`parity.scan.stand_ins`).
"""

from __future__ import annotations

import string
from collections.abc import Sequence

from hypothesis import strategies as st

from parity import strategies as s
from parity.scan.holes import Hole
from parity.scan.holes import HoleKind
from parity.scan.holes import holes_in
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
    # url_for() returns an already quoted path (an absolute URL with _external=True).
    HoleKind.ROUTE_URL: route_paths | route_paths.map(lambda path: f"http://localhost{path}"),
    # request.url and friends: ASCII as a browser sends them, Unicode where the path was.
    HoleKind.REQUEST_URL: route_paths.map(lambda path: f"http://localhost{path}")
    | st.sampled_from(["/caf\u00e9", "http://localhost/caf\u00e9?q=1", "/a b"]),
    HoleKind.STATUS: s.plain_codes,
    HoleKind.REDIRECT_CODE: st.sampled_from([301, 302, 303, 307, 308]),
    HoleKind.ERROR_CODE: st.sampled_from([400, 401, 403, 404, 405, 409, 418, 500, 503]),
    HoleKind.HEADERS: s.plain_headers,
    HoleKind.HEADER_NAME: s.plain_names,
    HoleKind.HEADER_VALUE: s.plain_text,
    HoleKind.MIMETYPE: s.mimetypes,
}
"""The strategy for each kind of hole the model can fill."""


TYPICAL_TEXT = st.sampled_from(["", "ok", "/next"]) | st.from_regex(
    r"[A-Za-z0-9._~/?&=+-]{1,12}", fullmatch=True
)
"""ASCII letters, digits and the URL punctuation links are written with (no spaces, quotes,
braces or control characters): what a URL or a header holds as a rule."""
TYPICAL_VALUES: dict[HoleKind, st.SearchStrategy[object]] = {
    HoleKind.URL: st.sampled_from(["/", "/next", "https://example.com/"]) | TYPICAL_TEXT,
    HoleKind.REQUEST_URL: route_paths.map(lambda path: f"http://localhost{path}"),
    HoleKind.TEXT: TYPICAL_TEXT,
    HoleKind.HEADER_VALUE: TYPICAL_TEXT,
}
"""The strings a conditional finding is told apart by: a return that differs only for other
values differs only if a part holds non-ASCII text, spaces or other characters a URL escapes."""
UNTYPICAL_KINDS = frozenset(TYPICAL_VALUES)
TYPICAL_CHARACTERS = frozenset(string.ascii_letters + string.digits + "._~/?&=+-:#%")


def typical(value: object) -> bool:
    """Whether a filled value is one of the typical ones (for a string: ASCII, no spaces)."""
    return not isinstance(value, str) or (
        value.isascii() and value.isprintable() and " " not in value
    )


def fillable(hole: Hole) -> bool:
    """Whether the scan has values for a hole: its kind's strategy, or a file's stand-ins."""
    return hole.kind in HOLE_VALUES or bool(hole.stand_ins)


def _values(
    hole: Hole, table: dict[HoleKind, st.SearchStrategy[object]]
) -> st.SearchStrategy[object]:
    if hole.stand_ins:
        return st.sampled_from(hole.stand_ins)
    return table[hole.kind]


def filled(
    tree: m.ReturnValue, holes: Sequence[Hole], only_typical: bool = False
) -> st.SearchStrategy[m.ReturnValue]:
    """The tree with every hole filled, drawn hole by hole (all holes must be fillable); with
    `only_typical`, strings as a URL or header holds them as a rule."""
    table = {**HOLE_VALUES, **TYPICAL_VALUES} if only_typical else HOLE_VALUES
    parts = st.tuples(*(_values(hole, table) for hole in holes))
    return parts.map(lambda values: substitute(tree, values))


def holes_untypical(tree: m.ReturnValue) -> bool:
    """Whether a tree has a hole whose values go beyond the typical ones."""
    return any(hole.kind in UNTYPICAL_KINDS for hole in holes_in(tree))
