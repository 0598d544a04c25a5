"""The source text of a syntax-tree node, found in time that grows with the node, not the file.

`ast.get_source_segment` splits the whole text into lines on every call: the scan asks for a
segment per hole, so a 1 MB module cost minutes. Here the text is indexed once per text.
"""

from __future__ import annotations

import ast
import functools
import re
from array import array

_NEWLINE = re.compile(rb"\r\n|\r|\n")
"""The line ends `ast` counts (a form feed or U+2028 is not one)."""


class SourceIndex:
    """A text's UTF-8 bytes and where each of its lines starts in them."""

    def __init__(self, text: str) -> None:
        self.data = text.encode("utf-8", "surrogatepass")
        self.starts = array("q", [0])
        self.starts.extend(match.end() for match in _NEWLINE.finditer(self.data))

    def segment(self, node: ast.AST) -> str | None:
        """What `ast.get_source_segment(text, node)` gives, without splitting the text again."""
        try:
            end_line, end_column = node.end_lineno, node.end_col_offset  # type: ignore[attr-defined]
            line, column = node.lineno, node.col_offset  # type: ignore[attr-defined]
        except AttributeError:
            return None
        if end_line is None or end_column is None or not 1 <= line <= end_line <= len(self.starts):
            return None
        start = self.starts[line - 1] + column
        end = self.starts[end_line - 1] + end_column
        return self.data[start:end].decode("utf-8", "surrogatepass")


@functools.lru_cache(maxsize=4)
def source_index(text: str) -> SourceIndex:
    """The index of a text, made once while a scan reads the returns of the same file."""
    return SourceIndex(text)


def source_segment(text: str, node: ast.AST) -> str | None:
    """The source of `node` in `text`, as `ast.get_source_segment` gives it."""
    return source_index(text).segment(node)
