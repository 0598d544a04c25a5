"""Leaves: text, bytes, plain JSON, statuses and headers.

Every `one_of` lists the plain, common choice first, for shrinking (see the package docstring).
"""

from __future__ import annotations

from http import HTTPStatus

from hypothesis import strategies as st

from shared import model as m

# -- leaves ---------------------------------------------------------------------------------

texts = st.one_of(
    st.sampled_from(["", "ok", "Hello, World!"]),
    st.text(max_size=12),
)
byte_strings = st.one_of(st.sampled_from([b"", b"ok"]), st.binary(max_size=12))

json_scalars: st.SearchStrategy[m.JsonValue] = st.one_of(
    st.booleans(),
    st.integers(-(2**53), 2**53),
    texts,
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
)
json_keys = st.one_of(st.sampled_from(["success", "error", "id"]), st.text(max_size=8))


def _json_containers(children: st.SearchStrategy[m.JsonValue]) -> st.SearchStrategy[m.JsonValue]:
    arrays = st.lists(children, max_size=3).map(lambda items: m.JsonArray(tuple(items)))
    objects = st.dictionaries(json_keys, children, max_size=3).map(
        lambda d: m.JsonObject(tuple(d.items()))
    )
    return st.one_of(objects, arrays)


json_values: st.SearchStrategy[m.JsonValue] = st.recursive(
    json_scalars, _json_containers, max_leaves=6
)

# -- status ---------------------------------------------------------------------------------

common_codes = st.sampled_from([200, 201, 204, 302, 400, 401, 404, 500])
any_codes = st.one_of(common_codes, st.integers(100, 599), st.integers(-1, 1200))

statuses: st.SearchStrategy[m.StatusValue] = st.one_of(
    common_codes.map(m.Status),
    st.sampled_from(list(HTTPStatus)).map(lambda s: m.StatusMember(s.name)),
    any_codes.map(lambda code: m.Status(str(code))),
    st.builds(lambda code, reason: m.Status(f"{code} {reason}"), any_codes, texts),
    any_codes.map(lambda code: m.Status(str(code).encode())),
    any_codes.map(lambda code: m.Status(float(code))),
    st.just(m.Status(None)),
    any_codes.map(m.Status),
    texts.map(m.Status),
)

# -- headers --------------------------------------------------------------------------------

header_names = st.one_of(
    st.sampled_from(
        ["X-A", "Content-Type", "ContentType", "Location", "Set-Cookie", "x-a", "Content-Length"]
    ),
    st.from_regex(r"[A-Za-z][A-Za-z0-9-]{0,10}", fullmatch=True),
    st.text(min_size=1, max_size=8),
)
header_scalars: st.SearchStrategy[m.HeaderScalar] = st.one_of(
    st.sampled_from(["a", "application/json", "text/plain", "/"]),
    st.integers(-5, 10**6),
    st.text(max_size=10),
    st.sampled_from(["caf\u00e9", "\u20ac", "a\r\nX-Injected: 1", "a\nb", "a\rb"]),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.binary(max_size=6),
)
header_values: st.SearchStrategy[m.HeaderItemValue] = st.one_of(
    header_scalars,
    st.lists(st.text(max_size=6), min_size=1, max_size=3).map(tuple),
)
header_pairs = st.lists(st.tuples(header_names, header_values), max_size=3)


@st.composite
def headers_values(draw: st.DrawFn) -> m.HeadersValue:
    """Headers in any form; dict forms get unique (case-sensitive) names."""
    form = draw(st.sampled_from(list(m.HeadersForm)))
    pairs = draw(header_pairs)
    if form is m.HeadersForm.DICT:
        pairs = list(dict(pairs).items())
    return m.HeadersValue(form, tuple(pairs))
