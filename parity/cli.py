"""The `parity` command: compare, serve, scan, report, bench."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Sequence
from types import FrameType

from parity.compare import EXIT_BAD_EXPRESSION
from parity.compare import run
from parity.engine import Engine
from parity.scan.command import add_arguments as add_scan_arguments
from parity.scan.command import run as run_scan
from parity.servers import ServerError
from parity.servers import running
from parity.source import InputError
from parity.source import read_source
from shared.frameworks import Framework
from shared.printable import printable

METHODS = ("GET", "HEAD", "OPTIONS", "POST")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="parity", description="How Flask and Quart turn a view's return value into a response."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    compare = commands.add_parser("compare", help="run one return expression through both apps")
    compare.add_argument(
        "expression", help="what the view returns, e.g. \"jsonify(ok=True), 201\"; '-' reads stdin"
    )
    compare.add_argument(
        "--method", choices=METHODS, default="GET", help="the request method (default GET)"
    )
    compare.add_argument("--json", action="store_true", help="print one JSON document")

    serve = commands.add_parser("serve", help="serve both apps on loopback until Ctrl-C")
    serve.add_argument("--flask-port", type=int, default=5000)
    serve.add_argument("--quart-port", type=int, default=5001)
    serve.add_argument("--seconds", type=float, default=None, help="stop after this long")

    report = commands.add_parser("report", help="explore with Hypothesis and write report/")
    report.add_argument("--out", default="report", help="the folder to write (default report)")
    report.add_argument(
        "--examples", type=int, default=None, help="examples to explore (default: profile's)"
    )

    scan = commands.add_parser("scan", help="find every Flask view's returns and compare them")
    add_scan_arguments(scan)

    bench = commands.add_parser("bench", help="time and measure both apps at their boundaries")
    bench.add_argument(
        "--requests", type=int, default=2000, help="requests per case (default 2000)"
    )
    bench.add_argument(
        "--examples", type=int, default=300, help="harness examples a run (default 300)"
    )
    bench.add_argument(
        "--seeds", type=int, default=5, help="cold rediscovery runs, one a seed (default 5)"
    )
    bench.add_argument("--out", default="report", help="where bench.json goes (default report)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand and return its exit code."""
    args = build_parser().parse_args(argv)
    if args.command == "compare":
        return _compare(args.expression, args.method, as_json=args.json)
    if args.command == "serve":
        return _serve(args.flask_port, args.quart_port, args.seconds)
    if args.command == "scan":
        return run_scan(args)
    if args.command == "report":
        from parity.report import write_report

        return write_report(args.out, args.examples)
    from parity.bench import run_bench

    return run_bench(args.requests, examples=args.examples, seeds=args.seeds, out=args.out)


def _compare(expression: str, method: str, *, as_json: bool) -> int:
    if expression == "-":
        try:
            source = read_source(sys.stdin.buffer)
        except InputError as error:
            print(printable(f"parity: {error}"), file=sys.stderr)
            return EXIT_BAD_EXPRESSION
    else:
        source = expression
    with Engine() as engine:
        return run(source, method, as_json=as_json, out=sys.stdout, err=sys.stderr, engine=engine)


def _stop_on_term(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _serve(flask_port: int, quart_port: int, seconds: float | None) -> int:
    ports = {Framework.FLASK: flask_port, Framework.QUART: quart_port}
    # A TERM (from nox, a supervisor or `kill`) must unwind like Ctrl-C, so that `running`
    # stops both servers instead of leaving them behind.
    signal.signal(signal.SIGTERM, _stop_on_term)
    try:
        with running(ports=ports, quiet=False) as servers:
            for server in servers.values():
                name, url = server.framework.title, server.url
                print(f"{name}: {url}/  (each scenario at {url}/scenarios/<id>)")
            print("Ctrl-C stops both.", flush=True)
            deadline = None if seconds is None else time.monotonic() + seconds
            while deadline is None or time.monotonic() < deadline:
                for server in servers.values():
                    if server.process.poll() is not None:
                        print(
                            f"parity: the {server.framework.title} server stopped", file=sys.stderr
                        )
                        return 1
                time.sleep(0.2)
    except KeyboardInterrupt:
        return 0
    except ServerError as error:
        print(f"parity: {error}", file=sys.stderr)
        return 1
    return 0
