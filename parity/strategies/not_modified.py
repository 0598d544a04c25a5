"""The strategy for `status-set-after-304`: a response the request's validators turn into a
304, then given a status that carries a body.

Every `one_of` lists the plain, common choice first, for shrinking (see the package docstring).
"""

from __future__ import annotations

from hypothesis import strategies as st

from parity.strategies.bodies import HTTP_DATES
from parity.strategies.bodies import send_file_options
from parity.strategies.bodies import shipped_names
from shared import model as m
from shared.probe import Probe

conditional_paths: st.SearchStrategy[m.FileResponse] = st.builds(
    lambda name, options, directory: (
        m.SendFromDirectory(name, options)
        if directory
        else m.SendFile(m.FilePath(name), (("conditional", True), *options))
    ),
    shipped_names,
    send_file_options(("mimetype", "as_attachment", "last_modified")),
    st.booleans(),
)
"""A shipped path both helpers answer conditionally, with the ETag and Last-Modified of a file."""

FILE_VALIDATED = [("If-None-Match", "*"), ("If-Modified-Since", HTTP_DATES[0])]
"""Requests every shipped path answers with 304: its ETag matches '*', it is older than 2100."""

VALIDATED: list[tuple[m.Change, tuple[str, str]]] = [
    (m.SetHeader("ETag", '"v1"'), ("If-None-Match", '"v1"')),
    (m.SetHeader("ETag", '"v1"'), ("If-None-Match", "*")),
    (m.AddEtag(), ("If-None-Match", "*")),
    (m.SetHeader("Last-Modified", HTTP_DATES[1]), ("If-Modified-Since", HTTP_DATES[0])),
]
"""A validator set on a response, with a request header it matches (a 304)."""


def status_after_file(
    form: int, file: m.FileResponse, status: m.StatusValue, code: int
) -> m.ReturnValue:
    """A status with a body set on a file helper's response after it answered: in a tuple
    (with headers or not) or make_response, or as an attribute in the view or in a hook."""
    made: list[m.ReturnValue] = [
        m.ReturnTuple((file, status)),
        m.ReturnTuple((file, status, m.HeadersValue(m.HeadersForm.DICT, (("X-A", "a"),)))),
        m.MakeResponse((file, status)),
        m.Mutated(file, (m.SetAttribute("status_code", code),)),
        m.AfterThisRequest((m.SetAttribute("status_code", code),), file),
    ]
    return made[form]


def status_set_after_304(
    bases: st.SearchStrategy[m.Maker],
    statuses: st.SearchStrategy[m.StatusValue],
    codes: st.SearchStrategy[int],
) -> st.SearchStrategy[Probe]:
    """A GET or HEAD whose validators a conditional file, or a response of `bases` made
    conditional by hand, meet (a 304), then a status of `statuses` or `codes` set after."""
    methods = st.sampled_from(["GET", "HEAD"])
    return st.one_of(
        st.builds(
            lambda value, header, method: Probe(value, method, (header,)),
            st.builds(status_after_file, st.integers(0, 4), conditional_paths, statuses, codes),
            st.sampled_from(FILE_VALIDATED),
            methods,
        ),
        st.builds(
            lambda base, validated, conditional, code, method: Probe(
                m.Mutated(base, (validated[0], conditional, m.SetAttribute("status_code", code))),
                method,
                (validated[1],),
            ),
            bases,
            st.sampled_from(VALIDATED),
            st.builds(
                m.MakeConditional, st.none() | st.booleans(), st.none() | st.sampled_from([3, 26])
            ),
            codes,
            methods,
        ),
    )
