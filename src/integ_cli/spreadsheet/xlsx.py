"""An .xlsx workbook read as a stream, within the bounds of :mod:`integ_cli.files.limits`.

A workbook is a zip of XML parts. Only the parts the import needs are inflated (the
workbook, its relationships, styles, shared strings and the wanted sheets); their
bytes are counted as they come out of the zip, whatever sizes the zip declares, and
parsed by expat as they come, keeping only filled cells. So a zip bomb, a cell at
``XFD1048576`` or a 2 GB string costs no more than the limits allow; openpyxl pads
every row to the sheet's declared width, and calamine allocates the whole rectangle
(it aborts the process on that one cell) and hands back a formula's cached value or
nothing, which cannot be told from a typed value (see ``benchmarks/README.md``).

A formula (its ``<f>`` element), an error value and an over-long text stand in their
cell as :class:`Unreadable`, so each is reported at its cell, with its column. Nothing
here prints or exits: a file that is no readable workbook raises :class:`WorkbookError`.
"""

from __future__ import annotations

import contextlib
import datetime
import posixpath
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

from integ_cli.files import limits
from integ_cli.i18n import _
from integ_cli.spreadsheet.layout import column_letter

#: Bytes inflated at a time.
CHUNK = 1 << 20
#: Excel's built-in number formats that show a date or time.
DATE_FORMATS = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})
#: What the zip and compression modules raise for a broken or unsupported archive.
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError, ValueError)

Handler = Callable[..., None]


class WorkbookError(Exception):
    """The file is no workbook integ can read; the message says why."""


class _Stop(Exception):
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


@dataclass(slots=True)
class Book:
    """The sheet names of a workbook, and the grids of the sheets asked for."""

    names: list[str]
    grids: dict[str, Grid]


def read_workbook(source: Any, titles: Collection[str]) -> Book:
    """The workbook at ``source`` (a path or binary file), with the sheets named in ``titles``."""
    import lzma
    import zlib

    try:
        with zipfile.ZipFile(source) as archive:
            return _Reader(archive).book(titles)
    except (*ZIP_ERRORS, zlib.error, lzma.LZMAError) as error:
        raise WorkbookError(str(error) or type(error).__name__) from None


class _Reader:
    """One archive's parts, inflated within one budget of bytes and cells."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.bytes_left = limits.MAX_SHEET_BYTES
        self.counter = Counter()

    def book(self, titles: Collection[str]) -> Book:
        workbook = self.relations("_rels/.rels").get("officeDocument", {}).get("", "xl/workbook.xml")
        sheets: list[tuple[str, str]] = []
        epoch = [datetime.datetime(1899, 12, 30)]

        def start(name: str, attrs: dict[str, str]) -> None:
            tag = name[name.rfind("}") + 1 :]
            if tag == "sheet":
                sheets.append((attrs.get("name", ""), next((v for k, v in attrs.items() if k.endswith("}id")), "")))
            elif tag == "workbookPr" and attrs.get("date1904") in ("1", "true"):
                epoch[0] = datetime.datetime(1904, 1, 1)

        self.parse(workbook, start)
        related = self.relations(workbook)
        strings = self.strings(next(iter(related.get("sharedStrings", {}).values()), None))
        dates = self.date_styles(next(iter(related.get("styles", {}).values()), None))
        parts = related.get("worksheet", {})
        grids = {}
        for title, rid in sheets:
            if title in titles and title not in grids:
                if rid not in parts:
                    raise WorkbookError(_("the sheet '{sheet}' has no part in the file").format(sheet=title))
                cells = _Cells(self.counter, strings, dates, epoch[0])
                with contextlib.suppress(_Stop):
                    self.parse(parts[rid], cells.start, cells.end, cells.data)
                grids[title] = cells.grid
        return Book([title for title, _rid in sheets], grids)

    def chunks(self, part: str) -> Iterator[bytes]:
        """The bytes of ``part``, inflated; WorkbookError past the budget of bytes."""
        try:
            info = self.archive.getinfo(part)
        except KeyError:
            raise WorkbookError(_("the part {part} is missing").format(part=part)) from None
        too_large = _(
            "{part} unpacks to more than {limit} bytes; integ reads at most that much of a workbook "
            "(setting INTEG_MAX_SHEET_BYTES)"
        ).format(part=part, limit=limits.shown(limits.MAX_SHEET_BYTES))
        if info.file_size > self.bytes_left:
            raise WorkbookError(too_large)
        with self.archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                self.bytes_left -= len(chunk)
                if self.bytes_left < 0:  # the zip declared less than it holds
                    raise WorkbookError(too_large)
                yield chunk

    def parse(self, part: str, start: Handler, end: Handler | None = None, data: Handler | None = None) -> None:
        """Feed ``part`` to expat with these handlers; a DTD (which Excel never writes) is refused."""
        parser = expat.ParserCreate(namespace_separator="}")
        parser.buffer_text = True
        parser.StartElementHandler = start
        if end is not None:
            parser.EndElementHandler = end
        if data is not None:
            parser.CharacterDataHandler = data
        parser.StartDoctypeDeclHandler = _no_dtd
        try:
            for chunk in self.chunks(part):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError as error:
            raise WorkbookError(f"{part}: {error}") from None

    def relations(self, part: str) -> dict[str, dict[str, str]]:
        """The parts ``part`` relates to: by type (its last word) and id, as paths in the zip."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        found: dict[str, dict[str, str]] = {}
        if rels not in self.archive.NameToInfo:
            return found

        def start(tag: str, attrs: dict[str, str]) -> None:
            target = attrs.get("Target", "")
            if tag.endswith("Relationship") and target and attrs.get("TargetMode") != "External":
                path = (
                    target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                )
                kind = attrs.get("Type", "").rsplit("/", 1)[-1]
                found.setdefault(kind, {})[attrs.get("Id", "")] = path
                found[kind].setdefault("", path)

        self.parse(rels, start)
        return found

    def strings(self, part: str | None) -> list[Any]:
        """The shared strings (a too long one as Unreadable)."""
        if part is None or part not in self.archive.NameToInfo:
            return []
        cells = _Cells(self.counter, [], set(), datetime.datetime(1899, 12, 30))
        table: list[Any] = []

        def end(name: str) -> None:
            tag = name[name.rfind("}") + 1 :]
            if tag == "si":
                if len(table) >= limits.MAX_SHEET_CELLS:  # a table of millions of tiny strings
                    raise WorkbookError(cells_message())
                table.append(cells.text() if cells.size <= limits.MAX_CELL_CHARS else too_long())
                cells.begin()
            else:
                cells.end(name)

        self.parse(part, cells.start, end, cells.data)
        return table

    def date_styles(self, part: str | None) -> set[int]:
        """The cell styles (their index) whose number format shows a date."""
        if part is None or part not in self.archive.NameToInfo:
            return set()
        custom: dict[str, str] = {}
        formats: list[str] = []
        inside = [0]

        def start(name: str, attrs: dict[str, str]) -> None:
            tag = name[name.rfind("}") + 1 :]
            if tag == "numFmt":
                custom[attrs.get("numFmtId", "")] = attrs.get("formatCode", "")
            elif tag == "cellXfs":
                inside[0] += 1
            elif tag == "xf" and inside[0]:
                formats.append(attrs.get("numFmtId", "0"))

        def end(name: str) -> None:
            if name.endswith("cellXfs"):
                inside[0] -= 1

        self.parse(part, start, end)
        builtin = {str(number) for number in DATE_FORMATS}
        return {i for i, number in enumerate(formats) if number in builtin or _date_code(custom.get(number, ""))}


class _Cells:
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
        tag = _TAGS.get(name) or _tag(name)
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
        tag = _TAGS.get(name) or _tag(name)
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
            raise _Stop
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
            raise _Stop
        self.cells[self.column] = value

    def value(self) -> Any:
        """The cell just read: text, number, bool, date, or Unreadable."""
        if self.formula:
            return Unreadable(_("a formula; integ reads values only — paste the value instead"))
        if self.size > limits.MAX_CELL_CHARS:
            return too_long()
        parts, kind = self.parts, self.kind
        raw = parts[0] if len(parts) == 1 else "".join(parts)
        if kind == "s":
            index = int(raw) if raw.isdigit() and len(raw) < 10 else -1
            if 0 <= index < len(self.strings):
                return self.strings[index]
            message = _("a text the file lacks (shared string {index}); the workbook is damaged: save it again")
            return Unreadable(message.format(index=raw))
        if kind in ("inlineStr", "str"):
            return raw
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


def _tag(name: str) -> str:
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


def _date_code(code: str) -> bool:
    """Whether a custom number format shows a date or time (a d, m, y, h or s outside quotes and brackets)."""
    import re

    plain = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].', "", code)
    return bool(re.search(r"[dmyhsDMYHS]", plain))


def too_long() -> Unreadable:
    return Unreadable(
        _(
            "more than {limit} characters; integ reads at most that many from a cell (setting INTEG_MAX_CELL_CHARS)"
        ).format(limit=limits.shown(limits.MAX_CELL_CHARS))
    )


def cells_message() -> str:
    return _(
        "more than {limit} filled cells; integ reads at most that many from a workbook "
        "(setting INTEG_MAX_SHEET_CELLS): import it in parts"
    ).format(limit=limits.shown(limits.MAX_SHEET_CELLS))


def _no_dtd(*_args: Any) -> None:
    raise WorkbookError(_("it declares a DTD, which no spreadsheet program writes"))


def grid_of(rows: Iterable[list[Any]], counter: Counter | None = None) -> Grid:
    """The cells of ``rows`` (a CSV file's, row 1 first), within the same limits as a sheet's."""
    cells = _Cells(counter or Counter(), [], set(), datetime.datetime(1899, 12, 30))
    cells.grid.ragged = True
    with contextlib.suppress(_Stop):
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
