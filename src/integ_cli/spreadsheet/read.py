"""Reading a workbook (or CSV) in the export's layout back into the measure files.

The rules, in the order they apply:

* **Columns by name.** A header is mapped by the property name in parentheses
  ("Titel (title)"); columns may move or be left out, and a column that is left out
  leaves its key untouched. A sub-sheet (Budget, Indikatoren, Links) without any
  row leaves the lists untouched; one with rows holds the complete list of every
  measure it names, in order.
* **Rows by id.** A row with the id of an existing measure updates it; a row without
  an id (or with a placeholder such as ``neu-1``, which the sub-sheets may refer to)
  becomes a new measure whose id is allocated as ``integ add`` does. Any other id is
  an error (a typo must not create a measure).
* **Only what changed.** A cell whose value equals the record's (as the export wrote
  it) is left alone, so an unchanged workbook changes nothing, byte for byte. A
  changed cell is written through :mod:`integ_cli.authoring.edits`, which keeps comments and
  formatting and sets ``updated``.
* **All or nothing.** Every row is checked first, by :func:`integ_cli.authoring.records.check`
  (validate's own rules, against the whole repository); where any problem is found,
  nothing is written, and every problem is reported at its cell:
  ``Maßnahmen!F12 (Zielgruppen): unknown target group 'jugend'; did you mean ...``.

Nothing here prints or exits. openpyxl is imported only to read a workbook.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from integ_cli.errors import UsageError
from integ_cli.problems import Problem, Severity
from integ_cli.spreadsheet.layout import (
    BOOLEAN,
    DATE,
    GUIDE_SHEET,
    ID,
    INTEGER,
    LIST,
    LISTS_SHEET,
    MEASURES_SHEET,
    NUMBER,
    READ_ONLY,
    Column,
    Layout,
    Sheet,
    column_letter,
    column_name,
    split_list,
)

if TYPE_CHECKING:
    from integ_cli.authoring.records import Result

#: Ids that stand for a new measure: ``neu``, ``neu-1``, ``neu-a`` (also ``new-...``).
PLACEHOLDER = re.compile(r"(neu|new)(-[a-z0-9]+)*", re.IGNORECASE)
_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_TRUE = {"true", "wahr", "ja", "yes", "x", "1"}
_FALSE = {"false", "falsch", "nein", "no", "0"}
_REQUIRED_KEY = re.compile(r"lacks the required key '([^']+)'")


class SheetError(UsageError):
    """The file cannot be read as a workbook or CSV at all (a usage error)."""


@dataclass(frozen=True, slots=True)
class CellProblem:
    """One problem, located where the user can find it in the spreadsheet."""

    #: "Maßnahmen!F12 (Zielgruppen)", "Budget row 4 (Jahr)" or "data/measures/x.yaml:3:1".
    location: str
    message: str
    code: str
    #: For ordering: sheet position, row, column index.
    order: tuple[int, int, int] = (0, 0, 0)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass(slots=True)
class Row:
    """One data row: its number in the sheet and its raw cells by column name."""

    sheet: Sheet
    title: str
    number: int
    cells: dict[str, Any]
    letters: dict[str, str]
    position: int = 0

    def where(self, name: str | None) -> tuple[str, tuple[int, int, int]]:
        """The location of this row's cell in column ``name`` (the row where there is none)."""
        column = self.sheet.column(name) if name else None
        label = f" ({column.label})" if column else ""
        if name in self.letters:
            letter = self.letters[name]
            index = sum(26**i * (ord(c) - 64) for i, c in enumerate(reversed(letter)))
            return f"{self.title}!{letter}{self.number}{label}", (self.position, self.number, index)
        return f"{self.title} row {self.number}{label}", (self.position, self.number, 0)

    def problem(self, name: str | None, message: str, code: str) -> CellProblem:
        location, order = self.where(name)
        return CellProblem(location, message, code, order)


@dataclass(slots=True)
class Change:
    """What the import does (or would do) to one measure."""

    action: str  # "add", "change" or "unchanged"
    measure_id: str
    rel: str
    changes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Outcome:
    """The result of an import: problems (nothing written) or the changes made."""

    problems: list[CellProblem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    written: bool = False

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)


@dataclass(slots=True)
class Tables:
    """What was read: the data rows per sheet (None: the sheet is not in the file)."""

    measures: list[Row] | None = None
    lists: dict[str, list[Row]] = field(default_factory=dict)
    problems: list[CellProblem] = field(default_factory=list)


# --- reading -----------------------------------------------------------------------------------------


def read(path: Path, layout: Layout) -> Tables:
    """Read an .xlsx or .csv file in ``layout``; SheetError where that is impossible."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt"):
        raise SheetError(f"cannot read {path}: expected an Excel workbook (.xlsx) or a CSV file (.csv)")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SheetError(f"cannot read {path}: {error.strerror or error}") from None
    if suffix in (".xlsx", ".xlsm"):
        return _tables(layout, _read_xlsx(raw, path, layout))
    try:
        grid = _read_csv(raw)
    except ValueError as error:
        raise SheetError(f"cannot read {path}: {error}") from None
    return _tables(layout, {MEASURES_SHEET: (path.name, grid)})


def _read_xlsx(raw: bytes, path: Path, layout: Layout) -> dict[str, tuple[str, list[list[Any]]]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise SheetError(f"cannot read {path} as an Excel workbook: {error}") from None
    try:
        found = {}
        for sheet in layout.sheets:
            if sheet.title in book.sheetnames:
                found[sheet.title] = (sheet.title, [list(r) for r in book[sheet.title].iter_rows(values_only=True)])
    finally:
        book.close()
    if not found:
        known = ", ".join(n for n in book.sheetnames if n not in (GUIDE_SHEET, LISTS_SHEET))
        raise SheetError(
            f"{path} has no sheet '{MEASURES_SHEET}' (it has: {known or 'none'}); "
            "start from 'integ export' or 'integ template'"
        )
    return found


def decode_csv(raw: bytes) -> str:
    """CSV text as Excel writes it: UTF-8 (with or without BOM), UTF-16 with a BOM
    ("Unicode Text"), else Windows-1252. ValueError for bytes that are no text."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw:
        raise ValueError("it holds NUL bytes, so it is not a text CSV file; save it from Excel as 'CSV UTF-8'")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def sniff_delimiter(text: str) -> str:
    """``;`` (German Excel), ``,`` or a tab: whichever the header line uses most."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _read_csv(raw: bytes) -> list[list[Any]]:
    text = decode_csv(raw)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    return [[cell if cell != "" else None for cell in row] for row in reader]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _tables(layout: Layout, found: dict[str, tuple[str, list[list[Any]]]]) -> Tables:
    from integ_cli.suggest import did_you_mean

    tables = Tables()
    for position, sheet in enumerate(layout.sheets):
        if sheet.title not in found:
            continue
        title, grid = found[sheet.title]
        header = grid[0] if grid else []
        names: dict[int, str] = {}
        letters: dict[str, str] = {}
        known = [c.name for c in sheet.columns]
        for index, cell in enumerate(header):
            if _blank(cell):
                continue
            letter = column_letter(index)
            name = column_name(cell)
            where = f"{title}!{letter}1"
            order = (position, 1, index + 1)
            if name is None or sheet.column(name) is None:
                shown = name or str(cell).strip()
                hint = (
                    did_you_mean(shown, known)
                    or f"; columns are named like 'Titel (title)' with one of: {', '.join(known)}"
                )
                tables.problems.append(CellProblem(where, f"unknown column '{shown}'{hint}", "unknown-column", order))
            elif name in letters:
                tables.problems.append(
                    CellProblem(
                        where, f"the column '{name}' appears twice (also {letters[name]}1)", "duplicate-column", order
                    )
                )
            else:
                names[index], letters[name] = name, letter
        if ID not in letters:
            tables.problems.append(
                CellProblem(
                    f"{title}!A1",
                    f"there is no column '{sheet.columns[0].header}'; every sheet needs the measures' ids",
                    "missing-column",
                    (position, 1, 0),
                )
            )
            continue
        rows = []
        for number, values in enumerate(grid[1:], start=2):
            cells = {names[i]: v for i, v in enumerate(values) if i in names}
            if all(_blank(v) for v in cells.values()):
                continue
            rows.append(Row(sheet, title, number, cells, letters, position))
        if sheet.list_key is None:
            tables.measures = rows
        elif rows:  # a sub-sheet without rows leaves every list as it is
            tables.lists[sheet.list_key] = rows
    return tables


# --- cells to values -----------------------------------------------------------------------------------


def parse(column: Column, raw: Any) -> Any:
    """The value a cell stands for, by the column's kind; None for an empty cell.
    ValueError (with a message for the user) where the cell cannot be read."""
    if _blank(raw):
        return None
    kind = column.kind
    if kind == LIST:
        return split_list(_as_text(raw))
    if kind == BOOLEAN:
        if isinstance(raw, bool):
            return raw
        text = _as_text(raw).lower()
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise ValueError(f"'{_as_text(raw)}' is not true or false (write true/false or WAHR/FALSCH)")
    if kind in (INTEGER, NUMBER):
        return _number(raw, kind == INTEGER)
    if kind == DATE:
        if isinstance(raw, datetime.datetime):
            return raw.date().isoformat()
        if isinstance(raw, datetime.date):
            return raw.isoformat()
        text = _as_text(raw)
        german = _GERMAN_DATE.fullmatch(text)
        if german:
            day, month, year = (int(g) for g in german.groups())
            return f"{year:04d}-{month:02d}-{day:02d}"
        return re.sub(r"^(\d{4}-\d{2}-\d{2})[ T]00:00(:00)?$", r"\1", text)
    return _as_text(raw)


def _as_text(raw: Any) -> str:
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat() if raw.time() == datetime.time() else raw.isoformat()
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    return str(raw).replace("\r\n", "\n").strip()


def _number(raw: Any, whole: bool) -> int | float:
    from integ_cli.authoring.records import parse_amount

    if isinstance(raw, (bool, datetime.date, datetime.time)):
        raise ValueError(f"'{_as_text(raw)}' is not a number")
    if isinstance(raw, int | float):
        value: int | float = raw
    else:
        value = parse_amount(_as_text(raw))
    if isinstance(value, float) and value.is_integer() and whole:
        value = int(value)
    if whole and not isinstance(value, int):
        raise ValueError(f"'{_as_text(raw)}' is not a whole number")
    return value


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {} or (isinstance(value, str) and not value.strip())


def same(value: Any, current: Any) -> bool:
    """Whether a cell's value equals the record's current value as far as the
    spreadsheet can tell (so the cell is left alone)."""
    if _empty(value) and _empty(current):
        return True
    if isinstance(value, bool) or isinstance(current, bool):
        return isinstance(value, bool) and isinstance(current, bool) and value == current
    if isinstance(value, str) and isinstance(current, str):
        return value.replace("\r\n", "\n").strip() == current.replace("\r\n", "\n").strip()
    if isinstance(value, int | float) and isinstance(current, int | float):
        return value == current
    if isinstance(value, list) and isinstance(current, list):
        return len(value) == len(current) and all(same(v, c) for v, c in zip(value, current, strict=True))
    if isinstance(value, str) and isinstance(current, int | float):
        return value == str(current)
    return bool(value == current)


# --- what a row asks for -------------------------------------------------------------------------------


@dataclass(slots=True)
class Wanted:
    """One measure as the workbook wants it: values by column name, list items by key."""

    measure_id: str | None  # None: a new measure
    row: Row | None  # its row on the measures sheet (None: named on a sub-sheet only)
    values: dict[str, Any] = field(default_factory=dict)
    items: dict[str, list[tuple[Row, dict[str, Any]]]] = field(default_factory=dict)
    #: Locations of the cells that could not be read.
    broken: set[str] = field(default_factory=set)


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


def _collect(tables: Tables, existing: set[str], problems: list[CellProblem]) -> list[Wanted]:
    """The measures the workbook names, with their parsed values; id problems reported."""
    from integ_cli.suggest import did_you_mean

    wanted: list[Wanted] = []
    by_id: dict[str, Wanted] = {}
    first_row: dict[str, int] = {}
    new_hint = " (for a new measure leave the id empty, or write a placeholder such as neu-1)"
    for row in tables.measures or []:
        raw_id = row.cells.get(ID)
        measure_id = None if _blank(raw_id) else _as_text(raw_id)
        if measure_id is not None and measure_id in first_row:
            problems.append(
                row.problem(ID, f"'{measure_id}' has a row already (row {first_row[measure_id]})", "duplicate-id")
            )
            continue
        if measure_id is not None:
            first_row[measure_id] = row.number
        if measure_id is not None and measure_id not in existing and not PLACEHOLDER.fullmatch(measure_id):
            hint = did_you_mean(measure_id, existing)
            problems.append(row.problem(ID, f"unknown measure '{measure_id}'{hint}{new_hint}", "unknown-measure"))
            continue
        entry = Wanted(measure_id if measure_id in existing else None, row)
        entry.values = _parse_row(row, entry, problems)
        wanted.append(entry)
        if measure_id is not None:
            by_id[measure_id] = entry
    for list_key, rows in tables.lists.items():
        for row in rows:
            raw_id = row.cells.get(ID)
            measure_id = None if _blank(raw_id) else _as_text(raw_id)
            if measure_id is None:
                problems.append(
                    row.problem(ID, "the measure's id is empty; which measure is this row for?", "missing-id")
                )
                continue
            owner = by_id.get(measure_id)
            if owner is None and measure_id in existing:
                owner = by_id[measure_id] = Wanted(measure_id, None)
                wanted.append(owner)
            if owner is None:
                hint = did_you_mean(measure_id, existing) or (
                    f"; the placeholder needs a row on the sheet '{MEASURES_SHEET}'"
                    if PLACEHOLDER.fullmatch(measure_id)
                    else ""
                )
                problems.append(row.problem(ID, f"unknown measure '{measure_id}'{hint}", "unknown-measure"))
                continue
            owner.items.setdefault(list_key, []).append((row, _parse_row(row, owner, problems)))
    for entry in wanted:  # every measure gets its complete list from a sheet that has rows
        for list_key in tables.lists:
            entry.items.setdefault(list_key, [])
    return wanted


# --- the edit of an existing measure -------------------------------------------------------------------


def _get(data: Any, path: Sequence[str]) -> Any:
    from integ_cli.authoring import roundtrip as rt

    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    return rt.plain(data)


def differs(data: dict[str, Any], entry: Wanted) -> bool:
    """Whether the workbook asks for any change to ``data`` (plain record data)."""
    for name, value in entry.values.items():
        if not same(value, _get(data, name.split("."))):
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


def _edit(entry: Wanted) -> Callable[[Any, dict[str, Any]], list[str]]:
    """The Edit (integ_cli.authoring.edits) that makes a measure what its rows say (changed cells only)."""

    def edit(data: Any, schema: dict[str, Any]) -> list[str]:
        from integ_cli.authoring import roundtrip as rt
        from integ_cli.authoring.edits import assign

        changes: list[str] = []
        parents: set[str] = set()
        for name, value in entry.values.items():
            path = name.split(".")
            if same(value, _get(data, path)):
                continue
            if len(path) > 1:
                parents.add(path[0])
            if isinstance(value, list) and value:
                changes += _sync_ids(data, schema, path[0], value)
            else:
                changes += assign(list(path), None if _empty(value) else value)(data, schema)
        for parent in parents:  # a mapping whose every key was emptied goes too
            if isinstance(data.get(parent), dict) and not data[parent]:
                rt.remove_key(data, parent)
        for list_key, rows in entry.items.items():
            changes += _sync_items(data, schema, list_key, [values for _row, values in rows])
        return changes

    return edit


def _sync_ids(data: Any, schema: dict[str, Any], key: str, new: list[str]) -> list[str]:
    """Make the list at ``key`` hold ``new``: remove and insert single items, so comments
    and the style of the others stay; a reordered list is written anew."""
    from ruamel.yaml.comments import CommentedSeq

    from integ_cli.authoring import roundtrip as rt
    from integ_cli.authoring.edits import assign

    current = data.get(key)
    old = [str(rt.plain(v)) for v in current] if isinstance(current, CommentedSeq) else None
    if old is None or not set(old) & set(new) or sorted(old) == sorted(new):
        return assign([key], new)(data, schema)
    removed = [v for v in old if v not in new]
    for value in removed:
        rt.remove_item(current, [str(rt.plain(v)) for v in current].index(value))
    for position, value in enumerate(new):
        if position >= len(current) or str(rt.plain(current[position])) != value:
            rt.insert_item(current, position, rt.styled(value))
    if [str(rt.plain(v)) for v in current] != new:  # pragma: no cover - duplicates typed twice
        return assign([key], new)(data, schema)
    added = [v for v in new if v not in old]
    parts = ([f"added {', '.join(added)}"] if added else []) + ([f"removed {', '.join(removed)}"] if removed else [])
    return [f"{key}: {'; '.join(parts)}"]


def _sync_items(data: Any, schema: dict[str, Any], key: str, rows: list[dict[str, Any]]) -> list[str]:
    """Make the list of mappings at ``key`` hold one item per row, changing only the
    cells that differ; rows beyond the list are added, items beyond the rows removed."""
    from ruamel.yaml.comments import CommentedSeq

    from integ_cli.authoring import roundtrip as rt
    from integ_cli.authoring.edits import assign, ordered

    current = data.get(key)
    items = [{k: v for k, v in values.items() if not _empty(v)} for values in rows]
    if not isinstance(current, CommentedSeq):
        if not items and current is None:
            return []
        return assign([key], items or None)(data, schema)
    changes: list[str] = []
    for index, values in enumerate(rows[: len(current)]):
        item = current[index]
        for name, value in values.items():
            if not same(value, rt.plain(item.get(name)) if isinstance(item, dict) else None):
                changes += assign([key, index, name], None if _empty(value) else value)(data, schema)
    for index in range(len(current), len(items)):
        rt.insert_item(current, index, rt.node(ordered(items[index], schema, [key, 0]), indent=4))
        changes.append(f"{key}[{index}] added: {', '.join(rt.show(v) for v in items[index].values())}")
    for index in range(len(current) - 1, len(items) - 1, -1):
        shown = rt.show(current[index])
        lines = rt.remove_item(current, index)
        changes.append(f"{key}[{index}] removed (was {shown})")
        if not current:
            rt.remove_key(data, key, lines)
    return changes


# --- the import -----------------------------------------------------------------------------------------


def _record_values(entry: Wanted) -> dict[str, Any]:
    """A new measure's values from its row and sub-sheet rows (empty cells left out)."""
    values: dict[str, Any] = {}
    for name, value in entry.values.items():
        if _empty(value):
            continue
        *parents, last = name.split(".")
        target = values
        for parent in parents:
            target = target.setdefault(parent, {})
        target[last] = value
    for list_key, rows in entry.items.items():
        items = [{k: v for k, v in values_.items() if not _empty(v)} for _row, values_ in rows]
        if items:
            values[list_key] = items
    return values


def _path_parts(path: str) -> list[str | int]:
    return [int(i) if i else n for n, i in re.findall(r"([A-Za-z0-9_-]+)|\[(\d+)\]", path)]


def locate(problem: Problem, entry: Wanted, layout: Layout) -> CellProblem:
    """A validate Problem about the record of ``entry``, placed at the cell it comes from."""
    parts = _path_parts(problem.path)
    missing = _REQUIRED_KEY.search(problem.message)
    if missing:
        parts.append(missing.group(1))
        problem = replace(problem, message=f"'{missing.group(1)}' is required; this cell must not be empty")
    fallback = f"{problem.file}:{problem.line}:{problem.column}" if problem.line else problem.file
    if parts and isinstance(parts[0], str) and layout.for_list(parts[0]) is not None:
        rows = entry.items.get(parts[0])
        index = parts[1] if len(parts) > 1 and isinstance(parts[1], int) else None
        if rows is not None and index is not None and index < len(rows):
            name = parts[2] if len(parts) > 2 and isinstance(parts[2], str) else None
            return rows[index][0].problem(name or ID, problem.message, problem.code)
        if rows is not None and index is None and entry.row is not None:
            return entry.row.problem(ID, problem.message, problem.code)
        return CellProblem(fallback, problem.message, problem.code, (99, 0, 0))
    names = [str(p) for p in parts if isinstance(p, str)]
    if entry.row is None:
        return CellProblem(fallback, problem.message, problem.code, (99, 0, 0))
    sheet = entry.row.sheet
    for length in range(len(names), 0, -1):
        name = ".".join(names[:length])
        if sheet.column(name) is not None:
            if missing and name not in entry.row.letters:
                problem = replace(problem, message=f"'{name}' is required; the sheet has no column for it")
            return entry.row.problem(name, problem.message, problem.code)
    prefix = next((c.name for c in sheet.columns if names and c.name.startswith(names[0] + ".")), None)
    return entry.row.problem(prefix or ID, problem.message, problem.code)


def import_workbook(root: Path, path: Path, *, dry_run: bool = False) -> Outcome:
    """Import the workbook or CSV at ``path`` into the repository at ``root``.

    Every row is checked first; where anything is wrong, the Outcome lists every
    problem and nothing is written. ``dry_run`` checks and reports the changes but
    writes nothing. SheetError where the file cannot be read at all.
    """
    from integ_cli.authoring.records import measure_schema, today
    from integ_cli.checking.catalogue import reusing_context
    from integ_cli.files.repository import DATA, MEASURES
    from integ_cli.spreadsheet.layout import layout_for

    schema = measure_schema(root)
    layout = layout_for(schema)
    tables = read(path, layout)
    folder = root / DATA / MEASURES
    existing = {p.name[: -len(".yaml")] for p in folder.glob("*.yaml")} if folder.is_dir() else set()
    outcome = Outcome(problems=list(tables.problems))
    wanted = _collect(tables, existing, outcome.problems)
    date = today()  # as edit_measure dates the records it changes
    plans: list[_Plan] = []
    numbers: dict[str, int] = {}
    with reusing_context(root):  # every row is checked before anything is written
        for entry in wanted:
            if entry.measure_id is None:
                change, values = _plan_new(root, entry, layout, schema, date, numbers, outcome.problems)
                plans.append(_Plan(entry, change, values=values))
            else:
                change, checked = _plan_edit(root, entry, layout, outcome.problems)
                plans.append(_Plan(entry, change, checked=checked))
    outcome.problems = sorted(dict.fromkeys(outcome.problems), key=lambda p: p.order)
    outcome.changes = [plan.change for plan in plans]
    if outcome.problems or dry_run:
        return outcome
    _write(root, plans, outcome, layout, date)
    return outcome


def _plan_new(
    root: Path,
    entry: Wanted,
    layout: Layout,
    schema: dict[str, Any],
    date: str,
    numbers: dict[str, int],
    problems: list[CellProblem],
) -> tuple[Change, dict[str, Any]]:
    from integ_cli.authoring.records import check, format_id, measure_file, new_measure, next_number, render_measure

    values = _record_values(entry)
    field_id = values.get("field")
    if isinstance(field_id, str) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", field_id):
        if field_id not in numbers:
            numbers[field_id] = next_number(root, field_id)
        measure_id = format_id(field_id, numbers[field_id])
        numbers[field_id] += 1
    else:
        measure_id = "new-measure"
    record = measure_file(root, measure_id)
    text = render_measure(new_measure(values, measure_id, schema, date))
    _report(check(root, record, text), entry, layout, problems)
    return Change("add", measure_id, record.rel, [str(values.get("title", ""))]), values


@dataclass(slots=True)
class _Plan:
    """One measure's planned change: a new record's values, or the checked edit."""

    entry: Wanted
    change: Change
    values: dict[str, Any] | None = None
    checked: Result | None = None


def _plan_edit(root: Path, entry: Wanted, layout: Layout, problems: list[CellProblem]) -> tuple[Change, Result | None]:
    from integ_cli.authoring.records import edit_measure, measure_file
    from integ_cli.files.loading import LoadProblem, load_document

    assert entry.measure_id is not None
    record = measure_file(root, entry.measure_id)
    try:
        document = load_document(record.path.read_bytes(), record.rel)
    except LoadProblem:
        document = None
    if document is not None and isinstance(document.data, dict) and not differs(document.data, entry):
        return Change("unchanged", entry.measure_id, record.rel), None
    result = edit_measure(root, entry.measure_id, _edit(entry), dry_run=True)
    _report(result.problems, entry, layout, problems)
    action = "change" if result.changes else "unchanged"
    return Change(action, entry.measure_id, record.rel, result.changes), result


def _report(found: Iterable[Problem], entry: Wanted, layout: Layout, problems: list[CellProblem]) -> None:
    """Add the errors among ``found``, placed at their cells; a cell that could not be
    read is reported once (not again for the value it left missing)."""
    for problem in found:
        if problem.severity is not Severity.ERROR:
            continue
        located = locate(problem, entry, layout)
        if located not in problems and located.location not in entry.broken:
            problems.append(located)


def _write(root: Path, plans: list[_Plan], outcome: Outcome, layout: Layout, date: str) -> None:
    """Write every planned change (all rows were checked). An edit writes the text that
    was checked, under the file's lock, unless the file changed meanwhile: then the edit
    is made, and checked, again on the new content (and not written if someone else's
    change conflicts)."""
    from integ_cli.authoring.records import create_measure, edit_measure, write_if_unchanged

    for plan in plans:
        entry, change, checked = plan.entry, plan.change, plan.checked
        if change.action == "add" and plan.values is not None:
            result = create_measure(root, plan.values, date=date)
            change.measure_id, change.rel = result.record_id, result.rel
        elif change.action == "change" and checked is not None and entry.measure_id is not None:
            # ``before`` was decoded from a file that parsed, so it encodes back to its bytes.
            if write_if_unchanged(root, checked.path, checked.before.encode("utf-8"), checked.text):
                outcome.written = True
                continue
            result = edit_measure(root, entry.measure_id, _edit(entry))
            change.changes = result.changes
            if result.conflict:
                outcome.problems.append(
                    CellProblem(result.rel, "changed by someone else during the import; not written", "conflict")
                )
        else:
            continue
        _report(result.problems, entry, layout, outcome.problems)
        outcome.written = outcome.written or result.written
