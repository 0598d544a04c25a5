"""`pip install .` gives a working explorer: the wheel carries the pinned client files and
their licences (copied by setup.py's build step from node_modules), a build without them
says so, `parity serve` names what is missing in one line and still starts, and the
explorer lists its seeds even when the client files are missing."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from parity.serve import EXIT_STOPPED
from parity.serve import ServeOptions
from parity.serve import serve
from parity.servers import free_port
from parity.servers import running
from parity.servers import target
from shared.clients.assets import ASSETS
from shared.clients.assets import MISSING
from shared.clients.assets import NODE_MODULES_VARIABLE
from shared.clients.assets import NOT_INSTALLED
from shared.clients.assets import PACKAGED_FOLDER
from shared.clients.assets import bundled_files
from shared.frameworks import Framework
from shared.routes.explorer import EXPLORER_PATH
from shared.scenarios import SCENARIOS
from tests.browser import CHROMIUM_ARGS
from tests.browser import chromium_path
from tests.browser import unavailable

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_FILES = ("pyproject.toml", "setup.py")
PACKAGE_FOLDERS = ("shared", "flask_app", "quart_app", "parity")
LICENCE_WORDS = {"MIT": b"Permission is hereby granted", "0BSD": b"Zero-Clause BSD"}
BUILD_TIMEOUT = 300


def _node_modules() -> Path:
    """The npm packages the tests use; skip locally, fail under CI, when not installed."""
    root = Path(os.environ.get(NODE_MODULES_VARIABLE) or ROOT / "node_modules")
    if not all((root / name).is_file() for name in bundled_files()):
        unavailable(MISSING)
    return root


def _wheel(tmp_path: Path, node_modules: Path) -> tuple[zipfile.ZipFile, str]:
    """A wheel built with `uv build` from a copy of the package sources, reading the client
    files from `node_modules`; and what the build wrote on stderr."""
    uv = shutil.which("uv")
    if uv is None:
        unavailable("building a wheel needs uv on PATH (python3 noxw puts it there)")
    source = tmp_path / "source"
    source.mkdir()
    for name in PACKAGE_FILES:
        shutil.copyfile(ROOT / name, source / name)
    for folder in PACKAGE_FOLDERS:
        shutil.copytree(
            ROOT / folder,
            source / folder,
            ignore=shutil.ignore_patterns("__pycache__", PACKAGED_FOLDER.name),
        )
    environment = {**os.environ, NODE_MODULES_VARIABLE: str(node_modules)}
    built = subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(tmp_path / "dist"), str(source)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    return zipfile.ZipFile(wheel), built.stderr


def test_the_wheel_carries_the_client_files_and_their_licences(tmp_path: Path) -> None:
    """Every build and licence `bundled_files` lists is in the wheel, byte for byte, and
    nothing else under the folder."""
    node_modules = _node_modules()
    wheel, _ = _wheel(tmp_path, node_modules)
    prefix = f"shared/clients/{PACKAGED_FOLDER.name}/"
    inside = {name.removeprefix(prefix) for name in wheel.namelist() if name.startswith(prefix)}
    assert inside == set(bundled_files())
    for name in bundled_files():
        assert wheel.read(prefix + name) == (node_modules / name).read_bytes()
    for asset in ASSETS:
        licence = wheel.read(f"{prefix}{asset.folder}/{asset.licence_file}")
        assert LICENCE_WORDS[asset.licence] in licence


def test_a_wheel_built_without_node_modules_says_so(tmp_path: Path) -> None:
    """Without the npm packages the wheel is built without client files, and the build says
    which are missing and how to get them."""
    empty = tmp_path / "empty"
    empty.mkdir()
    wheel, stderr = _wheel(tmp_path, empty)
    assert not [n for n in wheel.namelist() if f"/{PACKAGED_FOLDER.name}/" in n]
    assert "browser client files not found" in stderr
    assert "npm ci" in stderr


@pytest.fixture(name="without_client_files")
def _without_client_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PARITY_NODE_MODULES names an empty folder, so no client file is found anywhere."""
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv(NODE_MODULES_VARIABLE, str(empty))


@pytest.mark.servers
@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.usefixtures("without_client_files")
def test_serve_names_missing_client_files_in_one_line_and_starts() -> None:
    """`parity serve` says on one stderr line what is missing and how to fix it, then serves."""
    out, err = io.StringIO(), io.StringIO()
    options = ServeOptions(flask_port=free_port(), quart_port=free_port(), seconds=0.5)
    assert serve(options, out=out, err=err) == EXIT_STOPPED
    assert err.getvalue() == NOT_INSTALLED + "\n"
    assert "npm ci" in NOT_INSTALLED
    assert "pip install ." in NOT_INSTALLED
    assert "Open the explorer:" in out.getvalue()


@pytest.mark.servers
@pytest.mark.flask
@pytest.mark.quart
def test_serve_says_nothing_when_the_client_files_are_there() -> None:
    """With the client files found, `parity serve` writes nothing on stderr."""
    _node_modules()
    out, err = io.StringIO(), io.StringIO()
    options = ServeOptions(flask_port=free_port(), quart_port=free_port(), seconds=0.5)
    assert serve(options, out=out, err=err) == EXIT_STOPPED
    assert err.getvalue() == ""


@pytest.mark.browser
@pytest.mark.servers
@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.usefixtures("without_client_files")
def test_the_explorer_lists_its_seeds_without_the_client_files() -> None:
    """With the client files missing, the explorer still lists every seed, says (from the
    servers' frames) why it cannot run, and disables Run."""
    seeds = [s for s in SCENARIOS if s.method == "GET"]
    with (
        running({f: target(f) for f in Framework}) as servers,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            flask = servers[Framework.FLASK]
            page.goto(f"{flask.url}{EXPLORER_PATH}#token={flask.token}")
            page.wait_for_function("() => !document.getElementById('expression-error').hidden")
            options = page.locator("#scenario option").all_text_contents()
            assert [s.id for s in seeds] == [o.split(" \u2014 ")[0] for o in options[-len(seeds) :]]
            assert "could not load the clients" in page.inner_text("#expression-error")
            assert page.is_disabled("#run")
        finally:
            browser.close()
