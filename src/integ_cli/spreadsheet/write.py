"""Writing measures as an Excel workbook or a CSV file in the layout of :mod:`integ_cli.spreadsheet.layout`.

What the workbook does for the people who edit it:

* a bold, frozen header row (and the id column frozen too), an auto-filter and column
  widths that fit the content;
* ids, dates, vocabulary values and lists are **text cells** (number format ``@``, also
  as the column's default), so Excel never turns ``2025-01-01`` into a date serial or
  an id into a number; amounts and years are numbers;
* drop-down lists (data validation) for single values from a closed list: action
  field, lead, status, horizon, visibility, funding source; the values stand in the
  hidden sheet "Listen" (ids with their German names, all vocabularies). A codelist's
  drop-down (status, horizon, ...) offers its German names (``laufend``), as the sheet
  titles and headers are German: the workbook is the office's form, whatever language
  integ speaks. The cells hold those names; the import maps them back to the codes the
  files keep (and takes codes, English names and aliases too);
* amounts in EUR carry a euro number format (:data:`EURO_FORMAT`: ``12.000,00 €`` in a
  German Excel), the value staying a plain number;
* an instructions sheet "Anleitung" (:mod:`.guide`) and the schema's description of every column as
  a note on its header, in the language of the process (German by default).

The CSV holds the measures sheet only, in the dialect ``integ list --format csv`` uses
(:mod:`integ_cli.spreadsheet.csvdialect`); it keeps codes, as a machine format does, and
writes decimals with a comma where asked to. xlsxwriter is imported only when a workbook is written.
"""

from __future__ import annotations

import io
import itertools
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import IO, TYPE_CHECKING, Any, Literal

from integ_cli.files.limits import shown
from integ_cli.i18n import _
from integ_cli.spreadsheet.layout import (
    BOOLEAN,
    ENUM,
    INTEGER,
    LIST,
    LISTS_SHEET,
    NUMBER,
    TEXT_KINDS,
    Column,
    Layout,
    Sheet,
    column_letter,
    holders,
    join_list,
)
from integ_cli.spreadsheet.lists_sheet import Lists, Sources, drop_down_sources, lists_sheet

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue

#: The number format of amounts: thousands grouped, two decimals, the euro sign
#: (Excel shows the separators of its locale: ``12.000,50 €`` in German).
EURO_FORMAT = "#,##0.00 €"
#: Column widths (in characters) are kept between these.
MIN_WIDTH, MAX_WIDTH = 10, 60
#: Data validation covers this many rows below the header.
VALIDATED_ROWS = 5000


def lists_of(catalogue: Catalogue) -> dict[str, list[tuple[str, str]]]:
    """The drop-down lists of a repository's vocabularies: action fields in concept
    order, then the others in file order, each as (id, German name). Codelists come
    with the layout's columns (:attr:`Column.codelist`)."""
    from integ_cli.fields import field_order

    fields = catalogue.fields
    lists = {"fields": [(field_id, str(fields[field_id].get("name", ""))) for field_id in field_order(fields)]}
    for kind in ("target-groups", "actors", "districts"):
        entries = catalogue.vocabularies.get(kind, {})
        lists[kind] = [(entry_id, str(entry.get("name", ""))) for entry_id, entry in entries.items()]
    return lists


def cell_value(column: Column, value: Any, named: bool = False) -> Any:
    """A record's value as the cell holds it: lists joined with ", ", numbers and
    booleans as they are, a code by its German name where ``named`` (the workbook's
    drop-downs offer those), everything else as text; None for an empty cell."""
    if value is None:
        return None
    if type(value) is str and not (named and column.codelist is not None):  # most cells: text as it is
        return value
    if named and column.kind == ENUM and column.codelist is not None and value in column.codelist:
        return column.codelist.name(str(value))
    if column.kind == LIST and isinstance(value, list):
        return join_list(value)
    if column.kind == BOOLEAN and isinstance(value, bool):
        return value
    if column.kind in (INTEGER, NUMBER) and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        import json

        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _get(data: Any, key: Sequence[str | int]) -> Any:
    for part in key:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data


def _items(sheet: Sheet, data: Mapping[str, Any]) -> list[tuple[list[Any], Any]]:
    """The items a sub-sheet shows of one measure, each with the cells before its own:
    the measure's id, and for a nested list the number of its decision."""
    assert sheet.list_key is not None
    lead = [cell_value(sheet.columns[0], data.get("id"))]
    paths = holders(data, sheet.parents) if sheet.parents else [[]]
    out: list[tuple[list[Any], Any]] = []
    for number, path in enumerate(paths, start=1):
        items = _get(data, [*path, sheet.list_key])
        first = [*lead, number] if sheet.parents else lead
        out += [(first, item if isinstance(item, dict) else {}) for item in (items if isinstance(items, list) else [])]
    return out


def rows(sheet: Sheet, measures: Iterable[Mapping[str, Any]], named: bool = False) -> list[list[Any]]:
    """The data rows of ``sheet`` for these measures (without the header); codes by
    their names where ``named``."""
    return [row for data in measures for row in measure_rows(sheet, data, named)]


def measure_rows(sheet: Sheet, data: Mapping[str, Any], named: bool = False) -> list[list[Any]]:
    """The rows of ``sheet`` for one measure: one on the measures sheet, one per item on a sub-sheet."""
    if sheet.list_key is None:
        return [_cells(sheet.columns, data, named)]
    return [first + _cells(sheet.columns[len(first) :], item, named) for first, item in _items(sheet, data)]


def _cells(columns: Sequence[Column], data: Mapping[str, Any], named: bool) -> list[Any]:
    """The cells of ``columns`` for ``data`` (a record or a list item): :func:`cell_value`
    of each, called only where a value is there and is neither text nor a number kept
    as it is (an export makes a million cells)."""
    out = []
    for column in columns:
        key = column.key
        value = data.get(key[0]) if len(key) == 1 else _get(data, key)
        kind = type(value)
        if kind is str:
            kept = not (named and column.codelist is not None)
        else:
            kept = value is None or ((kind is int or kind is float) and column.kind in _NUMBERS)
        out.append(value if kept else cell_value(column, value, named))
    return out


#: The kinds of column whose numbers a cell holds as they are.
_NUMBERS = frozenset({INTEGER, NUMBER})


def csv_text(
    layout: Layout, measures: Iterable[Mapping[str, Any]], decimal_comma: bool = False, raw: bool = False
) -> str:
    """The measures sheet as CSV for a German Excel, a header row first; decimals
    with a comma where ``decimal_comma`` (:func:`~integ_cli.spreadsheet.csvdialect.number`),
    formulas guarded unless ``raw`` (:func:`~integ_cli.spreadsheet.csvdialect.defuse`)."""
    from integ_cli.spreadsheet.csvdialect import number, write_rows

    sheet = layout.measures

    def cell(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return number(value, decimal_comma)
        return "" if value is None else str(value)

    header = [c.header for c in sheet.columns]
    return write_rows([header, *([cell(v) for v in row] for row in rows(sheet, measures))], raw)


@dataclass(frozen=True, slots=True)
class Workbook:
    """A workbook to write: its layout, measures (none for a template) and drop-down
    lists. :func:`xlsx_bytes` writes it in one pass over the measures, row by row, so
    neither the measures nor the rows need be held at once (openpyxl kept every cell as
    an object: 374 MiB for 10,000 measures)."""

    layout: Layout
    #: Read once, in order: a generator that decodes each measure as it is written will do.
    measures: Iterable[Mapping[str, Any]]
    lists: Lists
    #: The concept marks the data as invented examples: the instructions sheet says so first.
    illustrative: bool = False


def workbook(
    layout: Layout, measures: Iterable[Mapping[str, Any]], lists: Lists, *, illustrative: bool = False
) -> Workbook:
    """The workbook: data sheets (empty for a template), instructions, drop-down lists."""
    return Workbook(layout, measures, lists, illustrative)


def xlsx_bytes(book: Workbook) -> bytes:
    """The workbook as an .xlsx file (:func:`write_xlsx`, each measure's rows made here).
    SheetTooLong where a sheet would need more rows than Excel has."""
    out = io.BytesIO()
    make = RowMaker(book.layout)
    write_xlsx(out, book.layout, (make("", data) for data in book.measures), book.lists, illustrative=book.illustrative)
    return out.getvalue()


def write_xlsx(out: IO[bytes], layout: Layout, made: Iterable[str], lists: Lists, *, illustrative: bool = False) -> int:
    """Write the workbook to ``out`` (a binary file open for writing): the data sheets
    with the rows of each measure of ``made`` as :class:`RowMaker` made them, in order,
    then instructions and drop-down lists; returns the number of measures written.

    xlsxwriter writes in its constant-memory mode (each sheet's rows go to a temporary
    file as they come) and every data sheet is open at once, so ``made`` is read once,
    as it comes: the export writes while the workers still check, holding one measure's
    rows at a time. SheetTooLong where a sheet would need more rows than Excel has."""
    # The first measure is asked for before xlsxwriter is imported: where the measures
    # come from worker processes, they start then, and each of them would otherwise
    # carry a copy of xlsxwriter and the workbook (7 MiB a process).
    pending = iter(made)
    first = next(pending, None)
    import xlsxwriter

    from integ_cli.spreadsheet.guide import guide_sheet

    xlsx = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_numbers": False})
    formats = Formats(xlsx)
    sheets = [DataSheet(xlsx, formats, sheet) for sheet in layout.sheets]
    count = 0
    try:
        for text in itertools.chain([first] if first is not None else [], pending):
            widths, *parts = text.split(PART)
            if widths:
                for each, widest in zip(sheets, widths.split(";"), strict=True):
                    each.widen(widest)
            for each, part in zip(sheets, parts, strict=True):
                each.add(part)
            count += 1
    except BaseException:  # a sheet too long, or the checking interrupted: no workbook, no temporary files
        for each in sheets:
            each.discard()
        raise
    sources = drop_down_sources(layout, lists)
    for each in sheets:
        each.finish(sources)
    guide_sheet(xlsx, layout, illustrative)
    lists_sheet(xlsx, formats, layout, lists)  # last: the drop-downs name it, nobody edits it
    _close(xlsx)
    return count


#: How hard the workbook's parts are deflated: zlib's fastest level packs a 58 MB export
#: (10,000 measures with long texts) in 0.17 s instead of 0.49 s at its default, into
#: 7.7 MB instead of 5.7 MB; an export is mostly a file to open and edit, made often.
DEFLATE_LEVEL = 1


#: Where a sheet's XML, as xlsxwriter packs it, names the temporary file of its rows
#: (:func:`_sheet_class`): NUL, which no XML holds, around a token drawn for this process,
#: so that no text of the data (a vocabulary's name on the lists sheet, say) can pass for
#: it and have a file of its choosing copied into the workbook.
_SPLICE = "\x00" + os.urandom(16).hex() + "\x00"
#: The rows' files the sheets of this process named (:func:`_sheet_class`): only these are
#: spliced in, and each once.
_ROWS_FILES: set[str] = set()
#: The data rows of each data sheet of this process, already deflated
#: (:class:`DeflatedRows`), by the name of the sheet's rows' file: spliced in after
#: what xlsxwriter wrote to that file (the header row).
_DEFLATED: dict[str, DeflatedRows] = {}


class DeflatedRows:
    """A data sheet's rows, deflated as they come (while the workers still check) into
    an anonymous temporary file, with their CRC-32 and size: when the workbook is
    packed, only the sheet's head and tail are deflated, and the rows are copied into
    the zip as they are (:func:`_zip_class`). That packing comes after the last
    measure is in, on one core: deflating 58 MB of rows there was most of it.

    The rows are one raw deflate stream ended by a sync flush, so it joins the head's
    and the tail's own streams into one valid stream; the part's CRC-32 is the head's
    and the tail's with the rows' combined (:func:`crc32_combine`)."""

    #: Characters gathered before they are encoded and deflated at once.
    CHUNK = 1 << 16

    def __init__(self) -> None:
        import tempfile
        import zlib

        self.file = tempfile.TemporaryFile()  # noqa: SIM115  # open until the zip takes the rows in
        self._deflate = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -15)
        self._pending: list[str] = []
        self._waiting = 0
        #: The CRC-32 and the size in bytes of the rows' UTF-8 so far.
        self.crc = 0
        self.size = 0

    def write(self, text: str) -> None:
        """Add rows' XML after those before."""
        self._pending.append(text)
        self._waiting += len(text)
        if self._waiting >= self.CHUNK:
            self._flush()

    def _flush(self) -> None:
        import zlib

        data = "".join(self._pending).encode("utf-8")
        self._pending, self._waiting = [], 0
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self.file.write(self._deflate.compress(data))

    def finish(self) -> int:
        """Deflate what is left, end the stream with a sync flush and rewind the file;
        returns the deflated size."""
        import zlib

        self._flush()
        self.file.write(self._deflate.flush(zlib.Z_SYNC_FLUSH))
        deflated = self.file.tell()
        self.file.seek(0)
        return deflated


def crc32_combine(crc1: int, crc2: int, size2: int) -> int:
    """The CRC-32 of ``a + b`` from ``crc1`` of ``a``, ``crc2`` of ``b`` and ``b``'s size
    in bytes (zlib's ``crc32_combine``, which Python's zlib does not offer): appending
    ``size2`` zero bytes to ``a`` is a linear map over GF(2), applied by squaring the
    map of one zero bit (about 32 squarings of a 32x32 matrix for a gigabyte)."""

    def times(matrix: list[int], vector: int) -> int:
        total, row = 0, 0
        while vector:
            if vector & 1:
                total ^= matrix[row]
            vector >>= 1
            row += 1
        return total

    def square(matrix: list[int]) -> list[int]:
        return [times(matrix, column) for column in matrix]

    zeros = [0xEDB88320] + [1 << bit for bit in range(31)]  # appending one zero bit
    for _bit in range(3):
        zeros = square(zeros)  # two, four, then eight zero bits: one zero byte
    while size2 > 0:  # the bits of size2, lowest first, each twice as many bytes
        if size2 & 1:
            crc1 = times(zeros, crc1)
        zeros = square(zeros)
        size2 >>= 1
    return crc1 ^ crc2


def _close(xlsx: Any) -> None:
    """Write the workbook out (xlsxwriter's ``close``), deflating at :data:`DEFLATE_LEVEL`,
    each data sheet's rows copied in as they were deflated (:class:`DeflatedRows`).

    xlsxwriter would copy the rows into a second temporary file, the sheet's XML, and
    then deflate that; here it packs every part in memory (its ``in_memory`` mode), a
    sheet's XML holding only the name of its rows' file, and the zip puts the rows in
    its place (:func:`_zip_class`). The ZipFile it makes is swapped for the length of
    the call; in_memory is read only when the workbook is packed."""
    from xlsxwriter import workbook as module

    made = module.ZipFile
    module.ZipFile = _zip_class()
    xlsx.in_memory = True
    try:
        xlsx.close()
    finally:
        module.ZipFile = made


@cache
def _zip_class() -> type:
    """A ZipFile that deflates at :data:`DEFLATE_LEVEL` and writes a part whose text
    names a file between two :data:`_SPLICE` with that file's bytes in the name's place
    (and deletes the file), followed, for a data sheet, by its :class:`DeflatedRows`."""
    import shutil
    import zipfile
    import zlib
    from pathlib import Path

    splice = _SPLICE.encode()

    def deflated(data: bytes, mode: int) -> bytes:
        packer = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -15)
        return packer.compress(data) + packer.flush(mode)

    class Splicing(zipfile.ZipFile):
        def __init__(self, file: Any, mode: Literal["w"], compression: int, **options: bool) -> None:
            super().__init__(file, mode, compression, compresslevel=DEFLATE_LEVEL, **options)

        def writestr(self, info: Any, data: Any, compress_type: Any = None, compresslevel: Any = None) -> None:
            if isinstance(info, zipfile.ZipInfo):
                info._compresslevel = DEFLATE_LEVEL  # type: ignore[attr-defined]  # a ZipInfo's own level
            text = data.encode("utf-8") if isinstance(data, str) else data
            pieces = text.split(splice)
            if len(pieces) != 3:
                super().writestr(info, text, compress_type, compresslevel)
                return
            before, name, after = pieces
            if not info.filename.startswith("xl/worksheets/") or name.decode() not in _ROWS_FILES:
                raise RuntimeError(f"the part {info.filename} names no rows' file of this workbook")
            _ROWS_FILES.discard(name.decode())
            rows_file = Path(name.decode())
            rows = _DEFLATED.pop(name.decode(), None)
            if rows is not None:
                self._write_deflated(info, before + rows_file.read_bytes(), rows, after)
                rows_file.unlink()
                return
            with rows_file.open("rb") as written:
                info.file_size = len(before) + os.fstat(written.fileno()).st_size + len(after)
                with self.open(info, mode="w") as out:
                    out.write(before)
                    shutil.copyfileobj(written, out, 1 << 20)
                    out.write(after)
            rows_file.unlink()

        def _write_deflated(self, info: zipfile.ZipInfo, head: bytes, rows: DeflatedRows, tail: bytes) -> None:
            """The part ``head`` + rows + ``tail``, its rows deflated already: its header
            written with the sizes and CRC known, as ZipFile.open(mode="w") writes one
            to a file it can seek in, then the three deflate streams."""
            if getattr(self, "_writing", False):
                raise ValueError("another part of the workbook is being written")
            first, last = deflated(head, zlib.Z_SYNC_FLUSH), deflated(tail, zlib.Z_FINISH)
            packed = len(first) + rows.finish() + len(last)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.flag_bits = 0
            info.external_attr = info.external_attr or 0o600 << 16  # as ZipFile gives a part
            info.file_size = len(head) + rows.size + len(tail)
            info.compress_size = packed
            info.CRC = zlib.crc32(tail, crc32_combine(zlib.crc32(head), rows.crc, rows.size))
            zip64 = max(info.file_size, packed) > zipfile.ZIP64_LIMIT
            archive: Any = self  # ZipFile's own bookkeeping, as its open(mode="w") keeps it
            if zip64 and not archive._allowZip64:
                raise zipfile.LargeZipFile("Filesize would require ZIP64 extensions")  # as ZipFile says it
            fp: Any = self.fp
            if archive._seekable:
                fp.seek(archive.start_dir)
            info.header_offset = fp.tell()
            archive._writecheck(info)
            archive._didModify = True
            fp.write(info.FileHeader(zip64))
            fp.write(first)
            shutil.copyfileobj(rows.file, fp, 1 << 20)
            rows.file.close()
            fp.write(last)
            archive.start_dir = fp.tell()
            self.filelist.append(info)
            self.NameToInfo[info.filename] = info

    return Splicing


#: The workbook's cell formats, numbered in this order after xlsxwriter's default (0):
#: the rows are made with these numbers before any workbook exists (:class:`RowMaker`,
#: in the worker processes, which need not import xlsxwriter).
_FORMATS: dict[str, dict[str, Any]] = {
    "header": {"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top"},
    "bold": {"bold": True},
    "text": {"num_format": "@"},
    "text_wrapped": {"num_format": "@", "text_wrap": True, "valign": "top"},
    "wrapped": {"text_wrap": True, "valign": "top"},
    "euro": {"num_format": EURO_FORMAT},
}
#: Each format's number (the ``s`` attribute of a cell).
STYLE = {name: number for number, name in enumerate(_FORMATS, start=1)}


class Formats:
    """The cell formats of one workbook (xlsxwriter makes them per workbook), numbered
    as :data:`STYLE` says."""

    def __init__(self, xlsx: Any) -> None:
        made = {name: xlsx.add_format(properties) for name, properties in _FORMATS.items()}
        self.header, self.bold, self.text = made["header"], made["bold"], made["text"]
        self.text_wrapped, self.wrapped, self.euro = made["text_wrapped"], made["wrapped"], made["euro"]
        for name, cell_format in made.items():  # numbered now, in this order, whichever sheet uses one first
            if cell_format._get_xf_index() != STYLE[name]:
                raise RuntimeError(f"xlsxwriter numbered the format {name!r} {cell_format._get_xf_index()}")


@cache
def _sheet_class() -> type:
    """xlsxwriter's worksheet, with each column described on its own in the file.

    xlsxwriter merges neighbouring columns of equal width and format into one range,
    which Excel reads as meant but openpyxl (and so anything that reads a column's
    width back) sees as the first column's alone."""
    from xlsxwriter.worksheet import Worksheet

    class OneColumnEach(Worksheet):  # type: ignore[misc]
        def _write_optimized_sheet_data(self) -> None:  # the rows' file by name (see _close)
            if self.dim_rowmin is None:
                self._xml_empty_tag("sheetData")
                return
            self.row_data_fh.close()
            self.row_data_fh_closed = True
            self._xml_start_tag("sheetData")
            _ROWS_FILES.add(self.row_data_filename)
            self.fh.write(f"{_SPLICE}{self.row_data_filename}{_SPLICE}")
            self._xml_end_tag("sheetData")

        def _write_cols(self) -> None:
            if self.col_info:
                self._xml_start_tag("cols")
                for column in sorted(self.col_info):
                    self._write_col_info(column, column, self.col_info[column])
                self._xml_end_tag("cols")

    return OneColumnEach


def add_sheet(xlsx: Any, title: str) -> Any:
    """A new worksheet of ``xlsx`` (see :func:`_sheet_class`)."""
    return xlsx.add_worksheet(title, worksheet_class=_sheet_class())


def write_cell(ws: Any, row: int, column: int, value: Any, cell_format: Any = None) -> None:
    """One cell (0-based): text stays text even where it starts with '=' or looks like a
    number or a link; numbers and booleans as they are; None an empty cell (formatted,
    so a text column's empty cells stay text)."""
    if isinstance(value, str):
        ws.write_string(row, column, value, cell_format)
    elif isinstance(value, bool):
        ws.write_boolean(row, column, value, cell_format)
    elif isinstance(value, int | float):
        ws.write_number(row, column, value, cell_format)
    elif cell_format is not None:
        ws.write_blank(row, column, None, cell_format)


def set_width(ws: Any, column: int, width: int, cell_format: Any = None) -> None:
    """A column ``width`` characters wide: xlsxwriter counts in pixels (7 a digit of
    Calibri 11) and adds 5 of padding to a width in characters; given in pixels, the
    file records the width as asked."""
    ws.set_column_pixels(column, column, width * 7, cell_format)


#: Excel's last row (0-based): xlsxwriter drops a cell below it without a word.
LAST_ROW = 1_048_575
#: The most UTF-16 units a cell holds (Excel's limit; xlsxwriter cuts longer text).
MAX_CELL = 32_767
#: What a cell's text must not hold as it is: XML's special characters, control
#: characters (written as ``_xHHHH_``), a literal ``_xHHHH_`` (its ``_`` escaped),
#: and the two non-characters.
_SPECIAL = re.compile("[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")


class SheetTooLong(ValueError):
    """A sheet needs more rows than Excel has (the message names it and its rows)."""


#: The most measures a worker makes rows of before it sends them
#: (:attr:`~integ_cli.checking.measure.Keep.batch`): their rows wait in its memory and
#: then in the writing process's, 0.3-0.7 MB for 100 measures. With the usual 1,000,
#: an export of 100,000 measures peaked at 175 MiB over all its processes; with 250 at
#: 143 MiB, with 100 at 136 MiB.
BATCH = 100

#: Where a row's number goes in the XML made of it (:class:`RowMaker`): a character no
#: cell's text holds as it is (control characters are written as ``_xHHHH_``).
ROW = "\x00"
#: In the text :class:`RowMaker` makes of a measure: between its parts, and after each
#: row's XML (control characters too).
PART, END = "\x01", "\x02"
_ROW_START, _ROW_END = f'<row r="{ROW}">', "</row>" + END
_TEXT_END = "</t></is></c>"
#: Integers below this are written as str() writes them (a float holds them exactly).
_EXACT = 2**53
#: A text up to this long is certainly within :data:`MAX_CELL` UTF-16 units.
_SHORT = MAX_CELL // 2
#: The characters :func:`_escaped` changes that :func:`_needs_escaping` cannot find with ``in``.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")


def _column_styles(sheet: Sheet) -> list[tuple[str | None, str]]:
    """Each column's formats (names in :data:`STYLE`): for a value on one line, and for
    one of several lines."""
    return [
        ("text", "text_wrapped") if c.kind in TEXT_KINDS else ("euro", "wrapped") if c.amount else (None, "wrapped")
        for c in sheet.columns
    ]


class RowMaker:
    """Makes a measure's rows on every data sheet as XML text, and the widest value of
    each column: what an export's :data:`~integ_cli.checking.measure.Shape` sends, so the
    worker processes that check the measures make their rows too, on every core, and
    the process writing the workbook only numbers the rows (:data:`ROW`: they are
    numbered in id order, as they are written) and copies them into the sheets.

    The XML has the elements, attributes and escapes xlsxwriter's constant-memory mode
    writes (``<row>``, ``<c>`` with an inline string, a boolean or a number), without
    its per-cell objects and calls: those were five sixths of an export's time.

    A measure becomes one text, its parts separated by :data:`PART`: the widths, then
    each data sheet's rows, each row's XML followed by :data:`END` (an empty row is
    :data:`END` alone). The widths are this process's widest value of each column so
    far, as ``"3,10,...;..."`` sheet by sheet, where one grew with this measure, else
    empty: after the first few hundred measures none grows (a column is never shown
    wider than :data:`MAX_WIDTH`). Text split by a character is what costs least to
    send and to take apart: the same rows as JSON cost the workers and the writing
    process a second of 5 to encode and decode (10,000 measures with long texts)."""

    def __init__(self, layout: Layout) -> None:
        def style(name: str | None) -> str:
            return f' s="{STYLE[name]}"' if name is not None else ""

        self.sheets = [(sheet, _plan(sheet, style)) for sheet in layout.sheets]
        #: Each sheet's widest value of each column among the measures made here, at
        #: most :data:`MAX_WIDTH`.
        self.widest = [[0] * len(sheet.columns) for sheet in layout.sheets]

    def __call__(self, _file: str, data: Mapping[str, Any]) -> str:
        """The text of this measure's rows (see the class)."""
        items = [
            [((), data)] if sheet.list_key is None else _items(sheet, data) if _shows(sheet, data) else []
            for sheet, _plan in self.sheets
        ]
        texts: list[str] = []
        grew = False
        parts = [""]
        for (_sheet, plan), widest, each in zip(self.sheets, self.widest, items, strict=True):
            made, wider = _rows_xml(plan, each, widest, texts, escape=False) if each else ("", False)
            parts.append(made)
            grew = grew or wider
        if _needs_escaping("\n".join(texts)):  # rare: made again, with each text escaped where it must be
            parts[1:] = [
                _rows_xml(plan, each, widest, [], escape=True)[0]
                for (_sheet, plan), widest, each in zip(self.sheets, self.widest, items, strict=True)
            ]
        if grew:
            parts[0] = ";".join(",".join(map(str, widest)) for widest in self.widest)
        return PART.join(parts)


def _shows(sheet: Sheet, data: Mapping[str, Any]) -> bool:
    """Whether the sub-sheet ``sheet`` may have rows of ``data``: most measures have
    nothing for most sub-sheets."""
    return bool(sheet.parents or data.get(sheet.list_key or ""))


#: How :class:`RowMaker` makes a column's cells: the column's number, the names its
#: codes show, whether a number stays as it is, the column, how its cells start
#: (``<c r="F\x00"``), its style on one line and on several, and how a text cell starts
#: on one line and on several.
_Entry = tuple[int, Mapping[str, str] | None, bool, Column, str, str, str, str, str]


@dataclass(frozen=True, slots=True)
class _Plan:
    """How :class:`RowMaker` makes the cells of a sheet's columns, worked out once:
    each column's :data:`_Entry`, and where its value is (a key of the item, looked
    up for all columns at once, or for a few a path, such as ``decision.body``)."""

    entries: list[_Entry]
    keys: list[str]
    paths: list[tuple[int, tuple[str, ...]]]


def _plan(sheet: Sheet, style: Callable[[str | None], str]) -> _Plan:
    """:class:`RowMaker`'s plan of each column of ``sheet``."""
    text = ' t="inlineStr"><is><t>'
    entries: list[_Entry] = []
    for index, ((plain, wrapped), names, column) in enumerate(
        zip(_column_styles(sheet), shown_names(sheet), sheet.columns, strict=True)
    ):
        start = f'<c r="{column_letter(index)}{ROW}"'
        one_line, lines = style(plain), style(wrapped)
        entry = (index, names, column.kind in _NUMBERS, column, start, one_line, lines)
        entries.append((*entry, start + one_line + text, start + lines + text))
    keys = [column.key[0] for column in sheet.columns]
    paths = [(index, column.key) for index, column in enumerate(sheet.columns) if len(column.key) != 1]
    return _Plan(entries, keys, paths)


def shown_names(sheet: Sheet) -> list[Mapping[str, str] | None]:
    """For each column of ``sheet``, the names its cells show for codes, where it has a
    codelist (:func:`cell_value` with ``named``), else None: looked up once, not in the
    codelist for each of 100,000s of cells."""
    out: list[Mapping[str, str] | None] = []
    for column in sheet.columns:
        codelist = column.codelist
        if column.kind == ENUM and codelist is not None:
            names: dict[str, str] = {}
            for entry in codelist:
                names.setdefault(entry.code, codelist.name(entry.code))
            out.append(names)
        else:
            out.append(None)
    return out


def _rows_xml(
    plan: _Plan, items: Sequence[tuple[Sequence[Any], Any]], widest: list[int], texts: list[str], *, escape: bool
) -> tuple[str, bool]:
    """The XML of the rows of ``items`` (the cells before an item's own, the item or
    record), each followed by :data:`END` (a row without a filled cell is :data:`END`
    alone: an empty cell takes its column's format, set when the sheet is finished),
    and whether a column's widest value in ``widest`` grew. The cells are
    :func:`measure_rows`' with ``named``, read and written in one loop (an export makes
    millions of them): :func:`cell_value` is called only where a value is neither text
    nor a number kept as it is. Each cell's text is added to ``texts``; it is escaped
    only with ``escape`` (:class:`RowMaker` looks for what needs it in all of a
    measure's texts at once)."""
    out: list[str] = []
    grew = False
    for first, item in items:
        values = list(map(item.get, plan.keys))
        for index, path in plan.paths:
            values[index] = _get(item, path)
        if first:
            values[: len(first)] = first
        out.append(_ROW_START)
        filled = len(out)
        for entry, value in zip(plan.entries, values, strict=True):
            if value is None:
                continue
            index, names, numeric, column, start, one_line, lines, text_one, text_lines = entry
            kind = type(value)
            if kind is str:
                if names is not None:
                    value = names.get(value, value)
            elif not (numeric and (kind is int or kind is float)):
                value = cell_value(column, value, named=True)
            if type(value) is str:
                texts.append(value)
                line = value.find("\n")
                width = len(value) if line < 0 else line
                if escape or len(value) > _SHORT or value.strip() != value:
                    out.append(_text_cell(start + (one_line if line < 0 else lines), value, escape))
                else:
                    out += (text_one if line < 0 else text_lines, value, _TEXT_END)
            elif isinstance(value, bool):
                width = 4 if value else 5  # as str() shows it
                out.append(f'{start}{one_line} t="b"><v>{int(value)}</v></c>')
            else:
                shown = str(value)
                width = len(shown)
                if type(value) is not int or not -_EXACT < value < _EXACT:
                    shown = f"{value:.16G}"  # as xlsxwriter writes a number (an int is the same up to 2**53)
                out.append(f"{start}{one_line}><v>{shown}</v></c>")
            if width > widest[index] and widest[index] < MAX_WIDTH:
                widest[index] = min(width, MAX_WIDTH)
                grew = True
        if len(out) == filled:
            out[-1] = END
        else:
            out.append(_ROW_END)
    return "".join(out), grew


def _text_cell(start: str, value: str, escape: bool) -> str:
    """A text cell that starts with ``start`` (its column and style), the text cut as
    xlsxwriter's write_string cuts it, escaped where ``escape``, its spaces kept."""
    if len(value) > _SHORT and _utf16_units(value) > MAX_CELL:
        value = _utf16_cut(value)
    if escape and _SPECIAL.search(value):
        value = _escaped(value)
    space = ' xml:space="preserve"' if value and (value[0].isspace() or value[-1].isspace()) else ""
    return f'{start} t="inlineStr"><is><t{space}>{value}{_TEXT_END}'


def _needs_escaping(text: str) -> bool:
    """Whether ``text`` may hold what :func:`_escaped` changes (``_x`` may start a
    ``_xHHHH_``): ``in`` finds a character faster than a pattern does."""
    return "&" in text or "<" in text or ">" in text or "_x" in text or _CONTROL.search(text) is not None


class DataSheet:
    """One data sheet as it is written: its header (with each column's note) first,
    then the rows of each measure as they come (made by :class:`RowMaker`), then what
    depends on all rows (widths, drop-downs, auto-filter).

    xlsxwriter writes the header row into its temporary file of the sheet, as its
    constant-memory mode does; the data rows go, as XML text with the elements that mode
    writes, to :class:`DeflatedRows`, spliced in after the header when the workbook is
    packed. This relies on how xlsxwriter 3 keeps that file (``fh``, ``previous_row``,
    the ``dim_*`` extent), hence its upper bound in pyproject.toml."""

    def __init__(self, xlsx: Any, formats: Formats, sheet: Sheet) -> None:
        self.sheet = sheet
        self.ws = ws = add_sheet(xlsx, sheet.title)
        for index, column in enumerate(sheet.columns):
            write_cell(ws, 0, index, column.header, formats.header)
            note = column.description + ("\n" + _("Required.") if column.required else "")
            if note.strip():
                ws.write_comment(0, index, note.strip(), {"author": "integ", "width": 300, "height": 120})
        ws.set_row(0, 30)
        #: Each column's format (for a value on one line): a cell typed in later takes it.
        self.formats = [getattr(formats, plain) if plain else None for plain, _wrapped in _column_styles(sheet)]
        self.longest = [0] * len(sheet.columns)
        #: The data rows, deflated as they come; spliced in after the header row.
        self.rows = _DEFLATED[ws.row_data_filename] = DeflatedRows()
        self.count = 0  # data rows so far (also those without a filled cell)
        self.last = 0  # the last of them with a filled cell

    def widen(self, widths: str) -> None:
        """Take the widest values of the columns a worker has seen (``"3,10,..."``)."""
        self.longest = list(map(max, self.longest, map(int, widths.split(","))))

    def add(self, rows: str) -> None:
        """Write one measure's rows below the ones before: each row's XML with
        :data:`ROW` for its number, followed by :data:`END` (:data:`END` alone: a row
        without a filled cell)."""
        if not rows:
            return
        made = rows.split(END)
        made.pop()  # what follows the last row's END
        ws = self.ws
        if self.count == 0:
            ws._write_single_row(1)  # the header row, which xlsxwriter holds until a later row starts
        if self.count + len(made) > LAST_ROW:
            raise SheetTooLong(
                _("the sheet '{sheet}' would have {rows} rows; Excel holds {limit}: export fewer measures").format(
                    sheet=self.sheet.title, rows=shown(self.count + len(made) + 1), limit=shown(LAST_ROW + 1)
                )
            )
        count, last = self.count, self.last
        out = []
        for row in made:
            count += 1
            if row:
                out.append(row.replace(ROW, str(count + 1)))
                last = count
        self.count = count
        if out:
            self.last = last
            self.rows.write("".join(out))
            ws.dim_rowmax = last
            ws.previous_row = last  # nothing of these rows is left for xlsxwriter to write

    def discard(self) -> None:
        """Close and remove the sheet's temporary files (the workbook is not written)."""
        from pathlib import Path

        self.ws.row_data_fh.close()
        Path(self.ws.row_data_filename).unlink()
        _DEFLATED.pop(self.ws.row_data_filename, None)
        self.rows.file.close()

    def finish(self, sources: Sources) -> None:
        """Column widths and formats, drop-downs, the frozen header and the auto-filter."""
        ws, sheet = self.ws, self.sheet
        for index, column in enumerate(sheet.columns):
            letter = column_letter(index)
            width = max(MIN_WIDTH, min(MAX_WIDTH, max(self.longest[index], len(column.label)) + 2))
            set_width(ws, index, width, self.formats[index])  # cells typed in later keep the column's format
            source = sources.get(column.name) or (
                sources.get(f"vocabulary:{column.vocabulary}") if column.drop_down else None
            )
            if column.drop_down and source:
                cells, title = source
                message = _("Please choose a value from the list '{list}' (on the sheet '{sheet}').").format(
                    list=title, sheet=LISTS_SHEET
                )
                ws.data_validation(
                    f"{letter}2:{letter}{VALIDATED_ROWS + 1}",
                    {
                        "validate": "list",
                        "source": "=" + cells,
                        "ignore_blank": True,
                        "error_title": column.label[:32],  # Excel's limits
                        "error_message": message[:255],
                    },
                )
        ws.freeze_panes(1, 1)
        ws.autofilter(0, 0, max(self.count, 1), len(sheet.columns) - 1)


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _utf16_cut(text: str) -> str:
    """``text`` cut to :data:`MAX_CELL` UTF-16 units, not inside a character."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > MAX_CELL:
            return text[:index]
    return text


def _escaped(text: str) -> str:
    """A cell's text as XML character data, escaped as Excel (and xlsxwriter) escape it."""
    text = re.sub("(_x[0-9a-fA-F]{4}_)", r"_x005F\1", text)
    text = re.sub("[\x00-\x08\x0b-\x1f]", lambda match: f"_x{ord(match.group()):04X}_", text)
    text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
