"""`parity migrate`'s rules, as before/after pairs (no-op cases beside the rewrites)."""

from __future__ import annotations

import importlib
import textwrap

import pytest

from parity.migrate.rules import FIXES
from parity.migrate.rules import PROOFS
from parity.migrate.rules import RULES
from tests import test_migrate_fixes
from tests.migrate_cases import migrated
from tests.migrate_cases import one


def _pair(before: str, after: str) -> tuple[str, str]:
    return textwrap.dedent(before).lstrip("\n"), textwrap.dedent(after).lstrip("\n")


APP_CASES = {
    "FQM001-from-import": _pair(
        """
        from flask import request, url_for  # the helpers
        """,
        """
        from quart import request, url_for  # the helpers
        """,
    ),
    "FQM001-import-module": _pair(
        """
        import flask

        app = flask.Flask(__name__)
        """,
        """
        import quart

        app = quart.Quart(__name__)
        """,
    ),
    "FQM001-submodule": _pair(
        """
        from flask.views import MethodView
        """,
        """
        from quart.views import MethodView
        """,
    ),
    "FQM002-renamed": _pair(
        """
        from flask import Flask

        app = Flask(__name__)
        """,
        """
        from quart import Quart

        app = Quart(__name__)
        """,
    ),
    "FQM002-renamed-alias-kept": _pair(
        """
        from flask import Flask as App

        app = App(__name__)
        """,
        """
        from quart import Quart as App

        app = App(__name__)
        """,
    ),
    "FQM100-view": _pair(
        """
        from flask import Flask

        app = Flask(__name__)


        @app.route("/")
        def index():
            # the home page
            return "hi"
        """,
        """
        from quart import Quart

        app = Quart(__name__)


        @app.route("/")
        async def index():
            # the home page
            return "hi"
        """,
    ),
    "FQM100-hooks-and-handlers": _pair(
        """
        @bp.before_app_request
        def load():
            pass


        @app.errorhandler(404)
        def missing(e):
            return "no", 404


        def close(e=None):
            pass


        app.teardown_appcontext(close)
        """,
        """
        @bp.before_app_request
        async def load():
            pass


        @app.errorhandler(404)
        async def missing(e):
            return "no", 404


        async def close(e=None):
            pass


        app.teardown_appcontext(close)
        """,
    ),
    "FQM100-method-view": _pair(
        """
        from flask.views import MethodView


        class Items(MethodView):
            def get(self):
                return "items"

            def helper(self):
                return 1
        """,
        """
        from quart.views import MethodView


        class Items(MethodView):
            async def get(self):
                return "items"

            def helper(self):
                return 1
        """,
    ),
    "FQM101-helpers": _pair(
        """
        from flask import flash, make_response, render_template, send_file


        @app.get("/")
        def view():
            flash("saved")
            response = make_response(render_template("a.html"))
            return response


        @app.get("/f")
        def file():
            return send_file("f.txt")
        """,
        """
        from quart import flash, make_response, render_template, send_file


        @app.get("/")
        async def view():
            await flash("saved")
            response = await make_response(await render_template("a.html"))
            return response


        @app.get("/f")
        async def file():
            return await send_file("f.txt")
        """,
    ),
    "FQM101-request-data": _pair(
        """
        from flask import request


        @app.post("/")
        def view():
            name = request.form["name"]
            data = request.get_json()
            upload = request.files.get("f")
            return {"n": name, "d": data, "u": upload, "m": request.method}
        """,
        """
        from quart import request


        @app.post("/")
        async def view():
            name = (await request.form)["name"]
            data = await request.get_json()
            upload = (await request.files).get("f")
            return {"n": name, "d": data, "u": upload, "m": request.method}
        """,
    ),
    "FQM101-module-form": _pair(
        """
        import flask


        @app.get("/")
        def view():
            return flask.render_template("a.html", q=flask.request.values)
        """,
        """
        import quart


        @app.get("/")
        async def view():
            return await quart.render_template("a.html", q=await quart.request.values)
        """,
    ),
    "FQM101-make-conditional": _pair(
        """
        from flask import request, send_file


        @app.get("/")
        def view():
            return send_file("f").make_conditional(request)
        """,
        """
        from quart import request, send_file


        @app.get("/")
        async def view():
            return await (await send_file("f")).make_conditional(request)
        """,
    ),
    "FQM102-helper-chain": _pair(
        """
        from flask import request


        def payload():
            return request.get_json()


        def name():
            return payload()["name"]


        def unrelated():
            return 1


        @app.post("/")
        def view():
            return name() + str(unrelated())
        """,
        """
        from quart import request


        async def payload():
            return await request.get_json()


        async def name():
            return (await payload())["name"]


        def unrelated():
            return 1


        @app.post("/")
        async def view():
            return await name() + str(unrelated())
        """,
    ),
    "FQM102-methods": _pair(
        """
        from flask import request


        class Store:
            def read(self):
                return request.get_data()

            def size(self):
                return len(self.read())
        """,
        """
        from quart import request


        class Store:
            async def read(self):
                return await request.get_data()

            async def size(self):
                return len(await self.read())
        """,
    ),
    "FQM102-decorator": _pair(
        """
        import functools


        def login_required(view):
            @functools.wraps(view)
            def wrapped(**kwargs):
                return view(**kwargs)

            return wrapped


        @app.route("/")
        @login_required
        def index():
            return "hi"
        """,
        """
        import functools


        def login_required(view):
            @functools.wraps(view)
            async def wrapped(**kwargs):
                return await view(**kwargs)

            return wrapped


        @app.route("/")
        @login_required
        async def index():
            return "hi"
        """,
    ),
    "FQM103-stream": _pair(
        """
        from flask import request, stream_with_context


        @app.get("/")
        def view():
            def generate():
                yield request.get_data()

            return stream_with_context(generate())
        """,
        """
        from quart import request, stream_with_context


        @app.get("/")
        async def view():
            async def generate():
                yield await request.get_data()

            return stream_with_context(generate)()
        """,
    ),
    "FQM103-stream-without-await": _pair(
        """
        @app.get("/")
        def view():
            @stream_with_context
            def generate():
                yield "a"

            return generate()
        """,
        """
        @app.get("/")
        async def view():
            @stream_with_context
            async def generate():
                yield "a"

            return generate()
        """,
    ),
    "FQM104-app-context": _pair(
        """
        def setup(app):
            with app.app_context():
                init()
            with app.test_request_context("/"):
                init()
        """,
        """
        async def setup(app):
            async with app.app_context():
                init()
            async with app.test_request_context("/"):
                init()
        """,
    ),
    "FQM104-open-resource": _pair(
        """
        from flask import current_app


        def init_db(db):
            with current_app.open_resource("schema.sql") as f:
                db.executescript(f.read().decode("utf8"))
        """,
        """
        from quart import current_app


        async def init_db(db):
            async with await current_app.open_resource("schema.sql") as f:
                db.executescript((await f.read()).decode("utf8"))
        """,
    ),
    "FQM401-command": _pair(
        """
        import click


        def init_db(app):
            with app.app_context():
                pass


        @click.command("init-db")
        def init_db_command():
            init_db(None)
        """,
        """
        import click
        import asyncio
        from quart.cli import ScriptInfo


        async def _quart_app_context(awaitable):
            \"\"\"Added by `parity migrate` (FQM401): await in an app context, which
            Flask gives every command and Quart does not give a plain click command.\"\"\"
            app = click.get_current_context().ensure_object(ScriptInfo).load_app()
            async with app.app_context():
                return await awaitable


        async def init_db(app):
            async with app.app_context():
                pass


        @click.command("init-db")
        def init_db_command():
            asyncio.run(_quart_app_context(init_db(None)))
        """,
    ),
    "FQM105-for-and-comprehensions": _pair(
        """
        from flask import request, stream_with_context


        def fields():
            for name in request.form:
                yield name


        def upper():
            return [name.upper() for name in fields()], {n: 1 for n in fields()}


        def shout():
            for name in fields():
                yield name + "!"


        @app.post("/")
        def view():
            out = []
            for name in shout():  # every field
                out.append(name)
            return ",".join(out) + str(upper())
        """,
        """
        from quart import request, stream_with_context


        async def fields():
            for name in await request.form:
                yield name


        async def upper():
            return [name.upper() async for name in fields()], {n: 1 async for n in fields()}


        async def shout():
            async for name in fields():
                yield name + "!"


        @app.post("/")
        async def view():
            out = []
            async for name in shout():  # every field
                out.append(name)
            return ",".join(out) + str(await upper())
        """,
    ),
    "FQM105-yield-from": _pair(
        """
        from flask import request, stream_with_context


        def fields():
            yield request.form["a"]


        def header(item):
            yield item


        def everything():
            yield from fields()  # the form first


        @app.get("/")
        def view():
            @stream_with_context
            def generate():
                item = "x"
                yield from header(item)
                yield from everything()

            return generate()
        """,
        """
        from quart import request, stream_with_context


        async def fields():
            yield (await request.form)["a"]


        def header(item):
            yield item


        async def everything():
            async for item in fields():  # the form first
                yield item


        @app.get("/")
        async def view():
            @stream_with_context
            async def generate():
                item = "x"
                for item_ in header(item):
                    yield item_
                async for item_ in everything():
                    yield item_

            return generate()
        """,
    ),
    "FQM103-stream-with-context-call": _pair(
        """
        from flask import Response, request, stream_with_context


        def rows(count):
            for index in range(count):
                yield f"{index},{request.method}\\n"


        @app.get("/csv")
        def csv():
            def generate():
                yield "a"

            first = Response(stream_with_context(generate()))
            return Response(stream_with_context(rows(3)), mimetype="text/csv")
        """,
        """
        from quart import Response, request, stream_with_context


        async def rows(count):
            for index in range(count):
                yield f"{index},{request.method}\\n"


        @app.get("/csv")
        async def csv():
            async def generate():
                yield "a"

            first = Response(stream_with_context(generate)())
            return Response(stream_with_context(rows)(3), mimetype="text/csv")
        """,
    ),
}

NO_OP_CASES = {
    "plain-module": "import os\n\nprint(os.sep)\n",
    "already-quart": textwrap.dedent(
        """
        from quart import Quart, request

        app = Quart(__name__)


        @app.post("/")
        async def view():
            return (await request.form)["a"]
        """
    ).lstrip(),
    "sync-helper-stays": textwrap.dedent(
        """
        from quart import Quart

        app = Quart(__name__)


        def total(a, b):
            return a + b


        @app.get("/")
        async def view():
            return str(total(1, 2))
        """
    ).lstrip(),
    "attribute-named-flask-kept": "x = thing.Flask\n",
    "not-flask-module": "from flasky import Flask\n",
    "request-method-is-sync": textwrap.dedent(
        """
        from quart import request


        @app.get("/")
        async def view():
            return request.method + request.path + request.args["q"]
        """
    ).lstrip(),
    "FQM105-sync-generator-loop-stays": textwrap.dedent(
        """
        from quart import Quart

        app = Quart(__name__)


        def numbers():
            yield 1
            yield 2


        @app.get("/")
        async def view():
            total = 0
            for number in numbers():
                total += number
            return str(total + sum([n for n in numbers()]))
        """
    ).lstrip(),
}


@pytest.mark.parametrize(("before", "after"), APP_CASES.values(), ids=APP_CASES.keys())
def test_rewrite(before: str, after: str) -> None:
    """Each rule turns its before into its after, comments and formatting kept."""
    assert one(before) == after


@pytest.mark.parametrize(("before", "after"), APP_CASES.values(), ids=APP_CASES.keys())
def test_rewrite_is_idempotent(before: str, after: str) -> None:
    """A second run over the result changes nothing."""
    assert one(after) == after


@pytest.mark.parametrize("source", NO_OP_CASES.values(), ids=NO_OP_CASES.keys())
def test_no_op(source: str) -> None:
    """Code with nothing to port comes back byte for byte."""
    assert one(source) == source


TEST_CASES = {
    "FQM200-client-calls": _pair(
        """
        def test_index(client):
            response = client.get("/")
            assert response.status_code == 200
            assert b"hi" in response.data
            assert client.post("/", data={"a": "1"}).get_json() == {}
        """,
        """
        async def test_index(client):
            response = await client.get("/")
            assert response.status_code == 200
            assert b"hi" in await response.get_data()
            assert await (await client.post("/", form={"a": "1"})).get_json() == {}
        """,
    ),
    "FQM200-raw-body-kept": _pair(
        """
        def test_raw(client):
            client.post("/", data=b"raw")
        """,
        """
        async def test_raw(client):
            await client.post("/", data=b"raw")
        """,
    ),
    "FQM201-fixture": _pair(
        """
        import pytest


        @pytest.fixture
        def app():
            app = make()
            with app.app_context():
                seed()
            yield app


        @pytest.fixture
        def client(app):
            return app.test_client()
        """,
        """
        import pytest


        @pytest.fixture
        async def app():
            app = make()
            async with app.app_context():
                seed()
            yield app


        @pytest.fixture
        def client(app):
            return app.test_client()
        """,
    ),
    "FQM104-with-client": _pair(
        """
        from flask import session


        def test_session(client):
            with client:
                client.get("/")
                assert session["a"] == 1
        """,
        """
        from quart import session


        async def test_session(client):
            async with client:
                await client.get("/")
                assert session["a"] == 1
        """,
    ),
    "FQM102-test-helper-class": _pair(
        """
        class Actions:
            def __init__(self, client):
                self._client = client

            def login(self):
                return self._client.post("/login")


        def test_login(actions):
            response = actions.login()
            assert response.data == b"ok"
        """,
        """
        class Actions:
            def __init__(self, client):
                self._client = client

            async def login(self):
                return await self._client.post("/login")


        async def test_login(actions):
            response = await actions.login()
            assert await response.get_data() == b"ok"
        """,
    ),
    "FQM201-unittest": _pair(
        """
        import unittest


        class AppTest(unittest.TestCase):
            def setUp(self):
                self.client = make().test_client()

            def test_index(self):
                self.assertEqual(self.client.get("/").status_code, 200)
        """,
        """
        import unittest


        class AppTest(unittest.IsolatedAsyncioTestCase):
            def setUp(self):
                self.client = make().test_client()

            async def test_index(self):
                self.assertEqual((await self.client.get("/")).status_code, 200)
        """,
    ),
    "cli-runner-kept": _pair(
        """
        def test_command(runner):
            result = runner.invoke(args=["init-db"])
            assert "Initialized" in result.output
        """,
        """
        def test_command(runner):
            result = runner.invoke(args=["init-db"])
            assert "Initialized" in result.output
        """,
    ),
}


@pytest.mark.parametrize(("before", "after"), TEST_CASES.values(), ids=TEST_CASES.keys())
def test_test_rewrite(before: str, after: str) -> None:
    """A test module's client calls, responses, fixtures and tests are ported."""
    assert one(before, "tests/test_app.py") == after
    assert one(after, "tests/test_app.py") == after


def test_propagation_crosses_modules() -> None:
    """A helper in one module that now awaits makes its caller in another module await it."""
    files = {
        "pkg/__init__.py": "",
        "pkg/data.py": "from flask import request\n\n\n"
        "def body():\n    return request.get_data()\n",
        "pkg/views.py": "from .data import body\n\n\n"
        "@bp.route('/')\ndef view():\n    return body()\n",
        "tests/test_data.py": "from pkg.data import body\n\n\ndef test_body(app):\n"
        "    with app.test_request_context('/'):\n        assert body() == b''\n",
    }
    after, _ = migrated(files)
    assert "async def body():\n    return await request.get_data()" in after["pkg/data.py"]
    assert "async def view():\n    return await body()" in after["pkg/views.py"]
    assert "async def test_body(app):" in after["tests/test_data.py"]
    assert "assert await body() == b''" in after["tests/test_data.py"]


def test_own_flask_named_package_is_no_extension() -> None:
    """A package of the tree whose name starts with `flask_` is not reported as an extension."""
    files = {"flask_site/__init__.py": "", "flask_site/views.py": "from flask_site import x\n"}
    _, migration = migrated(files)
    assert [n for n in migration.notes if n.code == "FQM004"] == []


def test_stand_in_becomes_async() -> None:
    """A stand-in monkeypatched over a function that became async is made `async def`."""
    files = {
        "pkg/db.py": "def init_db():\n    with app.app_context():\n        pass\n",
        "tests/test_db.py": "def test_x(monkeypatch):\n    def fake():\n        pass\n\n"
        '    monkeypatch.setattr("pkg.db.init_db", fake)\n',
    }
    after, migration = migrated(files)
    assert "    async def fake():" in after["tests/test_db.py"]
    assert [n.code for n in migration.notes if n.path == "tests/test_db.py"] == ["FQM203"]


FINDINGS = {
    "FQM003": ("from flask.cli import run_simple\n", "has no Quart counterpart"),
    "FQM004": ("from flask_login import LoginManager\n", "quart_auth"),
    "FQM005": ("from flask_restful import Resource\n", "flask_restful"),
    "FQM400": (
        "from flask import request\n\nhandler = lambda: request.get_json()\n",
        "`request.get_json()` is a coroutine in Quart, in a lambda or generator expression",
    ),
}


def test_async_helper_handed_on_as_a_value_is_reported() -> None:
    """A helper that turns async and is stored as a callback has callers the graph cannot see:
    each place it is handed on is a finding; a registered hook is not."""
    source = (
        "from flask import request\n\n\ndef read():\n    return request.get_json()\n\n\n"
        "HANDLERS = {'read': read}\n\n\ndef close(e=None):\n    pass\n\n\n"
        "app.teardown_appcontext(close)\n"
    )
    _, migration = migrated({"app.py": source})
    found = [(n.line, n.column) for n in migration.notes if n.code == "FQM400"]
    assert found == [(8, 21)]


def test_await_in_generator_expression_is_reported() -> None:
    """An await would make a generator expression async, which `any()` cannot consume: the
    view becomes async, the expression is left as it was and reported."""
    source = (
        "from flask import request\n\n\n@app.post('/')\ndef view():\n"
        "    return str(any(request.form[k] for k in 'ab'))\n"
    )
    after, migration = migrated({"app.py": source})
    assert (
        "async def view():\n    return str(any(request.form[k] for k in 'ab'))" in after["app.py"]
    )
    assert [n.code for n in migration.notes if n.code == "FQM400"] == ["FQM400"]


def test_generator_expression_over_an_async_generator_is_reported() -> None:
    """A generator expression over a generator that became async would be an async one, which
    `join()` cannot consume: left as it was and reported; the view's `for` is rewritten."""
    source = (
        "from flask import request\n\n\ndef fields():\n    yield request.form['a']\n\n\n"
        "@app.post('/')\ndef view():\n    for f in fields():\n        pass\n"
        "    return ','.join(f for f in fields())\n"
    )
    after, migration = migrated({"app.py": source})
    assert "    async for f in fields():\n" in after["app.py"]
    assert "    return ','.join(f for f in fields())\n" in after["app.py"]
    found = [(n.line, n.column) for n in migration.notes if n.code == "FQM400"]
    assert found == [(12, 22)]


@pytest.mark.parametrize(("source", "words"), FINDINGS.values(), ids=FINDINGS.keys())
def test_finding_without_rewrite(source: str, words: str) -> None:
    """What cannot be ported is one finding with its code; the line is left as it was."""
    after, migration = migrated({"app.py": source})
    code = next(k for k, v in FINDINGS.items() if v == (source, words))
    notes = [n for n in migration.notes if n.code == code]
    assert len(notes) == 1
    assert words in notes[0].message
    first = source.splitlines()[0] if code != "FQM400" else source.splitlines()[-1]
    assert first in after["app.py"]


ELSEWHERE = {
    "FQM202": ("tests.test_migrate_cli", "test_g_after_request_gets_the_helper"),
    "FQM203": ("tests.test_migrate_rules", "test_stand_in_becomes_async"),
    "FQM300": ("tests.test_migrate_cli", "test_requirement_lines"),
    "FQM301": ("tests.test_migrate_cli", "test_pyproject_settings_added_once"),
    "FQM500": ("tests.test_migrate_proof", "test_streamed_view_is_proven_on_its_port"),
    "FQM501": ("tests.test_migrate_proof", "test_an_unported_generator_is_proven_to_differ"),
    "FQM502": ("tests.test_migrate_proof", "test_cannot_tell_names_the_part_outside_the_model"),
}
"""Rules whose before/after lives beside the files they rewrite or the verdicts they give."""


def test_every_rule_has_a_case() -> None:
    """Every rule code is exercised by a before/after pair or a finding case here, by a named
    test elsewhere, or (FQM6xx) by its pair in tests/test_migrate_fixes.py."""
    named = " ".join([*APP_CASES, *TEST_CASES, *FINDINGS, *test_migrate_fixes.CASES])
    for code, (module, test) in ELSEWHERE.items():
        assert callable(getattr(importlib.import_module(module), test)), code
    every = (*RULES, *PROOFS, *FIXES)
    missing = {r.code for r in every if r.code not in named} - set(ELSEWHERE)
    assert not missing
