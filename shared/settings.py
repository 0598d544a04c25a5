"""The app settings the model covers: one row each, read from `--config KEY=VALUE` text.

A key is what a person sets: an attribute of the app's JSON provider (`json.sort_keys`, as in
`app.json.sort_keys = False`) or a config key (`SEND_FILE_MAX_AGE_DEFAULT`). Both apps apply
a probe's settings for its request only.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeAlias

SettingValue: TypeAlias = bool | int | str | None

_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off"})


class SettingError(ValueError):
    """A `KEY=VALUE` text names no known setting, or a value the setting cannot take."""


def read_bool(text: str) -> SettingValue:
    """`true`/`false` (and 1/0, yes/no, on/off)."""
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise SettingError(f"expected true or false, got {text!r}")


def read_optional_bool(text: str) -> SettingValue:
    """`true`/`false`, or `none` for the framework's own default."""
    if text.strip().lower() == "none":
        return None
    return read_bool(text)


def read_mimetype(text: str) -> SettingValue:
    """A `type/subtype` media type, ASCII, with no spaces or control characters."""
    value = text.strip()
    kind, slash, subtype = value.partition("/")
    if not (slash and kind and subtype and value.isascii() and value.isprintable()):
        raise SettingError(f"expected a media type such as application/json, got {text!r}")
    if " " in value:
        raise SettingError(f"a media type has no spaces: {text!r}")
    return value


def read_seconds(text: str) -> SettingValue:
    """A whole number of seconds from 0 to a year, or `none`."""
    value = text.strip()
    if value.lower() == "none":
        return None
    if not value.isascii() or not value.isdigit() or int(value) > 366 * 24 * 3600:
        raise SettingError(f"expected a number of seconds (0 to 31622400) or none, got {text!r}")
    return int(value)


def read_secret(text: str) -> SettingValue:
    """A secret key (printable text), or `none` for no key, sessions off (the default)."""
    value = text.strip()
    if value.lower() == "none":
        return None
    if not value or not value.isprintable():
        raise SettingError(f"expected a printable secret key or none, got {text!r}")
    return value


@dataclass(frozen=True)
class Setting:
    """One app setting the model covers."""

    key: str
    doc: str
    values: tuple[SettingValue, ...]
    """What strategies draw, the framework default first."""
    read: Callable[[str], SettingValue]

    @property
    def on_json_provider(self) -> bool:
        """Whether it is an attribute of `app.json` rather than an `app.config` key."""
        return self.key.startswith("json.")

    @property
    def attribute(self) -> str:
        """The attribute of `app.json`, or the config key."""
        return self.key.removeprefix("json.")


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "json.sort_keys",
        "whether jsonify and dict returns sort object keys (app.json.sort_keys)",
        (True, False),
        read_bool,
    ),
    Setting(
        "json.compact",
        "whether JSON is written without indentation; none follows debug mode (app.json.compact)",
        (None, True, False),
        read_optional_bool,
    ),
    Setting(
        "json.mimetype",
        "the Content-Type of JSON responses (app.json.mimetype)",
        ("application/json", "application/vnd.api+json", "text/plain"),
        read_mimetype,
    ),
    Setting(
        "SEND_FILE_MAX_AGE_DEFAULT",
        "seconds send_file and send_from_directory let a file be cached when no max age is "
        "passed; none for no timed cache (Flask's default; Quart's is 12 hours)",
        (None, 3600, 0),
        read_seconds,
    ),
    Setting(
        "SECRET_KEY",
        "the key that signs session cookies; none for no key, which turns sessions off (the "
        "frameworks' default; the lab's apps set one)",
        (None, "parity-scan-not-secret"),
        read_secret,
    ),
)

SETTINGS_BY_KEY: Mapping[str, Setting] = MappingProxyType({s.key: s for s in SETTINGS})


def read_setting(text: str) -> tuple[str, SettingValue]:
    """`KEY=VALUE` as the key and its typed value; a SettingError names what is wrong."""
    key, equals, raw = text.partition("=")
    key = key.strip()
    if not equals:
        raise SettingError(f"expected KEY=VALUE, got {text!r}")
    setting = SETTINGS_BY_KEY.get(key)
    if setting is None:
        known = ", ".join(SETTINGS_BY_KEY)
        raise SettingError(f"{key!r} is not a setting the model covers (known: {known})")
    try:
        return key, setting.read(raw)
    except SettingError as error:
        raise SettingError(f"{key}: {error}") from None


def setting_text(value: SettingValue) -> str:
    """A value as `--config` takes it back."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
