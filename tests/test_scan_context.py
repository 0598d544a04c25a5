"""`parity scan` in the app's own context: its settings read from the tree, url_for paths as
ASCII, conditional findings, and differing findings that say field, values and fix."""

from __future__ import annotations

import ast
import io
import json
import textwrap
from pathlib import Path

import pytest

from parity.cli import build_parser
from parity.engine import Engine
from parity.scan.app_settings import State
from parity.scan.app_settings import read_app_settings
from parity.scan.command import run
from parity.scan.command import summary_line
from parity.scan.files import python_files
from parity.scan.holes import HoleKind
from parity.scan.holes import holes_in
from parity.scan.holes import read_return
from parity.scan.scanner import Scan
from parity.scan.scanner import scan_paths
from parity.versions import holds
from shared import model as m
from shared.divergences import DIVERGENCES_BY_ID
from shared.probe import Probe

pytestmark = [pytest.mark.flask, pytest.mark.quart]

VARY_COOKIE = DIVERGENCES_BY_ID["vary-cookie-always"]
VIEWS = """
from flask import Flask, redirect, request, url_for

app = Flask(__name__)
{settings}

@app.route("/")
def index():
    return "ok"
"""


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


def _settings(tmp_path: Path, files: dict[str, str]) -> dict[str, State]:
    root = _tree(tmp_path, files)
    modules = [
        (path.relative_to(root).as_posix(), ast.parse(path.read_text()))
        for path in sorted(root.rglob("*.py"))
    ]
    return {read.key: read.state for read in read_app_settings(modules).reads}


def _scan(tmp_path: Path, files: dict[str, str]) -> Scan:
    root = _tree(tmp_path, files)
    return scan_paths(list(python_files([root])), lambda p: p.relative_to(root).as_posix())


@pytest.mark.parametrize(
    ("settings", "state"),
    [
        ('app.secret_key = "dev"', State.SET),
        ('app.config["SECRET_KEY"] = os.environ["KEY"]', State.SET),
        ('app.config.update(SECRET_KEY=os.getenv("KEY", "dev"))', State.SET),
        ('app.config.from_mapping(SECRET_KEY="dev", DEBUG=True)', State.SET),
        ('app.config.from_mapping({"SECRET_KEY": None})', State.DEFAULT),
        ('app.secret_key = ""', State.DEFAULT),
        ("", State.DEFAULT),
        ('app.config.from_pyfile("settings.cfg")', State.UNKNOWN),
        ("app.config.from_prefixed_env()", State.UNKNOWN),
        ("app.config.from_object(somewhere.Settings)", State.UNKNOWN),
        ("app.config.update(overrides)", State.UNKNOWN),
    ],
)
def test_secret_key_is_read_set_unset_or_unknown(
    tmp_path: Path, settings: str, state: State
) -> None:
    """Each way an app sets its secret key reads as set, a literal None or '' or no setting
    as not set, and a source outside the tree as unknown."""
    found = _settings(tmp_path, {"app.py": "import os\n" + VIEWS.format(settings=settings)})
    assert found["SECRET_KEY"] is state


def test_config_classes_are_followed_through_from_object(tmp_path: Path) -> None:
    """A config class of the tree named by a parameter's default, with the key on its base,
    and a setting given as a timedelta, are read; a dict of classes that agree is too."""
    files = {
        "config.py": """
            import os
            from datetime import timedelta

            class Base:
                SECRET_KEY = os.environ.get("SECRET_KEY") or "dev"
                SEND_FILE_MAX_AGE_DEFAULT = timedelta(hours=1)

            class Production(Base):
                DEBUG = False

            config = {"production": Production, "default": Base}
        """,
        "app/__init__.py": """
            from flask import Flask
            from config import Production, config

            def create_app(config_class=Production):
                app = Flask(__name__)
                app.config.from_object(config_class)
                app.json.sort_keys = False
                return app
        """,
    }
    found = _settings(tmp_path / "one", files)
    assert found["SECRET_KEY"] is State.SET
    assert found["SEND_FILE_MAX_AGE_DEFAULT"] is State.SET
    assert found["json.sort_keys"] is State.SET
    files["app/__init__.py"] = files["app/__init__.py"].replace(
        "from_object(config_class)", "from_object(config[name])"
    )
    assert _settings(tmp_path / "two", files)["SECRET_KEY"] is State.SET


def test_a_dotted_string_names_a_module_or_an_instance_of_a_class(tmp_path: Path) -> None:
    """`from_object("pkg.config.Config")` where `Config = Settings()` reads Settings' body,
    not another class that happens to be called Config."""
    files = {
        "pkg/__init__.py": """
            from flask import Flask

            def create_app(config="pkg.config.Config"):
                app = Flask(__name__)
                app.config.from_object(config)
                return app
        """,
        "pkg/config.py": """
            class Settings:
                SECRET_KEY = None

            Config = Settings()
        """,
        "pkg/api/config.py": "class Config:\n    SECRET_KEY = 'other'\n",
    }
    assert _settings(tmp_path, files)["SECRET_KEY"] is State.DEFAULT


def test_no_app_in_the_tree_leaves_the_settings_unknown(tmp_path: Path) -> None:
    """A blueprint scanned without its app says nothing about the app's settings."""
    files = {"views.py": "from flask import Blueprint\nbp = Blueprint('bp', __name__)\n"}
    assert set(_settings(tmp_path, files).values()) == {State.UNKNOWN}


def test_no_secret_key_means_no_vary_cookie_in_either_framework(engine: Engine) -> None:
    """With SECRET_KEY=none neither framework opens a session, so neither sends
    `Vary: Cookie`; with the lab's key, Quart does exactly where the registry says."""
    off = engine.compare_probe(Probe(m.Text("ok"), config=(("SECRET_KEY", None),)))
    assert not off.differences
    assert "cookie" not in (off.quart.header_values("vary") or ("",))[0].lower()
    on = engine.compare_probe(Probe(m.Text("ok")))
    assert VARY_COOKIE.shows(on.flask, on.quart) is holds(VARY_COOKIE)
    assert not VARY_COOKIE.applies_to(Probe(m.Text("ok"), config=(("SECRET_KEY", None),)))


@pytest.mark.parametrize(
    ("settings", "claimed", "conditional"),
    [
        ('app.secret_key = "dev"', True, False),
        ("", False, False),
        ('app.config.from_pyfile("settings.cfg")', True, True),
    ],
)
def test_vary_cookie_is_claimed_only_for_an_app_with_a_secret_key(
    tmp_path: Path, settings: str, claimed: bool, conditional: bool
) -> None:
    """vary-cookie-always is named for every response of an app that sets a key (on the
    legs it holds for), for none of an app that sets none, and as conditional when the scan
    cannot read the key."""
    scan = _scan(tmp_path, {"app.py": VIEWS.format(settings=settings)})
    assert ("vary-cookie-always" in scan.ambient) is (claimed and holds(VARY_COOKIE))
    line = summary_line(scan, [], 0.0)
    assert ("vary-cookie-always (only if SECRET_KEY is set" in line) is (
        conditional and holds(VARY_COOKIE)
    )


def test_url_for_holes_are_ascii_paths() -> None:
    """url_for(...), with _external or an ASCII suffix, fills a hole with ASCII paths only;
    request.url is a request URL, which may hold the requested path's Unicode."""
    for source in (
        "redirect(url_for('post', id=1))",
        "redirect(url_for('post', _external=True))",
        "redirect(url_for('.show', post_id=3) + '#comment-form')",
    ):
        (hole,) = holes_in(read_return(source, ast.parse(source, mode="eval").body))
        assert hole.kind is HoleKind.ROUTE_URL, source
    source = "redirect(url_for('x') + ' caf\u00e9')"
    (hole,) = holes_in(read_return(source, ast.parse(source, mode="eval").body))
    assert hole.kind is HoleKind.URL
    source = "redirect(request.url)"
    (hole,) = holes_in(read_return(source, ast.parse(source, mode="eval").body))
    assert hole.kind is HoleKind.REQUEST_URL


REDIRECTS = """
from flask import Flask, redirect, request, url_for

app = Flask(__name__)

@app.route("/a")
def to_route():
    return redirect(url_for("to_route", page=2) + "#top")

@app.route("/b")
def to_literal():
    return redirect("/caf\u00e9")

@app.route("/c")
def to_next():
    return redirect(request.args.get("next", "/"))

@app.route("/d")
def to_self():
    return redirect(request.url)
"""


@pytest.fixture(name="redirects", scope="module")
def _redirects(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[str, str]]:
    """The verdict finding (code, message) of each return of REDIRECTS, by line."""
    scan = _scan(tmp_path_factory.mktemp("redirects"), {"views.py": REDIRECTS})
    return {f.line: (f.code, f.message) for f in scan.findings if f.code.startswith(("FQ0", "FQ1"))}


def test_a_url_for_redirect_raises_no_location_iri(redirects: dict[int, tuple[str, str]]) -> None:
    """A redirect to url_for(...) plus an ASCII fragment is the same in both frameworks."""
    assert redirects[8][0] == "FQ001", redirects[8]


def test_a_non_ascii_literal_redirect_differs_and_says_field_values_and_fix(
    redirects: dict[int, tuple[str, str]],
) -> None:
    """A literal non-ASCII redirect is a plain FQ100 that names the Location header, Flask's
    percent-encoded value, the UTF-8 bytes Quart hands its server, and the entry's fix."""
    code, message = redirects[12]
    assert code == "FQ100", message
    assert "location-iri" in message
    assert "header location: Flask '/caf%C3%A9', Quart b'/caf\\xc3\\xa9'" in message
    assert f"fix: {DIVERGENCES_BY_ID['location-iri'].fix}" in message


def test_a_redirect_to_an_unknown_url_is_conditional(
    redirects: dict[int, tuple[str, str]],
) -> None:
    """A redirect to a query argument, or to the request's own URL, differs only for non-ASCII
    or spaced text: an FQ110 note naming the part, with the value it differs for."""
    code, message = redirects[16]
    assert code == "FQ110", message
    assert message.startswith('differs only when `request.args.get("next", "/")` holds'), message
    assert "location-iri" in message
    code, message = redirects[20]
    assert code == "FQ110", message
    assert "only when the requested path holds non-ASCII characters" in message


def test_json_summary_names_each_setting_as_read(tmp_path: Path) -> None:
    """`--format json` gives every covered setting's state and where it was read."""
    _tree(tmp_path, {"app.py": VIEWS.format(settings='app.config["SECRET_KEY"] = "dev"')})
    out = io.StringIO()
    args = build_parser().parse_args(["scan", "--format", "json", str(tmp_path)])
    assert run(args, out, io.StringIO()) == 0
    settings = json.loads(out.getvalue())["summary"]["settings"]
    assert settings["SECRET_KEY"] == {
        "state": "set",
        "value": None,
        "where": f"{tmp_path / 'app.py'}:5",
    }
    assert settings["SEND_FILE_MAX_AGE_DEFAULT"]["state"] == "not set"
