"""What the history commands answer, as plain data: the changes between two states
(:class:`Diff`), the changelog since a date (:class:`Changelog`) and one measure's
history (:class:`History`). The renderers in :mod:`integ_cli.render.history` draw them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from integ_cli.history.git import Commit
from integ_cli.history.snapshot import Side, Unreadable

#: One step of a change's path: a mapping key, a list index, or a list item's natural key.
PathPart = str | int | tuple[Any, ...]


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
class EntryDiff:
    """One entry of a vocabulary (``target-groups``, ``actors``, ``districts``), one
    action field (``fields``) or the concept record (``concept``, id ``""``) that differs.

    ``kind`` is added, removed, changed or renamed (then ``renamed_to`` is the new id
    and ``changes`` what else changed). ``broken``: the measures at the later side
    that still name the id of a removed or renamed entry.
    """

    vocabulary: str
    id: str
    kind: str
    name: str
    renamed_to: str | None = None
    changes: list[Change] = dataclasses.field(default_factory=list)
    broken: list[str] = dataclasses.field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "vocabulary": self.vocabulary,
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "renamed_to": self.renamed_to,
            "changes": [change.as_dict() for change in self.changes],
            "broken": self.broken,
        }


@dataclass(slots=True)
class Diff:
    """What changed from ``before`` to ``after``: measures in id order, files that could not be read."""

    before: Side
    after: Side
    measures: list[MeasureDiff]
    unreadable: list[Unreadable]
    fields: dict[str, FieldInfo]
    #: Changes to the vocabularies, action fields and concept record.
    entries: list[EntryDiff] = dataclasses.field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for measure in self.measures if measure.kind == kind)

    def as_dict(self) -> dict[str, Any]:
        return {
            "before": self.before.as_dict(),
            "after": self.after.as_dict(),
            "summary": {kind: self.count(kind) for kind in ("added", "removed", "changed")},
            "measures": [measure.as_dict() for measure in self.measures],
            "entries": [entry.as_dict() for entry in self.entries],
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
    """What changed since a date or an edition: the state then against ``diff.after``."""

    since: str
    diff: Diff
    commits: list[Commit]
    #: The edition compared with (``--edition``), else None (``--since``).
    edition: str | None = None
    #: True where no commit is older than ``since``: ``diff.before`` is then the first
    #: commit (the data's first state), not a state before the date.
    from_first: bool = False

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
            "edition": self.edition,
            "from_first_commit": self.from_first,
            "before": diff.before.as_dict(),
            "after": diff.after.as_dict(),
            "summary": {kind: diff.count(kind) for kind in ("added", "removed", "changed")},
            "commits": [commit_dict(commit) for commit in self.commits],
            "fields": [group.as_dict() for group in self.groups()],
            "entries": [entry.as_dict() for entry in diff.entries],
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
