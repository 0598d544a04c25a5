"""`parity compare --wire`: the app-boundary verdict, then what two real servers send.

Servers named by `--flask-server`/`--quart-server` (Gunicorn and Hypercorn by default) are
started on free loopback ports and stopped afterwards, unless `--flask-port`/`--quart-port`
name servers already running `parity serve` on loopback (their `/render` token is then read
from PARITY_TOKEN). The headers the lab's guard adds to `/render` answers are set aside.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from parity.clients import view_lines
from parity.clients import wire_client_view
from parity.compare import EXIT_BAD_EXPRESSION
from parity.compare import BadExpression
from parity.compare import judge
from parity.compare import print_verdict
from parity.compare import read_expression
from parity.engine import Engine
from parity.printable import printable
from parity.probe_options import probe_inputs
from parity.request import ProbeRequest
from parity.serve import EXIT_MISSING_SERVER
from parity.serve import EXIT_PORT_TAKEN
from parity.serve import EXIT_SERVER_FAILED
from parity.servers import HOST
from parity.servers import MissingServer
from parity.servers import PortTaken
from parity.servers import ServerError
from parity.servers import running
from parity.servers.options import add_server_options
from parity.servers.options import chosen_targets
from parity.source import InputError
from parity.source import source_of
from parity.wire.reader import fetch
from shared import model as m
from shared.frameworks import Framework
from shared.http.wire_reply import WireReply
from shared.probe import Probe
from shared.routes.guard import LAB_HEADERS
from shared.routes.guard import TOKEN_VARIABLE
from shared.routes.guard import bearer
from shared.routes.guard import without_lab_headers
from shared.routes.render import render_target
from shared.wire_divergences import WIRE_DIVERGENCES


def add_wire_options(parser: argparse.ArgumentParser) -> None:
    """The `--wire` flag and the options that pick its servers."""
    parser.add_argument(
        "--wire", action="store_true", help="also send it through /render on two real servers"
    )
    add_server_options(parser, " to start with --wire")
    for framework in Framework:
        parser.add_argument(
            f"--{framework.value}-port",
            type=int,
            default=None,
            help=f"with --wire: a {framework.title} app already served on {HOST} at this port",
        )


Endpoint = tuple[str, int, str, str]
"""Host, port, label and `/render` token of one server."""


def _given_token(args: argparse.Namespace) -> str | None:
    """PARITY_TOKEN when a port names a running server, else None; InputError when unset."""
    if not any(getattr(args, f"{f.value}_port") for f in Framework):
        return None
    token = os.environ.get(TOKEN_VARIABLE)
    if not token:
        raise InputError(
            f"--flask-port/--quart-port need {TOKEN_VARIABLE} set to the token those servers "
            "were started with (the explorer URL `parity serve` prints carries it after #token=)"
        )
    return token


@contextmanager
def _endpoints(args: argparse.Namespace, token: str | None) -> Iterator[dict[Framework, Endpoint]]:
    """Each framework's endpoint: the given ports (with `token`), or servers started for the
    call (with their own)."""
    given = {f: getattr(args, f"{f.value}_port") for f in Framework}
    wanted = {f: chosen for f, chosen in chosen_targets(args).items() if not given[f]}
    with running(wanted) as started:
        found: dict[Framework, Endpoint] = {}
        for framework in Framework:
            port = given[framework]
            if port and token is not None:
                found[framework] = (HOST, port, f"{framework.title} on port {port}", token)
            else:
                server = started[framework]
                found[framework] = (HOST, server.port, server.name, server.token)
        yield found


def compare_on_the_wire(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Judge the expression at the app boundary, then fetch it from both servers."""
    out = out or sys.stdout
    try:
        inputs = probe_inputs(args)
        if inputs.body or inputs.config:
            # /render reads a POST body as its source, and a served app is shared by every
            # request in flight, so a per-request setting cannot be applied there.
            raise InputError("--data and --config apply at the app boundary only, not --wire")
        if any(name.lower() == "authorization" for name, _ in inputs.headers):
            # The guard takes /render's token from Authorization and hands the view the rest.
            raise InputError("--header Authorization is the lab's own with --wire: not sent")
        token = _given_token(args)
        source = source_of(args.expression, sys.stdin.buffer)
        value = read_expression(source)
    except (InputError, BadExpression) as error:
        print(printable(f"parity: {error}"), file=sys.stderr)
        return EXIT_BAD_EXPRESSION
    with Engine() as engine:
        verdict = judge(engine, source, Probe(value, args.method, inputs.headers))
    request = ProbeRequest(args.method, render_target(source), inputs.headers)
    try:
        with _endpoints(args, token) as endpoints:
            replies = {
                framework: (label, _as_rendered(fetch(host, port, _with_token(request, secret))))
                for framework, (host, port, label, secret) in endpoints.items()
            }
    except PortTaken as error:
        print(f"parity: {error}", file=sys.stderr)
        return EXIT_PORT_TAKEN
    except MissingServer as error:
        print(f"parity: {error}", file=sys.stderr)
        return EXIT_MISSING_SERVER
    except ServerError as error:
        print(f"parity: {error}", file=sys.stderr)
        return EXIT_SERVER_FAILED
    keys = {f: f"{f.value}/{getattr(args, f'{f.value}_server')}" for f in Framework}
    notes = _wire_notes(Probe(value, args.method), keys)
    # The clients see what the servers sent, a body a server cut short included.
    views = tuple(
        wire_client_view(framework, reply, args.method, label, verdict.comparison.flask.spelled)
        for framework, (label, reply) in replies.items()
    )
    if args.json:
        document = verdict.to_dict()
        document["clients"] = {view.framework.value: view.to_dict() for view in views}
        document["wire"] = {
            framework.value: {"server": label, **reply.to_dict()}
            for framework, (label, reply) in replies.items()
        }
        document["wire_divergences"] = [entry_id for entry_id, _ in notes]
        # Strict ASCII JSON, as `parity compare --json` writes it.
        json.dump(document, out, indent=2, ensure_ascii=True, allow_nan=False)
        out.write("\n")
    else:
        print_verdict(verdict, out, clients=[])
        _print_replies(replies, notes, out)
        out.write("".join(printable(line) + "\n" for line in view_lines(*views)))
    return verdict.exit_code


def _with_token(request: ProbeRequest, token: str) -> ProbeRequest:
    return dataclasses.replace(request, headers=(*request.headers, bearer(token)))


def _as_rendered(reply: WireReply) -> WireReply:
    """The reply less the headers the lab's guard added: they are not the framework's."""
    return dataclasses.replace(reply, headers=tuple(without_lab_headers(reply.headers)))


def _wire_notes(probe: Probe, keys: dict[Framework, str]) -> list[tuple[str, str]]:
    """(entry id, sentence) for each wire entry covering the probe."""
    notes = []
    for entry in WIRE_DIVERGENCES:
        if entry.covers(probe):
            said = "; ".join(
                f"{keys[f]}: {entry.sends[keys[f]].sentence()}"
                for f in Framework
                if keys[f] in entry.sends
            )
            example = m.return_statement(entry.examples[0].value).removeprefix("return ")
            notes.append((entry.id, f"{entry.title}. For {example!r}: {said}"))
    return notes


def _print_replies(
    replies: dict[Framework, tuple[str, WireReply]], notes: list[tuple[str, str]], out: TextIO
) -> None:
    lab = ", ".join(name for name, _ in LAB_HEADERS)
    lines = ["", f"On the wire (raw socket, read by h11; the lab's own {lab} set aside):"]
    for label, reply in replies.values():
        lines += ["", label, "-" * len(label), *reply.describe().splitlines()]
    for entry_id, sentence in notes:
        lines += ["", f"Known wire divergence {entry_id}: {sentence}"]
    # Escaped line by line: header bytes and bodies from the servers are data.
    out.write("".join(printable(line) + "\n" for line in lines))
