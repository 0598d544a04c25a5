"""The request and the settings a value is returned under, and open probes.

Every `one_of` lists the plain, common choice first, for shrinking (see the package docstring).
"""

from __future__ import annotations

from hypothesis import strategies as st

from parity.strategies.bodies import conditional_headers
from parity.strategies.bodies import request_bodies
from parity.strategies.bodies import return_values
from shared.probe import Probe
from shared.settings import SETTINGS
from shared.settings import SettingValue

methods = st.sampled_from(["GET", "HEAD", "POST", "OPTIONS"])

# -- the request and the settings a value is returned under --------------------------------


MULTIPART_BOUNDARY = "parity"
MULTIPART_PAYLOAD = (
    b"--parity\r\n"
    b'Content-Disposition: form-data; name="file"; filename="a.txt"\r\n'
    b"Content-Type: text/plain\r\n\r\nbar\r\n"
    b'--parity\r\nContent-Disposition: form-data; name="b"\r\n\r\nc\r\n'
    b"--parity--\r\n"
)
"""A multipart body with a file under `file` and a field `b`."""
MULTIPART_TYPE = ("Content-Type", f"multipart/form-data; boundary={MULTIPART_BOUNDARY}")

request_header_pairs: st.SearchStrategy[tuple[str, str]] = st.one_of(
    st.sampled_from(
        [
            ("Accept", "application/json"),
            ("X-Requested-With", "XMLHttpRequest"),
            ("Accept-Encoding", "gzip"),
            ("X-Name", "Ada"),
            ("Content-Type", "application/json"),
            ("Content-Type", "text/plain"),
            ("Content-Type", "application/x-www-form-urlencoded"),
            MULTIPART_TYPE,
        ]
    ),
    conditional_headers,
)
"""Request headers a value may react to; each kind that reacts to one adds it here."""

request_headers: st.SearchStrategy[tuple[tuple[str, str], ...]] = st.lists(
    request_header_pairs, max_size=2, unique_by=lambda pair: pair[0].lower()
).map(tuple)

settings_pairs: st.SearchStrategy[tuple[str, SettingValue]] = st.sampled_from(SETTINGS).flatmap(
    lambda setting: st.tuples(st.just(setting.key), st.sampled_from(setting.values))
)

configs: st.SearchStrategy[tuple[tuple[str, SettingValue], ...]] = st.lists(
    settings_pairs, max_size=2, unique_by=lambda pair: pair[0]
).map(tuple)
"""App settings from `shared.settings.SETTINGS`, most often none."""

request_payloads = st.one_of(
    st.just(b""),
    st.sampled_from(
        [
            b'{"a": 1}',
            b'[1, "x"]',
            b'"text"',
            b"null",
            b"2",
            b"{bad",
            b'{"name": "Flask"}',
            b"a=b&a=c&name=%C3%A9",
            MULTIPART_PAYLOAD,
        ]
    ),
)
"""A request body: none, JSON of each kind, text that is not JSON, a form, a multipart form."""

request_queries = st.one_of(st.just(""), st.sampled_from(["a=b", "a=1&a=2&b=", "x=%C3%A9"]))
"""A query string: none, one field, a field given twice and an empty one, an escape."""

open_probes: st.SearchStrategy[Probe] = st.builds(
    Probe, return_values, methods, request_headers, request_payloads, configs, request_queries
)
"""Any return value, with the request that gets it and the settings that apply."""

# -- one strategy per registry entry: its feature inside an otherwise plain return ----------

request_shapes = st.sampled_from(
    [
        ((("Content-Type", "application/json"),), b'{"name": "Flask", "a": [1, "x"]}'),
        ((("Content-Type", "application/x-www-form-urlencoded"),), b"a=b&a=c&name=%C3%A9"),
        (
            (("Content-Type", f"multipart/form-data; boundary={MULTIPART_BOUNDARY}"),),
            MULTIPART_PAYLOAD,
        ),
        ((), b""),
    ]
)
"""A request body with the Content-Type that says what it is: JSON, a form, a multipart form
with a file, or none."""

request_read_probes: st.SearchStrategy[Probe] = st.builds(
    lambda value, method, shape, query: Probe(value, method, shape[0], shape[1], (), query),
    request_bodies,
    st.sampled_from(["POST", "GET"]),
    request_shapes,
    request_queries,
)
"""A read of the request's body, query string, form or files, to a request that carries
each kind of body as it says it does (open probes draw headers and bodies apart)."""
