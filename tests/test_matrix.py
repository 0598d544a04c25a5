"""The release matrix: every entry's declared versions are the ones it was measured to show on.

`docs/matrix/matrix.json` is what `parity matrix` measured on every installable combination
of Flask, Werkzeug and Quart; rerun it (`parity matrix --out docs/matrix`) when an entry or a
release changes. Here each entry's ranges are held to it, both ways.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from packaging.version import Version

from parity.cli import main
from parity.matrix.grid import Combination
from parity.matrix.grid import OnlyError
from parity.matrix.grid import candidates
from parity.matrix.grid import read_only
from parity.matrix.page import write_page
from parity.versions import holds
from shared.divergences import DIVERGENCES
from shared.divergences import Divergence
from shared.judgement import Versions

V31 = Version("3.1")
MATRIX = Path(__file__).resolve().parents[1] / "docs" / "matrix" / "matrix.json"
MEASURED: dict[str, dict[str, Any]] = {
    document["key"]: document for document in json.loads(MATRIX.read_text())["combinations"]
}
NOT_INSTALLABLE = {
    c.key for c in candidates() if Version(c.flask) >= V31 and Version(c.werkzeug) < V31
}
"""Flask 3.1 needs Werkzeug 3.1: the grid's other combinations all install."""


@dataclass(frozen=True)
class Gap:
    """A measured fact the registry does not (yet) describe, kept so it cannot go unnoticed."""

    applies: Callable[[dict[str, str]], bool]
    what: str
    """An entry id whose examples disagree among themselves, `unexplained:<source start>`
    for a difference no entry explains, or `error` for a combination the lab cannot run on."""
    state: str
    why: str
    always: bool = True
    """Whether every measurement finds it: the catalogue's and the examples' findings are
    fixed; one that only the explored draws reach may or may not be drawn again."""


KNOWN_GAPS = (
    Gap(
        lambda v: v["quart"].startswith("0.18"),
        "error",
        "error",
        "the lab's apps need Quart 0.19: on 0.18 the app factory fails (_quart_wrapper_func)",
    ),
    Gap(
        lambda v: v["quart"].startswith("0.19"),
        "stream-with-context-call",
        "partial",
        "on Quart 0.19 Response(stream_with_context(...)) answers 200 with an error while the "
        "body is read, not a 500; only the returned form shows the entry's symptom",
    ),
    Gap(
        lambda v: v["quart"].startswith("0.19"),
        "unexplained:return Response(stream_with_context(",
        "unexplained",
        "the same Quart 0.19 answer, reached by an explored draw",
        always=False,
    ),
    Gap(
        lambda v: v["werkzeug"].startswith("3.0.") and Version(v["quart"]) >= Version("0.21"),
        "unexplained:return redirect('/')",
        "unexplained",
        "Quart 0.21 and later pass partitioned= to set_cookie when they save a session, which "
        "Werkzeug 3.0 does not take: the admin scenario's flash() makes Quart answer 500, "
        "though Quart declares werkzeug>=3.0",
    ),
)


def _gap(versions: dict[str, str], what: str) -> Gap | None:
    """The known gap for this combination and entry (or unexplained source), if any: an entry
    id or `error` matches exactly, an unexplained source by its start."""
    return next((g for g in KNOWN_GAPS if _names(g, what) and g.applies(versions)), None)


def _names(gap: Gap, what: str) -> bool:
    """Whether the gap is about `what`."""
    if gap.what.startswith("unexplained:"):
        return what.startswith(gap.what)
    return what == gap.what


def _versions(document: dict[str, Any]) -> Versions:
    """The measured versions as the registry reads them."""
    found = document["versions"]
    return Versions(found["flask"], found["quart"], found["werkzeug"])


def test_every_installable_combination_was_measured() -> None:
    """The committed matrix has one document for each combination of the grid that installs."""
    assert set(MEASURED) == {c.key for c in candidates()} - NOT_INSTALLABLE


@pytest.mark.parametrize("entry", [pytest.param(e, id=e.id) for e in DIVERGENCES])
def test_declared_versions_are_the_measured_ones(entry: Divergence) -> None:
    """An entry is declared to hold exactly on the combinations where every example showed it,
    and shows on none of the others, but for a known gap (which must still be there)."""
    wrong = []
    for key, document in MEASURED.items():
        if "error" in document:
            continue
        state = document["entries"][entry.id]
        gap = _gap(document["versions"], entry.id)
        expected = (
            gap.state if gap else ("shows" if holds(entry, _versions(document)) else "absent")
        )
        if state != expected:
            wrong.append(f"{key}: measured {state}, declared {expected}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("key", sorted(MEASURED))
def test_unexplained_differences_are_known_gaps(key: str) -> None:
    """Every difference no entry explains is a known gap on that combination, every known
    gap that each measurement finds was found again, and a combination fails to run only as
    recorded."""
    document = MEASURED[key]
    versions = {name: str(value) for name, value in document["versions"].items()}
    found = ["error"] if "error" in document else []
    found += [f"unexplained:{row['source']}" for row in document.get("unexplained", [])]
    unknown = [what for what in found if _gap(versions, what) is None]
    assert not unknown, f"rerun parity matrix, or explain: {unknown}"
    fixed = [
        g
        for g in KNOWN_GAPS
        if g.always and g.state in {"unexplained", "error"} and g.applies(versions)
    ]
    missing = [g.what for g in fixed if not any(_names(g, what) for what in found)]
    assert not missing, f"no longer found (a fix upstream?): {missing}"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        pytest.param("flask", "KEY=VERSION", id="no-equals"),
        pytest.param("django=5", "not one of", id="unknown-package"),
        pytest.param("quart=", "KEY=VERSION", id="no-version"),
    ],
)
def test_only_refuses_what_it_cannot_read(text: str, named: str) -> None:
    """--only takes KEY=VERSION pairs over the four dimensions and names anything else."""
    with pytest.raises(OnlyError, match=named):
        read_only(text)


def test_only_matches_by_version_prefix() -> None:
    """`quart=0.2` is no prefix of 0.22.0 by parts; `quart=0.22` is."""
    combination = Combination("3.1.3", "3.1.9", "0.22.0", "3.11")
    assert combination.matches(read_only("quart=0.22,werkzeug=3.1.9"))
    assert not combination.matches(read_only("quart=0.2"))
    assert combination.key == "flask=3.1.3 werkzeug=3.1.9 quart=0.22.0 python=3.11"


def test_bad_only_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A bad --only is refused before anything is installed."""
    assert main(["matrix", "--only", "django=5"]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_merge_joins_shards(tmp_path: Path) -> None:
    """Merging two shards writes one matrix with each combination once, and its page."""
    first, second = list(MEASURED.values())[:2]
    for index, document in enumerate((first, second, first)):
        (tmp_path / f"{index}.json").write_text(json.dumps({"combinations": [document]}))
    shards = [str(tmp_path / f"{index}.json") for index in range(3)]
    out = tmp_path / "out"
    main(["matrix", "merge", *shards, "--out", str(out)])
    merged = json.loads((out / "matrix.json").read_text())["combinations"]
    assert sorted(d["key"] for d in merged) == sorted({first["key"], second["key"]})
    assert (out / "matrix.html").is_file()


def test_page_escapes_what_documents_say(tmp_path: Path) -> None:
    """An entry id or version from a shard is text on the page, never markup."""
    document = {
        "key": "<script>x</script>",
        "versions": {"flask": "1", "werkzeug": "1", "quart": "1"},
        "entries": {"<img src=x>": "shows"},
        "unexplained": [],
    }
    write_page([document], tmp_path / "matrix.html")
    html = (tmp_path / "matrix.html").read_text()
    assert "<script>x" not in html
    assert "<img src=x>" not in html
    assert "&lt;img src=x&gt;" in html
