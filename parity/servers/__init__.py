"""Real servers for both apps: which ones exist (targets), free ports, and running them."""

from parity.servers.ports import HOST
from parity.servers.ports import PortTaken
from parity.servers.ports import ensure_free
from parity.servers.ports import free_port
from parity.servers.process import MissingServer
from parity.servers.process import RunningServer
from parity.servers.process import ServerError
from parity.servers.process import ServerPool
from parity.servers.process import find_executable
from parity.servers.process import running
from parity.servers.targets import BY_FRAMEWORK
from parity.servers.targets import DEFAULTS
from parity.servers.targets import TARGETS
from parity.servers.targets import ServerTarget
from parity.servers.targets import target
from parity.servers.targets import target_named

__all__ = [
    "BY_FRAMEWORK",
    "DEFAULTS",
    "HOST",
    "TARGETS",
    "MissingServer",
    "PortTaken",
    "RunningServer",
    "ServerError",
    "ServerPool",
    "ServerTarget",
    "ensure_free",
    "find_executable",
    "free_port",
    "running",
    "target",
    "target_named",
]
