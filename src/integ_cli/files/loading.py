"""Safe YAML loading: plain data plus source positions, with YAML's traps handled.

PyYAML implements YAML 1.1 and, left alone, keeps the last of two duplicate keys,
reads ``no``/``off``/``yes``/``on`` as booleans, turns unquoted dates into
``datetime.date`` and expands aliases without bound. integ therefore lets libyaml
(``CSafeLoader``; the pure-Python ``SafeLoader`` where libyaml is missing) only
*compose* the node tree, which keeps every value's line and column, and builds the
values itself with these deliberate rules:

* Plain scalars follow the YAML 1.2 core schema, narrowed: ``null``/``~``/empty are
  null, ``true``/``false`` are booleans, decimal integers and floats are numbers.
  Everything else stays text: ``yes``, ``no``, ``on``, ``off``, ``2024-01-01``,
  ``.nan``, ``.inf``, ``0x1F`` and numbers with a leading zero (``007``). The schema
  then reports a misplaced ``no`` as "expected one of ...", never as ``False``.
* The only tag accepted is ``!!str``; any other tag (``!!python/object/apply``,
  ``!!binary``, custom tags) is reported and nothing is constructed from it.
* Duplicate keys are an error. Keys are taken as their text (``2024: ...`` has key
  ``"2024"``); lists or mappings as keys are an error. Merge keys (``<<``) are
  ordinary keys and so rejected by the schemas.
* Aliases are expanded, but a file may expand to at most ``MAX_NODES`` values, nested
  at most ``MAX_DEPTH`` deep.
* Files must be UTF-8 (a BOM is accepted, CRLF line ends too), at most
  ``MAX_FILE_BYTES`` long, and hold exactly one document. The control characters
  YAML forbids in a file (NUL, ESC, DEL, ...) are refused also where a double-quoted
  escape (``"\\0"``, ``"\\e"``) writes them: they have no place in a record and could
  drive a terminal that shows one.
* A number too large for a float (``1e999``) stays text, like ``.inf``.

Building values from composed nodes is also faster than PyYAML's own constructor,
which runs in Python even with libyaml. Faster still, for the simple files that are
most records, is the Rust parser of :mod:`integ_cli.files.fast`: it is used only where
these rules give the same data, and every problem is still found and placed here.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from integ_cli.errors import DataError
from integ_cli.files import fast
from integ_cli.files.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, MAX_NUMBER_DIGITS, shown
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


class LoadProblem(DataError):
    """A file that cannot be turned into a record; carries the Problem to report.

    Duplicate keys are the one problem that leaves the rest of the file readable: then
    ``document`` holds the file's data (the first of each duplicated key), with every
    duplicate in its ``problems``, so :mod:`integ_cli.checking.record` can report the
    file's other errors too. Every other reader takes the file as refused."""

    def __init__(self, problem: Problem, document: Document | None = None) -> None:
        super().__init__(problem.message)
        self.problem = problem
        self.document = document


class Document:
    """A loaded record: its plain data and the node tree that knows every position;
    ``problems``, where loading went on past duplicate keys (see :class:`LoadProblem`).

    A file the fast path read (:mod:`integ_cli.files.fast`) has no node tree until a
    problem asks for a position: ``root`` then composes it from ``text``, the same bytes.
    """

    __slots__ = ("_root", "data", "problems", "text")

    def __init__(self, data: Any, root: Node | None, problems: tuple[Problem, ...] = (), text: bytes = b"") -> None:
        self.data = data
        self._root = root
        self.problems = problems
        self.text = text

    @property
    def root(self) -> Node:
        """The node tree, composed on first use where the fast path read the file."""
        if self._root is None:
            self._root = _compose(self.text)
        return self._root


def _mark(node: Node) -> tuple[int, int]:
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
        line, column = _mark(node)
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


def _wide_encoding(raw: bytes) -> str | None:
    """``UTF-16`` or ``UTF-32`` where ``raw`` starts like text in one of them: with
    its byte order mark, or with NUL bytes, which no text file holds."""
    if raw[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return "UTF-32"
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16"
    head = raw[:64]
    if len(head) >= 4 and head.count(0) * 4 >= len(head):
        return "UTF-32" if head.count(0) * 4 >= len(head) * 3 else "UTF-16"
    return None


def too_large(file: str, size: int | None) -> LoadProblem:
    """The problem of a file past ``MAX_FILE_BYTES``: of ``size`` bytes, where that is
    known (a bounded read stops one byte past the limit and knows only that)."""
    if size is None:
        message = _("the file is larger than the limit of {limit} bytes; records are a few kilobytes")
    else:
        message = _("the file is {size} bytes, more than the limit of {limit}; records are a few kilobytes")
    return LoadProblem(
        Problem(
            file, None, None, "", "file-too-large", message.format(size=shown(size or 0), limit=shown(MAX_FILE_BYTES))
        )
    )


def decode(raw: bytes, file: str) -> bytes:
    """Check that ``raw`` is UTF-8 text within the size limit; return it without BOM.

    Returns bytes (not str) because libyaml parses UTF-8 bytes directly; handing it a
    str would make it encode the text again.
    """
    return _decoded(raw, file)[0]


def _decoded(raw: bytes, file: str) -> tuple[bytes, str]:
    """:func:`decode`, and the text it checked (the fast path parses text)."""
    if len(raw) > MAX_FILE_BYTES:
        # One byte past the limit is what a bounded read returns, however large the file.
        raise too_large(file, len(raw) if len(raw) > MAX_FILE_BYTES + 1 else None)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    wide = _wide_encoding(raw)
    if wide is not None:  # UTF-16/32 text without a BOM can be valid UTF-8 full of NULs
        raise LoadProblem(
            Problem(
                file,
                1,
                1,
                "",
                "file-encoding",
                _("the file is not UTF-8: it looks like {encoding}; save it as UTF-8").format(encoding=wide),
            )
        )
    try:
        return raw, raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = _("the file is not valid UTF-8 (byte 0x{byte}); save it as UTF-8 (it may be Latin-1 or Windows-1252)")
        raise LoadProblem(
            Problem(file, line, column, "", "file-encoding", message.format(byte=f"{raw[error.start]:02x}"))
        ) from None


def _compose(text: bytes) -> Node:
    """The node tree of a file the fast path read (so it composes, and is not empty)."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    assert root is not None, "the fast path reads no empty file"
    return root


def load_document(raw: bytes, file: str) -> Document | None:
    """Parse one record file's bytes; ``None`` for an empty (or comment-only) file.

    Raises :class:`LoadProblem` for anything that keeps the file from being a record.
    A simple file is read by the fast path (:mod:`integ_cli.files.fast`), with the
    same result; every other file, and every problem, by composing its node tree.
    """
    text, decoded = _decoded(raw, file)
    done, data = fast.load(text, decoded)
    if done:
        return Document(data, None, (), text)
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


def locate(root: Node, parts: list[str | int] | tuple[str | int, ...]) -> tuple[int, int]:
    """Line and column (1-based) of the value at ``parts``, or of its nearest parent.

    Used only for records that have problems, so the fast path never pays for it.
    For a key's value it points at the key, where a reader looks first.
    """
    node = root
    position = _mark(root)
    for part in parts:
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == part:
                    position = _mark(key_node)
                    node = value_node
                    break
            else:
                return position
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            position = _mark(node)
        else:
            return position
    return position
