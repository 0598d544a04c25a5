"""The request and the settings a value is returned under, and open probes.

Every `one_of` lists the plain, common choice first, for shrinking (see the package docstring).
"""

from __future__ import annotations

from hypothesis import strategies as st

from parity.strategies.bodies import conditional_headers
from parity.strategies.bodies import return_values
from shared.probe import Probe
from shared.settings import SETTINGS
from shared.settings import SettingValue

methods = st.sampled_from(["GET", "HEAD", "POST", "OPTIONS"])

# -- the request and the settings a value is returned under --------------------------------


request_header_pairs: st.SearchStrategy[tuple[str, str]] = st.one_of(
    st.sampled_from(
        [
            ("Accept", "application/json"),
            ("X-Requested-With", "XMLHttpRequest"),
            ("Accept-Encoding", "gzip"),
            ("X-Name", "Ada"),
            ("Content-Type", "application/json"),
            ("Content-Type", "text/plain"),
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
    st.just(b""), st.sampled_from([b'{"a": 1}', b'[1, "x"]', b'"text"', b"null", b"2", b"{bad"])
)
"""A request body: none, JSON of each kind, or text that is not JSON."""

open_probes: st.SearchStrategy[Probe] = st.builds(
    Probe, return_values, methods, request_headers, request_payloads, configs
)
"""Any return value, with the request that gets it and the settings that apply."""

# -- one strategy per registry entry: its feature inside an otherwise plain return ----------
