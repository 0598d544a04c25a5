"""Nox sessions for flask-quart-parity.

Run through the wrapper, ``python3 noxw``, which brings its own pinned nox and uv.
With no arguments the default sessions run: lint, typecheck, docs, flask, quart, parity.
"""

from __future__ import annotations

import os
import re
import runpy
import shutil
import signal
from pathlib import Path
from types import FrameType

import nox


def _expose_pyenv_interpreters() -> None:
    """Put pyenv-installed interpreters that cannot otherwise be run on ``PATH``.

    Looks at ``$PYENV_ROOT/versions/*/bin`` (``~/.pyenv`` by default). A directory
    is prepended to ``os.environ["PATH"]`` when it holds a ``python3.X`` that no
    directory already on ``PATH`` provides. pyenv's shims directory is ignored
    for that test: a shim for a version that is not pyenv's active one exits with
    "command not found" although ``shutil.which`` finds it. Newer versions are
    preferred, both among patch releases and in the resulting ``PATH`` order.
    """
    pyenv_root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    shims = pyenv_root / "shims"
    current = os.environ.get("PATH", "").split(os.pathsep)
    search = [entry for entry in current if entry and Path(entry) != shims]

    def version_key(bin_dir: Path) -> list[int]:
        return [int(part) for part in re.findall(r"\d+", bin_dir.parent.name)]

    added: list[str] = []
    for bin_dir in sorted((pyenv_root / "versions").glob("*/bin"), key=version_key, reverse=True):
        names = {p.name for p in bin_dir.glob("python3.*") if re.fullmatch(r"python3\.\d+", p.name)}
        lookup = os.pathsep.join(added + search)
        if any(shutil.which(name, path=lookup) is None for name in names):
            added.append(str(bin_dir))
    if added:
        os.environ["PATH"] = os.pathsep.join(added + current)


# A fresh machine has 3.10-3.13 under pyenv but only 3.11 on PATH; nox needs them findable.
_expose_pyenv_interpreters()

nox.needs_version = ">=2026.10.20"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.error_on_missing_interpreters = True
nox.options.reuse_existing_virtualenvs = True
# Only package registries are reachable here, so never try to download an interpreter.
nox.options.download_python = "never"
nox.options.sessions = ["lint", "typecheck", "docs", "flask", "quart", "parity"]

# Each leg pairs a Python with a Quart minor release: 0.22 is the project's floor,
# 0.23 needs Python >= 3.13.
QUART_BASELINE = "quart==0.22.*"
QUART_BY_PYTHON = {"3.11": QUART_BASELINE, "3.13": "quart==0.23.*"}
PYTHONS = list(QUART_BY_PYTHON)
LEGS = [
    nox.param("3.11", QUART_BY_PYTHON["3.11"], id="quart0.22-py3.11"),
    nox.param("3.13", QUART_BY_PYTHON["3.13"], id="quart0.23-py3.13"),
]
# The parity legs wait on servers and Chromium as much as they compute, so they spread over
# every core (at most four workers: each starts its own servers). `loadscope` sends each test
# module to one worker, so a module fixture (Chromium, the report the report tests read) is
# still built once. (`loadgroup` would be finer, but with pytest 9.2 it silently stops
# grouping: pytest-dev/pytest-xdist#1386.)
SPREAD = ["-n", "auto", "--maxprocesses", "4", "--dist", "loadscope"]
PYPROJECT = nox.project.load_toml("pyproject.toml")


def _install_clients(session: nox.Session) -> None:
    """Install the pinned browser clients from package-lock.json, which the apps serve to the
    harness page, and tell the servers where they are. Never a CDN; no install scripts run."""
    session.run("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", external=True)
    session.env["PARITY_NODE_MODULES"] = str(Path("node_modules").resolve())


def _install_and_run(session: nox.Session, *, quart: str | None, pytest_args: list[str]) -> None:
    """Install the browser clients and the project with its ``test`` extra (and ``quart`` if
    given), then run pytest.

    Pytest's exit code 5 ("no tests collected") is deliberately left as a failure.
    """
    requirements = [".[test]"]
    if quart is not None:
        requirements.append(quart)
    # The clients first, so that the installed package carries its copy of them too.
    _install_clients(session)
    session.install(*requirements)
    session.run("pytest", *pytest_args, *session.posargs)


@nox.session(python="3.11")
def lint(session: nox.Session) -> None:
    """Ruff lint and format check over the whole repository, and the import contracts."""
    session.install(*PYPROJECT["project"]["optional-dependencies"]["lint"])
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    # Reads the packages from the working tree (the current directory), never an install.
    session.run("lint-imports")


@nox.session(python="3.11")
def typecheck(session: nox.Session) -> None:
    """Strict mypy over the packages, the tests and this file."""
    session.install(".[typecheck]")
    session.run("mypy", *session.posargs)


@nox.session(python=PYTHONS)
def flask(session: nox.Session) -> None:
    """Model (framework-free) tests plus the Flask-only tests.

    It installs the Quart of its Python's leg, so each leg runs the model tests once, here."""
    python = str(session.python)
    _install_and_run(
        session, quart=QUART_BY_PYTHON[python], pytest_args=["-m", "not quart", *SPREAD]
    )


@nox.session
@nox.parametrize(("python", "quart_spec"), LEGS)
def quart(session: nox.Session, quart_spec: str) -> None:
    """The Quart-only tests, per Python/Quart leg.

    The model tests run in the `flask` session of the same Python, which has the same Quart."""
    _install_and_run(session, quart=quart_spec, pytest_args=["-m", "quart and not flask"])


@nox.session
@nox.parametrize(("python", "quart_spec"), LEGS)
def parity(session: nox.Session, quart_spec: str) -> None:
    """Differential tests that drive the Flask and the Quart app side by side, and the
    browser tests (Chromium runs each client against both servers)."""
    if "HYPOTHESIS_PROFILE" not in os.environ:
        session.env["HYPOTHESIS_PROFILE"] = "ci"
    _install_and_run(session, quart=quart_spec, pytest_args=["-m", "flask and quart", *SPREAD])


@nox.session(default=False)
@nox.parametrize(("python", "quart_spec"), LEGS)
def wire(session: nox.Session, quart_spec: str) -> None:
    """The wire, fuzz, load, leak, slow-client and guard-attack suites against every server
    (Gunicorn sync and gthread, Werkzeug, Granian; Hypercorn, Uvicorn, Gunicorn ASGI,
    Granian), not only the default pair."""
    if "HYPOTHESIS_PROFILE" not in os.environ:
        session.env["HYPOTHESIS_PROFILE"] = "ci"
    session.env["PARITY_WIRE_SERVERS"] = "all"
    suites = [
        "tests/test_wire_differential.py",
        "tests/test_fuzz_render.py",
        "tests/test_load.py",
        "tests/test_attacks_leaks.py",
        "tests/test_attacks_idle.py",
    ]
    _install_and_run(session, quart=quart_spec, pytest_args=["-m", "servers", *suites])


@nox.session(python="3.11")
def docs(session: nox.Session) -> None:
    """Build the Sphinx site under docs/ with warnings as errors; its reference tables are read
    from the registries, so the build fails when a page names a table that is gone. A default
    session: about 5 s, its environment made from uv's cache included."""
    session.install(".[docs]")
    out = Path("docs", "_build", "html")
    session.run(
        "sphinx-build", "-W", "--keep-going", "-b", "html", "docs", str(out), *session.posargs
    )
    session.log(f"the site is in {out.resolve() / 'index.html'}")


def _interrupt_on_term(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


MATRIX = runpy.run_path(str(Path(__file__).parent / "parity" / "matrix" / "grid.py"))
"""The release grid, read from the one module that lists it (it needs only the stdlib)."""


@nox.session(python="3.11", default=False)
@nox.parametrize(
    "combination",
    [nox.param(c.key, id=c.slug) for c in MATRIX["candidates"]()],
)
def matrix(session: nox.Session, combination: str) -> None:
    """Measure the registry on one release combination (a CI job each); `parity matrix merge`
    joins the shards' report/matrix/<combination>/matrix.json."""
    session.install(".")
    only = ",".join(combination.split())
    out = Path("report", "matrix", only.replace(",", "-").replace("=", ""))
    session.run("python", "-m", "parity", "matrix", "--only", only, "--out", str(out))


@nox.session(python="3.11", default=False)
def serve(session: nox.Session) -> None:
    """Serve both apps on real servers until Ctrl-C or TERM (arguments go to ``parity serve``)."""
    _install_clients(session)
    session.install(".")
    # nox dies on TERM without passing it on; as an interrupt, nox TERMs `parity serve`, which
    # stops both servers (and, should nox die anyway, `parity serve` follows its parent).
    signal.signal(signal.SIGTERM, _interrupt_on_term)
    session.run(
        "python",
        "-m",
        "parity",
        "serve",
        *session.posargs,
        interrupt_timeout=1.0,
        terminate_timeout=15.0,
    )


@nox.session(default=False)
@nox.parametrize(("python", "quart_spec"), LEGS)
def report(session: nox.Session, quart_spec: str) -> None:
    """Explore one leg with the thorough Hypothesis profile and merge it into report/."""
    if "HYPOTHESIS_PROFILE" not in os.environ:
        session.env["HYPOTHESIS_PROFILE"] = "thorough"
    session.install(".", quart_spec)
    session.run("python", "-m", "parity", "report", "--wire", "all", *session.posargs)


def _ensure_wrk(session: nox.Session) -> None:
    """Install Debian's ``wrk`` with apt-get when it is missing, and say so in one line."""
    if shutil.which("wrk") is not None:
        return
    session.log("wrk is not installed: installing the Debian package wrk with apt-get")
    session.run("apt-get", "update", "-qq", external=True)
    session.run("apt-get", "install", "-y", "-qq", "wrk", external=True)


def _servers_option(args: list[str]) -> str:
    """The value of ``--servers`` in ``parity bench`` arguments (``all`` when not given)."""
    for index, arg in enumerate(args):
        if arg.startswith("--servers="):
            return arg.partition("=")[2]
        if arg == "--servers" and index + 1 < len(args):
            return args[index + 1]
    return "all"


@nox.session(python="3.11", default=False)
def bench(session: nox.Session) -> None:
    """Boundary timings, harness figures and every server under wrk load, as ratios, with
    charts beside report/bench.json (arguments go to ``parity bench``)."""
    session.install(".[bench]")
    if _servers_option(list(session.posargs)) != "none":
        _ensure_wrk(session)
    session.run("python", "-m", "parity", "bench", *session.posargs)
