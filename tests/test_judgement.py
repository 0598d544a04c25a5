"""The judgement (`shared.judgement`): which entries explain which differences, what is left,
the context it was made in; and every command that renders it says the same thing."""

from __future__ import annotations

import dataclasses
import json
from typing import cast

import pytest
from markupsafe import escape

from parity.bench.harness import unexplained_count
from parity.compare import judged
from parity.compare import verdict_lines
from parity.engine import Comparison
from parity.engine import Engine
from parity.report import explored_text
from parity.report import leg_summary
from parity.report import merge
from parity.report import render_html
from parity.report import scenario_row
from parity.scan.explore import Explorer
from parity.scan.explore import ScanVerdict
from parity.versions import installed
from parity.wire.diff import WireDifference
from shared import model as m
from shared.divergences import DIVERGENCES
from shared.divergences import DIVERGENCES_BY_ID
from shared.divergences.layers import Layer
from shared.judgement import Versions
from shared.judgement import ambient
from shared.judgement import holding
from shared.judgement import judge
from shared.judgement import judge_wire
from shared.outcome import Outcome
from shared.outcome import diff
from shared.parse import parse
from shared.probe import Probe
from shared.routes import explorer
from shared.scenarios import SCENARIOS
from shared.wire_divergences import WIRE_DIVERGENCES

pytestmark = [pytest.mark.flask, pytest.mark.quart]

QUART_22 = Versions("3.1.0", "0.22.0", "3.1.0")
QUART_23 = Versions("3.1.0", "0.23.0", "3.1.0")
PLAIN = Probe(m.Text("ok"), "GET")


def _text(headers: tuple[tuple[str, str], ...] = (), reason: str | None = None) -> Outcome:
    return Outcome.from_raw(200, (("content-type", "text/plain"), *headers), b"ok", reason=reason)


# -- the judgement itself ----------------------------------------------------------------------


def test_versions_decide_which_entries_hold() -> None:
    """Filtering by versions keeps an entry only on the releases it claims; None keeps all."""
    assert holding(None) == DIVERGENCES
    assert "vary-cookie-always" not in {e.id for e in holding(QUART_22)}
    assert "vary-cookie-always" in {e.id for e in holding(QUART_23)}
    assert holding(QUART_23, registry=()) == ()


def test_a_judgement_names_its_context() -> None:
    """The layer, the pair and the versions it was judged in travel with the verdict."""
    judgement = judge(PLAIN, _text(), _text(), versions=QUART_22)
    assert judgement.same
    assert (judgement.context.layer, judgement.context.pair) == (Layer.APP_BOUNDARY, PAIR)
    assert judgement.context.versions == QUART_22
    assert "Quart 0.22.0" in judgement.context.describe()
    assert json.loads(json.dumps(judgement.to_dict()))["context"]["versions"]["quart"] == "0.22.0"
    every = judge(PLAIN, _text(), _text(), versions=None)
    assert "every entry" in every.context.describe()


PAIR = ("Flask", "Quart")


def test_ambient_entry_is_marked_and_only_on_its_versions() -> None:
    """Quart 0.23's Vary: Cookie is explained by an ambient entry there, and by none on 0.22."""
    flask, quart = _text(), _text((("vary", "Cookie"),))
    on_23 = judge(PLAIN, flask, quart, versions=QUART_23)
    assert on_23.entry_ids == on_23.ambient == ("vary-cookie-always",)
    assert on_23.only_ambient
    assert on_23.alike
    assert not on_23.particular
    assert not on_23.unexplained
    assert [note.ambient for note in on_23.notes] == [True]
    on_22 = judge(PLAIN, flask, quart, versions=QUART_22)
    assert not on_22.entries
    assert [d.field for d in on_22.unexplained] == ["header:vary"]
    assert not on_22.alike


def test_ambient_flag_matches_the_plainest_answer(engine: Engine) -> None:
    """On the installed versions, the entries explaining `'ok'` are exactly the ambient ones:
    the flag the renderers trust is what the apps do."""
    c = engine.compare_probe(PLAIN)
    judgement = judge(PLAIN, c.flask, c.quart, c.differences, versions=installed())
    assert set(judgement.entry_ids) == {e.id for e in ambient(installed())}


def test_each_difference_names_only_the_entries_that_account_for_it() -> None:
    """An entry explains the fields it accounts for; a field no entry covers is unexplained."""
    flask, quart = _text(), _text((("vary", "Cookie"), ("x-other", "1")))
    judgement = judge(PLAIN, flask, quart, versions=QUART_23)
    by_field = {d.field: d.explained_by for d in judgement.differences}
    assert by_field == {"header:vary": ("vary-cookie-always",), "header:x-other": ()}
    assert not judgement.only_ambient
    assert not judgement.alike


def test_applying_entries_need_no_difference() -> None:
    """An entry that covers the probe and shows its symptom applies even when the diff it is
    judged against is empty (what the report counts and the bench waits for)."""
    flask, quart = _text(), _text((("vary", "Cookie"),))
    judgement = judge(PLAIN, flask, quart, (), versions=QUART_23)
    assert judgement.same
    assert not judgement.entries
    assert [e.id for e in judgement.applying] == ["vary-cookie-always"]


def test_between_two_replies_a_wire_entry_explains_the_reason_phrase() -> None:
    """Judged as a client sees two servers' replies, the reason phrase Hypercorn leaves empty
    is explained by the wire entry that records it; at the app boundary no wire entry counts."""
    probe = Probe(parse("'ok', 401"))
    flask, quart = _text(reason="UNAUTHORIZED"), _text(reason="")
    seen = judge(probe, flask, quart, versions=QUART_22, layer=Layer.WIRE)
    assert "asgi-reason-phrase" in seen.differences[0].explained_by
    assert {note.registry for note in seen.notes} >= {"wire"}
    boundary = judge(probe, flask, quart, versions=QUART_22)
    assert "asgi-reason-phrase" not in boundary.entry_ids


def test_wire_judgement_needs_the_entry_to_record_the_server() -> None:
    """A reply's difference is explained by a wire entry that covers the value, records that
    server and accounts for the field; another server's same difference is not."""
    entry = next(e for e in WIRE_DIVERGENCES if e.fields)
    server = next(iter(entry.sends))
    found = [WireDifference(entry.fields[0], "differs")]
    judgement = judge_wire(entry.examples[0], server, found)
    assert entry.id in judgement.entry_ids
    assert not judgement.unexplained
    assert judgement.context.layer is Layer.WIRE
    assert judgement.context.pair[0] == server
    other = judge_wire(entry.examples[0], "flask/no-such-server", found)
    assert not other.entries
    assert len(other.unexplained) == 1


def test_report_says_up_front_what_an_ambient_entry_covers() -> None:
    """A leg where one ambient entry explains every other answer says so in the same sentence
    as the count of same answers; a leg without one says only the count."""
    rows = [{"same": True}, *[{"same": False, "only_ambient": True}] * 22, {"same": False}]
    leg = {"id": "leg", "ambient": ["vary-cookie-always"]}
    document = {
        "scenarios": [{"results": {"leg": row}} for row in rows],
        "unexplained": {"leg": []},
    }
    assert leg_summary(document, leg) == (
        "1/24 scenarios answered the same; 22 more differ only by vary-cookie-always, which "
        "shows on every answer on this leg whatever the view returns; 0 unexplained kinds "
        "found by exploration"
    )
    plain = {**document, "scenarios": [{"results": {"leg": {"same": True}}}]}
    assert leg_summary(plain, {"id": "leg"}).startswith("1/1 scenarios answered the same; 0 ")


def test_report_says_what_the_explored_count_means() -> None:
    """The count of explored values beside an entry says how many of how many, and says
    plainly when open exploration happened on none."""
    assert explored_text(3, 2000) == "3 of the 2000 values explored showed it"
    assert explored_text(0, 2000) == "none of the 2000 values explored happened to show it"


def test_explorer_judges_with_the_versions_its_server_runs() -> None:
    """The explorer's verdict uses only the entries that hold for the versions it is given, as
    every command does: Quart 0.23's Vary: Cookie is explained there and not on 0.22."""
    typed = ["content-type", "text/plain"]
    flask = {"status": 200, "reason": "OK", "headers": [typed], "body": "ok"}
    quart = {**flask, "headers": [typed, ["vary", "Cookie"]]}
    seen = json.dumps({"expression": "'ok'", "flask": flask, "quart": quart}).encode()
    on_23 = explorer.explain(seen, QUART_23)
    assert [(e["id"], e["ambient"]) for e in on_23["entries"]] == [("vary-cookie-always", True)]
    assert on_23["context"]["versions"]["quart"] == "0.23.0"
    on_22 = explorer.explain(seen, QUART_22)
    assert on_22["entries"] == []
    assert [d["explained_by"] for d in on_22["differences"]] == [[]]


# -- one pair of outcomes through every renderer -------------------------------------------------

SOURCE = "Response(headers=[('Location', '/a'), ('Location', '/b')])"
"""A registered example two entries explain (empty-response-length and location-iri)."""
EXTRA = ("x-only-quart", "1")
"""A header added to Quart's answer that no entry explains."""


class _Fixed:
    """An engine stand-in that answers every probe with one comparison."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison

    def compare_probe(self, probe: Probe) -> Comparison:
        """The fixed comparison."""
        return self.comparison

    def compare_value(self, value: m.ReturnValue, method: str = "GET") -> Comparison:
        """The fixed comparison."""
        return self.comparison


@pytest.fixture(name="pair", scope="module")
def _pair() -> Comparison:
    """The example's two outcomes, with one difference added that no entry explains."""
    with Engine() as engine:
        c = engine.compare_probe(Probe(parse(SOURCE)))
    quart = dataclasses.replace(c.quart, headers=(*c.quart.headers, EXTRA))
    return Comparison(c.flask, quart, tuple(diff(c.flask, quart)))


def _reply(outcome: Outcome) -> dict[str, object]:
    return {
        "status": outcome.status,
        "reason": outcome.reason or "",
        "headers": [list(pair) for pair in outcome.headers],
        "body": outcome.body.decode(),
    }


def test_every_renderer_names_the_same_entries_and_the_same_unexplained(
    pair: Comparison,
) -> None:
    """compare (text and JSON), the report's row and page, the scan's finding, the explorer's
    explain document and the bench's count all say what the one judgement says."""
    probe = Probe(parse(SOURCE))
    judgement = judge(probe, pair.flask, pair.quart, pair.differences, versions=installed())
    entries = set(judgement.entry_ids)
    left = {d.field for d in judgement.unexplained}
    sentences = {d.sentence for d in judgement.unexplained}
    # An ambient entry (on Quart 0.23, `vary-cookie-always`) shows on this answer as on all.
    leg = {e.id for e in ambient(installed())}
    assert entries == {"empty-response-length", "location-iri"} | leg
    assert left == {f"header:{EXTRA[0]}"}
    engine = cast(Engine, _Fixed(pair))

    compared = judged(engine, SOURCE, probe)
    text = "\n".join(verdict_lines(compared, clients=[]))
    assert {e for e in DIVERGENCES_BY_ID if f"Known divergence {e} (" in text} == entries
    assert {line[4:] for line in text.splitlines() if line.startswith(" !! ")} == sentences
    document = json.loads(json.dumps(compared.to_dict()))
    assert set(document["divergences"]) == entries
    assert {d["field"] for d in document["differences"] if not d["explained"]} == left

    scenario = dataclasses.replace(SCENARIOS[0], source=SOURCE, method="GET")
    row = scenario_row(scenario, pair, 1)
    assert (set(row["result"]["divergences"]), set(row["result"]["unexplained"])) == (
        entries,
        sentences,
    )
    page = render_html(merge([_measured(row)]))
    assert {e for e in DIVERGENCES_BY_ID if f'href="#divergence-{e}"' in page} == entries
    assert all(str(escape(sentence)) in page for sentence in sentences)

    scan = Explorer(engine)
    exploration = scan.explore(parse(SOURCE), "GET")
    assert exploration.verdict is ScanVerdict.DIFFERS
    # The scan names an ambient entry once for the whole app, not on each finding.
    assert set(exploration.divergences) | set(scan.ambient) == entries
    assert set(exploration.unexplained) == sentences

    seen = {"expression": SOURCE, "flask": _reply(pair.flask), "quart": _reply(pair.quart)}
    explained = explorer.explain(json.dumps(seen).encode(), installed())
    assert {e["id"] for e in explained["entries"]} == entries
    assert {d["field"] for d in explained["differences"] if not d["explained_by"]} == left

    assert unexplained_count(engine, probe) == len(left)


def test_compare_lines_up_headers_by_name() -> None:
    """`parity compare` puts each header name on one row (whatever order or case each side
    handed over), spelled as written, and a header one side lacks leaves a gap there instead
    of shifting the rest."""
    flask = Outcome.from_raw(200, [("Content-Type", "text/plain"), ("X-A", "1")], b"ok")
    quart = Outcome.from_raw(
        200, [("x-a", "1"), ("vary", "Cookie"), ("content-type", "text/plain")], b"ok"
    )
    engine = cast(Engine, _Fixed(Comparison(flask, quart, tuple(diff(flask, quart)))))
    lines = verdict_lines(judged(engine, "'ok'", PLAIN), clients=[])
    rows = [line for line in lines if " | " in line]
    typed, extra, vary = (
        next(i for i, row in enumerate(rows) if name in row)
        for name in ("Content-Type", "X-A", "vary")
    )
    assert rows[typed].count("Content-Type: text/plain") == 2
    assert rows[extra].count("X-A: 1") == 2
    assert [cell.strip() for cell in rows[vary].split(" | ")] == ["", "vary: Cookie"]
    assert typed < extra < vary


def _measured(row: dict[str, object]) -> dict[str, object]:
    leg = {"id": "leg", "python": "3", "flask": "f", "quart": "q", "werkzeug": "w"}
    return {"leg": leg, "scenarios": [row], "divergences": [], "unexplained": []}
