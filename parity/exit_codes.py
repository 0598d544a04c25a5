"""Each `parity` command's exit codes: the one table `--help` prints and the docs render."""

from __future__ import annotations

import textwrap

EXIT_CLOSED_PIPE = 141
"""128 + SIGPIPE: what a shell reports for a writer whose reader went away (`| head -1`)."""
HELP_WIDTH = 79
EXIT_USAGE = 2
"""argparse's status for an option or argument it rejects, on every command."""

EXIT_CODES: dict[str, tuple[tuple[int, str], ...]] = {
    "compare": (
        (0, "the same answer, or every difference explained by a registry entry"),
        (1, "a divergence no entry explains; with --wire also a server failed to start"),
        (2, "the expression is outside the grammar or over a bound on its work"),
        (3, "with --wire: a port is taken"),
        (4, "with --wire: a server's command is not installed"),
    ),
    "serve": (
        (0, "stopped on request (Ctrl-C, TERM, HUP, the parent gone)"),
        (1, "a server failed to start or stopped on its own"),
        (3, "a port is taken"),
        (4, "a server's command is not installed"),
    ),
    "report": (
        (0, "the report was written and every difference explored is explained"),
        (1, "exploration found a divergence no entry explains (the report is still written)"),
        (2, "an unknown server in --wire"),
    ),
    "scan": (
        (0, "nothing reported differs"),
        (1, "a reported finding differs (FQ100-FQ103)"),
        (
            2,
            "a part of the tree was not scanned (an FQ9xx; --ignore it to accept), a bad "
            "option, or a --wire server that cannot start",
        ),
    ),
    "matrix": (
        (0, "every combination measured and explained"),
        (
            1,
            "something needs a look: a combination failed, an entry showed on only some of "
            "its examples, or a difference no entry explains",
        ),
        (2, "a bad --only, shard or merge document"),
        (4, "uv or a Python is missing"),
    ),
    "repro": (
        (0, "the script was printed"),
        (2, "no app-boundary entry or example by that name"),
    ),
    "migrate": (
        (0, "nothing to change"),
        (1, "changes proposed (or written with --write)"),
        (2, "bad input"),
    ),
    "bench": (
        (0, "every goal met"),
        (1, "a goal missed"),
        (2, "an unknown server key or scenario"),
        (4, "the server part needs `wrk` and it is not installed"),
    ),
}
"""Per command, each exit code and when it is returned, lowest first."""
CLOSED_PIPE: dict[str, str] = {
    "compare": "stdout was closed early (| head -1) with --wire; without it the verdict's "
    "code is kept"
}
"""Commands whose closed stdout does not always end with 141, and what happens instead."""


def exit_code_rows(command: str) -> list[tuple[int, str]]:
    """Every exit code of `parity COMMAND` and when, lowest first: its own, argparse's usage
    error, and a closed stdout last; what `--help` prints and the docs' table shows."""
    rows = list(EXIT_CODES[command])
    if all(code != EXIT_USAGE for code, _ in rows):
        rows.append((EXIT_USAGE, "an option or argument it does not accept"))
    rows.sort()
    rows.append((EXIT_CLOSED_PIPE, CLOSED_PIPE.get(command, "stdout was closed early (| head -1)")))
    return rows


def exit_codes_epilog(command: str) -> str:
    """The `exit codes:` block that ends `parity COMMAND --help`, wrapped for a terminal."""
    rows = exit_code_rows(command)
    return "exit codes:\n" + "\n".join(
        textwrap.fill(
            meaning, HELP_WIDTH, initial_indent=f"  {code:>3}  ", subsequent_indent=" " * 7
        )
        for code, meaning in rows
    )
