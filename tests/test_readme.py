"""The README's examples, and the docs' console examples, print what the pages show.

Each example is run as the page writes it (see `tests/shell_examples.py` for how, and for the
only two things normalised: versions after a package's name, and durations). The outputs were
captured on the baseline leg, Quart 0.22, whose name the README states; on another leg an
answer may rightly differ (Quart 0.23 adds `Vary: Cookie` to every answer, the registry's
`vary-cookie-always`), so the examples run on the baseline leg only.
"""

from __future__ import annotations

from importlib.metadata import version

import pytest

from tests.shell_examples import ROOT
from tests.shell_examples import Example
from tests.shell_examples import all_examples
from tests.shell_examples import examples
from tests.shell_examples import normalised
from tests.shell_examples import run

BASELINE_QUART = "0.22."
"""The Quart line the shown outputs were captured on, as the README says."""

pytestmark = [
    pytest.mark.flask,
    pytest.mark.quart,
    pytest.mark.skipif(
        not version("quart").startswith(BASELINE_QUART),
        reason=f"the pages' outputs were captured on Quart {BASELINE_QUART}x, not "
        f"{version('quart')}",
    ),
]

README_LINES = 150
"""The most the README may hold: what the project answers, setup, five examples, links."""


def test_readme_is_short_and_has_five_examples() -> None:
    """The README stays a front page: at most 150 lines, with five example commands."""
    readme = ROOT / "README.md"
    assert len(readme.read_text(encoding="utf-8").splitlines()) <= README_LINES
    assert len(examples(readme)) == 5


def test_readme_states_the_test_command_and_the_suite_time() -> None:
    """The README names the command `.ci/run` calls and what the default suite took, where."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 noxw" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "`python3 noxw` (what `.ci/run` calls)" in readme
    assert "2-core, 24 GiB machine" in readme


@pytest.mark.parametrize("example", all_examples(), ids=lambda e: e.id)
def test_example_prints_what_the_page_shows(example: Example) -> None:
    """The command prints the output shown under it, versions and durations aside."""
    assert normalised(run(example.command)) == normalised(example.shown)


def test_normalising_keeps_everything_but_versions_and_durations() -> None:
    """Only a version after a package's name and a duration after "in " are replaced."""
    assert normalised("(Flask 3.1.3 / Quart 0.22.0) in 0.5s: 25 values, 0.5 MB") == (
        "(Flask <version> / Quart <version>) in <time>: 25 values, 0.5 MB"
    )
