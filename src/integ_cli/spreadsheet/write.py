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
writes decimals with a comma where asked to. openpyxl is imported inside the functions that need it.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from integ_cli.i18n import N_, _
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
    join_list,
)

if TYPE_CHECKING:
    from openpyxl import Workbook

    from integ_cli.checking.catalogue import Catalogue

#: A vocabulary's entries as (id, German name), in the order the drop-down offers them.
Lists = Mapping[str, Sequence[tuple[str, str]]]
#: Titles of the vocabularies in the "Listen" sheet.
VOCABULARY_TITLES = {
    "fields": N_("Action fields"),
    "target-groups": N_("Target groups"),
    "actors": N_("Actors"),
    "districts": N_("Districts"),
}
#: The number format of amounts: thousands grouped, two decimals, the euro sign
#: (Excel shows the separators of its locale: ``12.000,50 €`` in German).
EURO_FORMAT = "#,##0.00 €"
NAME_HEADER = N_("Name")
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


def _get(data: Any, key: Sequence[str]) -> Any:
    for part in key:
        data = data.get(part) if isinstance(data, dict) else None
    return data


def rows(sheet: Sheet, measures: Iterable[Mapping[str, Any]], named: bool = False) -> list[list[Any]]:
    """The data rows of ``sheet`` for these measures (without the header); codes by
    their names where ``named``."""
    out: list[list[Any]] = []
    for data in measures:
        if sheet.list_key is None:
            out.append([cell_value(c, _get(data, c.key), named) for c in sheet.columns])
            continue
        items = data.get(sheet.list_key)
        for item in items if isinstance(items, list) else []:
            item = item if isinstance(item, dict) else {}
            out.append(
                [cell_value(sheet.columns[0], data.get("id"))]
                + [cell_value(c, _get(item, c.key), named) for c in sheet.columns[1:]]
            )
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


def workbook(layout: Layout, measures: Sequence[Mapping[str, Any]], lists: Lists) -> Workbook:
    """The workbook: data sheets (empty for a template), instructions, drop-down lists."""
    from openpyxl import Workbook

    from integ_cli.spreadsheet.guide import guide_sheet

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    sources = _lists_sheet(book, layout, lists)
    for sheet in layout.sheets:
        _data_sheet(book, sheet, rows(sheet, measures, named=True), sources)
    guide_sheet(book, layout)
    book.move_sheet(LISTS_SHEET, len(book.sheetnames) - 1)  # created first, for the drop-downs; shown last
    book.active = 0
    return book


def xlsx_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def text_cell(cell: Any, value: Any) -> None:
    """Set a cell's value; text stays text even where it starts with '=' (no formula)."""
    cell.value = value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"


def _data_sheet(book: Workbook, sheet: Sheet, data: list[list[Any]], sources: dict[str, tuple[str, str]]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = book.create_sheet(sheet.title)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=index)
        text_cell(cell, column.header)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        note = column.description + ("\n" + _("Required.") if column.required else "")
        if note.strip():
            cell.comment = Comment(note.strip(), "integ", width=300, height=120)
    for row_number, values in enumerate(data, start=2):
        for index, (column, value) in enumerate(zip(sheet.columns, values, strict=True), start=1):
            cell = ws.cell(row=row_number, column=index)
            text_cell(cell, value)
            if column.kind in TEXT_KINDS:
                cell.number_format = "@"
            elif column.amount:
                cell.number_format = EURO_FORMAT
            if isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(sheet.columns):
        letter = column_letter(index)
        dimension = ws.column_dimensions[letter]
        if column.kind in TEXT_KINDS:
            dimension.number_format = "@"  # cells typed in later stay text
        elif column.amount:
            dimension.number_format = EURO_FORMAT
        longest = max((len(str(row[index]).split("\n")[0]) for row in data if row[index] is not None), default=0)
        dimension.width = max(MIN_WIDTH, min(MAX_WIDTH, max(longest, len(column.label)) + 2))
        source = sources.get(column.name) or (
            sources.get(f"vocabulary:{column.vocabulary}") if column.drop_down else None
        )
        if column.drop_down and source:
            cells, title = source
            validation = DataValidation(type="list", formula1=cells, allow_blank=True, showErrorMessage=True)
            validation.error = _("Please choose a value from the list '{list}' (on the sheet '{sheet}').").format(
                list=title, sheet=LISTS_SHEET
            )
            validation.errorTitle = column.label
            validation.add(f"{letter}2:{letter}{VALIDATED_ROWS + 1}")
            ws.add_data_validation(validation)
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{column_letter(len(sheet.columns) - 1)}{max(len(data) + 1, 2)}"


def _lists_sheet(book: Workbook, layout: Layout, lists: Lists) -> dict[str, tuple[str, str]]:
    """The hidden sheet of allowed values; returns the drop-down source range and the
    list's title by column name (enums) and by ``vocabulary:<name>``. A vocabulary's
    drop-down offers its ids; a codelist's its names."""
    from openpyxl.styles import Font

    ws = book.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    blocks: list[tuple[str, str, list[tuple[str, str]]]] = []
    seen: set[tuple[str, ...]] = set()
    for sheet in layout.sheets:
        for column in sheet.columns:
            if column.choices and column.choices not in seen:
                seen.add(column.choices)
                codelist = column.codelist
                values = [(v, codelist.name(v) if codelist else v) for v in column.choices]
                blocks.append((column.name, column.header, values))
    for vocabulary, title in VOCABULARY_TITLES.items():
        blocks.append((f"vocabulary:{vocabulary}", _(title), list(lists.get(vocabulary, ()))))
    sources: dict[str, tuple[str, str]] = {}
    for block, (key, title, values) in enumerate(blocks):
        ids, names = column_letter(2 * block), column_letter(2 * block + 1)
        ws[f"{ids}1"] = title
        ws[f"{ids}1"].font = Font(bold=True)
        ws[f"{names}1"] = _(NAME_HEADER)
        for row, (value, name) in enumerate(values, start=2):
            text_cell(ws[f"{ids}{row}"], value)
            ws[f"{ids}{row}"].number_format = "@"
            text_cell(ws[f"{names}{row}"], name)
        ws.column_dimensions[ids].width = max(14, *(len(v) + 2 for v, _ in values)) if values else 14
        ws.column_dimensions[names].width = 40
        if values:
            offered = ids if key.startswith("vocabulary:") else names
            sources[key] = (f"{LISTS_SHEET}!${offered}$2:${offered}${len(values) + 1}", title)
    for sheet in layout.sheets:  # enums that share their values share the source
        for column in sheet.columns:
            if column.choices and column.name not in sources:
                match = next((k for k, _t, v in blocks if tuple(x for x, _ in v) == column.choices), None)
                if match in sources:
                    sources[column.name] = sources[match]
    return sources
