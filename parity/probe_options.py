"""`--header`, `--data`, `--query` and `--config`: the request and the app settings `parity
compare` uses."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from parity.source import InputError
from shared.http.syntax import is_token
from shared.settings import SETTINGS
from shared.settings import SettingError
from shared.settings import SettingValue
from shared.settings import read_setting

MAX_HEADERS = 32
MAX_HEADER_LENGTH = 4096
MAX_DATA_BYTES = 64 * 1024
MAX_QUERY_LENGTH = 4096

_SET_BY_THE_DRIVER = frozenset({"host", "content-length", "transfer-encoding", "connection"})


@dataclass(frozen=True)
class ProbeInputs:
    """What a probe is sent with, beyond its method."""

    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    config: tuple[tuple[str, SettingValue], ...] = ()
    query: str = ""


def add_probe_options(parser: argparse.ArgumentParser) -> None:
    """Declare --header (repeatable), --data, --query and --config (repeatable)."""
    parser.add_argument(
        "--header",
        action="append",
        default=[],
        metavar="'NAME: VALUE'",
        help="a request header, e.g. 'Range: bytes=0-3' (repeatable)",
    )
    parser.add_argument("--data", default=None, help="the request body, sent as UTF-8")
    parser.add_argument(
        "--query",
        default="",
        metavar="QUERY",
        help="the query string after '?', percent-encoded, e.g. 'a=1&b=caf%%C3%%A9'",
    )
    keys = ", ".join(setting.key for setting in SETTINGS)
    parser.add_argument(
        "--config",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=f"an app setting for this request (repeatable); keys: {keys}",
    )


def header_pair(text: str) -> tuple[str, str]:
    """`Name: value` as a pair; an InputError names what a server would refuse."""
    if len(text) > MAX_HEADER_LENGTH:
        raise InputError(f"a --header is longer than {MAX_HEADER_LENGTH} characters")
    name, colon, value = text.partition(":")
    if not colon:
        raise InputError(f"expected --header 'Name: value', got {text!r}")
    if not is_token(name):
        raise InputError(f"not a header name: {name!r}")
    if name.lower() in _SET_BY_THE_DRIVER:
        raise InputError(f"{name} is set by the request itself, not by --header")
    value = value.strip(" \t")
    if any(c in "\r\n\0" or c > "\xff" for c in value) or not all(
        c == "\t" or c.isprintable() for c in value
    ):
        raise InputError(f"the {name} value has a character a request cannot carry: {value!r}")
    return name, value


def probe_inputs(args: argparse.Namespace) -> ProbeInputs:
    """The headers, body, query string and settings the options name; an InputError for
    anything wrong."""
    if len(args.header) > MAX_HEADERS:
        raise InputError(f"more than {MAX_HEADERS} --header options")
    headers = tuple(header_pair(text) for text in args.header)
    body = b"" if args.data is None else args.data.encode("utf-8", "surrogateescape")
    if len(body) > MAX_DATA_BYTES:
        raise InputError(f"--data is longer than {MAX_DATA_BYTES} bytes")
    config: dict[str, SettingValue] = {}
    for text in args.config:
        try:
            key, value = read_setting(text)
        except SettingError as error:
            raise InputError(f"--config {error}") from None
        if key in config:
            raise InputError(f"--config sets {key} twice")
        config[key] = value
    query = args.query.removeprefix("?")
    if len(query) > MAX_QUERY_LENGTH:
        raise InputError(f"--query is longer than {MAX_QUERY_LENGTH} characters")
    if any(not "!" <= c <= "~" or c == "#" for c in query):
        raise InputError(f"--query takes printable ASCII, percent-encoded: {query!r}")
    return ProbeInputs(headers, body, tuple(config.items()), query)


NO_INPUTS = ProbeInputs()
"""A plain request: no extra headers, no body, the apps' own settings."""
