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
these rules give the same data, and every problem is still found and placed by the
composing loader, :mod:`integ_cli.files.compose`, imported (with PyYAML) only then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from integ_cli.errors import DataError
from integ_cli.files import fast
from integ_cli.files.limits import MAX_FILE_BYTES, shown
from integ_cli.i18n import _
from integ_cli.problems import Problem

if TYPE_CHECKING:
    from yaml.nodes import Node


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
            from integ_cli.files.compose import compose

            self._root = compose(self.text)
        return self._root


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
    # Text in UTF-16 or UTF-32 starts with a byte order mark or has NUL bytes early on.
    wide = _wide_encoding(raw) if raw[:1] in b"\xff\xfe\x00" or raw.find(0, 0, 64) >= 0 else None
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
    from integ_cli.files.compose import compose_document

    return compose_document(file, text)


def locate(root: Node, parts: list[str | int] | tuple[str | int, ...]) -> tuple[int, int]:
    """Line and column (1-based) of the value at ``parts``, or of its nearest parent.

    Used only for records that have problems, so the fast path never pays for it. The
    node classes are imported here, as ``root`` was composed already, with PyYAML.
    For a key's value it points at the key, where a reader looks first.
    """
    from yaml.nodes import MappingNode, SequenceNode

    from integ_cli.files.compose import mark

    node = root
    position = mark(root)
    for part in parts:
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == part:
                    position = mark(key_node)
                    node = value_node
                    break
            else:
                return position
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            position = mark(node)
        else:
            return position
    return position
