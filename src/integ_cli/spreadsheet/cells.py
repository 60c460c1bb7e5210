"""A sheet's cells as expat hands them over (or :meth:`SheetCells.take` reads its plain
rows): filled cells by row, each value as Excel means it.

Only filled cells are kept (a sheet's declared size is never trusted), as text,
number, bool or date (a number in a date format). A formula (its ``<f>`` element,
whether or not a value was saved with it), an error value, a text longer than
:data:`~integ_cli.files.limits.MAX_CELL_CHARS` and a reference to a shared string the
file lacks stand in their cell as :class:`Unreadable`, so each is reported at its
cell. A cell past the row, column or cell limits is an :class:`Overflow`. CSV rows
go through the same limits (:func:`grid_of`). Which parts hold the cells is
:mod:`.xlsx`'s job.
"""

from __future__ import annotations

import contextlib
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from integ_cli.files import limits
from integ_cli.i18n import _
from integ_cli.spreadsheet.layout import column_letter

#: Where Excel's day numbers start (day 1 is 1 January 1900; the 1904 system starts later).
EPOCH = datetime.datetime(1899, 12, 30)


class Stop(Exception):
    """Raised inside the parser to stop reading a sheet (a limit was reached)."""


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A cell integ does not read as a value; the message says why and what to write."""

    message: str


@dataclass(frozen=True, slots=True)
class Overflow:
    """A cell past a limit: its reference (``XFD1048576``), row and column number, the message."""

    cell: str
    row: int
    column: int
    message: str


@dataclass(slots=True)
class Grid:
    """One sheet's filled cells: (row number, {column index from 0: value}), and its overflows."""

    rows: list[tuple[int, dict[int, Any]]] = field(default_factory=list)
    overflow: list[Overflow] = field(default_factory=list)
    #: A CSV file's: its rows hold None for their empty cells, and a row shorter than
    #: the header lacks the rest (a sheet's cells are all there, empty or not).
    ragged: bool = False


@dataclass(slots=True)
class Counter:
    """The filled cells a workbook or CSV file may still hold (:data:`limits.MAX_SHEET_CELLS`)."""

    left: int = field(default_factory=lambda: limits.MAX_SHEET_CELLS)


class SheetCells:
    """The expat handlers of one sheet: filled cells into rows, a formula or a limit noted at its cell."""

    def __init__(self, counter: Counter, strings: list[Any], dates: set[int], epoch: datetime.datetime) -> None:
        self.counter, self.strings, self.dates, self.epoch = counter, strings, dates, epoch
        self.grid = Grid()
        self.row = 0
        self.cells: dict[int, Any] | None = None
        self.column = -1
        self.kind, self.style = "n", ""
        self.formula = self.collect = self.wide = False
        self.phonetic = 0
        self.parts: list[str] = []
        self.size = 0

    def begin(self) -> None:
        self.parts, self.size, self.formula = [], 0, False

    def text(self) -> str:
        return "".join(self.parts)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _TAGS.get(name) or local(name)
        if tag == "c":
            self.parts, self.size, self.formula = [], 0, False
            ref = attrs.get("r", "")
            letters = ref.rstrip("0123456789")
            column = _COLUMNS.get(letters)
            self.column = column if column is not None else _column(letters, self.column)
            self.kind, self.style = attrs.get("t", "n"), attrs.get("s", "")
        elif tag == "v" or tag == "t":
            self.collect = True
        elif tag == "row":
            number = attrs.get("r", "")
            self.row = int(number) if number.isdigit() and len(number) < 10 else self.row + 1
            self.column, self.cells = -1, {}
        elif tag == "f":
            self.formula = True
        elif tag == "rPh":  # a phonetic guide (Japanese), not part of the text
            self.phonetic += 1

    def data(self, text: str) -> None:
        if self.collect and not self.phonetic and self.size <= limits.MAX_CELL_CHARS:
            self.parts.append(text)
            self.size += len(text)

    def end(self, name: str) -> None:
        tag = _TAGS.get(name) or local(name)
        if tag == "v" or tag == "t":
            self.collect = False
        elif tag == "c":
            if self.cells is not None:
                self.put(self.value())
        elif tag == "row":
            if self.cells:
                self.grid.rows.append((self.row, self.cells))
            self.cells = None
        elif tag == "rPh":
            self.phonetic -= 1

    def overflow(self, message: str) -> None:
        cell = f"{column_letter(self.column)}{self.row}"
        self.grid.overflow.append(Overflow(cell, self.row, self.column + 1, message))

    def put(self, value: Any) -> None:
        """Keep a filled cell of the current row; a cell past a limit is noted instead."""
        if value is None or value == "" or self.cells is None:
            return
        if self.row > limits.MAX_SHEET_ROWS:
            message = _(
                "the sheet goes on past row {limit}; integ reads at most {limit} rows "
                "(setting INTEG_MAX_SHEET_ROWS): delete the rows below"
            )
            self.overflow(message.format(limit=limits.shown(limits.MAX_SHEET_ROWS)))
            raise Stop
        if self.column >= limits.MAX_SHEET_COLUMNS:
            if not self.wide:  # once per sheet: more such cells say nothing new
                self.wide = True
                message = _(
                    "a cell beyond column {limit} ({letter}); integ reads at most {limit} columns "
                    "(setting INTEG_MAX_SHEET_COLUMNS): delete it"
                )
                last = column_letter(limits.MAX_SHEET_COLUMNS - 1)
                self.overflow(message.format(limit=limits.shown(limits.MAX_SHEET_COLUMNS), letter=last))
            return
        self.counter.left -= 1
        if self.counter.left < 0:
            self.overflow(cells_message())
            raise Stop
        self.cells[self.column] = value

    def value(self) -> Any:
        """The cell just read: text, number, bool, date, or Unreadable."""
        if self.formula:
            return Unreadable(_("a formula; integ reads values only — paste the value instead"))
        if self.size > limits.MAX_CELL_CHARS:
            return too_long()
        parts = self.parts
        return self.decoded(self.kind, parts[0] if len(parts) == 1 else "".join(parts))

    def take(self, text: str, start: int, prefixed: bool = False) -> int:
        """Read the rows of ``text`` (a sheet's ``<sheetData>``, decoded) from ``start``
        as long as each is written as Excel and integ write them (see :data:`_ROW`), and
        return where the first one that is not begins (or the end). ``prefixed``: the
        prefix ``x14ac`` is declared where the rows stand (Excel declares it and writes
        ``x14ac:dyDescent`` on every row; where it is not declared, expat says so). Each cell goes
        through the same :meth:`decoded` and :meth:`put` as the expat handlers' do: this
        is only a shorter way to the same cells (a sheet in half the time), for the rows
        it knows; whatever else a sheet holds is read by expat (:mod:`.xlsx` decides)."""
        match = _ROW.match
        find = _CELL.findall
        columns = _COLUMNS
        put, decoded, rows = self.put, self.decoded, self.grid.rows
        counter = self.counter
        dates = {str(index) for index in self.dates}
        row = self.row
        at = start
        while (found := match(text, at)) is not None:
            number, attributes, content = found.group(1, 2, 3)
            if attributes and (not _distinct(attributes) or (not prefixed and ":" in attributes)):
                break
            if content and "]]>" in content:  # not allowed in XML text: expat says so
                break
            at = found.end()
            row = int(number) if number else row + 1
            if not content:
                continue
            cells: dict[int, Any] = {}
            self.row, self.cells, column = row, cells, -1
            for letters, style, kind, value_text, inline_text in find(content):
                known = columns.get(letters)
                column = known if known is not None else _column(letters, column)
                raw = value_text or inline_text
                if "&" in raw:
                    raw = _entities(raw)
                if len(raw) > limits.MAX_CELL_CHARS:
                    value: Any = too_long()
                elif kind == "inlineStr" or kind == "str":
                    value = unescaped(raw) if "_x" in raw else raw
                elif not kind and style not in dates and raw.isascii() and raw.isdigit() and len(raw) < 19:
                    value = int(raw)  # a whole number, most numbers of a sheet (not shown as a date)
                else:
                    self.style = style
                    value = decoded(kind or "n", raw)
                if value is None or value == "":
                    continue
                if counter.left > 0 and column < limits.MAX_SHEET_COLUMNS and row <= limits.MAX_SHEET_ROWS:
                    counter.left -= 1
                    cells[column] = value
                else:  # a limit: noted at the cell, as the handlers note it
                    self.column = column
                    put(value)
            if cells:
                rows.append((row, cells))
            self.cells = None
        self.row = row
        return at

    def decoded(self, kind: str, raw: str) -> Any:
        """A cell's value by its type ``kind`` (``t``) and its text ``raw``."""
        if kind == "s":
            index = int(raw) if raw.isdigit() and len(raw) < 10 else -1
            if 0 <= index < len(self.strings):
                return self.strings[index]
            message = _("a text the file lacks (shared string {index}); the workbook is damaged: save it again")
            return Unreadable(message.format(index=raw))
        if kind in ("inlineStr", "str"):
            return unescaped(raw)
        if kind == "b":
            return raw == "1" if raw in ("0", "1") else raw
        if kind == "e":
            return Unreadable(_("the error value {value}; write the value the cell should hold").format(value=raw))
        if kind == "d":
            try:
                return datetime.datetime.fromisoformat(raw)
            except ValueError:
                return raw
        return self.number(raw)

    def number(self, raw: str) -> Any:
        try:
            number: int | float = int(raw) if raw.lstrip("-").isdigit() else float(raw)
        except ValueError:
            return raw
        if not self.style.isdigit() or int(self.style) not in self.dates or number != number:
            return number
        serial = float(number) + (1 if 0 < number < 60 and self.epoch.year == 1899 else 0)  # Excel's 29 Feb 1900
        try:
            return self.epoch + datetime.timedelta(days=serial)
        except OverflowError:
            return number


#: Local names by the names expat reports (``{namespace}c`` -> ``c``), and column
#: indexes by letters: the same few recur in every cell. Both are bounded.
_TAGS: dict[str, str] = {}
_COLUMNS: dict[str, int] = {}


def local(name: str) -> str:
    """An element's name without its namespace, as the handlers compare it."""
    tag = name[name.rfind("}") + 1 :]
    if len(_TAGS) < 1000:
        _TAGS[name] = tag
    return tag


def _column(letters: str, previous: int) -> int:
    """The column index (from 0) of a reference's letters (``K`` of ``K5``); the next one where there are none."""
    if not letters or len(letters) > 3 or not letters.isalpha() or not letters.isascii():
        return previous + 1
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    if len(_COLUMNS) < 20_000:
        _COLUMNS[letters] = index - 1
    return index - 1


#: Characters XML allows in a cell's text, unescaped (``\r`` left out: XML reads it as a
#: line break); an entity only as one of XML's five. What else a sheet holds is read by expat.
_CHARACTERS = "[^<&\x00-\x08\x0b-\x1f\ufffe\uffff]*"
_TEXT = f"{_CHARACTERS}(?:&(?:amp|lt|gt|quot|apos);{_CHARACTERS})*"


def _cell_pattern(group: str) -> str:
    """A cell as Excel and the export write it: its reference, style and type in this
    order, and its value (``<v>``) or inline text (``<is><t>``); no formula, no rich text.
    ``group`` is ``"("`` to capture the letters, style, type, value and text, or ``"(?:"``."""
    return (
        f'<c(?: r="{group}[A-Z]{{1,3}})[0-9]{{1,7}}")?(?: s="{group}[0-9]{{1,9}})")?'
        f'(?: t="{group}[a-zA-Z]{{1,9}})")?[ \t\n]*(?:/>|>(?:<v>{group}{_TEXT})</v>'
        f'|<is><t(?: xml:space="preserve")?>{group}{_TEXT})</t></is>)?</c>)'
    )


#: Cells of a row :data:`_ROW` has read (and so checked): their text is taken as it is.
_CELL = re.compile(_cell_pattern("(").replace(_TEXT, "[^<]*"))
#: A row of such cells, whitespace between the elements as a pretty-printed file has;
#: its attributes other than ``r`` are kept only to check them (see :func:`_distinct`),
#: Excel's ``x14ac:dyDescent`` among them.
_ROW = re.compile(
    '[ \t\n]*<row(?: r="([0-9]{1,9})")?((?: (?:x14ac:)?[a-zA-Z]{1,30}="[^"<&\x00-\x1f\ufffe\uffff]*")*)[ \t\n]*'
    f"(?:/>|>((?:{_cell_pattern('(?:')}[ \t\n]*)*)</row>)"
)
_ATTRIBUTE = re.compile(" ((?:x14ac:)?[a-zA-Z]+)=")


def _distinct(attributes: str) -> bool:
    """Whether a row's other attributes are each there once, none of them ``r`` (XML
    refuses a doubled attribute; an ``r`` after others is not where :data:`_ROW` reads it)."""
    names = _ATTRIBUTE.findall(attributes)
    return "r" not in names and len(set(names)) == len(names)


def _entities(text: str) -> str:
    """Text with XML's five named entities (the only ones :data:`_ROW` lets through) replaced."""
    for entity, character in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, character)
    return text


#: Excel's escape of a character XML cannot hold (a control character) in a cell's text:
#: ``_x0001_``; ``_x005F_`` is a "_", so that a text with ``_x0041_`` in it is kept.
_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


def unescaped(text: str) -> str:
    """A cell's text with Excel's ``_xHHHH_`` escapes turned back into their characters."""
    return _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text) if "_x" in text else text


def too_long() -> Unreadable:
    """What stands in a cell (or shared string) longer than the limit."""
    return Unreadable(
        _(
            "more than {limit} characters; integ reads at most that many from a cell (setting INTEG_MAX_CELL_CHARS)"
        ).format(limit=limits.shown(limits.MAX_CELL_CHARS))
    )


def cells_message() -> str:
    """Why reading stopped at the limit of filled cells (a sheet's, or the shared strings')."""
    return _(
        "more than {limit} filled cells; integ reads at most that many from a workbook "
        "(setting INTEG_MAX_SHEET_CELLS): import it in parts"
    ).format(limit=limits.shown(limits.MAX_SHEET_CELLS))


def grid_of(rows: Iterable[list[Any]], counter: Counter | None = None) -> Grid:
    """The cells of ``rows`` (a CSV file's, row 1 first), within the same limits as a sheet's."""
    cells = SheetCells(counter or Counter(), [], set(), EPOCH)
    cells.grid.ragged = True
    with contextlib.suppress(Stop):
        for number, values in enumerate(rows, start=1):
            cells.row, cells.cells = number, {}
            for cells.column, value in enumerate(values):
                if value is not None:
                    cells.put(too_long() if isinstance(value, str) and len(value) > limits.MAX_CELL_CHARS else value)
                elif cells.column < limits.MAX_SHEET_COLUMNS:
                    cells.cells[cells.column] = None
            if cells.cells:
                cells.grid.rows.append((number, cells.cells))
    return cells.grid
