"""The browser's AJAX clients as data: one record per client (its library, the npm build it
loads, how it judges a response, its harness settings), the predictions made from them, the
files the apps serve so Chromium can run them, and the advice a person reads.

Modules: `record` (what a client is), `fetch`, `jquery`, `axios`, `htmx` (each library's
records and rules), `seen` (a response as the browser receives it), `predictions` (every
client's verdict), `js_value` (JavaScript values as data), `assets` (the served files),
`advice` (what an AJAX caller will trip over). Framework-free and I/O-free.
"""

from shared.clients.predictions import CLIENTS
from shared.clients.predictions import CLIENTS_BY_ID
from shared.clients.predictions import Prediction
from shared.clients.predictions import agrees
from shared.clients.predictions import observed
from shared.clients.predictions import predict
from shared.clients.predictions import verdict_for
from shared.clients.record import Client
from shared.clients.record import ClientVerdict
from shared.clients.seen import Seen

__all__ = [
    "CLIENTS",
    "CLIENTS_BY_ID",
    "Client",
    "ClientVerdict",
    "Prediction",
    "Seen",
    "agrees",
    "observed",
    "predict",
    "verdict_for",
]
