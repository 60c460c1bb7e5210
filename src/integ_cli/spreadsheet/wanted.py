"""What the workbook asks for, measure by measure.

Rows are matched to measures by id: a row with the id of an existing measure updates
it; a row without an id, or with a placeholder such as ``neu-1`` (which the sub-sheets
may refer to), is a new measure. Any other id is an error: a typo must not create a
measure. A sub-sheet with rows holds the complete list of every measure it names, in
order; so every measure gets its list from such a sheet, empty where it has no row.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from integ_cli.i18n import _
from integ_cli.spreadsheet.layout import DECISION_NUMBER, ID, MEASURES_SHEET, NESTED, READ_ONLY, Layout, holders
from integ_cli.spreadsheet.parse import SAME_WHEN_EQUAL, empty, parse, same, text
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


def collect(
    tables: Tables, existing: set[str], problems: list[CellProblem], settled: Container[str] = ()
) -> list[Wanted]:
    """The measures the workbook names, with their parsed values; id problems reported.
    The rows of the measures in ``settled`` are not parsed (their values stay empty):
    a worker process has parsed them already, without a problem, and found that they
    change nothing (:func:`parsed`)."""
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
        if entry.measure_id is None or entry.measure_id not in settled:
            entry.values = _parse_row(row, entry, problems)
        wanted.append(entry)
        if measure_id is not None:
            by_id[measure_id] = entry
    for rows in tables.lists.values():
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
            if owner.measure_id is None or owner.measure_id not in settled:
                _add_item(owner, row, problems)
    for entry in wanted:  # every measure gets its complete list from a sheet that has rows
        for list_key in tables.lists:
            entry.items.setdefault(list_key, [])
    return wanted


def _add_item(owner: Wanted, row: Row, problems: list[CellProblem]) -> None:
    """A sub-sheet's row parsed into its measure's list (a nested sheet's row only where it names its decision)."""
    list_key = row.sheet.list_key
    assert list_key is not None  # a sub-sheet's
    values = _parse_row(row, owner, problems)
    if not row.sheet.parents or _numbered(row, values, problems):
        owner.items.setdefault(list_key, []).append((row, values))


#: The rows of one existing measure as plain values (so they travel to a worker process
#: cheaply): its row on the measures sheet (number and cells by column name; None where
#: it has none), and its sub-sheets' rows (the sheet's place in the layout, number, cells).
RawRows = tuple[tuple[int, dict[str, Any]] | None, list[tuple[int, int, dict[str, Any]]]]


def raw_rows(tables: Tables, existing: set[str]) -> dict[str, RawRows]:
    """The rows of every existing measure the workbook names, grouped as :func:`collect`
    groups them (an id's first row on the measures sheet), unparsed."""
    found: dict[str, RawRows] = {}
    for row in tables.measures or []:
        measure_id = _id_of(row)
        if measure_id is not None and measure_id in existing and measure_id not in found:
            found[measure_id] = ((row.number, row.cells), [])
    for rows in tables.lists.values():
        for row in rows:
            measure_id = _id_of(row)
            if measure_id is not None and measure_id in existing:
                found.setdefault(measure_id, (None, []))[1].append((row.position, row.number, row.cells))
    return found


def parsed(layout: Layout, measure_id: str, rows: RawRows, list_keys: Sequence[str]) -> tuple[Asked, bool]:
    """What ``rows`` (of :func:`raw_rows`) ask for, parsed as :func:`collect` parses
    them (``list_keys``: the sub-sheets that have rows), and whether they read without
    a problem (the problems themselves are :func:`collect`'s to report)."""
    problems: list[CellProblem] = []
    main, items = rows

    def row_of(position: int, number: int, cells: dict[str, Any]) -> Row:
        sheet = layout.sheets[position]
        return Row(sheet, sheet.title, number, cells, {}, position)

    entry = Wanted(measure_id, None if main is None else row_of(0, *main))
    if entry.row is not None:
        entry.values = _parse_row(entry.row, entry, problems)
    for position, number, cells in items:
        _add_item(entry, row_of(position, number, cells), problems)
    for list_key in list_keys:
        entry.items.setdefault(list_key, [])
    return asked(entry), not problems


def _id_of(row: Row) -> str | None:
    raw = row.cells.get(ID)
    if type(raw) is str:  # most ids: what blank() and text() make of a text, in one step
        return raw.replace("\r\n", "\n").strip() or None
    return None if blank(raw) else text(raw)


def _numbered(row: Row, values: dict[str, Any], problems: list[CellProblem]) -> bool:
    """Whether a nested sheet's row names its decision by a number; where not, a
    problem at its cell (an unreadable number is reported already)."""
    number = values.get(DECISION_NUMBER)
    if isinstance(number, int) and number >= 1:
        return True
    if DECISION_NUMBER in values or DECISION_NUMBER not in row.cells:
        message = _(
            "which decision is this row for? Write its number: 1 for the measure's first row on the sheet "
            "'{sheet}', 2 for the second, and so on"
        ).format(sheet=_decisions_sheet(row))
        problems.append(row.problem(DECISION_NUMBER, message, "missing-decision"))
    return False


def _decisions_sheet(row: Row) -> str:
    from integ_cli.spreadsheet.layout import SHEET_NAMES

    return SHEET_NAMES.get(row.sheet.parents[0], row.sheet.parents[0]) if row.sheet.parents else MEASURES_SHEET


def by_decision(rows: list[tuple[Row, dict[str, Any]]]) -> dict[int, list[tuple[Row, dict[str, Any]]]]:
    """A nested sheet's rows of one measure by the number of their decision, the
    number itself left out of the values."""
    groups: dict[int, list[tuple[Row, dict[str, Any]]]] = {}
    for row, values in rows:
        number = values[DECISION_NUMBER]
        groups.setdefault(number, []).append((row, {k: v for k, v in values.items() if k != DECISION_NUMBER}))
    return groups


def stray(entry: Wanted, data: Any) -> list[CellProblem]:
    """A problem at each nested row whose decision ``data`` (the record as it is to be)
    does not have."""
    problems: list[CellProblem] = []
    for list_key, rows in entry.items.items():
        if list_key not in NESTED:
            continue
        count = len(holders(data, NESTED[list_key]))
        for row, values in rows:
            if values[DECISION_NUMBER] > count:
                message = _(
                    "the measure has no decision {number} (it has {count}); number its decisions as its rows "
                    "stand on the sheet '{sheet}', from 1"
                ).format(number=values[DECISION_NUMBER], count=count, sheet=_decisions_sheet(row))
                problems.append(row.problem(DECISION_NUMBER, message, "unknown-decision"))
    return problems


#: The columns whose cells are not read back: on a sub-sheet, and on the measures sheet.
_NOT_READ = frozenset({ID})
_NOT_READ_MEASURES = frozenset({ID, *READ_ONLY})


def _parse_row(row: Row, wanted: Wanted, problems: list[CellProblem]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    columns = row.sheet.by_name
    skipped = _NOT_READ if row.sheet.list_key is not None else _NOT_READ_MEASURES
    for name, raw in row.cells.items():
        if raw is None:  # an empty cell: no value (it empties its key)
            if name not in skipped:
                values[name] = None
            continue
        if name in skipped:
            continue
        column = columns[name]
        try:
            values[name] = parse(column, raw)
        except ValueError as error:
            problem = row.problem(name, str(error), "cell-value")
            problems.append(problem)
            wanted.broken.add(problem.location)
    return values


def value_at(data: Any, path: Sequence[str | int]) -> Any:
    """The plain value at ``path`` in record data (plain or round-trip), None where absent."""
    from integ_cli.authoring import roundtrip as rt

    for part in path:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and 0 <= part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return rt.plain(data)


@cache
def key_path(name: str) -> tuple[str, ...]:
    """A column's name as the path of its value in a record (``decision.body``)."""
    return tuple(name.split("."))


def _plain_at(data: Any, path: Sequence[str | int]) -> Any:
    """:func:`value_at` in plain data (as loaded, without round-trip nodes to turn plain)."""
    for part in path:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and 0 <= part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data


#: What a measure's rows ask for, as plain data (so it travels to a worker process
#: cheaply): values by column name, and each sheet's items' values, by list key.
Asked = tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]


def asked(entry: Wanted) -> Asked:
    """The values ``entry``'s rows ask for, without the rows."""
    return entry.values, {key: [values for _row, values in rows] for key, rows in entry.items.items()}


def differs(data: dict[str, Any], wanted: Asked) -> bool:
    """Whether the workbook asks for any change to ``data`` (plain record data)."""
    values, lists = wanted
    for name, value in values.items():
        current = _plain_at(data, key_path(name))
        if type(value) is type(current) and type(value) in SAME_WHEN_EQUAL and value == current:
            continue  # most cells: equal, so same() need not be called
        if not same(value, current):
            return True
    for list_key, items in lists.items():
        if list_key not in NESTED:
            if _list_differs(items, data.get(list_key)):
                return True
            continue
        groups: dict[int, list[dict[str, Any]]] = {}
        for item in items:
            groups.setdefault(item[DECISION_NUMBER], []).append({k: v for k, v in item.items() if k != DECISION_NUMBER})
        paths = holders(data, NESTED[list_key])
        if any(number > len(paths) for number in groups):
            return True
        for number, path in enumerate(paths, start=1):
            if _list_differs(groups.get(number, []), _plain_at(data, [*path, list_key])):
                return True
    return False


def _list_differs(rows: list[dict[str, Any]], current: Any) -> bool:
    current = current if isinstance(current, list) else []
    if len(rows) != len(current):
        return True
    for values, item in zip(rows, current, strict=True):
        found = item if isinstance(item, dict) else {}
        for name, value in values.items():
            now = found.get(name)
            if type(value) is type(now) and type(value) in SAME_WHEN_EQUAL and value == now:
                continue  # most cells: equal, so same() need not be called
            if not same(value, now):
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
        if items and list_key not in NESTED:
            values[list_key] = items
    for list_key, rows in entry.items.items():  # once the decisions they lie in are there
        if list_key in NESTED:
            groups = by_decision(rows)
            for number, path in enumerate(holders(values, NESTED[list_key]), start=1):
                group = groups.get(number, [])
                items = [{k: v for k, v in row_values.items() if not empty(v)} for _row, row_values in group]
                if items:
                    _holder(values, path)[list_key] = items
    return values


def _holder(values: dict[str, Any], path: list[str | int]) -> dict[str, Any]:
    target: Any = values
    for part in path:
        target = target[part]
    assert isinstance(target, dict)
    return target
