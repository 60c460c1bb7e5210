"""The history of the catalogue: what changed between two states of the data, field by field.

A *snapshot* (:mod:`integ_cli.history.snapshot`) is the record files of one state: a git
revision or the working tree; the answers are the plain data of :mod:`integ_cli.history.model`.
:func:`compare` tells which measures were added, removed or changed between two
snapshots, and for a changed one each changed value with its path (``status``,
``budget[2026 municipal].planned``, ``indicators[Teilnehmende 2025].actual``).

Values are compared by :mod:`integ_cli.history.values` (list items by their natural
keys); the vocabularies, action fields and concept record by
:mod:`integ_cli.history.records`, whose changes the :class:`Diff` carries too.

The ``updated`` date changes with every edit integ makes, so it is kept apart from
the changes (:attr:`MeasureDiff.updated`): a status changed with ``integ status``
reads as one change, the status.

:func:`changelog` compares the state at a date (or an edition) with HEAD and groups the measures by
action field, for the *Fortschreibung*; :func:`measure_history` lists the commits that
touched one measure, newest first, each with its changes. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from integ_cli.concept.editions import revision_of
from integ_cli.fields import position
from integ_cli.files.loading import LoadProblem, load_document
from integ_cli.history import git
from integ_cli.history.model import (
    Changelog,
    Diff,
    Event,
    FieldInfo,
    History,
    MeasureDiff,
)
from integ_cli.history.snapshot import (
    FIELDS,
    MEASURES,
    Side,
    Snapshot,
    Unreadable,
    at_revision,
    changed_links,
    side,
    working_tree,
)
from integ_cli.history.values import diff_values, same
from integ_cli.i18n import _
from integ_cli.problems import Problem

#: Kept apart from the changes: integ sets it on every edit.
UPDATED = "updated"


def parse(raw: bytes, path: str, where: Side) -> dict[str, Any] | Unreadable:
    """A record file's content, or why it cannot be compared."""
    try:
        document = load_document(raw, path)
    except LoadProblem as error:
        return Unreadable(where.label, error.problem)
    if document is None:
        return Unreadable(where.label, Problem(path, None, None, "", "empty-file", _("the file is empty")))
    if not isinstance(document.data, dict):
        line = document.root.start_mark.line + 1
        message = _("the file does not hold a record (key: value lines), so it cannot be compared")
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
    old = parse(raw_before, path, before) if raw_before is not None else None
    new = parse(raw_after, path, after) if raw_after is not None else None
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
            data = parse(raw, path, snapshot.side)
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
    unreadable = [*before.unreadable, *after.unreadable, *changed_links(before, after)]
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
    from integ_cli.history.records import compare_records  # it builds on this module

    entries, broken = compare_records(before, after)
    return Diff(before.side, after.side, measures, [*unreadable, *broken], _fields(before, after), entries)


# --- the three questions ------------------------------------------------------------------------------


def diff(root: Path, revision_a: str | None = None, revision_b: str | None = None) -> Diff:
    """``integ diff``: ``revision_a`` (default HEAD) against ``revision_b`` (default the working tree)."""
    repo = git.open_repo(root)
    before = at_revision(repo, side(repo, revision_of(root, revision_a or "HEAD")))
    after = at_revision(repo, side(repo, revision_of(root, revision_b))) if revision_b else working_tree(root)
    return compare(before, after)


def changelog(root: Path, since: str, revision: str = "HEAD", *, edition: str | None = None) -> Changelog:
    """``integ changelog``: the state before ``since`` (local midnight), or at the
    edition ``edition`` (then ``since`` becomes its commit's day), against ``revision``.

    Where the repository's first commit is later than ``since``, the range starts
    before the history: it is compared from the first commit (``from_first``), so
    the changes are those made since the data's first state, not that state itself
    listed as added.
    """
    repo = git.open_repo(root)
    head = side(repo, revision_of(root, revision))
    assert head.commit is not None
    from_first = False
    if edition is not None:
        base = side(repo, revision_of(root, edition))
        assert base.commit is not None
        start, since = base.commit, base.commit.day
    else:
        found = git.last_before(repo, since, head.commit.sha)
        if found is None:
            found, from_first = git.first_commit(repo, head.commit.sha), True
        start, base = found, Side(f"{found.short} ({found.day})", found)
    commits = git.log(repo, [f"{start.sha}..{head.commit.sha}"], git.RECORD_FOLDERS)
    return Changelog(since, compare(at_revision(repo, base), at_revision(repo, head)), commits, edition, from_first)


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
