"""What the workbook asks for, measure by measure.

Rows are matched to measures by id: a row with the id of an existing measure updates
it; a row without an id, or with a placeholder such as ``neu-1`` (which the sub-sheets
may refer to), is a new measure. Any other id is an error: a typo must not create a
measure. A sub-sheet with rows holds the complete list of every measure it names, in
order; so every measure gets its list from such a sheet, empty where it has no row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from integ_cli.i18n import _
from integ_cli.spreadsheet.layout import ID, MEASURES_SHEET, READ_ONLY
from integ_cli.spreadsheet.parse import empty, parse, same, text
from integ_cli.spreadsheet.read import CellProblem, Row, Tables, blank

#: Ids that stand for a new measure: ``neu``, ``neu-1``, ``neu-a`` (also ``new-...``).
PLACEHOLDER = re.compile(r"(neu|new)(-[a-z0-9]+)*", re.IGNORECASE)


@dataclass(slots=True)
class Wanted:
    """One measure as the workbook wants it: values by column name, list items by key."""

    measure_id: str | None  # None: a new measure
    row: Row | None  # its row on the measures sheet (None: named on a sub-sheet only)
    values: dict[str, Any] = field(default_factory=dict)
    items: dict[str, list[tuple[Row, dict[str, Any]]]] = field(default_factory=dict)
    #: Locations of the cells that could not be read.
    broken: set[str] = field(default_factory=set)


def collect(tables: Tables, existing: set[str], problems: list[CellProblem]) -> list[Wanted]:
    """The measures the workbook names, with their parsed values; id problems reported."""
    from integ_cli.suggest import did_you_mean

    wanted: list[Wanted] = []
    by_id: dict[str, Wanted] = {}
    first_row: dict[str, int] = {}
    for row in tables.measures or []:
        measure_id = _id_of(row)
        if measure_id is not None and measure_id in first_row:
            problems.append(
                row.problem(
                    ID,
                    _("'{id}' has a row already (row {row})").format(id=measure_id, row=first_row[measure_id]),
                    "duplicate-id",
                )
            )
            continue
        if measure_id is not None:
            first_row[measure_id] = row.number
        if measure_id is not None and measure_id not in existing and not PLACEHOLDER.fullmatch(measure_id):
            hint = did_you_mean(measure_id, existing)
            message = _(
                "unknown measure '{id}'{hint} (for a new measure leave the id empty, "
                "or write a placeholder such as neu-1)"
            ).format(id=measure_id, hint=hint)
            problems.append(row.problem(ID, message, "unknown-measure"))
            continue
        entry = Wanted(measure_id if measure_id in existing else None, row)
        entry.values = _parse_row(row, entry, problems)
        wanted.append(entry)
        if measure_id is not None:
            by_id[measure_id] = entry
    for list_key, rows in tables.lists.items():
        for row in rows:
            measure_id = _id_of(row)
            if measure_id is None:
                problems.append(
                    row.problem(ID, _("the measure's id is empty; which measure is this row for?"), "missing-id")
                )
                continue
            owner = by_id.get(measure_id)
            if owner is None and measure_id in existing:
                owner = by_id[measure_id] = Wanted(measure_id, None)
                wanted.append(owner)
            if owner is None:
                hint = did_you_mean(measure_id, existing)
                if not hint and PLACEHOLDER.fullmatch(measure_id):
                    message = _("unknown measure '{id}'; the placeholder needs a row on the sheet '{sheet}'").format(
                        id=measure_id, sheet=MEASURES_SHEET
                    )
                else:
                    message = _("unknown measure '{id}'{hint}").format(id=measure_id, hint=hint)
                problems.append(row.problem(ID, message, "unknown-measure"))
                continue
            owner.items.setdefault(list_key, []).append((row, _parse_row(row, owner, problems)))
    for entry in wanted:  # every measure gets its complete list from a sheet that has rows
        for list_key in tables.lists:
            entry.items.setdefault(list_key, [])
    return wanted


def _id_of(row: Row) -> str | None:
    raw = row.cells.get(ID)
    return None if blank(raw) else text(raw)


def _parse_row(row: Row, wanted: Wanted, problems: list[CellProblem]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, raw in row.cells.items():
        if name == ID or (row.sheet.list_key is None and name in READ_ONLY):
            continue
        column = row.sheet.column(name)
        assert column is not None
        try:
            values[name] = parse(column, raw)
        except ValueError as error:
            problem = row.problem(name, str(error), "cell-value")
            problems.append(problem)
            wanted.broken.add(problem.location)
    return values


def value_at(data: Any, path: Sequence[str]) -> Any:
    """The plain value at ``path`` in record data (plain or round-trip), None where absent."""
    from integ_cli.authoring import roundtrip as rt

    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    return rt.plain(data)


def differs(data: dict[str, Any], entry: Wanted) -> bool:
    """Whether the workbook asks for any change to ``data`` (plain record data)."""
    for name, value in entry.values.items():
        if not same(value, value_at(data, name.split("."))):
            return True
    for list_key, rows in entry.items.items():
        current = data.get(list_key)
        current = current if isinstance(current, list) else []
        if len(rows) != len(current):
            return True
        for (_row, values), item in zip(rows, current, strict=True):
            for name, value in values.items():
                if not same(value, item.get(name) if isinstance(item, dict) else None):
                    return True
    return False


def record_values(entry: Wanted) -> dict[str, Any]:
    """A new measure's values from its row and sub-sheet rows (empty cells left out)."""
    values: dict[str, Any] = {}
    for name, value in entry.values.items():
        if empty(value):
            continue
        *parents, last = name.split(".")
        target = values
        for parent in parents:
            target = target.setdefault(parent, {})
        target[last] = value
    for list_key, rows in entry.items.items():
        items = [{k: v for k, v in row_values.items() if not empty(v)} for _row, row_values in rows]
        if items:
            values[list_key] = items
    return values
