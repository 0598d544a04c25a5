"""Every pytest run prints why a test was skipped: `-rs` in addopts, and no nox session
replaces the report options."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_addopts_report_skip_reasons() -> None:
    """pyproject's addopts has `-r` with skips in it (`s`, or `a`/`A` for all), so each
    skip's reason ends the run's output."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())
    addopts = settings["tool"]["pytest"]["ini_options"]["addopts"]
    report = [option[2:] for option in addopts if option.startswith("-r")]
    assert any(set(chars) & set("saA") for chars in report), addopts


def test_no_nox_session_overrides_the_report_options() -> None:
    """No session passes its own `-r`, `-o addopts`, `--override-ini` or PYTEST_ADDOPTS, any
    of which would drop the skip reasons."""
    noxfile = (ROOT / "noxfile.py").read_text()
    overrides = re.findall(r"""["'](-r\w*|-o|--override-ini\S*|PYTEST_ADDOPTS)["']""", noxfile)
    assert overrides == []
