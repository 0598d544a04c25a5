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
from parity.compare import Compared
from parity.compare import judged
from parity.compare import note_lines
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
from parity.servers.targets import key_of
from parity.source import InputError
from parity.source import source_of
from parity.versions import installed
from parity.wire.diff import SERVER_ADDED
from parity.wire.diff import wire_differences
from parity.wire.reader import fetch
from shared.divergences.layers import Layer
from shared.frameworks import Framework
from shared.http.wire_reply import WireReply
from shared.judgement import Judgement
from shared.judgement import Note
from shared.judgement import judge
from shared.judgement import judge_wire
from shared.model import Configured
from shared.outcome import Outcome
from shared.probe import Probe
from shared.routes.guard import LAB_HEADERS
from shared.routes.guard import TOKEN_VARIABLE
from shared.routes.guard import bearer
from shared.routes.guard import without_lab_headers
from shared.routes.render import render_target


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
        if inputs.body or inputs.config or inputs.query:
            # /render reads a POST body as its source, and a served app is shared by every
            # request in flight, so a per-request setting cannot be applied there.
            raise InputError(
                "--data, --query and --config apply at the app boundary only, not --wire"
            )
        if any(name.lower() == "authorization" for name, _ in inputs.headers):
            # The guard takes /render's token from Authorization and hands the view the rest.
            raise InputError("--header Authorization is the lab's own with --wire: not sent")
        token = _given_token(args)
        source = source_of(args.expression, sys.stdin.buffer)
        value = read_expression(source)
        if isinstance(value, Configured):
            # The same reason as --config: a served app is shared by every request in flight.
            raise InputError("app.json settings apply at the app boundary only, not --wire")
    except (InputError, BadExpression) as error:
        print(printable(f"parity: {error}"), file=sys.stderr)
        return EXIT_BAD_EXPRESSION
    with Engine() as engine:
        verdict = judged(engine, source, Probe(value, args.method, inputs.headers))
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
    judgements = _judge_replies(verdict, replies, args)
    # The clients see what the servers sent, a body a server cut short included.
    views = tuple(
        wire_client_view(framework, reply, args.method, label, verdict.comparison.flask.spelled)
        for framework, (label, reply) in replies.items()
    )
    if args.json:
        document = verdict.to_dict()
        document["clients"] = {view.framework.value: view.to_dict() for view in views}
        document["wire"] = {
            framework.value: {
                "server": label,
                **reply.to_dict(),
                "judgement": judgements[framework].to_dict(),
            }
            for framework, (label, reply) in replies.items()
        }
        document["wire_between"] = judgements[None].to_dict()
        document["wire_divergences"] = [note.id for note in _wire_notes(judgements)]
        # Strict ASCII JSON, as `parity compare --json` writes it.
        json.dump(document, out, indent=2, ensure_ascii=True, allow_nan=False)
        out.write("\n")
    else:
        print_verdict(verdict, out, clients=[])
        _print_replies(replies, judgements, out)
        out.write("".join(printable(line) + "\n" for line in view_lines(*views)))
    return verdict.exit_code


def _with_token(request: ProbeRequest, token: str) -> ProbeRequest:
    return dataclasses.replace(request, headers=(*request.headers, bearer(token)))


def _as_rendered(reply: WireReply) -> WireReply:
    """The reply less the headers the lab's guard added: they are not the framework's."""
    return dataclasses.replace(reply, headers=tuple(without_lab_headers(reply.headers)))


Judgements = dict[Framework | None, Judgement]
"""Each reply beside its own app's answer, and (under None) the two replies side by side."""


def _judge_replies(
    verdict: Compared, replies: dict[Framework, tuple[str, WireReply]], args: argparse.Namespace
) -> Judgements:
    """Each reply judged beside its own app's answer at the boundary, and the two replies
    judged against each other as a client sees them (what only a server decides, such as the
    reason phrase, differs there)."""
    probe, comparison = verdict.probe, verdict.comparison
    boundary = {Framework.FLASK: comparison.flask, Framework.QUART: comparison.quart}
    targets = chosen_targets(args)
    found: Judgements = {}
    for framework, (_, reply) in replies.items():
        target = targets[framework]
        differences = wire_differences(boundary[framework], reply, probe.method, target)
        key = key_of(target)
        found[framework] = judge_wire(probe, key, differences, versions=installed())
    flask, quart = (_as_seen(replies[f][1]) for f in (Framework.FLASK, Framework.QUART))
    keys = (key_of(targets[Framework.FLASK]), key_of(targets[Framework.QUART]))
    found[None] = judge(probe, flask, quart, versions=installed(), layer=Layer.WIRE, servers=keys)
    return found


def _as_seen(reply: WireReply) -> Outcome:
    """The reply as a client sees it, less the headers each server sets for its own framing."""
    outcome = reply.to_outcome()
    kept = tuple(pair for pair in outcome.headers if pair[0] not in SERVER_ADDED)
    return dataclasses.replace(outcome, headers=kept)


def _wire_notes(judgements: Judgements) -> list[Note]:
    """The wire entries that explain a difference in these replies, each once, in registry
    order (the app-boundary ones are the verdict's)."""
    notes: dict[str, Note] = {}
    for judgement in judgements.values():
        for note in judgement.notes:
            if note.registry == "wire":
                notes.setdefault(note.id, note)
    return list(notes.values())


def _print_replies(
    replies: dict[Framework, tuple[str, WireReply]], judgements: Judgements, out: TextIO
) -> None:
    lab = ", ".join(name for name, _ in LAB_HEADERS)
    lines = ["", f"On the wire (raw socket, read by h11; the lab's own {lab} set aside):"]
    for framework, (label, reply) in replies.items():
        lines += ["", label, "-" * len(label), *reply.describe().splitlines()]
        lines += _reply_lines(judgements[framework])
    wire_ids = {note.id for note in _wire_notes(judgements)}
    between = [
        (d, [i for i in d.explained_by if i in wire_ids]) for d in judgements[None].differences
    ]
    shown = [f"    {d.sentence} (explained by {', '.join(ids)})" for d, ids in between if ids]
    if shown:
        lines += ["", "Between the two replies:", *shown]
    for note in _wire_notes(judgements):
        lines += ["", *note_lines(note, "Known wire divergence")]
    # Escaped line by line: header bytes and bodies from the servers are data.
    out.write("".join(printable(line) + "\n" for line in lines))


def _reply_lines(judgement: Judgement) -> list[str]:
    """How a reply differs from its own app's answer, each difference marked '!!' when no
    wire entry explains it."""
    if judgement.same:
        return ["(passes its app's answer on)"]
    lines = ["differs from its app's answer:"]
    for d in judgement.differences:
        mark = "  " if d.explained else "!!"
        known = f" (explained by {', '.join(d.explained_by)})" if d.explained else ""
        lines.append(f" {mark} {d.sentence}{known}")
    return lines
