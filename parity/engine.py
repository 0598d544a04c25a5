"""Run one return value, or one scenario, through both apps and compare the outcomes."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from dataclasses import replace
from types import TracebackType
from typing import Any

import flask
import quart

import flask_app
import quart_app
from flask_app.guard import unguarded as flask_unguarded
from parity.asgi import call_asgi
from parity.request import ProbeRequest
from parity.settings import applied
from parity.wsgi import call_wsgi
from quart_app.guard import unguarded as quart_unguarded
from shared.bounds.limits import check_work
from shared.frameworks import Framework
from shared.model import ReturnValue
from shared.outcome import Difference
from shared.outcome import Outcome
from shared.outcome import diff
from shared.probe import PROBE_CONFIG_KEY
from shared.probe import Probe
from shared.scenarios import Scenario


@dataclass(frozen=True)
class Comparison:
    """Both outcomes for one request and every way they differ."""

    flask: Outcome
    quart: Outcome
    differences: tuple[Difference, ...]

    @property
    def same(self) -> bool:
        """Whether the two frameworks handed their servers the same response."""
        return not self.differences


def _quiet(app: Any) -> Any:
    # Both frameworks log every 500 with its traceback; a probe makes hundreds of them on
    # purpose, and the outcome already records what happened.
    app.logger.setLevel(logging.CRITICAL + 1)
    return app


class Engine:
    """One Flask app, one Quart app, and the event loop the Quart side runs on.

    Use it as a context manager, or call `close()`: the loop is closed with it.
    """

    def __init__(self) -> None:
        self.flask = _quiet(flask_app.create_app())
        self.quart = _quiet(quart_app.create_app())
        # The lab's guard (Host, token, lab headers) sits outside the frameworks: the engine
        # drives what each framework alone hands its server.
        self._flask_wsgi = flask_unguarded(self.flask)
        self._quart_asgi = quart_unguarded(self.quart)
        self._runner = asyncio.Runner()
        self._caught: list[BaseException] = []
        # Each framework reports the exception it turns into a 500 page through this signal;
        # the outcome names it, so a person can tell a shape error from a lookup error.
        flask.got_request_exception.connect(self._record, self.flask)
        quart.got_request_exception.connect(self._record, self.quart)

    def _record(self, sender: object, exception: BaseException, **extra: object) -> None:
        self._caught.append(exception)

    def _with_caught(self, outcome: Outcome) -> Outcome:
        caught, self._caught = self._caught, []
        if not caught:
            return outcome
        last = caught[-1]
        message = " ".join(str(last).split())
        return replace(outcome, exception=f"{type(last).__name__}: {message}".rstrip(": "))

    def __enter__(self) -> Engine:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the event loop."""
        self._runner.close()

    def run_flask(self, request: ProbeRequest) -> Outcome:
        """The Flask app's outcome for a request, with the exception it caught if any."""
        self._caught.clear()
        outcome = call_wsgi(self._flask_wsgi, request)
        return self._with_caught(outcome)

    def run_quart(self, request: ProbeRequest) -> Outcome:
        """The Quart app's outcome for a request, with the exception it caught if any."""
        self._caught.clear()
        outcome = self._runner.run(call_asgi(self._quart_asgi, request))
        return self._with_caught(outcome)

    def run(self, framework: Framework, request: ProbeRequest) -> Outcome:
        """One app's outcome for a request."""
        if framework is Framework.FLASK:
            return self.run_flask(request)
        return self.run_quart(request)

    def compare_request(self, request: ProbeRequest) -> Comparison:
        """Send the same request to both apps."""
        flask, quart = self.run_flask(request), self.run_quart(request)
        return Comparison(flask, quart, tuple(diff(flask, quart)))

    def compare_value(self, value: ReturnValue, method: str = "GET") -> Comparison:
        """Have both probe routes return `value` to a plain request and compare the answers."""
        return self.compare_probe(Probe(value, method))

    def answer(
        self, probe: Probe, quart_value: ReturnValue | None = None
    ) -> tuple[Outcome, Outcome]:
        """The Flask and the Quart outcome of both probe routes returning the probe's value,
        to its request, under its settings; the Quart route returns `quart_value` instead when
        given (a port's own reading of the view). TooMuchWork, before either runs, for a value
        over a bound on its work (`shared.bounds.limits`)."""
        check_work(probe.value)
        if quart_value is None:
            quart_value = probe.value
        elif quart_value != probe.value:
            check_work(quart_value)
        self.flask.config[PROBE_CONFIG_KEY] = probe.value
        self.quart.config[PROBE_CONFIG_KEY] = quart_value
        request = probe_request(probe)
        with applied(self.flask, probe.config):
            flask = self.run_flask(request)
        with applied(self.quart, probe.config):
            quart = self.run_quart(request)
        return flask, quart

    def compare_probe(self, probe: Probe) -> Comparison:
        """Both apps' answers to a probe and every way they differ."""
        flask, quart = self.answer(probe)
        return Comparison(flask, quart, tuple(diff(flask, quart)))

    def compare_scenario(self, scenario: Scenario) -> Comparison:
        """Send a scenario's request to both apps."""
        return self.compare_request(scenario_request(scenario))


def probe_request(probe: Probe) -> ProbeRequest:
    """The request a probe sends to `/probe`."""
    return ProbeRequest(probe.method, probe.target, probe.headers, probe.body)


def scenario_request(scenario: Scenario) -> ProbeRequest:
    """The request that exercises a scenario."""
    return ProbeRequest(scenario.method, scenario.url, scenario.request_headers)
