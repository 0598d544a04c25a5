"""Reading `send_file(...)`, `send_from_directory(...)` and the file objects they take."""

from __future__ import annotations

import ast
from typing import cast

from shared.model import FILES_FOLDER
from shared.model import SEND_FILE_OPTIONS
from shared.model import SHIPPED_FILES
from shared.model import AddEtag
from shared.model import BytesBuffer
from shared.model import FileObject
from shared.model import FilePath
from shared.model import FileSource
from shared.model import MakeConditional
from shared.model import OpenFile
from shared.model import SendFile
from shared.model import SendFileOption
from shared.model import SendFromDirectory
from shared.model import plain_file_name
from shared.parse.leaves import LeafReader

FILE_HELPERS = ("send_file", "send_from_directory")
"""The helper names this reader handles, as `Reader.call` dispatches them."""


class FilesReader(LeafReader):
    """Reads the file helpers; every path must name a file in the shipped folder."""

    def file_helper(self, node: ast.Call) -> SendFile | SendFromDirectory:
        """`send_file(...)` or `send_from_directory(...)`."""
        if self.callee(node) == "send_file":
            return self.send_file(node)
        return self.send_from_directory(node)

    def send_file(self, node: ast.Call) -> SendFile:
        args = self.positional(node)
        options = self.file_options(node)
        given = dict(self.keywords(node))
        if "path_or_file" in given or "filename_or_io" in given:
            self.fail("pass send_file() its path or file first, by position", node)
        if len(args) != 1:
            self.fail("send_file() takes one path or file, then options by keyword", node)
        return SendFile(self.file_source(args[0]), options)

    def send_from_directory(self, node: ast.Call) -> SendFromDirectory:
        args = self.positional(node)
        if len(args) != 2:
            self.fail("send_from_directory() takes a directory and a name, then options", node)
        folder = cast(str, self.constant(args[0], (str,)))
        if folder != FILES_FOLDER:
            self.fail(f"the only directory here is {FILES_FOLDER!r}", args[0])
        name = cast(str, self.constant(args[1], (str,)))
        if not plain_file_name(name):
            self.fail("expected a plain file name (letters, digits, - _ .; no `..`)", args[1])
        return SendFromDirectory(name, self.file_options(node))

    def file_options(self, node: ast.Call) -> tuple[tuple[str, SendFileOption], ...]:
        options: list[tuple[str, SendFileOption]] = []
        for name, value in self.keywords(node):
            if name in ("path_or_file", "filename_or_io"):
                continue
            kinds = SEND_FILE_OPTIONS.get(name)
            if kinds is None:
                self.fail(f"`{name}` is not a send_file option either framework takes", node)
            read = self.constant(value, kinds)
            if isinstance(read, bool) and bool not in kinds:
                self.fail(f"`{name}` takes a {kinds[0].__name__}, not a bool", value)
            options.append((name, cast(SendFileOption, read)))
        return tuple(options)

    def file_source(self, node: ast.expr) -> FileSource:
        """A shipped path, or a file object."""
        if isinstance(node, ast.Constant | ast.Name):
            return FilePath(self.shipped_name(node))
        if isinstance(node, ast.Call):
            return self.file_object(node)
        self.fail("expected a shipped path, io.BytesIO(b'...') or open(<path>, 'rb')", node)

    def file_object(self, node: ast.Call) -> FileObject:
        """`io.BytesIO(b'...')` or `open('static_files/<name>', 'rb')`."""
        name = self.callee(node)
        if name == "io.BytesIO":
            (data,) = self.exact_args(node, 1)
            return BytesBuffer(cast(bytes, self.constant(data, (bytes,))))
        if name == "open":
            path, mode = self.exact_args(node, 2)
            if self.constant(mode, (str,)) != "rb":
                self.fail("a file is opened 'rb' here", mode)
            return OpenFile(self.shipped_name(path))
        self.fail("expected io.BytesIO(b'...') or open(<path>, 'rb')", node)

    def shipped_name(self, node: ast.expr) -> str:
        """The file a `'static_files/<name>'` literal names; anything else is refused."""
        path = cast(str, self.constant(node, (str,)))
        if path.startswith("/") or ".." in path.split("/"):
            self.fail("only the shipped files can be read, never an absolute path or `..`", node)
        folder, _, name = path.partition("/")
        if folder != FILES_FOLDER or name not in SHIPPED_FILES:
            self.fail(f"not a shipped file (expected {FILES_FOLDER}/<one of theirs>)", node)
        return name

    def make_conditional(self, node: ast.expr, name: str) -> MakeConditional:
        """`<name>.make_conditional(request, ...)`, awaited or not, as a statement."""
        call = node.value if isinstance(node, ast.Await) else node
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "make_conditional"
            and isinstance(call.func.value, ast.Name)
            and call.func.value.id == name
        ):
            self.fail(
                f"the only call a view body makes is `{name}.make_conditional(request)`", node
            )
        args = self.positional(call)
        if len(args) != 1 or not (isinstance(args[0], ast.Name) and args[0].id == "request"):
            self.fail("make_conditional() takes `request` first, the rest by keyword", call)
        options = dict(self.keywords(call))
        unknown = set(options) - {"accept_ranges", "complete_length"}
        if unknown:
            self.fail(f"make_conditional() takes no {', '.join(sorted(unknown))}", call)
        ranges = options.get("accept_ranges")
        length = options.get("complete_length")
        return MakeConditional(
            None if ranges is None else cast(bool | str, self.constant(ranges, (bool, str))),
            None if length is None else self.integer(length),
        )

    def add_etag(self, node: ast.expr, name: str) -> AddEtag:
        """`<name>.add_etag(...)`, awaited or not, as a statement."""
        call = cast(ast.Call, node.value if isinstance(node, ast.Await) else node)
        if self.positional(call):
            self.fail("add_etag() takes overwrite= and weak= by keyword", call)
        options = dict(self.keywords(call))
        unknown = set(options) - {"overwrite", "weak"}
        if unknown:
            self.fail(f"add_etag() takes no {', '.join(sorted(unknown))}", call)
        flags = {key: self.constant(value, (bool,)) for key, value in options.items()}
        return AddEtag(**cast(dict[str, bool], flags))
