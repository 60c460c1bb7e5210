"""The edit that makes an existing measure what its rows say, built from
:mod:`integ_cli.authoring.edits`.

Only the cells that differ from the record are written, each by ``assign`` (which
keeps comments, quoting and key order); a list of ids loses and gains single items
by ``link``, so the others keep their place and comments; items of a list of
mappings (budget lines, indicators, links) change cell by cell, rows beyond the list
are added and items beyond the rows removed; so, too, the lists inside each decision
(the consultation steps of a nested sheet), once the decisions are as their rows say.
A list of ids whose order changed, or that gained an id anywhere but at its end, is
written anew, as ``integ set`` writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from integ_cli.i18n import _
from integ_cli.spreadsheet.layout import NESTED, holders
from integ_cli.spreadsheet.parse import empty, same
from integ_cli.spreadsheet.read import CellProblem
from integ_cli.spreadsheet.wanted import Wanted, by_decision, stray, value_at


@dataclass(slots=True)
class Sync:
    """An Edit (see :data:`integ_cli.authoring.edits.Edit`) for one measure. After a
    run, ``data`` is the record as edited, so a problem found in the result can be
    placed by what the record holds (:mod:`.locate`) without reading it again;
    ``problems`` are the rows that name a decision the record does not have."""

    entry: Wanted
    data: Any = None
    problems: list[CellProblem] = field(default_factory=list)

    def __call__(self, data: Any, schema: dict[str, Any]) -> list[str]:
        from integ_cli.authoring.edits import assign

        self.data = data
        changes: list[str] = []
        parents: set[str] = set()
        for name, value in self.entry.values.items():
            path = name.split(".")
            if same(value, value_at(data, path)):
                continue
            if len(path) > 1:
                parents.add(path[0])
            if isinstance(value, list) and value:
                changes += _ids(data, schema, path[0], value)
            else:
                changes += assign(list(path), None if empty(value) else value)(data, schema)
        for parent in sorted(parents):  # a mapping whose every key was emptied goes too
            if isinstance(data.get(parent), dict) and not data[parent]:
                assign([parent], None)(data, schema)  # its keys' removal is reported already
        for list_key, rows in self.entry.items.items():
            if list_key not in NESTED:
                changes += _items(data, schema, [list_key], [values for _row, values in rows])
        for list_key, rows in self.entry.items.items():  # inside the decisions as they now are
            if list_key in NESTED:
                groups = by_decision(rows)
                for number, holder in enumerate(holders(data, NESTED[list_key]), start=1):
                    wanted = [values for _row, values in groups.get(number, [])]
                    changes += _items(data, schema, [*holder, list_key], wanted)
        self.problems = stray(self.entry, data)
        return changes


def _ids(data: Any, schema: dict[str, Any], key: str, new: list[str]) -> list[str]:
    """Make the list of ids at ``key`` hold ``new``."""
    from integ_cli.authoring import roundtrip as rt
    from integ_cli.authoring.edits import assign, link

    current = data.get(key)
    old = [str(rt.plain(v)) for v in current] if isinstance(current, list) else None
    kept = [v for v in old or [] if v in new]
    added = [v for v in new if v not in (old or [])]
    if old is None or not kept or kept + added != new:
        return assign([key], new)(data, schema)
    removed = [v for v in old if v not in new]
    changes = link(key, False, removed)(data, schema) if removed else []
    return changes + (link(key, True, added)(data, schema) if added else [])


def _items(data: Any, schema: dict[str, Any], path: list[str | int], rows: list[dict[str, Any]]) -> list[str]:
    """Make the list of mappings at ``path`` hold one item per row, changing only the
    cells that differ; rows beyond the list are added, items beyond the rows removed."""
    from integ_cli.authoring import roundtrip as rt
    from integ_cli.authoring.edits import assign, ordered
    from integ_cli.problems import format_path

    current: Any = data
    for part in path:
        current = current[part] if isinstance(part, int) else current.get(part)
    items = [{k: v for k, v in values.items() if not empty(v)} for values in rows]
    if not isinstance(current, list):
        return [] if not items and current is None else assign(path, items or None)(data, schema)
    if not items:  # the key goes, and comment lines after the list stay where they were
        return assign(path, None)(data, schema)
    changes: list[str] = []
    for index, values in enumerate(rows[: len(current)]):
        item = current[index]
        for name, value in values.items():
            if not same(value, rt.plain(item.get(name)) if isinstance(item, dict) else None):
                changes += assign([*path, index, name], None if empty(value) else value)(data, schema)
    for index in range(len(current), len(items)):
        # authoring.edits has no edit that appends an item as it is (add_budget sorts
        # lines by year and merges those of one year and source; the sheet's order
        # and rows are the user's), so the item is inserted the way add_budget does.
        item = rt.node(ordered(items[index], schema, [*path, 0]), indent=2 + 2 * len(path))
        rt.insert_item(current, index, item)
        shown = ", ".join(rt.show(v) for v in items[index].values())
        changes.append(_("{key}[{index}] added: {values}").format(key=format_path(path), index=index, values=shown))
    for index in range(len(current) - 1, len(items) - 1, -1):
        changes += assign([*path, index], None)(data, schema)
    return changes
