"""The history of the catalogue: what changed between two states of the data, field by field.

A *snapshot* is the record files of one state: a git revision or the working tree.
:func:`compare` tells which measures were added, removed or changed between two
snapshots, and for a changed one each changed value with its path (``status``,
``budget[2026 municipal].planned``, ``indicators[Teilnehmende 2025].actual``).

List items that have a natural key are matched by it, not by position: budget lines
by year and source, indicators by name and year, links by URL. Inserting a budget
line then reads as one line added, not as every later line changed. Lists of ids
(target groups, districts, tags, ...) are compared as a whole; the renderer names
the ids added and removed.

The ``updated`` date changes with every edit integ makes, so it is kept apart from
the changes (:attr:`MeasureDiff.updated`): a status changed with ``integ status``
reads as one change, the status.

:func:`changelog` compares the state at a date with HEAD and groups the measures by
action field, for the *Fortschreibung*; :func:`measure_history` lists the commits that
touched one measure, newest first, each with its changes. Nothing here prints.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from integ_cli.fields import position
from integ_cli.files.loading import LoadProblem, load_document
from integ_cli.history import git
from integ_cli.history.git import Commit, GitRepo
from integ_cli.problems import Problem

MEASURES = "data/measures/"
FIELDS = "data/fields/"
#: Natural keys of list items, by the list's key in a measure.
ITEM_KEYS: dict[str, tuple[str, ...]] = {
    "budget": ("year", "source"),
    "indicators": ("name", "year"),
    "links": ("url",),
}
#: Kept apart from the changes: integ sets it on every edit.
UPDATED = "updated"

#: One step of a change's path: a mapping key, a list index, or a list item's natural key.
PathPart = str | int | tuple[Any, ...]


# --- data ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison: a commit (with the revision as the user named it) or the working tree."""

    label: str
    commit: Commit | None = None

    def as_dict(self) -> dict[str, Any]:
        commit = self.commit
        return {
            "label": self.label,
            "commit": commit.sha if commit else None,
            "date": commit.date if commit else None,
            "author": commit.author if commit else None,
            "subject": commit.subject if commit else None,
        }


WORKING_TREE = Side("the working tree")


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A record file that could not be read at one side; it is named, not compared."""

    side: str
    problem: Problem

    def as_dict(self) -> dict[str, Any]:
        return {"side": self.side, **self.problem.as_dict()}


@dataclass(slots=True)
class Snapshot:
    """The record files of one state: path (relative to the data root) -> contents.

    A snapshot at a commit starts with the files' git blob ids only (``ids``) and reads
    contents on demand (:meth:`load`): comparing two states reads only the files whose
    ids differ, so a diff of 10,000 records that changed three reads six files.
    """

    side: Side
    files: dict[str, bytes] = dataclasses.field(default_factory=dict)
    unreadable: list[Unreadable] = dataclasses.field(default_factory=list)
    ids: dict[str, str] = dataclasses.field(default_factory=dict)
    repo: GitRepo | None = None

    def paths(self) -> set[str]:
        return self.ids.keys() | self.files.keys()

    def measures(self) -> dict[str, str]:
        """Measure id -> path (ids equal file names)."""
        return {
            path[len(MEASURES) : -len(".yaml")]: path
            for path in self.paths()
            if path.startswith(MEASURES) and "/" not in path[len(MEASURES) :]
        }

    def blob_id(self, path: str, like: str) -> str | None:
        """The git blob id of ``path``, hashed like ``like`` (SHA-1 or SHA-256) where only contents are known."""
        if path in self.ids:
            return self.ids[path]
        raw = self.files.get(path)
        if raw is None:
            return None
        digest = hashlib.sha256 if len(like) == 64 else hashlib.sha1
        return digest(b"blob %d\0" % len(raw) + raw).hexdigest()

    def load(self, paths: Iterable[str]) -> None:
        """Read the contents of ``paths`` that are not read yet, in one git call."""
        wanted = {path: self.ids[path] for path in paths if path not in self.files and path in self.ids}
        if wanted and self.repo is not None:
            blobs = git.read_blobs(self.repo, wanted.values())
            for path, blob in wanted.items():
                self.files[path] = blobs.get(blob) or b""


@dataclass(frozen=True, slots=True)
class Change:
    """One value that changed: ``kind`` is added (``before`` is None), removed or changed."""

    parts: tuple[PathPart, ...]
    kind: str
    before: Any = None
    after: Any = None

    @property
    def path(self) -> str:
        """The path as people read it: ``budget[2026 municipal].planned``."""
        return format_parts(self.parts)

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "kind": self.kind, "before": self.before, "after": self.after}


@dataclass(slots=True)
class MeasureDiff:
    """One measure that differs between two sides: added, removed or changed."""

    id: str
    kind: str
    title: str
    field: str | None
    changes: list[Change] = dataclasses.field(default_factory=list)
    updated: tuple[Any, Any] | None = None
    record: dict[str, Any] | None = None  # the whole record, for an added or removed measure

    def as_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {"id": self.id, "kind": self.kind, "title": self.title, "field": self.field}
        result["changes"] = [change.as_dict() for change in self.changes]
        result["updated"] = {"before": self.updated[0], "after": self.updated[1]} if self.updated else None
        if self.record is not None:
            result["record"] = self.record
        return result


@dataclass(frozen=True, slots=True)
class FieldInfo:
    """What the history shows of an action field: its name and place in the concept."""

    id: str
    name: str
    order: float = float("inf")
    prioritised: bool = False


@dataclass(slots=True)
class Diff:
    """What changed from ``before`` to ``after``: measures in id order, files that could not be read."""

    before: Side
    after: Side
    measures: list[MeasureDiff]
    unreadable: list[Unreadable]
    fields: dict[str, FieldInfo]

    def count(self, kind: str) -> int:
        return sum(1 for measure in self.measures if measure.kind == kind)

    def as_dict(self) -> dict[str, Any]:
        return {
            "before": self.before.as_dict(),
            "after": self.after.as_dict(),
            "summary": {kind: self.count(kind) for kind in ("added", "removed", "changed")},
            "measures": [measure.as_dict() for measure in self.measures],
            "unreadable": [item.as_dict() for item in self.unreadable],
        }


@dataclass(slots=True)
class FieldGroup:
    """The measures of one action field in a changelog."""

    field: FieldInfo
    measures: list[MeasureDiff]

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field.id,
            "name": self.field.name,
            "prioritised": self.field.prioritised,
            "measures": [measure.as_dict() for measure in self.measures],
        }


@dataclass(slots=True)
class Changelog:
    """What changed since a date: the state then (``None`` before the first commit) against ``diff.after``."""

    since: str
    diff: Diff
    commits: list[Commit]

    def groups(self) -> list[FieldGroup]:
        """The changed measures by action field, in the concept's order (unknown fields last)."""
        by_field: dict[str, list[MeasureDiff]] = {}
        for measure in self.diff.measures:
            by_field.setdefault(measure.field or "", []).append(measure)
        infos = [self.diff.fields.get(key) or FieldInfo(key, key or "(no field)") for key in by_field]
        infos.sort(key=lambda info: (info.order, info.id))
        return [FieldGroup(info, by_field[info.id]) for info in infos]

    def as_dict(self) -> dict[str, Any]:
        diff = self.diff
        return {
            "since": self.since,
            "before": diff.before.as_dict(),
            "after": diff.after.as_dict(),
            "summary": {kind: diff.count(kind) for kind in ("added", "removed", "changed")},
            "commits": [commit_dict(commit) for commit in self.commits],
            "fields": [group.as_dict() for group in self.groups()],
            "unreadable": [item.as_dict() for item in diff.unreadable],
        }


@dataclass(slots=True)
class Event:
    """One commit that touched a measure: its changes, or why they cannot be shown.

    ``kind`` is added, removed, changed, ``format`` (the file changed but its data did
    not: comments, quoting, order) or ``unreadable``.
    """

    commit: Commit
    kind: str
    measure: MeasureDiff | None = None
    unreadable: Unreadable | None = None

    def as_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {**commit_dict(self.commit), "kind": self.kind}
        result["changes"] = [change.as_dict() for change in self.measure.changes] if self.measure else []
        updated = self.measure.updated if self.measure else None
        result["updated"] = {"before": updated[0], "after": updated[1]} if updated else None
        result["problem"] = self.unreadable.as_dict() if self.unreadable else None
        return result


@dataclass(slots=True)
class History:
    """The commits that touched one measure's file, newest first."""

    id: str
    file: str
    title: str
    events: list[Event]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "file": self.file,
            "title": self.title,
            "events": [event.as_dict() for event in self.events],
        }


def commit_dict(commit: Commit) -> dict[str, str]:
    return {"commit": commit.sha, "date": commit.date, "author": commit.author, "subject": commit.subject}


# --- snapshots ----------------------------------------------------------------------------------------


def side(repo: GitRepo, revision: str) -> Side:
    """The commit ``revision`` names, labelled as the user named it: ``HEAD (1a2b3c4, 2026-03-01)``."""
    commit = git.resolve(repo, revision)
    if commit.sha.startswith(revision):
        return Side(f"{commit.short} ({commit.day})", commit)
    return Side(f"{revision} ({commit.short}, {commit.day})", commit)


def at_revision(repo: GitRepo, where: Side) -> Snapshot:
    """The record files at a commit: listed now, read when compared."""
    assert where.commit is not None
    return Snapshot(where, ids=git.list_files(repo, where.commit.sha), repo=repo)


def working_tree(root: Path) -> Snapshot:
    """The record files on disk, as ``integ validate`` finds them."""
    from integ_cli.files.repository import scan

    layout = scan(root)
    snapshot = Snapshot(WORKING_TREE)
    for record in (*layout.fields, *layout.measures):
        try:
            snapshot.files[record.rel] = record.path.read_bytes()
        except OSError as error:
            problem = Problem(record.rel, None, None, "", "file-unreadable", f"cannot read the file: {error.strerror}")
            snapshot.unreadable.append(Unreadable(WORKING_TREE.label, problem))
    return snapshot


# --- comparing ----------------------------------------------------------------------------------------


def format_parts(parts: tuple[PathPart, ...]) -> str:
    """``("budget", (2026, "municipal"), "planned")`` -> ``budget[2026 municipal].planned``."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, tuple):
            out.append("[" + " ".join(str(value) for value in part if value is not None) + "]")
        elif isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(f".{part}" if out else part)
    return "".join(out)


def same(a: Any, b: Any) -> bool:
    """Equal as data: ``12000`` and ``12000.0`` are the same amount, ``true`` and ``1`` are not."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict | list) or isinstance(b, dict | list):
        return False
    return a == b


def _keys(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The keys of both mappings: in the new order, keys that went away where they stood."""
    keys = list(after)
    for index, key in enumerate(before):
        if key not in after:
            keys.insert(min(index, len(keys)), key)
    return keys


def _keyed(items: list[Any], key_fields: tuple[str, ...]) -> dict[tuple[Any, ...], Any] | None:
    """List items by their natural key (a repeated key gets a running number); None unless all are mappings."""
    if not all(isinstance(item, dict) for item in items):
        return None
    keyed: dict[tuple[Any, ...], Any] = {}
    for item in items:
        key = tuple(item.get(name) for name in key_fields)
        if any(isinstance(value, dict | list) for value in key):
            return None
        unique, number = key, 1
        while unique in keyed:
            number += 1
            unique = (*key, f"#{number}")
        keyed[unique] = item
    return keyed


def diff_values(before: Any, after: Any, parts: tuple[PathPart, ...] = ()) -> list[Change]:
    """The changes that turn ``before`` into ``after``, as paths below ``parts``."""
    if same(before, after):
        return []
    if isinstance(before, dict) and isinstance(after, dict):
        changes: list[Change] = []
        for key in _keys(before, after):
            if key not in after:
                changes.append(Change((*parts, key), "removed", before[key], None))
            elif key not in before:
                changes.append(Change((*parts, key), "added", None, after[key]))
            else:
                changes.extend(diff_values(before[key], after[key], (*parts, key)))
        return changes
    if isinstance(before, list) and isinstance(after, list) and parts:
        key_fields = ITEM_KEYS.get(str(parts[-1])) if len(parts) == 1 else None
        old = _keyed(before, key_fields) if key_fields else None
        new = _keyed(after, key_fields) if key_fields else None
        if old is not None and new is not None:
            return _diff_keyed(old, new, parts)
        if len(before) == len(after) and any(isinstance(item, dict | list) for item in (*before, *after)):
            changes = []
            for index, (x, y) in enumerate(zip(before, after, strict=True)):
                changes.extend(diff_values(x, y, (*parts, index)))
            return changes
    return [Change(parts, "changed", before, after)]


def _diff_keyed(
    old: dict[tuple[Any, ...], Any], new: dict[tuple[Any, ...], Any], parts: tuple[PathPart, ...]
) -> list[Change]:
    changes: list[Change] = []
    order = list(new)
    for index, key in enumerate(old):
        if key not in new:
            order.insert(min(index, len(order)), key)
    for key in order:
        if key not in new:
            changes.append(Change((*parts, key), "removed", old[key], None))
        elif key not in old:
            changes.append(Change((*parts, key), "added", None, new[key]))
        else:
            changes.extend(diff_values(old[key], new[key], (*parts, key)))
    return changes


def _parse(raw: bytes, path: str, where: Side) -> dict[str, Any] | Unreadable:
    try:
        document = load_document(raw, path)
    except LoadProblem as error:
        return Unreadable(where.label, error.problem)
    if document is None:
        return Unreadable(where.label, Problem(path, None, None, "", "empty-file", "the file is empty"))
    if not isinstance(document.data, dict):
        line = document.root.start_mark.line + 1
        message = "the file does not hold a record (key: value lines), so it cannot be compared"
        return Unreadable(where.label, Problem(path, line, None, "", "not-a-record", message))
    return document.data


def _title(record: Mapping[str, Any] | None) -> str:
    title = record.get("title") if record else None
    return title if isinstance(title, str) else ""


def _field(record: Mapping[str, Any] | None) -> str | None:
    value = record.get("field") if record else None
    return value if isinstance(value, str) else None


def compare_file(
    measure_id: str,
    path: str,
    raw_before: bytes | None,
    raw_after: bytes | None,
    before: Side,
    after: Side,
) -> MeasureDiff | list[Unreadable] | None:
    """How one measure's file differs: a MeasureDiff, the sides that cannot be read, or None (same data)."""
    if raw_before == raw_after:
        return None
    old = _parse(raw_before, path, before) if raw_before is not None else None
    new = _parse(raw_after, path, after) if raw_after is not None else None
    broken = [side for side in (old, new) if isinstance(side, Unreadable)]
    if broken:
        return broken
    assert not isinstance(old, Unreadable) and not isinstance(new, Unreadable)
    if old is None and new is not None:
        return MeasureDiff(measure_id, "added", _title(new), _field(new), record=new)
    if new is None and old is not None:
        return MeasureDiff(measure_id, "removed", _title(old), _field(old), record=old)
    assert old is not None and new is not None
    updated = None
    if not same(old.get(UPDATED), new.get(UPDATED)):
        updated = (old.get(UPDATED), new.get(UPDATED))
    rest_old = {key: value for key, value in old.items() if key != UPDATED}
    rest_new = {key: value for key, value in new.items() if key != UPDATED}
    changes = diff_values(rest_old, rest_new)
    if not changes and updated is None:
        return None
    return MeasureDiff(measure_id, "changed", _title(new) or _title(old), _field(new) or _field(old), changes, updated)


def _fields(*snapshots: Snapshot) -> dict[str, FieldInfo]:
    """Names and order of the action fields; the later snapshot wins. Unreadable ones are left out."""
    infos: dict[str, FieldInfo] = {}
    for snapshot in snapshots:
        paths = sorted(path for path in snapshot.paths() if path.startswith(FIELDS))
        snapshot.load(paths)
        for path in paths:
            raw = snapshot.files[path]
            data = _parse(raw, path, snapshot.side)
            if isinstance(data, Unreadable):
                continue
            field_id = path[len(FIELDS) : -len(".yaml")]
            name = data.get("name")
            infos[field_id] = FieldInfo(
                field_id,
                name if isinstance(name, str) else field_id,
                position(data),
                data.get("prioritised") is True,
            )
    return infos


def compare(before: Snapshot, after: Snapshot) -> Diff:
    """The measures added, removed and changed from ``before`` to ``after``."""
    old, new = before.measures(), after.measures()
    changed: list[str] = []
    for measure_id in sorted(old.keys() | new.keys()):
        if measure_id in old and measure_id in new:
            a, b = old[measure_id], new[measure_id]
            like = before.ids.get(a) or after.ids.get(b) or ""
            blob = before.blob_id(a, like)
            if blob is not None and blob == after.blob_id(b, like):
                continue
        changed.append(measure_id)
    before.load(old[m] for m in changed if m in old)
    after.load(new[m] for m in changed if m in new)
    measures: list[MeasureDiff] = []
    unreadable = [*before.unreadable, *after.unreadable]
    for measure_id in changed:
        result = compare_file(
            measure_id,
            new.get(measure_id) or old[measure_id],
            before.files.get(old[measure_id]) if measure_id in old else None,
            after.files.get(new[measure_id]) if measure_id in new else None,
            before.side,
            after.side,
        )
        if isinstance(result, MeasureDiff):
            measures.append(result)
        elif result:
            unreadable.extend(result)
    return Diff(before.side, after.side, measures, unreadable, _fields(before, after))


# --- the three questions ------------------------------------------------------------------------------


def diff(root: Path, revision_a: str | None = None, revision_b: str | None = None) -> Diff:
    """``integ diff``: ``revision_a`` (default HEAD) against ``revision_b`` (default the working tree)."""
    repo = git.open_repo(root)
    before = at_revision(repo, side(repo, revision_a or "HEAD"))
    after = at_revision(repo, side(repo, revision_b)) if revision_b else working_tree(root)
    return compare(before, after)


def changelog(root: Path, since: str, revision: str = "HEAD") -> Changelog:
    """``integ changelog``: the state before ``since`` (local midnight) against ``revision``.

    Where the repository's first commit is later than ``since``, every measure counts as added.
    """
    repo = git.open_repo(root)
    head = side(repo, revision)
    base = git.last_before(repo, since, head.commit.sha if head.commit else revision)
    if base is None:
        before = Snapshot(Side(f"nothing (no commit before {since})"))
        commits = git.log(repo, [head.commit.sha if head.commit else revision], git.RECORD_FOLDERS)
    else:
        before = at_revision(repo, Side(f"{base.short} ({base.day})", base))
        assert head.commit is not None
        commits = git.log(repo, [f"{base.sha}..{head.commit.sha}"], git.RECORD_FOLDERS)
    return Changelog(since, compare(before, at_revision(repo, head)), commits)


def measure_history(root: Path, measure_id: str, revision: str = "HEAD") -> History:
    """``integ history``: the commits on ``revision`` that touched the measure's file, newest first."""
    repo = git.open_repo(root)
    head = side(repo, revision)
    assert head.commit is not None
    path = f"{MEASURES}{measure_id}.yaml"
    commits = git.log(repo, [head.commit.sha], [path])
    specs = {}
    for commit in commits:
        specs[commit.sha] = (git.spec(repo, f"{commit.sha}^", path), git.spec(repo, commit.sha, path))
    blobs = git.read_blobs(repo, [s for pair in specs.values() for s in pair])
    events: list[Event] = []
    title = ""
    for commit in commits:
        spec_before, spec_after = specs[commit.sha]
        raw_before, raw_after = blobs.get(spec_before), blobs.get(spec_after)
        result = compare_file(
            measure_id, path, raw_before, raw_after, Side(f"{commit.short}^"), Side(commit.short, commit)
        )
        if isinstance(result, MeasureDiff):
            events.append(Event(commit, result.kind, measure=result))
            title = title or result.title
        elif result:
            events.append(Event(commit, "unreadable", unreadable=result[-1]))
        else:
            events.append(Event(commit, "format"))
    return History(measure_id, path, title, events)
