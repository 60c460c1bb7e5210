"""ruamel.yaml round trips that keep a file as it was, and values written in its style.

The machinery under :mod:`integ_cli.authoring.edits`:

* :class:`RoundTrip` loads a record's text and picks the indentation that gives the
  text back byte for byte (``faithful``); it keeps a BOM and CRLF line ends.
* :func:`styled` / :func:`node` turn plain values into nodes written like the value
  they replace (quoted, folded ``>-``, literal ``|``), and quoted wherever YAML 1.1
  tools or integ's own loader would read plain text as something else (``yes``,
  ``2026-01-01``, ``12``, ``a: b``); long new text is folded at ``FOLD_WIDTH``.
* ruamel keeps whole comment lines *after* the item they follow. :func:`insert_key`,
  :func:`insert_item`, :func:`remove_key`, :func:`remove_item` and :func:`set_key`
  move them along, so a comment that introduces the next key stays in front of it,
  and one indented under an item stays with that item.

ruamel.yaml is imported inside the functions, so that ``integ --help`` never pays
for it.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Sequence
from typing import Any

from integ_cli.errors import DataError
from integ_cli.i18n import _
from integ_cli.patterns import DATE

#: Folded text (``>-``) is wrapped to lines of at most this many characters.
FOLD_WIDTH = 88
#: Indentations tried, in order, to reproduce a file exactly: (mapping, sequence, offset).
_STYLES = tuple((m, s, o) for m in (2, 4, 3) for s, o in ((4, 2), (2, 0), (m + 2, m), (4, 0), (m, 0), (m + 2, 2)))


class EditError(DataError):
    """An edit that cannot be made as asked (reported as a Problem, exit 1)."""

    def __init__(self, code: str, message: str, path: Sequence[str | int] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.path = list(path)


# --- loading and dumping -------------------------------------------------------------


class _SourceFloat(float):
    """A float read from a file, with the text it was written as."""

    text: str


@functools.cache
def _float_keeping() -> tuple[Any, Any]:
    """ruamel.yaml's round-trip constructor and representer, writing every float they
    read as it was written: ruamel.yaml rebuilds a float's text from its digits and can
    miss the last one (``5.527439235638813e-59`` came back as ``...812e-59``), changing
    a value no edit touched."""
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.representer import RoundTripRepresenter

    class Constructor(RoundTripConstructor):
        def construct_yaml_float(self, node: Any) -> Any:
            value = _SourceFloat(super().construct_yaml_float(node))
            value.text = node.value
            return value

    class Representer(RoundTripRepresenter):
        pass

    Constructor.add_constructor("tag:yaml.org,2002:float", Constructor.construct_yaml_float)
    Representer.add_representer(
        _SourceFloat, lambda representer, value: representer.represent_scalar("tag:yaml.org,2002:float", value.text)
    )
    return Constructor, Representer


def _yaml(mapping: int, sequence: int, offset: int) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.Constructor, yaml.Representer = _float_keeping()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: Any, data: Any) -> str:
    import io

    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _unparsable(text: str, error: Exception) -> str:
    """Why ruamel.yaml cannot read a file integ's loader read (it is stricter about
    tabs, and refuses numbers of more than 4,300 digits): one line, with the line
    number and a hint where there is one."""
    mark = getattr(error, "problem_mark", None)
    reason = getattr(error, "problem", None) or str(error).split("\n")[0]
    if "int_max_str_digits" in reason or ("digits" in reason and "integer" in reason):
        reason = _("a number is too long")
    if mark is None:
        return _("the file cannot be edited: {reason}").format(reason=reason)
    lines = text.split("\n")
    if mark.line < len(lines) and "\t" in lines[mark.line]:
        message = _("the file cannot be edited: {reason} (line {line}); the line contains a tab: use spaces")
    else:
        message = _("the file cannot be edited: {reason} (line {line})")
    return message.format(reason=reason, line=mark.line + 1)


class RoundTrip:
    """A record file loaded for editing; :meth:`dump` gives its text back."""

    def __init__(self, text: str) -> None:
        from ruamel.yaml.comments import CommentedMap
        from ruamel.yaml.error import YAMLError

        self.bom = text.startswith("\ufeff")
        text = text.removeprefix("\ufeff")
        self.newline = "\r\n" if "\r\n" in text else "\n"
        text = text.replace("\r\n", "\n")
        try:
            self.data = _yaml(2, 4, 2).load(text)
        except (YAMLError, ValueError) as error:
            raise EditError("yaml-syntax", _unparsable(text, error)) from None
        if not isinstance(self.data, CommentedMap):
            raise EditError("not-a-mapping", _("the file does not hold a record of 'key: value' lines"))
        _keep_comment_gaps(self.data, text.split("\n"))
        self.yaml, self.faithful = self._style(text)

    def _style(self, text: str) -> tuple[Any, bool]:
        from ruamel.yaml.util import load_yaml_guess_indent

        _data, indent, block_seq = load_yaml_guess_indent(text)
        styles = list(_STYLES)
        if indent is not None and block_seq is not None:
            styles[1:1] = [(2, indent, block_seq), (4, indent, block_seq)]
        for style in dict.fromkeys(styles):
            yaml = _yaml(*style)
            if _dump(yaml, self.data) == text:
                return yaml, True
        return _yaml(*styles[0]), False

    def dump(self) -> str:
        text = _dump(self.yaml, self.data).replace("\n", self.newline)
        return "\ufeff" + text if self.bom else text


def _keep_comment_gaps(node: Any, lines: list[str]) -> None:
    """Make every end-of-line comment keep the spaces between its value and ``#``.

    ruamel.yaml remembers a comment's column: after a longer value it writes one space
    (``status: completed # ...`` from ``status: active  # ...``), after a shorter one
    it pads to the old column. Column 0 plus the gap written into the comment's text
    makes the emitter write exactly the old spaces after whatever value stands there,
    so an edit changes only the value's bytes.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    if not isinstance(node, (CommentedMap, CommentedSeq)):
        return
    slots = [slot for entry in node.ca.items.values() for slot in entry]
    for token in [t for slot in slots for t in (slot if isinstance(slot, list) else [slot])]:
        mark = getattr(token, "start_mark", None)
        if not isinstance(token, CommentToken) or token.value.startswith("\n") or mark is None:
            continue
        line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
        before = line[: mark.column]
        gap = len(before) - len(before.rstrip(" "))
        if line[mark.column :].startswith("#") and gap and before.strip():
            token.value = " " * (gap - 1) + token.value
            token.start_mark = CommentMark(0)  # type: ignore[assignment]  # the emitter reads only .column
    for child in node.values() if isinstance(node, CommentedMap) else node:
        _keep_comment_gaps(child, lines)


def render_new(record: dict[str, Any], first_line: str, quoted: bool = False) -> str:
    """A new record's text: ``first_line`` (the editor's schema hint), then the
    record in integ's house style (2-space indent, folded long text, quoted dates);
    ``quoted``: every text double-quoted (the fallback that always reads back)."""
    return first_line + "\n" + _dump(_yaml(*_STYLES[0]), node(record, fold=True, indent=0, quoted=quoted))


# --- values ----------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """A round-trip value as plain data (for comparisons and messages)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def show(value: Any) -> str:
    """A value for a one-line message."""
    value = plain(value)
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value if len(value) <= 60 else value[:57] + "..."
    return json.dumps(value, ensure_ascii=False)


def _quotes_needed(text: str) -> bool:
    """True where plain ``text`` would not read back as this text, in integ's loader
    or in a YAML 1.1 tool (``yes``, ``on``, ``2026-01-01``, ``1_000``, ``a: b``)."""
    import yaml

    from integ_cli.files.loading import LoadProblem, load_document

    if not text or text != text.strip() or not text.isprintable():
        return True
    try:
        document = load_document(text.encode("utf-8"), "<value>")
    except LoadProblem:
        return True
    if document is None or document.data != text:
        return True
    return yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False)) != "tag:yaml.org,2002:str"


def _folded(text: str, width: int) -> Any:
    """``text`` as a folded block (``>-``) wrapped at ``width``, or None where folding
    could change it (leading, trailing or double spaces, tabs, control characters)."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    if not text or text != text.strip() or "  " in text or not text.isprintable():
        return None
    folds: list[int] = []
    start, previous = 0, -1
    for index in [*(i for i, c in enumerate(text) if c == " "), len(text)]:
        if index - start > width and previous > start:
            folds.append(previous)
            start = previous + 1
        previous = index
    folded = FoldedScalarString(text)
    folded.fold_pos = folds  # type: ignore[attr-defined]
    return folded


def styled(text: str, like: Any = None, fold: bool = False, indent: int = 2) -> Any:
    """``text`` styled for writing: like the value it replaces, else integ's style
    (``fold``: long text folded; ``indent``: the column a block's text starts at)."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
        SingleQuotedScalarString,
    )

    printable = all(c.isprintable() or c in "\n\t" for c in text)
    if printable and text.strip() and ("\n" in text.rstrip("\n") or isinstance(like, LiteralScalarString)):
        return LiteralScalarString(text)
    if isinstance(like, FoldedScalarString) or (fold and indent + len(text) > FOLD_WIDTH):
        folded = _folded(text, FOLD_WIDTH - indent)
        if folded is not None:
            return folded
    if isinstance(like, SingleQuotedScalarString) and printable and "\n" not in text:
        return SingleQuotedScalarString(text)
    if isinstance(like, DoubleQuotedScalarString) or _quotes_needed(text):
        return DoubleQuotedScalarString(text)
    return text


def node(value: Any, like: Any = None, fold: bool = False, indent: int = 2, quoted: bool = False) -> Any:
    """Plain data as round-trip nodes (block style), strings styled by :func:`styled`.
    ``indent``: where the value starts (a mapping's keys, a list's dashes, text)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, dict):
        return CommentedMap((k, node(v, None, fold, indent + 2, quoted)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(node(v, None, fold, indent + 2, quoted) for v in value)
    if isinstance(value, str) and quoted:
        return DoubleQuotedScalarString(value)
    if isinstance(value, str):
        if isinstance(like, datetime.date) and DATE.fullmatch(value):
            try:  # the file writes this date unquoted; keep it so
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        return styled(value, like, fold, indent)
    return value


# --- comments that follow an item -------------------------------------------------------


def _is_block(node: Any) -> bool:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    return isinstance(node, (CommentedMap, CommentedSeq)) and len(node) > 0 and not node.fa.flow_style()


def _holder(container: Any, key: Any) -> tuple[Any, Any, int]:
    """Where ruamel keeps the comment lines after ``container[key]``: on the last
    scalar of a block collection, else on the item itself (collection, key, slot)."""
    from ruamel.yaml.comments import CommentedMap

    value = container[key]
    if _is_block(value):
        last = next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1
        return _holder(value, last)
    return container, key, 2 if isinstance(container, CommentedMap) else 0


def _column(container: Any) -> int | None:
    """The column a new key (mapping) or dash (list) of ``container`` starts at."""
    from ruamel.yaml.comments import CommentedMap

    try:
        if isinstance(container, CommentedMap):
            return int(container.lc.key(next(iter(container)))[1])
        return int(container.lc.item(0)[1]) - 2  # the item's text, after "- "
    except (KeyError, IndexError, TypeError, StopIteration):
        return None


def _take_trailing(container: Any, key: Any, column: int | None = None) -> str:
    """Remove and return the whole comment lines after ``container[key]`` (its own
    end-of-line comment stays). With ``column`` (where a new item goes), only the
    lines from the first one indented no deeper than that: those introduce what
    follows; deeper ones are about the item above and stay with it."""
    holder, name, slot = _holder(container, key)
    token = (holder.ca.items.get(name) or [None] * 4)[slot]
    if token is None:
        return ""
    value = token.value
    head = value.find("\n") + 1
    if head == 0 or head == len(value):
        return ""
    lines = value[head:].splitlines(keepends=True)
    cut = 0
    if column is not None:
        cut = next(
            (i for i, line in enumerate(lines) if line.strip() and len(line) - len(line.lstrip(" ")) <= column),
            len(lines),
        )
        while cut > 0 and not lines[cut - 1].strip():
            cut -= 1  # blank lines before the moved comment go with it
    token.value = value[:head] + "".join(lines[:cut])
    return "".join(lines[cut:])


def _give_trailing(container: Any, key: Any, lines: str) -> None:
    """Put comment lines after ``container[key]``."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    if not lines:
        return
    holder, name, slot = _holder(container, key)
    entry = holder.ca.items.setdefault(name, [None, None, None, None])
    if entry[slot] is None:
        entry[slot] = CommentToken("\n" + lines, CommentMark(0), None)
    else:
        entry[slot].value = entry[slot].value + lines


def insert_key(mapping: Any, key: str, value: Any, order: Sequence[str]) -> None:
    """Add a key where the schema orders it; comment lines after the key before it
    move after the new one (they introduce whatever follows)."""
    rank = {name: i for i, name in enumerate(order)}
    keys = list(mapping)
    position = len(keys)
    if key in rank:
        position = 0
        for i, existing in enumerate(keys):
            if existing in rank and rank[existing] < rank[key]:
                position = i + 1
    lines = _take_trailing(mapping, keys[position - 1], _column(mapping)) if position > 0 else ""
    mapping.insert(position, key, value)
    _give_trailing(mapping, key, lines)


def set_key(mapping: Any, key: str, value: Any, order: Sequence[str]) -> None:
    if key not in mapping:
        insert_key(mapping, key, value, order)
        return
    lines = _take_trailing(mapping, key)
    mapping[key] = value
    _give_trailing(mapping, key, lines)


def remove_key(mapping: Any, key: str, lines: str = "") -> None:
    keys = list(mapping)
    lines = _take_trailing(mapping, key) + lines
    del mapping[key]
    index = keys.index(key)
    if index > 0:
        _give_trailing(mapping, keys[index - 1], lines)


def insert_item(sequence: Any, index: int, item: Any) -> None:
    flow = sequence.fa.flow_style()
    lines = _take_trailing(sequence, index - 1, _column(sequence)) if index > 0 and not flow else ""
    sequence.insert(index, item)
    _give_trailing(sequence, index, lines)


def remove_item(sequence: Any, index: int) -> str:
    """Remove an item; returns comment lines that had no place left (list now empty)."""
    lines = "" if sequence.fa.flow_style() else _take_trailing(sequence, index)
    del sequence[index]
    if index > 0:
        _give_trailing(sequence, index - 1, lines)
        return ""
    return lines if not sequence else ""
