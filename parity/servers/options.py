"""The `--flask-server` / `--quart-server` options that `serve`, `compare --wire` and
`scan --wire` share, and the targets they pick."""

from __future__ import annotations

import argparse

from parity.servers.targets import BY_FRAMEWORK
from parity.servers.targets import DEFAULTS
from parity.servers.targets import ServerTarget
from parity.servers.targets import target
from shared.frameworks import Framework


def add_server_options(parser: argparse.ArgumentParser, purpose: str) -> None:
    """One `--<framework>-server` option per framework; `purpose` ends its help text."""
    for framework in Framework:
        parser.add_argument(
            f"--{framework.value}-server",
            choices=sorted(BY_FRAMEWORK[framework]),
            default=DEFAULTS[framework],
            help=f"the {framework.title} server{purpose} (default {DEFAULTS[framework]})",
        )


def chosen_targets(args: argparse.Namespace) -> dict[Framework, ServerTarget]:
    """The target each `--<framework>-server` option names."""
    return {f: target(f, getattr(args, f"{f.value}_server")) for f in Framework}
