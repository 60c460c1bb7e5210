"""Reading a workbook (or CSV) in the export's layout: its cells, by sheet, row and column.

Columns are mapped by the property name in parentheses ("Titel (title)"), so they may
move or be left out; an unknown or doubled column is a problem at its header cell.
A sub-sheet (Budget, Indikatoren, Links) without any data row is left out of the
result: it leaves every list alone. What the cells mean is :mod:`.parse`'s job and
:mod:`.wanted`'s; this module only knows where each cell stands.

A workbook is read as a stream by :mod:`.xlsx`, within the limits of
:mod:`integ_cli.files.limits`; a formula stands in its cell as :class:`.cells.Unreadable`
and is reported there. Nothing here prints or exits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from integ_cli.errors import UsageError
from integ_cli.i18n import _
from integ_cli.spreadsheet.cells import Grid, Unreadable, grid_of
from integ_cli.spreadsheet.layout import (
    GUIDE_SHEET,
    ID,
    LISTS_SHEET,
    MEASURES_SHEET,
    Layout,
    Sheet,
    column_letter,
    column_name,
)
from integ_cli.spreadsheet.xlsx import WorkbookError, read_workbook

#: The order of a problem that has no cell (after every sheet).
NO_CELL = (99, 0, 0)


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
    #: The column letter of every column the sheet has, by name.
    letters: dict[str, str]
    #: The sheet's position in the layout (for ordering problems).
    position: int = 0

    def where(self, name: str | None) -> tuple[str, tuple[int, int, int]]:
        """The location of this row's cell in column ``name`` (the row where there is none)."""
        column = self.sheet.column(name) if name else None
        label = f" ({column.label})" if column else ""
        if name in self.letters:
            letter = self.letters[name]
            index = sum(26**i * (ord(c) - 64) for i, c in enumerate(reversed(letter)))
            return f"{self.title}!{letter}{self.number}{label}", (self.position, self.number, index)
        return _("{sheet} row {row}").format(sheet=self.title, row=self.number) + label, (self.position, self.number, 0)

    def problem(self, name: str | None, message: str, code: str) -> CellProblem:
        location, order = self.where(name)
        return CellProblem(location, message, code, order)


@dataclass(slots=True)
class Tables:
    """What was read: the data rows per sheet (None: the sheet is not in the file)."""

    measures: list[Row] | None = None
    lists: dict[str, list[Row]] = field(default_factory=dict)
    problems: list[CellProblem] = field(default_factory=list)


def read(path: Path, layout: Layout, workers: tuple[Any, int] | None = None) -> Tables:
    """Read an .xlsx or .csv file in ``layout``; SheetError where that is impossible.
    What lies past the limits of :mod:`integ_cli.files.limits` is not read: a cell
    there is a problem at its place (so nothing is written). ``workers`` (a process
    pool and its size): a workbook's sub-sheets are read there meanwhile."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt"):
        raise SheetError(
            _("cannot read {file}: expected an Excel workbook (.xlsx) or a CSV file (.csv)").format(file=path)
        )
    try:
        found = (
            _read_xlsx(path, layout, workers)
            if suffix in (".xlsx", ".xlsm")
            else {MEASURES_SHEET: (path.name, _csv(path))}
        )
    except OSError as error:
        raise SheetError(_("cannot read {file}: {reason}").format(file=path, reason=error.strerror or error)) from None
    return _tables(layout, found)


def _csv(path: Path) -> Grid:
    from integ_cli.files import limits
    from integ_cli.spreadsheet.csvdialect import read_rows

    chunks, size = [], 0
    with path.open("rb") as stream:  # in pieces: read(limit) would reserve the whole limit first
        while size <= limits.MAX_SHEET_BYTES and (chunk := stream.read(1 << 20)):
            chunks.append(chunk)
            size += len(chunk)
    raw = b"".join(chunks)
    if len(raw) > limits.MAX_SHEET_BYTES:
        reason = _("it is larger than {limit} bytes, the most integ reads (setting INTEG_MAX_SHEET_BYTES)")
        raise SheetError(
            _("cannot read {file}: {reason}").format(
                file=path, reason=reason.format(limit=limits.shown(limits.MAX_SHEET_BYTES))
            )
        )
    try:
        return grid_of(read_rows(raw))
    except ValueError as error:
        raise SheetError(_("cannot read {file}: {reason}").format(file=path, reason=error)) from None


def _read_xlsx(path: Path, layout: Layout, workers: tuple[Any, int] | None) -> dict[str, tuple[str, Grid]]:
    try:
        book = read_workbook(path, [sheet.title for sheet in layout.sheets], workers)
    except WorkbookError as error:
        message = _("cannot read {file} as an Excel workbook: {reason}").format(file=path, reason=error)
        raise SheetError(message) from None
    if not book.grids:
        known = ", ".join(n for n in book.names if n not in (GUIDE_SHEET, LISTS_SHEET))
        raise SheetError(
            _("{file} has no sheet '{sheet}' (it has: {sheets}); start from 'integ export' or 'integ template'").format(
                file=path, sheet=MEASURES_SHEET, sheets=known or _("none")
            )
        )
    return {title: (title, grid) for title, grid in book.grids.items()}


def blank(value: Any) -> bool:
    """Whether a cell is empty (nothing, or only blanks)."""
    return value is None or (isinstance(value, str) and not value.strip())


def _tables(layout: Layout, found: dict[str, tuple[str, Grid]]) -> Tables:
    tables = Tables()
    for position, sheet in enumerate(layout.sheets):
        if sheet.title not in found:
            continue
        title, grid = found[sheet.title]
        tables.problems.extend(
            CellProblem(f"{title}!{o.cell}", o.message, "sheet-limit", (position, o.row, o.column))
            for o in grid.overflow
        )
        header = grid.rows[0][1] if grid.rows and grid.rows[0][0] == 1 else {}
        names, letters, moved = _header(sheet, title, position, header, tables.problems)
        if ID not in letters:
            tables.problems.append(
                CellProblem(
                    f"{title}!A1",
                    _("there is no column '{column}'; every sheet needs the measures' ids").format(
                        column=sheet.columns[0].header
                    ),
                    "missing-column",
                    (position, 1, 0),
                )
            )
            continue
        rows = []
        ragged = grid.ragged
        for number, values in grid.rows:
            # an empty cell empties its key; a CSV row shorter than the header leaves the rest alone
            if ragged:
                cells = {name: values.get(i) for i, name in names.items() if i in values}
            else:
                cells = {name: values.get(i) for i, name in names.items()}
            for index, name in moved.items():
                if number > 1 and not blank(values.get(index)):
                    message = _(
                        "the column '{column}' is no longer read: its values have a sheet of their own, '{sheet}', "
                        "one row per entry; move them there (a new export shows how)"
                    ).format(column=name, sheet=sheet.moved[name])
                    where = f"{title}!{column_letter(index)}{number}"
                    tables.problems.append(CellProblem(where, message, "moved-column", (position, number, index + 1)))
            if number == 1 or all(blank(v) for i, v in values.items() if i in names):  # the others are empty
                continue
            row = Row(sheet, title, number, cells, letters, position)
            key = cells.get(ID)
            if isinstance(key, Unreadable):  # which measure the row is for cannot be told
                tables.problems.append(row.problem(ID, key.message, "cell-value"))
                continue
            rows.append(row)
        if sheet.list_key is None:
            tables.measures = rows
        elif rows:  # a sub-sheet without rows leaves every list as it is
            tables.lists[sheet.list_key] = rows
    return tables


def _header(
    sheet: Sheet, title: str, position: int, header: dict[int, Any], problems: list[CellProblem]
) -> tuple[dict[int, str], dict[str, str], dict[int, str]]:
    """The column name at each index of the header row, each name's letter, and the
    columns an older layout had here (:attr:`Sheet.moved`) by index; unknown and
    doubled columns reported at their header cells."""
    from integ_cli.suggest import did_you_mean

    names: dict[int, str] = {}
    letters: dict[str, str] = {}
    moved: dict[int, str] = {}
    known = [c.name for c in sheet.columns]
    for index, cell in sorted(header.items()):
        if blank(cell):
            continue
        letter = column_letter(index)
        where = f"{title}!{letter}1"
        order = (position, 1, index + 1)
        if isinstance(cell, Unreadable):
            problems.append(CellProblem(where, cell.message, "cell-value", order))
            continue
        name = column_name(cell)
        if name is not None and name in sheet.moved:
            moved[index] = name
        elif name is None or sheet.column(name) is None:
            shown = name or str(cell).strip()
            hint = did_you_mean(shown, known)
            message = (
                _("unknown column '{column}'{hint}").format(column=shown, hint=hint)
                if hint
                else _("unknown column '{column}'; columns are named like 'Titel (title)' with one of: {names}").format(
                    column=shown, names=", ".join(known)
                )
            )
            problems.append(CellProblem(where, message, "unknown-column", order))
        elif name in letters:
            problems.append(
                CellProblem(
                    where,
                    _("the column '{column}' appears twice (also {cell})").format(
                        column=name, cell=f"{letters[name]}1"
                    ),
                    "duplicate-column",
                    order,
                )
            )
        else:
            names[index], letters[name] = name, letter
    return names, letters, moved
