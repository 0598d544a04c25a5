"""Extreme leaves, for the bad-input guard.

Every `one_of` lists the plain, common choice first, for shrinking (see the package docstring).
"""

from __future__ import annotations

from hypothesis import strategies as st

from shared import model as m

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
