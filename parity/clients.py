"""Client verdicts and findings for a comparison, as each app's own server would deliver it,
or for the replies real servers sent (`parity compare --wire`).

`parity compare` and the report measure at the app boundary; the browser reads the status line
its server wrote. Each framework's default server is assumed, and its record says where its
reason phrase comes from (`shared.wire_divergences.servers`): Gunicorn writes the phrase Flask
handed it, which for a default phrase is Werkzeug's table entry upper-cased
("401 UNAUTHORIZED"); Hypercorn (through h11) writes none. The browser tests check this
against the wire.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from werkzeug.http import HTTP_STATUS_CODES

from parity.engine import Comparison
from parity.servers import DEFAULTS
from parity.servers import target
from shared.clients.advice import ClientFinding
from shared.clients.advice import findings
from shared.clients.predictions import Prediction
from shared.clients.predictions import predict
from shared.clients.seen import Seen
from shared.frameworks import Framework
from shared.http.wire_reply import WireReply
from shared.outcome import Outcome
from shared.wire_divergences.habits import Phrase
from shared.wire_divergences.servers import SERVERS_BY_KEY

SERVED_BY = {framework: target(framework).title for framework in Framework}
"""The default server of each framework, which the predictions assume."""


def served_reason(framework: Framework, outcome: Outcome) -> str:
    """The reason phrase the default server of the framework writes, as its record says."""
    habits = SERVERS_BY_KEY[f"{framework.value}/{DEFAULTS[framework]}"].habits
    if outcome.status is None or habits.phrase is Phrase.NONE:
        return ""
    if habits.phrase is Phrase.THE_APPS:
        # A WSGI app always hands over a phrase: its own, or Werkzeug's table entry upper-cased.
        if outcome.reason is not None:
            return outcome.reason
        return HTTP_STATUS_CODES.get(outcome.status, "UNKNOWN").upper()
    try:
        return HTTPStatus(outcome.status).phrase
    except ValueError:
        return habits.unknown_phrase.decode("latin-1")


@dataclass(frozen=True)
class ClientView:
    """What one framework's answer means to the browser's clients."""

    framework: Framework
    predictions: tuple[Prediction, ...]
    findings: tuple[ClientFinding, ...]
    unpredicted: str | None = None
    """Why there are no predictions (no response started), or None."""
    served_by: str | None = None
    """The server whose reply the predictions read; None for the default one, assumed."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form."""
        return {
            "served_by": self.served_by or SERVED_BY[self.framework],
            "unpredicted": self.unpredicted,
            "predictions": [p.to_dict() for p in self.predictions],
            "findings": [f.to_dict() for f in self.findings],
        }


def client_view(
    framework: Framework, outcome: Outcome, method: str, written: Iterable[str] = ()
) -> ClientView:
    """Predictions and findings for one framework's outcome to a `method` request; findings
    quote header names as `written` spells them."""
    found = findings(outcome, method, written)
    if outcome.status is None or outcome.error is not None:
        why = f"{outcome.error or 'an error'} escaped to the server; see the wire for the rest"
        return ClientView(framework, (), found, why)
    seen = Seen.from_outcome(outcome, served_reason(framework, outcome), method)
    return ClientView(framework, predict(seen), found)


def wire_client_view(
    framework: Framework, reply: WireReply, method: str, served_by: str, written: Iterable[str] = ()
) -> ClientView:
    """Predictions and findings for the reply a server put on the wire: what the browser
    receives, a body the server cut short included; findings quote names as `written`."""
    if reply.status is None:
        why = f"no reply reached the browser ({reply.result.value}: {reply.detail})"
        return ClientView(framework, (), (), why, served_by)
    seen = Seen.from_reply(reply, method)
    found = findings(reply.to_outcome(), method, written)
    return ClientView(framework, predict(seen), found, None, served_by)


def client_views(comparison: Comparison, method: str) -> tuple[ClientView, ClientView]:
    """Both frameworks' views, Flask first."""
    # Werkzeug hands the Flask side's names over as the view spelled them; Quart lower-cases.
    written = (*comparison.flask.spelled, *comparison.quart.spelled)
    return (
        client_view(Framework.FLASK, comparison.flask, method, written),
        client_view(Framework.QUART, comparison.quart, method, written),
    )


def clients_dict(comparison: Comparison, method: str) -> dict[str, Any]:
    """The `clients` key of `parity compare --json` and of each report result."""
    flask, quart = client_views(comparison, method)
    return {"flask": flask.to_dict(), "quart": quart.to_dict()}


def client_lines(comparison: Comparison, method: str) -> list[str]:
    """The text form: one line per client (shared when both frameworks agree), then findings."""
    return view_lines(*client_views(comparison, method))


def view_lines(flask: ClientView, quart: ClientView) -> list[str]:
    """The text form of both frameworks' views."""
    flask_server = flask.served_by or f"Flask under {SERVED_BY[Framework.FLASK]}"
    quart_server = quart.served_by or f"Quart under {SERVED_BY[Framework.QUART]}"
    lines = ["", f"What the browser's clients do ({flask_server}, {quart_server}):"]
    for view in (flask, quart):
        if view.unpredicted is not None:
            lines.append(f"  {view.framework.title}: no verdicts, {view.unpredicted}")
    quart_by_client = {p.client.id: p for p in quart.predictions}
    for mine in flask.predictions:
        theirs = quart_by_client.pop(mine.client.id, None)
        lines += _pair_lines(mine, theirs)
    for theirs in quart_by_client.values():
        lines += _pair_lines(None, theirs)
    if flask.findings == quart.findings:
        lines += _finding_lines("Findings", flask.findings)
    else:
        lines += _finding_lines("Findings for Flask's answer", flask.findings)
        lines += _finding_lines("Findings for Quart's answer", quart.findings)
    return lines


def _pair_lines(flask: Prediction | None, quart: Prediction | None) -> list[str]:
    either = flask or quart
    assert either is not None
    client = either.client
    label = f"  {client.title:<26}"
    if (
        flask is not None
        and quart is not None
        and flask.verdict.summary() == quart.verdict.summary()
    ):
        return [f"{label} {flask.verdict.summary()}"]
    out = []
    if flask is not None:
        out.append(f"{label} Flask: {flask.verdict.summary()}")
    if quart is not None:
        out.append(f"{' ' * len(label)} Quart: {quart.verdict.summary()}")
    return out


def _finding_lines(heading: str, found: tuple[ClientFinding, ...]) -> list[str]:
    if not found:
        return ["", f"{heading}: none."]
    lines = ["", f"{heading}:"]
    for finding in found:
        lines.append(f"  {finding.id}: {finding.title}")
        lines += textwrap.wrap(finding.detail, 96, initial_indent="    ", subsequent_indent="    ")
        lines += textwrap.wrap(
            f"Fix: {finding.fix}", 96, initial_indent="    ", subsequent_indent="      "
        )
    return lines
