"""The `parity` command: compare, serve, scan, migrate, matrix, report, repro, bench."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from parity.compare import EXIT_BAD_EXPRESSION
from parity.compare import run
from parity.compare_wire import add_wire_options
from parity.compare_wire import compare_on_the_wire
from parity.engine import Engine
from parity.exit_codes import EXIT_CLOSED_PIPE
from parity.exit_codes import EXIT_USAGE
from parity.exit_codes import exit_codes_epilog
from parity.matrix import add_arguments as add_matrix_arguments
from parity.matrix import run as run_matrix
from parity.migrate.command import add_arguments as add_migrate_arguments
from parity.printable import printable
from parity.probe_options import add_probe_options
from parity.probe_options import probe_inputs
from parity.repro import add_arguments as add_repro_arguments
from parity.repro import run as run_repro
from parity.scan.command import add_arguments as add_scan_arguments
from parity.scan.command import help_epilog as scan_help_epilog
from parity.scan.command import run as run_scan
from parity.serve import ServeOptions
from parity.serve import serve
from parity.servers import HOST
from parity.servers.options import add_server_options
from parity.source import InputError
from parity.source import source_of

METHODS = ("GET", "HEAD", "OPTIONS", "POST")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="parity", description="How Flask and Quart turn a view's return value into a response."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    compare = _command(commands, "compare", help="run one return expression through both apps")
    compare.add_argument(
        "expression", help="what the view returns, e.g. \"jsonify(ok=True), 201\"; '-' reads stdin"
    )
    compare.add_argument(
        "--method", choices=METHODS, default="GET", help="the request method (default GET)"
    )
    compare.add_argument("--json", action="store_true", help="print one JSON document")
    add_probe_options(compare)
    add_wire_options(compare)

    _add_serve(commands)

    report = _command(commands, "report", help="explore with Hypothesis and write report/")
    report.add_argument("--out", default="report", help="the folder to write (default report)")
    report.add_argument(
        "--examples", type=int, default=None, help="examples to explore (default: profile's)"
    )
    report.add_argument(
        "--wire",
        default="none",
        help="servers whose replies to each scenario get a column: all, default, none "
        "(default), or <framework>/<server> keys separated by commas",
    )

    scan = _command(
        commands,
        "scan",
        help="find every Flask view's returns and compare them",
        epilog=scan_help_epilog(),
    )
    add_scan_arguments(scan)

    matrix = _command(
        commands, "matrix", help="measure every entry on every installable release combination"
    )
    add_matrix_arguments(matrix)

    repro = _command(commands, "repro", help="print a standalone script that shows an entry")
    add_repro_arguments(repro)

    migrate = _command(
        commands,
        "migrate",
        help="port a Flask codebase and its tests to Quart (a diff, or --write)",
    )
    add_migrate_arguments(migrate)

    _add_bench(commands)
    return parser


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help: str,
    epilog: str | None = None,
) -> argparse.ArgumentParser:
    """A subcommand whose --help ends with `epilog` (if any), then its exit codes, as written."""
    codes = exit_codes_epilog(name)
    return commands.add_parser(
        name,
        help=help,
        description=help[0].upper() + help[1:] + ".",
        epilog=f"{epilog}\n\n{codes}" if epilog else codes,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand and return its exit code; a closed stdout ends it quietly with 141."""
    try:
        try:
            return _dispatch(build_parser().parse_args(argv))
        finally:
            sys.stdout.flush()  # here, not at exit, where a closed pipe would be a traceback
    except BrokenPipeError:
        _stdout_to_devnull()
        return EXIT_CLOSED_PIPE


def _stdout_to_devnull() -> None:
    """Point stdout at /dev/null so that nothing is written to the closed pipe again (the
    Python documentation's recipe for SIGPIPE); stderr too, which may be the same pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError):
            continue  # not a real file (a test's capture)
    os.close(devnull)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "compare" and args.wire:
        return compare_on_the_wire(args)
    if args.command == "compare":
        return _compare(args)
    if args.command == "serve":
        return serve(
            ServeOptions(
                flask_server=args.flask_server,
                quart_server=args.quart_server,
                flask_port=args.flask_port,
                quart_port=args.quart_port,
                host=args.host,
                seconds=args.seconds,
            )
        )
    if args.command == "scan":
        return run_scan(args)
    if args.command == "matrix":
        return run_matrix(args)
    if args.command == "repro":
        return run_repro(args)
    if args.command == "migrate":
        from parity.migrate.command import run as run_migrate

        return run_migrate(args)
    if args.command == "report":
        return _report(args)
    from parity.bench import BenchOptions
    from parity.bench import run_bench

    return run_bench(
        BenchOptions(
            requests=args.requests,
            examples=args.examples,
            seeds=args.seeds,
            out=args.out,
            harness=args.harness,
            servers=args.servers,
            scenarios=args.scenarios,
            seconds=args.seconds,
            rounds=args.rounds,
            connections=args.connections,
            spread_examples=args.spread_examples,
            migrate_lines=args.migrate_lines,
            scan_lines=args.scan_lines,
        )
    )


def _report(args: argparse.Namespace) -> int:
    from parity.report import write_report
    from parity.wire.columns import server_keys

    try:
        server_keys(args.wire)  # before minutes of exploring, not after
    except (KeyError, ValueError):
        print(
            printable(
                f"parity: report: --wire: unknown server in {args.wire!r}; give all, default, "
                f"none, or keys such as flask/gunicorn,quart/hypercorn (exit {EXIT_USAGE})"
            ),
            file=sys.stderr,
        )
        return EXIT_USAGE
    return write_report(args.out, args.examples, args.wire)


def _compare(args: argparse.Namespace) -> int:
    try:
        inputs = probe_inputs(args)
        source = source_of(args.expression, sys.stdin.buffer)
    except InputError as error:
        print(printable(f"parity: {error}"), file=sys.stderr)
        return EXIT_BAD_EXPRESSION
    with Engine() as engine:
        return run(
            source,
            args.method,
            as_json=args.json,
            out=sys.stdout,
            err=sys.stderr,
            engine=engine,
            inputs=inputs,
        )


def _add_serve(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve_parser = _command(
        commands, "serve", help="serve both apps on real servers until Ctrl-C or TERM"
    )
    add_server_options(serve_parser, " to serve the app on")
    serve_parser.add_argument("--flask-port", type=int, default=5000, help="default 5000")
    serve_parser.add_argument("--quart-port", type=int, default=5001, help="default 5001")
    serve_parser.add_argument(
        "--host", default=HOST, help=f"the address to bind (default {HOST}; others warn)"
    )
    serve_parser.add_argument("--seconds", type=float, default=None, help="stop after this long")


def _add_bench(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    bench = _command(
        commands,
        "bench",
        help="time both apps at their boundaries, the harness, and the apps on real servers",
    )
    bench.add_argument(
        "--requests", type=int, default=2000, help="requests per case (default 2000)"
    )
    bench.add_argument(
        "--examples", type=int, default=300, help="harness examples a run (default 300)"
    )
    bench.add_argument(
        "--seeds", type=int, default=5, help="cold rediscovery runs, one a seed (default 5)"
    )
    bench.add_argument(
        "--harness",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the boundary timings and harness figures (default on; --no-harness skips them)",
    )
    bench.add_argument(
        "--servers",
        default="all",
        help="servers to load with wrk: all (default), none, or keys such as "
        "flask/gunicorn,quart/uvicorn",
    )
    bench.add_argument(
        "--scenarios",
        default="all",
        help="scenarios to load the servers with: all (default) or ids such as "
        "plain-string,about-generator",
    )
    bench.add_argument(
        "--seconds", type=int, default=1, help="seconds of load per app and scenario (default 1)"
    )
    bench.add_argument(
        "--rounds", type=int, default=3, help="rounds of load; ratios are per round (default 3)"
    )
    bench.add_argument(
        "--connections", type=int, default=64, help="wrk's open connections (default 64)"
    )
    bench.add_argument(
        "--spread-examples",
        type=int,
        default=300,
        help="examples a test when the differential suite is timed on one core and spread over "
        "all with pytest-xdist (default 300; 0 skips it; needs a clone's tests/)",
    )
    bench.add_argument(
        "--migrate-lines",
        type=int,
        default=10_000,
        help="lines of the generated tree `parity migrate --prove` is timed on beside "
        "`parity scan` of it, as a ratio (default 10000; 0 skips it)",
    )
    bench.add_argument(
        "--scan-lines",
        type=int,
        default=10_000,
        help="lines of the generated tree the boundary part times `parity scan` on "
        "(default 10000; 0 skips it)",
    )
    bench.add_argument("--out", default="report", help="where bench.json goes (default report)")
