"""Reading `render_template_string('...', x=...)` and `render_template('<name>', x=...)`."""

from __future__ import annotations

import ast
from typing import cast

from shared.model import TEMPLATE_NAMES
from shared.model import RenderTemplate
from shared.model import RenderTemplateString
from shared.parse.leaves import LeafReader

TEMPLATE_HELPERS = (
    "render_template_string",
    "render_template",
    "stream_template_string",
    "stream_template",
)
"""The helper names this reader takes (qualified spellings map to these in `leaves`)."""


class TemplateReader(LeafReader):
    """Template renders: the template text or a shipped name, then literal keyword context."""

    def template_call(self, node: ast.Call) -> RenderTemplateString | RenderTemplate:
        name = self.callee(node)
        args = self.positional(node)
        if len(args) != 1:
            self.fail(f"{name}() takes the template, then the context by keyword", node)
        context = tuple((key, self.json(value)) for key, value in self.keywords(node))
        streamed = name in ("stream_template", "stream_template_string")
        if name in ("render_template", "stream_template") and isinstance(args[0], ast.List):
            listed = tuple(cast(str, self.constant(each, (str,))) for each in args[0].elts)
            shipped = [each for each in listed if each in TEMPLATE_NAMES]
            if not shipped:
                self.fail(
                    f"none of the names is a template both apps ship ({', '.join(TEMPLATE_NAMES)})",
                    args[0],
                )
            return self.built(
                args[0], lambda: RenderTemplate(shipped[0], context, streamed, listed)
            )
        text = cast(str, self.constant(args[0], (str,)))
        if name in ("render_template", "stream_template"):
            return self.built(node, lambda: RenderTemplate(text, context, streamed))
        return self.built(node, lambda: RenderTemplateString(text, context, streamed))
