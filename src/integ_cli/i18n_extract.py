"""The messages of integ's command help, for ``pybabel extract`` (see babel.cfg).

A command's help is its docstring, reflowed by :func:`reflow`, and the names of the help
panels are plain strings given to ``command_group`` or ``rich_help_panel``: none of them
passes through ``_()`` in the source, yet all are translated when the help is shown
(:mod:`integ_cli.cli.click_text`). :func:`extract_commands` finds them for the catalog,
with :func:`reflow` itself, so the message id is exactly the text the help translates.

Only the standard library and Babel's own Python extractor (imported when Babel runs
it) are used: the CLI imports :func:`reflow` from here at start-up.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any, cast

#: What a Babel extractor yields: line, function name, message(s), translator comments.
Extracted = tuple[int, str | None, str | tuple[str | None, ...], list[str]]


def reflow(docstring: str) -> str:
    """A command's docstring as its help: the lines of each paragraph joined, so the
    terminal wraps them (rich help keeps every line break of the source, which breaks
    sentences mid-line); paragraphs of ``Example:`` lines keep one example a line."""
    paragraphs = inspect.cleandoc(docstring).split("\n\n")
    return "\n\n".join(
        paragraph if paragraph.startswith("Example:") else " ".join(paragraph.split("\n")) for paragraph in paragraphs
    )


def _is_command(decorator: ast.expr) -> bool:
    """``@commands.command`` or ``@commands.command(...)``: how a module registers a command."""
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return (
        isinstance(target, ast.Attribute)
        and target.attr == "command"
        and isinstance(target.value, ast.Name)
        and target.value.id == "commands"
    )


def _text(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def help_messages(source: str) -> Iterator[tuple[int, str]]:
    """The command help of one module's source: each command's reflowed docstring, and
    each panel name (``command_group("Check")``, ``rich_help_panel="Filters"``)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and any(_is_command(d) for d in node.decorator_list):
            docstring = ast.get_docstring(node, clean=False)
            if docstring:
                yield node.body[0].lineno, reflow(docstring)
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == "command_group" and node.args:
                panel = _text(node.args[0])
                if panel:
                    yield node.lineno, panel
            for keyword in node.keywords:
                panel = _text(keyword.value) if keyword.arg == "rich_help_panel" else None
                if panel:
                    yield keyword.value.lineno, panel


def extract_commands(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Extracted]:
    """A Babel extractor for the command modules: what Babel's Python extractor finds
    (``_()``, ``N_()``, ...), and the command help of :func:`help_messages`. Babel runs
    one extractor a file, so this one does both."""
    from babel.messages.extract import extract_python

    # Babel annotates the extractor with what extract() makes of its output; it yields Extracted.
    yield from cast("Iterator[Extracted]", extract_python(fileobj, keywords, comment_tags, options))  # type: ignore[arg-type]
    fileobj.seek(0)
    source = fileobj.read().decode(str(options.get("encoding", "utf-8")))
    for lineno, message in help_messages(source):
        yield lineno, None, message, []
