"""Every `parity` subcommand's --help ends with its exit codes, from the one table in
parity/exit_codes.py, and that table agrees with the codes the commands return."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from parity import compare
from parity import exit_codes
from parity import matrix
from parity import repro
from parity import serve
from parity.bench import servers as bench_servers
from parity.cli import build_parser
from parity.cli import main
from parity.migrate import command as migrate_command
from parity.scan import command as scan_command
from parity.scan.codes import CODES_BY_ID


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    """Each subcommand's parser, by name."""
    parser = build_parser()
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def _help(command: str) -> str:
    return _subcommands()[command].format_help()


def test_every_subcommand_has_a_row_in_the_table() -> None:
    """The table names exactly the subcommands the parser has."""
    assert set(exit_codes.EXIT_CODES) == set(_subcommands())


@pytest.mark.parametrize("command", sorted(exit_codes.EXIT_CODES))
def test_help_ends_with_the_exit_codes(command: str) -> None:
    """`parity COMMAND --help` ends with an `exit codes:` block naming each code of the table,
    argparse's 2, and 141, in order, in lines a terminal does not wrap."""
    text = _help(command)
    block = text[text.index("\nexit codes:\n") :].strip().splitlines()[1:]
    listed = [int(line.split()[0]) for line in block if not line.startswith(" " * 7)]
    wanted = {code for code, _ in exit_codes.EXIT_CODES[command]} | {exit_codes.EXIT_USAGE}
    assert listed == [*sorted(wanted), exit_codes.EXIT_CLOSED_PIPE]
    assert all(len(line) <= exit_codes.HELP_WIDTH for line in block), block


def test_the_table_holds_the_codes_the_commands_return() -> None:
    """Each command's named exit constants appear in its row of the table."""
    returned = {
        "compare": {
            compare.EXIT_SAME_OR_EXPLAINED,
            compare.EXIT_UNEXPLAINED,
            compare.EXIT_BAD_EXPRESSION,
            serve.EXIT_SERVER_FAILED,
            serve.EXIT_PORT_TAKEN,
            serve.EXIT_MISSING_SERVER,
        },
        "serve": {
            serve.EXIT_STOPPED,
            serve.EXIT_SERVER_FAILED,
            serve.EXIT_PORT_TAKEN,
            serve.EXIT_MISSING_SERVER,
        },
        "scan": {
            scan_command.EXIT_NOTHING_DIFFERS,
            scan_command.EXIT_SOMETHING_DIFFERS,
            scan_command.EXIT_USAGE,
            scan_command.EXIT_NOT_SCANNED,
        },
        "matrix": {0, matrix.EXIT_FOUND, matrix.EXIT_BAD_OPTION, matrix.EXIT_MISSING_TOOL},
        "repro": {0, repro.EXIT_BAD_ENTRY},
        "migrate": {
            migrate_command.EXIT_NOTHING_TO_CHANGE,
            migrate_command.EXIT_CHANGES,
            migrate_command.EXIT_USAGE,
        },
        "bench": {0, 1, 2, bench_servers.EXIT_NO_WRK},
        "report": {0, 1, exit_codes.EXIT_USAGE},
    }
    for command, codes in returned.items():
        assert codes == {code for code, _ in exit_codes.EXIT_CODES[command]}, command


def test_scan_help_lists_every_finding_code_on_one_line() -> None:
    """`parity scan --help` lists each finding code with its name, one short line each."""
    text = _help("scan")
    lines = text[text.index("finding codes:\n") :].splitlines()[1 : len(CODES_BY_ID) + 1]
    assert [line.split() for line in lines] == [[c.id, c.name] for c in CODES_BY_ID.values()]


def test_report_with_an_unknown_server_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`parity report --wire bogus` exits 2 with one line before exploring anything."""
    out = tmp_path / "report"
    assert main(["report", "--wire", "flask/bogus", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "--wire: unknown server in 'flask/bogus'" in err
    assert not out.exists()
