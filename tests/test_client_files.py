"""Both apps serve the harness, each pinned library build and its licence, at the paths the
harness loads them from, and nothing else under /_parity/."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from parity.engine import Engine
from parity.request import ProbeRequest
from shared.clients import assets as clients_assets
from shared.clients.assets import ASSETS
from shared.clients.assets import CLIENT_TABLE
from shared.clients.assets import HARNESS_CSP
from shared.clients.assets import HARNESS_PATH
from shared.clients.assets import HOSTILE_BODY
from shared.clients.assets import HOSTILE_PATH
from shared.clients.assets import JS_PREFIX
from shared.clients.assets import MISSING
from shared.clients.assets import NODE_MODULES_VARIABLE
from shared.clients.assets import bundled_files
from shared.clients.predictions import CLIENTS
from shared.clients.record import Asset
from shared.frameworks import Framework
from shared.outcome import Outcome
from tests.params import FRAMEWORKS

LICENCE_WORDS = {"MIT": "Permission is hereby granted", "0BSD": "Zero-Clause BSD"}


def _get(engine: Engine, framework: Framework, path: str) -> Outcome:
    request = ProbeRequest("GET", path)
    return engine.run_flask(request) if framework is Framework.FLASK else engine.run_quart(request)


@pytest.fixture(name="installed")
def _installed() -> None:
    """The npm packages are installed where the apps look; skip locally, fail under CI."""
    root = Path(os.environ.get(NODE_MODULES_VARIABLE) or Path.cwd() / "node_modules")
    if not (root / ASSETS[0].folder).is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{MISSING} (CI=true, so this is a failure)")
        pytest.skip(MISSING)


@pytest.mark.usefixtures("installed")
@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("asset", ASSETS, ids=[a.id for a in ASSETS])
def test_library_build_is_served(engine: Engine, framework: Framework, asset: Asset) -> None:
    """Each build is served as JavaScript and is the pinned version."""
    served = _get(engine, framework, asset.url)
    assert served.status == 200
    assert served.content_type == "text/javascript; charset=utf-8"
    assert asset.version.encode() in served.body[:20000]


@pytest.mark.usefixtures("installed")
@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("asset", ASSETS, ids=[a.id for a in ASSETS])
def test_licence_is_served(engine: Engine, framework: Framework, asset: Asset) -> None:
    """Each library's licence text is served beside it, and is the licence it declares."""
    served = _get(engine, framework, asset.licence_url)
    assert served.status == 200
    assert LICENCE_WORDS[asset.licence].encode() in served.body


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_client_table_is_served(engine: Engine, framework: Framework) -> None:
    """The client records the harness runs are served as JSON, one row per client."""
    served = _get(engine, framework, JS_PREFIX + CLIENT_TABLE)
    assert served.status == 200
    assert served.content_type == "application/json"
    assert [row["id"] for row in json.loads(served.body)] == [c.id for c in CLIENTS]


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_harness_page_carries_its_policy(engine: Engine, framework: Framework) -> None:
    """The harness page is HTML under the strict Content-Security-Policy."""
    served = _get(engine, framework, HARNESS_PATH)
    assert served.status == 200
    assert served.header("content-security-policy") == HARNESS_CSP
    assert b'<script src="/_parity/js/harness.js"></script>' in served.body


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_hostile_fixture_is_fixed(engine: Engine, framework: Framework) -> None:
    """The hostile body is one fixed string, never taken from the request."""
    served = _get(engine, framework, HOSTILE_PATH + "?body=other")
    assert served.body == HOSTILE_BODY.encode()


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize(
    "path",
    [
        "/_parity/js/jquery.js",
        "/_parity/js/../package.json",
        "/_parity/licences/harness.txt",
        "/_parity/js/jquery-3.7.1.txt",
        "/_parity/other",
    ],
)
def test_other_paths_are_not_found(engine: Engine, framework: Framework, path: str) -> None:
    """Only the table's files are served: no other name, suffix or folder."""
    assert _get(engine, framework, path).status == 404


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_missing_node_modules_names_the_fix(
    engine: Engine, framework: Framework, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without `npm ci`, a library path answers 404 with the command that installs them."""
    monkeypatch.setenv(NODE_MODULES_VARIABLE, str(tmp_path))
    served = _get(engine, framework, ASSETS[0].url)
    assert served.status == 404
    assert b"npm ci" in served.body


@pytest.fixture(name="packaged")
def _packaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, installed: None) -> Path:
    """An installed package's copy of the client files (in a temporary folder), no
    PARITY_NODE_MODULES, and a working directory without node_modules."""
    source = Path(os.environ.get(NODE_MODULES_VARIABLE) or Path.cwd() / "node_modules")
    copy = tmp_path / "client_files"
    for name in bundled_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, copy / name)
    monkeypatch.setattr(clients_assets, "PACKAGED_FOLDER", copy)
    monkeypatch.delenv(NODE_MODULES_VARIABLE, raising=False)
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    monkeypatch.chdir(empty)
    return copy


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("asset", ASSETS, ids=[a.id for a in ASSETS])
def test_an_installed_copy_is_served(
    engine: Engine, framework: Framework, asset: Asset, packaged: Path
) -> None:
    """Installed with its client files, each build and licence is served from the package."""
    assert (
        _get(engine, framework, asset.url).body
        == (packaged / asset.folder / asset.build).read_bytes()
    )
    licence = _get(engine, framework, asset.licence_url)
    assert LICENCE_WORDS[asset.licence].encode() in licence.body


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_parity_node_modules_wins_over_the_installed_copy(
    engine: Engine,
    framework: Framework,
    packaged: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """PARITY_NODE_MODULES, when set, is the only place looked in."""
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv(NODE_MODULES_VARIABLE, str(empty))
    assert _get(engine, framework, ASSETS[0].url).status == 404


def test_the_bundle_is_every_build_and_licence() -> None:
    """The build step copies each asset's build and licence file, and nothing else."""
    expected = {f"{a.folder}/{name}" for a in ASSETS for name in (a.build, a.licence_file)}
    assert set(bundled_files()) == expected
    assert len(bundled_files()) == 2 * len(ASSETS)
