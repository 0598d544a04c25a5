"""Hypercorn's settings file (`hypercorn --config file:...`), for what its command line cannot
set. The value is `parity.servers.targets.HEAD_LIMIT`, written out: Hypercorn runs this file
on its own, outside the package."""

h11_max_incomplete_size = 32 * 1024
