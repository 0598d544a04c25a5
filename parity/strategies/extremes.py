"""Extreme leaves, for the bad-input guard.

Every `one_of` lists the plain, common choice first, for shrinking (see the package docstring).
"""

from __future__ import annotations

from hypothesis import strategies as st

from shared import model as m
from shared.parse import MAX_SOURCE_LENGTH

extreme_numbers: st.SearchStrategy[int | float] = st.sampled_from(
    [10**4000, -(10**4000), 2**63, -1, 0, 1e308, -1e308, float("inf"), float("-inf"), 5e-324]
)
extreme_texts = st.one_of(
    st.sampled_from(
        [
            "\u00b2 OK",  # isdigit() but not int()
            "\u0662\u0660\u0661 OK",  # Arabic-Indic digits that int() reads as 201
            "\U0001d7ee\U0001d7ec\U0001d7ed",  # mathematical digits, also int()-able
            "9" * 4301,
            "\x00",
            "\x1b[2J\x1b[31mred",
            "\u202etxt.exe",
            "a\r\nX-Injected: 1",
            "<script>alert(1)</script>",
        ]
    ),
    st.integers(1_000, 19_000).map(lambda size: "x" * size),
    st.text(st.characters(codec="utf-8"), max_size=20),
)


@st.composite
def extreme_return_values(draw: st.DrawFn) -> m.ReturnValue:
    """A plain-shaped return whose leaves are extreme: huge or infinite numbers, Unicode
    digits, control characters, very long strings, in the body, status and header slots."""
    text, number = draw(extreme_texts), draw(extreme_numbers)
    status = draw(st.sampled_from([m.Status(number), m.Status(text), m.Status(str(number))]))
    headers = m.HeadersValue(
        draw(st.sampled_from(list(m.HeadersForm))), ((draw(extreme_texts), number), ("X-A", text))
    )
    code = number if isinstance(number, int) else None
    shapes: list[m.ReturnValue] = [
        m.ReturnTuple((m.Text(text), status, headers)),
        m.ReturnTuple((m.Jsonify(kwargs=(("x", number), ("y", text))), status)),
        m.ResponseCall(m.Text(text), status=status, headers=headers),
        m.Mutated(m.Jsonify(), (m.SetAttribute("status", text),)),
        m.Mutated(m.Jsonify(), (m.SetHeader(text, text),)),
        m.Redirect(text, code),
        m.Abort(500 if code is None else code, text),
        m.Scalar(number),
    ]
    return draw(st.sampled_from(shapes))


_RAW_CHARACTERS = st.characters(codec="utf-8", exclude_characters="'\\\r\n\x00")
"""What a single-quoted literal may hold as written: control characters and unprintable ones
too, which the model renders escaped (`'\x01'` is four characters once rendered)."""


def _written_literal(unit: str, count: int) -> str:
    return "'" + unit * count + "'"


written_literals = st.one_of(
    st.builds(
        _written_literal, st.text(_RAW_CHARACTERS, min_size=1, max_size=3), st.integers(0, 40)
    ),
    st.builds(
        _written_literal, st.text(_RAW_CHARACTERS, min_size=1, max_size=2), st.integers(0, 9_999)
    ),
    st.integers(1, 3_571).map(lambda digits: "0x" + "f" * digits),
)
"""Literals as a person may write them, long ones included: raw characters, hex integers
(Python writes them back in decimal, 1.2 times as long)."""


@st.composite
def written_sources(draw: st.DrawFn) -> str:
    """A source in the grammar, written the way a person may write it rather than the way the
    model renders it, up to the parser's length limit."""
    first, second = draw(written_literals), draw(written_literals)
    shape = draw(
        st.sampled_from(
            ["{a}", "{a}, 201", "jsonify(x={a}, y={b})", "{a}, 200, {{'X-A': {b}}}", "[{a}, {b}]"]
        )
    )
    # A literal alone is at most 20,000 characters: one of these always fits.
    candidates = (shape.format(a=first, b=second), shape.format(a=first, b="1"), first)
    return next(source for source in candidates if len(source) <= MAX_SOURCE_LENGTH)
