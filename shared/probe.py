"""A probe: the return value, the request that gets it, and the app settings that apply."""

from __future__ import annotations

from dataclasses import dataclass

from shared.model import Configured
from shared.model import ReturnValue
from shared.settings import SettingValue
from shared.settings import setting_text

PROBE_PATH = "/probe"
"""The route that returns the configured value."""

PROBE_CONFIG_KEY = "PARITY_PROBE_VALUE"
"""The app config key that holds the `shared.model` value `/probe` returns."""


@dataclass(frozen=True)
class Probe:
    """One case: what the view returns, and the request and settings it is returned under.

    A case that depends on a request header (`Range`, `If-None-Match`) or on an app setting
    (`json.sort_keys`) is one record, answered by the same `/probe` route. A value read with
    `app.json.x = ...` lines before its return (`shared.model.Configured`) becomes the value
    it returns, with those lines among the settings.
    """

    value: ReturnValue
    method: str = "GET"
    headers: tuple[tuple[str, str], ...] = ()
    """Request headers beyond what the driver always sends (Host)."""
    body: bytes = b""
    config: tuple[tuple[str, SettingValue], ...] = ()
    """App settings from `shared.settings.SETTINGS`, applied for this request only."""
    query: str = ""
    """The query string after `?` (`a=1&b=x`), already percent-encoded; none when empty."""

    def __post_init__(self) -> None:
        if isinstance(self.value, Configured):
            # The source's `app.json.x = ...` lines are the app's settings before the request:
            # the probe applies them as its own, and a setting it is given itself comes after.
            given = {key for key, _ in self.config}
            first = tuple(pair for pair in self.value.settings if pair[0] not in given)
            object.__setattr__(self, "config", first + self.config)
            object.__setattr__(self, "value", self.value.value)
        if any(not "!" <= c <= "~" or c == "#" for c in self.query):
            raise ValueError(f"a query string is printable ASCII, percent-encoded: {self.query!r}")

    @property
    def target(self) -> str:
        """The request target: the probe route, then `?` and the query string if any."""
        return f"{PROBE_PATH}?{self.query}" if self.query else PROBE_PATH

    def request_line(self) -> str:
        """The method, then each request header and setting, as a person would read them."""
        parts = [self.method if not self.query else f"{self.method} ?{self.query}"]
        parts += [f"{name}: {value}" for name, value in self.headers]
        if self.body:
            parts.append(f"body of {len(self.body)} bytes")
        parts += [f"{key}={setting_text(value)}" for key, value in self.config]
        return ", ".join(parts)
