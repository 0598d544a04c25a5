"""Whether both apps answer alike but for what an ambient entry adds to every answer on this
leg (Quart 0.23's `Vary: Cookie`), for the tests that check a form both apps answer."""

from __future__ import annotations

from parity.engine import Comparison
from parity.versions import installed
from shared import model as m
from shared.judgement import ambient
from shared.judgement import judge
from shared.probe import Probe

PLAIN = Probe(m.Text("ok"))
"""A request every ambient entry covers, to ask whether a difference is theirs."""


def alike(comparison: Comparison) -> bool:
    """Whether the two answers are the same but for this leg's ambient entries."""
    c = comparison
    leg = ambient(installed())
    judgement = judge(PLAIN, c.flask, c.quart, c.differences, versions=installed(), registry=leg)
    return judgement.alike
