"""Views read only regular files inside the shipped folder: a symlink placed there that leads
out of it (to /etc/passwd, say) is never sent or opened, by either app, whichever helper names
it; it fares as a missing file does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import shared.model
import shared.model.files
from parity.engine import Engine
from parity.request import ProbeRequest
from shared.frameworks import Framework
from shared.routes.render import render_target
from tests.params import FRAMEWORKS

SECRET = b"root:x:0:0:secret outside the folder\n"


@pytest.fixture(name="folder")
def _folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped folder, used by both apps for the test, in which `hello.txt` and
    `leak.txt` are symlinks to a file outside it and `inner.txt` one to a file inside it."""
    folder = (tmp_path / "static_files").resolve()
    shutil.copytree(shared.model.files.SHIPPED_FOLDER, folder)
    secret = tmp_path / "passwd"
    secret.write_bytes(SECRET)
    (folder / "hello.txt").unlink()
    (folder / "hello.txt").symlink_to(secret)
    (folder / "leak.txt").symlink_to(secret)
    (folder / "inner.txt").symlink_to(folder / "data.json")
    (folder / "subfolder").mkdir()
    monkeypatch.setattr(shared.model.files, "SHIPPED_FOLDER", folder)
    monkeypatch.setattr(shared.model, "SHIPPED_FOLDER", folder)
    return folder


LEAKS = [
    pytest.param("send_file('static_files/hello.txt')", id="send_file-path"),
    pytest.param("send_file(open('static_files/hello.txt', 'rb'))", id="send_file-open"),
    pytest.param("Response(open('static_files/hello.txt', 'rb'))", id="response-open"),
    pytest.param("send_from_directory('static_files', 'hello.txt')", id="from-directory"),
    pytest.param("send_from_directory('static_files', 'leak.txt')", id="from-directory-new"),
]


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("source", LEAKS)
def test_a_symlink_out_of_the_folder_is_never_read(
    engine: Engine, folder: Path, framework: Framework, source: str
) -> None:
    """A symlink to a file outside the folder is refused as a missing file: a 404 from
    send_from_directory, the error page of a missing file elsewhere; the target never shows."""
    outcome = engine.run(framework, ProbeRequest("GET", render_target(source)))
    assert SECRET not in outcome.body, outcome.describe()
    expected = 404 if "send_from_directory" in source else 500
    assert outcome.status == expected, outcome.describe()


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize(
    ("name", "status"), [("inner.txt", 200), ("subfolder", 404), ("missing.txt", 404)]
)
def test_send_from_directory_sends_only_regular_files_inside(
    engine: Engine, folder: Path, framework: Framework, name: str, status: int
) -> None:
    """A symlink to a file inside the folder is sent; a folder and a missing name are 404s
    (the missing one by the framework's own check)."""
    source = f"send_from_directory('static_files', {name!r})"
    outcome = engine.run(framework, ProbeRequest("GET", render_target(source)))
    assert outcome.status == status, outcome.describe()
    if status == 200:
        assert outcome.body == (folder / "data.json").read_bytes()


@pytest.mark.parametrize("name", shared.model.files.SHIPPED_FILES)
def test_the_shipped_files_are_regular_files_inside_the_folder(name: str) -> None:
    """Every file the project ships passes the check, at its own path."""
    path = shared.model.files.shipped_file(name)
    assert path == shared.model.files.SHIPPED_FOLDER / name
    assert path.is_file()
    assert not path.is_symlink()
