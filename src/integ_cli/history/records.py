"""What changed besides the measures: the vocabularies (target groups, actors,
districts), the action fields and the concept record.

Entries of a vocabulary are compared by id, action fields by file. An id that went
away while another came with the same name (or, failing that, the same content) was
*renamed*: ``junge-muetter`` → ``muetter``. A removed or renamed id that measures
at the later side still name breaks them; :func:`compare_records` names those
measures, since "a renamed target group that breaks six measures" is the change
worth telling. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from integ_cli.files.vocabularies import entries as vocabulary_entries
from integ_cli.history.compare import parse
from integ_cli.history.model import EntryDiff
from integ_cli.history.snapshot import FIELDS, Snapshot, Unreadable
from integ_cli.history.values import diff_values, same
from integ_cli.names import fold

#: The vocabulary files, by the name the history gives them (their kind).
VOCABULARY_FILES = {
    "target-groups": "data/target-groups.yaml",
    "actors": "data/actors.yaml",
    "districts": "data/districts.yaml",
}
CONCEPT = "data/concept.yaml"
#: List items of the concept record, by the key that identifies them.
CONCEPT_ITEM_KEYS = {"editions": ("name",), "decisions": ("paper", "date")}
#: The kinds in the order the history shows them.
KINDS = ("fields", *VOCABULARY_FILES, "concept")

Records = dict[str, dict[str, Any]]


def _read(snapshot: Snapshot, path: str) -> Any:
    """The parsed content of ``path`` at ``snapshot``; None where absent or unreadable
    (an unreadable file is named by :func:`unreadable`)."""
    raw = snapshot.files.get(path)
    if raw is None:
        return None
    data = parse(raw, path, snapshot.side)
    return None if isinstance(data, Unreadable) else data


def unreadable(snapshot: Snapshot, paths: Iterable[str]) -> list[Unreadable]:
    """The files among ``paths`` that ``snapshot`` holds but that cannot be compared."""
    found = []
    for path in paths:
        raw = snapshot.files.get(path)
        result = parse(raw, path, snapshot.side) if raw is not None else None
        if isinstance(result, Unreadable):
            found.append(result)
    return found


def _fields(snapshot: Snapshot, changed: set[str]) -> Records:
    out: Records = {}
    for path in sorted(p for p in snapshot.paths() if p.startswith(FIELDS) and p in changed):
        data = _read(snapshot, path)
        if isinstance(data, dict):
            out[path[len(FIELDS) : -len(".yaml")]] = data
    return out


def records(snapshot: Snapshot, kind: str, changed: set[str]) -> Records | None:
    """The records of one kind at ``snapshot`` in the files ``changed``, by id (None:
    the file is not there or did not change)."""
    if kind == "fields":
        return _fields(snapshot, changed)
    path = CONCEPT if kind == "concept" else VOCABULARY_FILES[kind]
    data = _read(snapshot, path) if path in changed else None
    if data is None:
        return None
    return {"": data} if kind == "concept" else vocabulary_entries(data)


def paths(snapshot: Snapshot) -> list[str]:
    """The files this module compares, as ``snapshot`` has them."""
    wanted = {CONCEPT, *VOCABULARY_FILES.values()}
    return sorted(p for p in snapshot.paths() if p in wanted or p.startswith(FIELDS))


def _name(record: Mapping[str, Any], fallback: str) -> str:
    name = record.get("name", record.get("title"))
    return name if isinstance(name, str) else fallback


def _same_but_id(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return same({k: v for k, v in a.items() if k != "id"}, {k: v for k, v in b.items() if k != "id"})


def _renames(old: Records, new: Records) -> dict[str, str]:
    """Removed id -> added id, for entries that kept their name (or all but their id)."""
    removed = [key for key in old if key not in new]
    added = [key for key in new if key not in old]
    pairs: dict[str, str] = {}
    for test in (
        lambda a, b: fold(_name(old[a], a)) == fold(_name(new[b], b)),
        lambda a, b: _same_but_id(old[a], new[b]),
    ):
        for before in removed:
            if before in pairs:
                continue
            match = next((after for after in added if after not in pairs.values() and test(before, after)), None)
            if match is not None:
                pairs[before] = match
    return pairs


def compare_kind(kind: str, old: Records, new: Records) -> list[EntryDiff]:
    """The entries of one kind added, removed, renamed or changed, in the later order."""
    keys = CONCEPT_ITEM_KEYS if kind == "concept" else {}
    renames = _renames(old, new)
    renamed_to = set(renames.values())
    found: list[EntryDiff] = []
    order = list(new) + [key for key in old if key not in new]
    for key in order:
        if key in renamed_to:
            continue
        if key not in new:
            after = renames.get(key)
            if after is None:
                found.append(EntryDiff(kind, key, "removed", _name(old[key], key)))
                continue
            changes = diff_values(_without_id(old[key]), _without_id(new[after]), keys=keys)
            found.append(EntryDiff(kind, key, "renamed", _name(new[after], after), after, changes))
        elif key not in old:
            found.append(EntryDiff(kind, key, "added", _name(new[key], key)))
        else:
            changes = diff_values(old[key], new[key], keys=keys)
            if changes:
                found.append(EntryDiff(kind, key, "changed", _name(new[key], key), changes=changes))
    return found


def _without_id(record: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != "id"}


def compare_records(before: Snapshot, after: Snapshot) -> tuple[list[EntryDiff], list[Unreadable]]:
    """Every change to the vocabularies, action fields and concept record from
    ``before`` to ``after``, with the measures a removed or renamed id breaks; and
    the files among them that cannot be read."""
    changed = _changed(before, after)
    before.load(changed)
    after.load(changed)
    problems = unreadable(before, sorted(changed)) + unreadable(after, sorted(changed))
    changed -= {item.problem.file for item in problems}  # not compared: not "all entries removed"
    found: list[EntryDiff] = []
    for kind in KINDS:
        old, new = records(before, kind, changed), records(after, kind, changed)
        if old is None and new is None:
            continue
        if kind == "concept" and (old is None) != (new is None):
            record = new or old or {}
            what = "added" if old is None else "removed"
            found.append(EntryDiff(kind, "", what, _name(record.get("", {}), "")))
            continue
        found += compare_kind(kind, old or {}, new or {})
    _broken(after, [entry for entry in found if entry.kind in ("removed", "renamed") and entry.vocabulary != "concept"])
    return found, problems


def _changed(before: Snapshot, after: Snapshot) -> set[str]:
    """The files of :func:`paths` whose content differs (by git blob id: unchanged files are not read)."""
    changed = set()
    for path in set(paths(before)) | set(paths(after)):
        like = before.ids.get(path) or after.ids.get(path) or ""
        old = before.blob_id(path, like)
        if old is None or old != after.blob_id(path, like):
            changed.add(path)
    return changed


def references() -> dict[str, tuple[str, ...]]:
    """The measure keys that name an entry of each kind (``target-groups``:
    ``target_groups``), as ``integ validate`` checks them."""
    from integ_cli.checking.rules import _MEASURE_REFS

    out: dict[str, tuple[str, ...]] = {}
    for key, (attribute, _what, _code) in _MEASURE_REFS.items():
        kind = attribute.replace("_", "-")
        if kind in KINDS:
            out[kind] = (*out.get(kind, ()), key)
    return out


def _broken(after: Snapshot, gone: list[EntryDiff]) -> None:
    """Fill in, for each removed or renamed entry, the measures at ``after`` that
    still name its old id. Only files that contain the id as text are parsed."""
    if not gone:
        return
    measures = after.measures()
    after.load(measures.values())
    keys = references()
    for measure_id, path in sorted(measures.items()):
        raw = after.files.get(path) or b""
        candidates = [entry for entry in gone if entry.id.encode() in raw]
        if not candidates:
            continue
        data = _read(after, path)
        if not isinstance(data, dict):
            continue
        for entry in candidates:
            for key in keys.get(entry.vocabulary, ()):
                value = data.get(key)
                if value == entry.id or (isinstance(value, list) and entry.id in value):
                    entry.broken.append(measure_id)
                    break
