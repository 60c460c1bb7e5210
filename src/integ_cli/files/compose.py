"""The composing loader of :mod:`integ_cli.files.loading`: libyaml's node tree, and
the values built from it by integ's rules (see that module's docstring for them).

It lives apart from the loader's entry point so that PyYAML is imported only when a
file needs it: where every file takes the fast path (:mod:`integ_cli.files.fast`), a
valid repository is checked without PyYAML, whose import (its Python reader compiles
a large Unicode class that the C loader never uses) cost a sixth of ``integ
validate``'s start-up on the bundled data. A file that is not simple, every problem,
and every position a message names come here.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from integ_cli.files.limits import MAX_DEPTH, MAX_NODES, MAX_NUMBER_DIGITS, shown
from integ_cli.files.loading import Document, LoadProblem
from integ_cli.i18n import _
from integ_cli.problems import Problem, format_path

_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_PLAIN_TAG = "!integ/plain"  # our marker: an untagged plain scalar, typed by _plain()

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Composes nodes only; tags implicit scalars with a marker instead of guessing."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:  # noqa: ARG002
        if kind is ScalarNode:
            return _PLAIN_TAG if implicit[0] else _STR_TAG
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG


_SPECIAL = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(0|[1-9][0-9]*)?(\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?(0|[1-9][0-9]*)[eE][-+]?[0-9]+")
_NUMBER_START = frozenset("0123456789-+.")
#: What YAML's reader refuses in a file, and so here in escapes: C0 controls but tab,
#: line feed and carriage return; DEL and C1 controls but NEL; the non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_INFINITY = (float("inf"), float("-inf"))


def _plain(text: str) -> Any:
    """Type an untagged plain scalar (see the module docstring for the rules)."""
    if text in _SPECIAL:
        return _SPECIAL[text]
    if text[0] in _NUMBER_START and len(text) <= MAX_NUMBER_DIGITS:
        if _INT.fullmatch(text):
            return int(text)
        if _FLOAT.fullmatch(text):
            number = float(text)
            return text if number in _INFINITY else number
    return text


def _too_deep() -> str:
    return _("values are nested more than {limit} levels deep").format(limit=MAX_DEPTH)


def mark(node: Node) -> tuple[int, int]:
    """A node's line and column, 1-based as messages and editors count them."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def _path_to(root: Node, target: Node) -> list[str | int]:
    """The path from ``root`` to ``target`` (only computed when reporting a problem)."""
    stack: list[tuple[Node, list[str | int]]] = [(root, [])]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if id(node) in seen or len(path) > MAX_DEPTH:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if key_node is target:
                    return [*path, str(key_node.value)]
                stack.append((value_node, [*path, str(key_node.value)]))
        elif isinstance(node, SequenceNode):
            stack.extend((item, [*path, i]) for i, item in enumerate(node.value))
    return []


class _Builder:
    """Turns a composed node tree into plain values, enforcing the loading rules.

    The hot path (a few hundred values per record, 10,000s of records) avoids
    building paths: a path is worked out only when a problem is reported.
    """

    __slots__ = ("count", "duplicates", "file", "root")

    def __init__(self, file: str, root: Node) -> None:
        self.file = file
        self.root = root
        self.count = 0
        self.duplicates: list[Problem] = []

    def fail(self, node: Node, code: str, message: str) -> LoadProblem:
        line, column = mark(node)
        path = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", format_path(_path_to(self.root, node)))
        return LoadProblem(Problem(self.file, line, column, path, code, message))

    def build(self, node: Node, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(
                node,
                "yaml-too-large",
                _(
                    "the file expands to more than {limit} values (aliases repeating aliases?); records are far smaller"
                ).format(limit=shown(MAX_NODES)),
            )
        cls = node.__class__
        tag = node.tag
        if cls is ScalarNode:
            if tag is _PLAIN_TAG or tag == _PLAIN_TAG:
                return _plain(node.value)
            if tag == _STR_TAG:
                if node.style == '"':
                    self.check_escapes(node)
                return node.value
        elif depth >= MAX_DEPTH:
            raise self.fail(node, "yaml-too-deep", _too_deep())
        elif cls is MappingNode and tag == _MAP_TAG:
            return self.mapping(node, depth)
        elif cls is SequenceNode and tag == _SEQ_TAG:
            return [self.build(item, depth + 1) for item in node.value]
        message = _(
            "the tag '{tag}' is not allowed; records hold only plain text, numbers, true/false, lists and "
            "mappings (quote the value to keep it as text)"
        )
        raise self.fail(node, "yaml-tag", message.format(tag=tag.replace("tag:yaml.org,2002:", "!!")))

    def check_escapes(self, node: ScalarNode) -> None:
        """Refuse a control character that a double-quoted escape put into a value."""
        found = _CONTROL.search(node.value)
        if found is not None:
            message = _(
                "the text contains the control character U+{code} (written as an escape), which a record may not hold"
            )
            raise self.fail(node, "yaml-character", message.format(code=f"{ord(found.group()):04X}"))

    def mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode or not (key_node.tag is _PLAIN_TAG or key_node.tag == _STR_TAG):
                message = _("a key must be plain text, not a list, mapping or tagged value")
                raise self.fail(key_node, "yaml-key", message)
            key = key_node.value
            if key_node.style == '"':
                self.check_escapes(key_node)
            if key in result:
                first = next(k for k, _value in node.value if k.value == key)
                message = _("the key '{key}' appears twice in the same mapping (first on line {line}); keep one")
                problem = self.fail(
                    key_node, "yaml-duplicate-key", message.format(key=key, line=first.start_mark.line + 1)
                )
                self.duplicates.append(problem.problem)
                continue  # the first value counts; the rest of the file is still read and checked
            if value_node.__class__ is ScalarNode and value_node.tag is _PLAIN_TAG:
                self.count += 1  # the common case, inlined: a plain scalar value
                result[key] = _plain(value_node.value)
            else:
                result[key] = self.build(value_node, depth + 1)
        return result


def _syntax_problem(file: str, error: yaml.YAMLError, text: bytes) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):  # a character YAML forbids, e.g. NUL
        offset = error.position
        char = error.character if isinstance(error.character, int) else ord(error.character)
        line = text.count(b"\n", 0, offset) + 1
        column = offset - (text.rfind(b"\n", 0, offset) + 1) + 1
        message = _("the file contains the control character U+{code}, which YAML does not allow")
        return Problem(file, line, column, "", "yaml-character", message.format(code=f"{char:04X}"))
    if isinstance(error, yaml.MarkedYAMLError):
        from integ_cli.files.syntax import explain  # only for a broken file: start-up stays quick

        return explain(file, error, text, _Loader)
    return Problem(file, None, None, "", "yaml-syntax", _("YAML syntax error: {reason}").format(reason=error))


def compose(text: bytes) -> Node:
    """The node tree of a file the fast path read (so it composes, and is not empty)."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    assert root is not None, "the fast path reads no empty file"
    return root


def compose_document(file: str, text: bytes) -> Document | None:
    """Compose and build one record file's checked UTF-8 ``text`` (see
    :func:`integ_cli.files.loading.load_document`); ``None`` for an empty file."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as error:
        raise LoadProblem(_syntax_problem(file, error, text)) from None
    except RecursionError:  # only the pure-Python composer recurses this deep
        raise LoadProblem(Problem(file, None, None, "", "yaml-too-deep", _too_deep())) from None
    finally:
        loader.dispose()
    if root is None:
        return None
    builder = _Builder(file, root)
    try:
        data = builder.build(root, 0)
    except LoadProblem as error:
        if error.problem.code == "yaml-too-deep":
            from integ_cli.files.aliases import recursive_alias  # only for a broken file: start-up stays quick

            recursive = recursive_alias(file, root, text)
            if recursive is not None:
                raise LoadProblem(recursive) from None
        raise
    if builder.duplicates:
        duplicates = tuple(builder.duplicates)
        raise LoadProblem(duplicates[0], Document(data, root, duplicates))
    return Document(data, root)
