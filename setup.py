"""The build step that puts the pinned browser client files in the package.

Everything else about the package is in pyproject.toml. After `npm ci`, `pip install .`
copies exactly the files `shared.clients.assets.bundled_files()` lists (each library's build
and its licence) from node_modules (`PARITY_NODE_MODULES`, else ./node_modules) into
`shared/clients/client_files/` of the build, so an installed `parity serve` has them. Without them
the build goes on, says so, and `parity serve` names the fix.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from shared.clients.assets import NODE_MODULES_VARIABLE  # noqa: E402
from shared.clients.assets import PACKAGED_FOLDER  # noqa: E402
from shared.clients.assets import bundled_files  # noqa: E402


class BuildWithClientFiles(build_py):
    """`build_py`, then the client files copied into the built package."""

    def run(self) -> None:
        """Build the packages, then copy the client files beside them."""
        super().run()
        source = Path(os.environ.get(NODE_MODULES_VARIABLE) or ROOT / "node_modules")
        target = Path(self.build_lib) / PACKAGED_FOLDER.relative_to(ROOT)
        shutil.rmtree(target, ignore_errors=True)
        names = bundled_files()
        missing = [name for name in names if not (source / name).is_file()]
        if missing:
            print(
                f"warning: browser client files not found in {source} ({', '.join(missing)}); "
                "the package is built without them: run `npm ci --ignore-scripts` first",
                file=sys.stderr,
            )
            return
        for name in names:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, target / name)


setup(cmdclass={"build_py": BuildWithClientFiles})
