"""Apply a probe's app settings to a Flask or Quart app for one request, then put them back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from shared.settings import SETTINGS_BY_KEY
from shared.settings import SettingValue

_UNSET = object()


@contextmanager
def applied(app: Any, config: tuple[tuple[str, SettingValue], ...]) -> Iterator[None]:
    """Set each setting on `app` (its JSON provider or its config) and restore them after."""
    saved: list[tuple[Any, str, object]] = []
    try:
        for key, value in config:
            setting = SETTINGS_BY_KEY[key]
            if setting.on_json_provider:
                saved.append((app.json, setting.attribute, getattr(app.json, setting.attribute)))
                setattr(app.json, setting.attribute, value)
            else:
                saved.append((app.config, key, app.config.get(key, _UNSET)))
                app.config[key] = value
        yield
    finally:
        for target, name, old in reversed(saved):
            if target is app.json:
                setattr(target, name, old)
            elif old is _UNSET:
                target.pop(name, None)
            else:
                target[name] = old
