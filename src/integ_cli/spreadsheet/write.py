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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

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
    out: list[list[Any]] = []
    for data in measures:
        if sheet.list_key is None:
            out.append([cell_value(c, _get(data, c.key), named) for c in sheet.columns])
            continue
        for first, item in _items(sheet, data):
            out.append(first + [cell_value(c, _get(item, c.key), named) for c in sheet.columns[len(first) :]])
    return out


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
    lists. :func:`xlsx_bytes` writes it in one pass, row by row, so the rows are never
    all held as cells (openpyxl kept every cell as an object: 374 MiB for 10,000 measures)."""

    layout: Layout
    measures: Sequence[Mapping[str, Any]]
    lists: Lists
    #: The concept marks the data as invented examples: the instructions sheet says so first.
    illustrative: bool = False


def workbook(
    layout: Layout, measures: Sequence[Mapping[str, Any]], lists: Lists, *, illustrative: bool = False
) -> Workbook:
    """The workbook: data sheets (empty for a template), instructions, drop-down lists."""
    return Workbook(layout, measures, lists, illustrative)


def xlsx_bytes(book: Workbook) -> bytes:
    """The workbook as an .xlsx file, written by xlsxwriter in its constant-memory mode:
    each row goes to a temporary file as soon as the next one starts."""
    import xlsxwriter

    from integ_cli.spreadsheet.guide import guide_sheet

    out = io.BytesIO()
    xlsx = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_numbers": False})
    formats = Formats(xlsx)
    sources = drop_down_sources(book.layout, book.lists)
    for sheet in book.layout.sheets:
        _data_sheet(xlsx, formats, sheet, rows(sheet, book.measures, named=True), sources)
    guide_sheet(xlsx, book.layout, book.illustrative)
    lists_sheet(xlsx, formats, book.layout, book.lists)  # last: the drop-downs name it, nobody edits it
    xlsx.close()
    return out.getvalue()


class Formats:
    """The cell formats of one workbook (xlsxwriter makes them per workbook)."""

    def __init__(self, xlsx: Any) -> None:
        self.header = xlsx.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top"})
        self.bold = xlsx.add_format({"bold": True})
        self.text = xlsx.add_format({"num_format": "@"})
        self.text_wrapped = xlsx.add_format({"num_format": "@", "text_wrap": True, "valign": "top"})
        self.wrapped = xlsx.add_format({"text_wrap": True, "valign": "top"})
        self.euro = xlsx.add_format({"num_format": EURO_FORMAT})


@cache
def _sheet_class() -> type:
    """xlsxwriter's worksheet, with each column described on its own in the file.

    xlsxwriter merges neighbouring columns of equal width and format into one range,
    which Excel reads as meant but openpyxl (and so anything that reads a column's
    width back) sees as the first column's alone."""
    from xlsxwriter.worksheet import Worksheet

    class OneColumnEach(Worksheet):  # type: ignore[misc]
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


def _data_sheet(xlsx: Any, formats: Formats, sheet: Sheet, data: list[list[Any]], sources: Sources) -> None:
    ws = add_sheet(xlsx, sheet.title)
    for index, column in enumerate(sheet.columns):
        write_cell(ws, 0, index, column.header, formats.header)
        note = column.description + ("\n" + _("Required.") if column.required else "")
        if note.strip():
            ws.write_comment(0, index, note.strip(), {"author": "integ", "width": 300, "height": 120})
    ws.set_row(0, 30)
    kinds = [
        (formats.text, formats.text_wrapped)
        if c.kind in TEXT_KINDS
        else (formats.euro, formats.wrapped)
        if c.amount
        else (None, formats.wrapped)
        for c in sheet.columns
    ]
    for row_number, values in enumerate(data, start=1):
        for index, value in enumerate(values):
            if value is not None:  # an empty cell takes its column's format (set below)
                plain, wrapped = kinds[index]
                write_cell(ws, row_number, index, value, wrapped if isinstance(value, str) and "\n" in value else plain)
    for index, column in enumerate(sheet.columns):
        letter = column_letter(index)
        longest = max((len(str(row[index]).split("\n")[0]) for row in data if row[index] is not None), default=0)
        width = max(MIN_WIDTH, min(MAX_WIDTH, max(longest, len(column.label)) + 2))
        set_width(ws, index, width, kinds[index][0])  # cells typed in later keep the column's format
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
    ws.autofilter(0, 0, max(len(data), 1), len(sheet.columns) - 1)
