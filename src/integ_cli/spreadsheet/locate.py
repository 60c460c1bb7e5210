"""A validate Problem about a record, placed at the cell it comes from.

A problem is placed by its JSON path (``budget[2].source`` → the Budget row of that
item, column ``source``; ``decision.date`` → the column ``decision.date``), never by
its message, so messages may be reworded or translated; ``decisions[1].consultation[0].date``
→ the first Beratungsfolge row of decision 2, column ``date``. A missing required key is
reported at the path of the mapping that lacks it; which keys are missing is read
from the schema and the record that was checked: each gets its own cell.
"""

from __future__ import annotations

from typing import Any

from integ_cli.i18n import _
from integ_cli.problems import Problem
from integ_cli.spreadsheet.layout import ID, NESTED, Layout
from integ_cli.spreadsheet.read import NO_CELL, CellProblem, Row
from integ_cli.spreadsheet.wanted import Wanted, by_decision

#: The stable code of a missing required key (see the README's list of codes).
REQUIRED = "schema-required"

Parts = list[str | int]


def locate(
    problem: Problem, entry: Wanted, layout: Layout, schema: dict[str, Any], record: Any = None
) -> list[CellProblem]:
    """``problem`` (about the record of ``entry``) at its cells. ``record`` is the
    record that was checked (plain or round-trip data), where known: it tells which
    required keys are missing."""
    parts = _parts(problem.path)
    fallback = f"{problem.file}:{problem.line}:{problem.column}" if problem.line else problem.file
    if problem.code == REQUIRED:
        missing = _missing(schema, record, parts)
        if missing:
            return list(dict.fromkeys(_required([*parts, key], entry, layout, fallback, problem) for key in missing))
    return [_place(parts, entry, layout, fallback, problem.message, problem.code)]


def _parts(path: str) -> Parts:
    from integ_cli.authoring.edits import parse_key

    try:
        return parse_key(path) if path else []
    except ValueError:  # a key no column can have (typed into the file): the row's id cell
        return []


def _missing(schema: dict[str, Any], record: Any, parts: Parts) -> list[str]:
    """The keys the schema requires at ``parts`` that ``record`` lacks there."""
    from integ_cli.authoring.edits import subschema

    value = record
    for part in parts:
        if isinstance(value, dict) and isinstance(part, str):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value = value[part]
        else:
            return []
    if not isinstance(value, dict):
        return []
    return [str(key) for key in subschema(schema, parts).get("required", []) if key not in value]


def _required(parts: Parts, entry: Wanted, layout: Layout, fallback: str, problem: Problem) -> CellProblem:
    """A missing required key at its cell: the cell must be filled, or the sheet lacks
    the column (a problem that has no cell keeps the checker's message)."""
    row, name = _cell(parts, entry, layout)
    if row is None or name is None:
        return CellProblem(fallback, problem.message, problem.code, NO_CELL)
    if name in row.letters:
        message = _("'{key}' is required; this cell must not be empty").format(key=parts[-1])
    else:
        message = _("'{key}' is required; the sheet has no column for it").format(key=name)
    return row.problem(name, message, problem.code)


def _cell(parts: Parts, entry: Wanted, layout: Layout) -> tuple[Row | None, str | None]:
    """The row and the column name a path leads to (None: none of the sheet's)."""
    for list_key, parents in NESTED.items():
        nested = _nested_cell(parts, list_key, parents, entry) if list_key in parts else None
        if nested is not None:
            return nested
    if parts and isinstance(parts[0], str) and layout.for_list(parts[0]) is not None:
        rows = entry.items.get(parts[0])
        index = parts[1] if len(parts) > 1 and isinstance(parts[1], int) else None
        if rows is not None and index is not None and index < len(rows):
            name = parts[2] if len(parts) > 2 and isinstance(parts[2], str) else None
            return rows[index][0], name or ID
        if rows is not None and index is None and entry.row is not None:
            return entry.row, ID
        return None, None
    if entry.row is None:
        return None, None
    names = [p for p in parts if isinstance(p, str)]
    sheet = entry.row.sheet
    for length in range(len(names), 0, -1):
        name = ".".join(names[:length])
        if sheet.column(name) is not None:
            return entry.row, name
    prefix = next((c.name for c in sheet.columns if names and c.name.startswith(names[0] + ".")), None)
    return entry.row, prefix or ID


def _nested_cell(parts: Parts, list_key: str, parents: tuple[str, ...], entry: Wanted) -> tuple[Row, str] | None:
    """The row of a nested sheet a path into a decision's list leads to (None: no such row)."""
    at = parts.index(list_key)
    holder = parts[:at]
    if len(holder) == 2 and holder[0] == parents[0] and isinstance(holder[1], int):
        number = holder[1] + 1
    elif holder == [parents[1]]:
        number = 1
    else:
        return None
    group = by_decision(entry.items.get(list_key, [])).get(number, [])
    index = parts[at + 1] if len(parts) > at + 1 else None
    if not isinstance(index, int) or not 0 <= index < len(group):
        return None
    name = parts[at + 2] if len(parts) > at + 2 else None
    return group[index][0], name if isinstance(name, str) else ID


def _place(parts: Parts, entry: Wanted, layout: Layout, fallback: str, message: str, code: str) -> CellProblem:
    row, name = _cell(parts, entry, layout)
    if row is None:
        return CellProblem(fallback, message, code, NO_CELL)
    return row.problem(name, message, code)
