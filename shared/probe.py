"""Where the apps serve an arbitrary model value, for the differential engine."""

PROBE_PATH = "/probe"
"""The route that returns the configured value."""

PROBE_CONFIG_KEY = "PARITY_PROBE_VALUE"
"""The app config key that holds the `shared.model` value `/probe` returns."""
