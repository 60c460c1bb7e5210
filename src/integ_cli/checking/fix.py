"""``integ fix``: write the code where a file names a codelist value by its name.

``status: laufend`` is clear to a person but not a code; ``integ validate`` reports it
(``codelist-label``) and this module mends it: each such value is replaced by its code
where it stands, and nothing else in the file changes, byte for byte (comments,
quoting, spacing, line ends, a BOM). Only the characters of the value itself are
rewritten, so there is no dumper that could restyle the rest; a quoted value keeps its
quotes. The file is replaced atomically and only if nobody changed it meanwhile, then
the repository is checked again, so the caller can say what is still wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from integ_cli.codelists import LOCATIONS, Codelists, of_repository
from integ_cli.files.loading import LoadProblem, load_document
from integ_cli.files.reading import read_limited
from integ_cli.files.repository import RecordFile, scan
from integ_cli.problems import Problem, format_path

_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Change:
    """One value rewritten: where, and from what to which code."""

    file: str
    line: int
    path: str
    old: str
    new: str


@dataclass(slots=True)
class Outcome:
    """What :func:`fix` changed (or would), the files it could not write because they
    changed meanwhile, and the problems the changed files still have."""

    changes: list[Change] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _nodes(node: Node, pattern: tuple[str | int, ...], path: list[str | int]) -> Iterator[tuple[list[str | int], Node]]:
    """The nodes at ``pattern`` below ``node`` (an int in it stands for every item)."""
    if not pattern:
        yield path, node
        return
    head, rest = pattern[0], pattern[1:]
    if isinstance(head, int) and isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield from _nodes(item, rest, [*path, index])
    elif isinstance(head, str) and isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == head:
                yield from _nodes(value, rest, [*path, head])


def _plain_code(code: str) -> bool:
    """Whether ``code`` written unquoted reads back as the same text."""
    try:
        document = load_document(f"v: {code}\n".encode(), "")
    except LoadProblem:
        return False
    return document is not None and document.data == {"v": code}


def mend(text: str, kind: str, codelists: Codelists, rel: str = "") -> tuple[str, list[Change]]:
    """``text`` (a ``kind`` record) with every codelist value written as a name replaced
    by its code, and the changes; ``text`` itself where it has none or is no record."""
    body = text.removeprefix(_BOM)
    try:
        document = load_document(body.encode("utf-8"), rel)
    except LoadProblem:
        return text, []
    if document is None:
        return text, []
    lines = body.splitlines(keepends=True)
    changes: list[Change] = []
    for key, (where, pattern) in LOCATIONS.items():
        if where != kind:
            continue
        codelist = codelists[key]
        for path, node in _nodes(document.root, pattern, []):
            if not isinstance(node, ScalarNode) or node.value in codelist:
                continue
            code = codelist.resolve(node.value)
            start, end = node.start_mark, node.end_mark
            if code is None or start.line != end.line or node.style not in (None, "", "'", '"'):
                continue
            quote = node.style or ("" if _plain_code(code) else '"')
            line = lines[start.line]
            lines[start.line] = line[: start.column] + quote + code + quote + line[end.column :]
            changes.append(Change(rel, start.line + 1, format_path(path), node.value, code))
    if not changes:
        return text, []
    return text[: len(text) - len(body)] + "".join(lines), changes


def _candidates(root: Path) -> list[RecordFile]:
    """The record files whose kind has codelists."""
    kinds = {kind for kind, _ in LOCATIONS.values()}
    layout = scan(root)
    return [record for record in [*layout.vocabularies.values(), *layout.measures] if record.kind in kinds]


def fix(root: Path, *, dry_run: bool = False) -> Outcome:
    """Mend every record of the repository at ``root`` (see :func:`mend`); with
    ``dry_run`` write nothing. Files that cannot be read are left to ``integ validate``."""
    from integ_cli.authoring.records import write_if_unchanged
    from integ_cli.checking.catalogue import load_catalogue

    codelists = of_repository(root)
    outcome = Outcome()
    written: set[str] = set()
    for record in _candidates(root):
        try:
            original = read_limited(record.path, record.rel)
            text = original.decode("utf-8")
        except (OSError, UnicodeDecodeError, LoadProblem):
            continue
        mended, changes = mend(text, record.kind, codelists, record.rel)
        if not changes:
            continue
        outcome.changes += changes
        if dry_run:
            continue
        if write_if_unchanged(root, record.path, original, mended):
            written.add(record.rel)
        else:
            outcome.conflicts.append(record.rel)
    if written:
        outcome.problems = load_catalogue(root, only=written).problems
    return outcome
