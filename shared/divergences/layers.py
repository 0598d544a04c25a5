"""Where a divergence shows: at the app boundary, on the wire, or both."""

from __future__ import annotations

import enum


class Layer(enum.Enum):
    """Where a divergence shows."""

    APP_BOUNDARY = "app boundary"
    """In what the framework hands its server; the servers hide it."""
    WIRE = "wire"
    """Only in what a server sends; the app boundary does not show it."""
    BOTH = "both"
