"""The `parity-table` directive: a table of `docs_tables`, rendered as the page's Markdown.

```{parity-table} scenarios
```
"""

from __future__ import annotations

from docs_tables import TABLES
from docs_tables import count
from docs_tables import markdown
from docutils import nodes
from docutils.parsers.rst.states import Inliner
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata


class ParityTable(SphinxDirective):
    """Insert one generated table; an unknown name is an error that names the known ones."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        """Build the table from the registry and parse it as the page's own markup."""
        name = self.arguments[0]
        if name not in TABLES:
            known = ", ".join(sorted(TABLES))
            raise self.error(f"no generated table named {name!r}; known: {known}")
        container = nodes.container(classes=["parity-table", f"parity-table-{name}"])
        lines = StringList(markdown(TABLES[name]()).splitlines(), source=f"<parity-table {name}>")
        self.state.nested_parse(lines, self.content_offset, container)
        return [container]


def parity_count(
    role: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Inliner,
    options: dict[str, object] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """`{parity-count}`divergences``: how many rows that table has, so a sentence that
    states a count is read from the registry too."""
    if text not in TABLES:
        message = inliner.reporter.error(f"no generated table named {text!r}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    return [nodes.Text(str(count(text)))], []


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directive and the role."""
    app.add_directive("parity-table", ParityTable)
    app.add_role("parity-count", parity_count)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
