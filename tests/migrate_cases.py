"""Run `parity migrate`'s core on sources held in memory, for the before/after tests."""

from __future__ import annotations

from parity.migrate.run import Migration
from parity.migrate.run import migrate_modules


def migrated(files: dict[str, str]) -> tuple[dict[str, str], Migration]:
    """Each file's text after migration (unchanged ones too), and the migration."""
    sources = {
        path: (
            path.removesuffix(".py").replace("/", ".").removesuffix(".__init__"),
            text,
            path.startswith("tests/") or path.rsplit("/", 1)[-1].startswith("test_"),
        )
        for path, text in files.items()
    }
    migration = migrate_modules(sources)
    after = dict(files)
    for changed in migration.changed:
        after[changed.path] = changed.after
    return after, migration


def one(source: str, path: str = "app.py") -> str:
    """One module's text after migration."""
    return migrated({path: source})[0][path]
