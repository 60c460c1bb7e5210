"""Writing measures as an Excel workbook or a CSV file in the layout of :mod:`integ_cli.spreadsheet.layout`.

What the workbook does for the people who edit it:

* a bold, frozen header row (and the id column frozen too), an auto-filter and column
  widths that fit the content;
* ids, dates, vocabulary values and lists are **text cells** (number format ``@``, also
  as the column's default), so Excel never turns ``2025-01-01`` into a date serial or
  an id into a number; amounts and years are numbers;
* drop-down lists (data validation) for single values from a closed list: action
  field, lead, status, horizon, visibility, funding source; the values stand in the
  hidden sheet "Listen" (ids with their German names, all vocabularies);
* an instructions sheet "Anleitung" and the schema's description of every column as
  a note on its header.

The CSV holds the measures sheet only, in the dialect ``integ list --format csv`` uses
(:mod:`integ_cli.spreadsheet.csvdialect`). openpyxl is imported inside the functions that need it.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from integ_cli.spreadsheet.layout import (
    BOOLEAN,
    GUIDE_SHEET,
    INTEGER,
    LIST,
    LISTS_SHEET,
    MEASURES_SHEET,
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

#: A vocabulary's entries as (id, German name), in the order the drop-down offers them;
#: a codelist's as ``codes:<key>`` (e.g. ``codes:status``).
Lists = Mapping[str, Sequence[tuple[str, str]]]
#: Titles of the vocabularies in the "Listen" sheet.
VOCABULARY_TITLES = {
    "fields": "Handlungsfelder",
    "target-groups": "Zielgruppen",
    "actors": "Akteure",
    "districts": "Stadtbezirke",
}
#: Column widths (in characters) are kept between these.
MIN_WIDTH, MAX_WIDTH = 10, 60
#: Data validation covers this many rows below the header.
VALIDATED_ROWS = 5000


def lists_of(catalogue: Catalogue) -> dict[str, list[tuple[str, str]]]:
    """The drop-down lists of a repository: action fields in concept order, then the
    vocabularies in file order, each as (id, German name)."""
    from integ_cli.fields import field_order

    fields = catalogue.fields
    lists = {"fields": [(field_id, str(fields[field_id].get("name", ""))) for field_id in field_order(fields)]}
    for kind in ("target-groups", "actors", "districts"):
        entries = catalogue.vocabularies.get(kind, {})
        lists[kind] = [(entry_id, str(entry.get("name", ""))) for entry_id, entry in entries.items()]
    for codelist in catalogue.codelists:
        lists[f"codes:{codelist.key}"] = [(entry.code, entry.name()) for entry in codelist]
    return lists


def cell_value(column: Column, value: Any) -> Any:
    """A record's value as the cell holds it: lists joined with ", ", numbers and
    booleans as they are, everything else as text; None for an empty cell."""
    if value is None:
        return None
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


def rows(sheet: Sheet, measures: Iterable[Mapping[str, Any]]) -> list[list[Any]]:
    """The data rows of ``sheet`` for these measures (without the header)."""
    out: list[list[Any]] = []
    for data in measures:
        if sheet.list_key is None:
            out.append([cell_value(c, _get(data, c.key)) for c in sheet.columns])
            continue
        items = data.get(sheet.list_key)
        for item in items if isinstance(items, list) else []:
            item = item if isinstance(item, dict) else {}
            out.append(
                [cell_value(sheet.columns[0], data.get("id"))]
                + [cell_value(c, _get(item, c.key)) for c in sheet.columns[1:]]
            )
    return out


def csv_text(layout: Layout, measures: Iterable[Mapping[str, Any]]) -> str:
    """The measures sheet as CSV for a German Excel, a header row first."""
    from integ_cli.spreadsheet.csvdialect import write_rows

    sheet = layout.measures
    cells = ([_csv_cell(v) for v in row] for row in rows(sheet, measures))
    return write_rows([[c.header for c in sheet.columns], *cells])


def _csv_cell(value: Any) -> str:
    return "" if value is None else "true" if value is True else "false" if value is False else str(value)


def workbook(layout: Layout, measures: Sequence[Mapping[str, Any]], lists: Lists) -> Workbook:
    """The workbook: data sheets (empty for a template), instructions, drop-down lists."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    sources = _lists_sheet(book, layout, lists)
    for sheet in layout.sheets:
        _data_sheet(book, sheet, rows(sheet, measures), sources)
    _guide_sheet(book, layout)
    book.move_sheet(LISTS_SHEET, len(book.sheetnames) - 1)  # created first, for the drop-downs; shown last
    book.active = 0
    return book


def xlsx_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(cell: Any, value: Any) -> None:
    """Set a cell's value; text stays text even where it starts with '=' (no formula)."""
    cell.value = value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"


def _data_sheet(book: Workbook, sheet: Sheet, data: list[list[Any]], sources: dict[str, str]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = book.create_sheet(sheet.title)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=index)
        _text(cell, column.header)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        note = column.description + ("\nPflichtfeld." if column.required else "")
        if note.strip():
            cell.comment = Comment(note.strip(), "integ", width=300, height=120)
    for row_number, values in enumerate(data, start=2):
        for index, (column, value) in enumerate(zip(sheet.columns, values, strict=True), start=1):
            cell = ws.cell(row=row_number, column=index)
            _text(cell, value)
            if column.kind in TEXT_KINDS:
                cell.number_format = "@"
            if isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(sheet.columns):
        letter = column_letter(index)
        dimension = ws.column_dimensions[letter]
        if column.kind in TEXT_KINDS:
            dimension.number_format = "@"  # cells typed in later stay text
        longest = max((len(str(row[index]).split("\n")[0]) for row in data if row[index] is not None), default=0)
        dimension.width = max(MIN_WIDTH, min(MAX_WIDTH, max(longest, len(column.label)) + 2))
        source = sources.get(column.name) or (
            sources.get(f"vocabulary:{column.vocabulary}") if column.drop_down else None
        )
        if column.drop_down and source:
            validation = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True)
            validation.error = "Bitte einen Wert aus der Liste wählen (siehe Blatt 'Listen')."
            validation.errorTitle = column.label
            validation.add(f"{letter}2:{letter}{VALIDATED_ROWS + 1}")
            ws.add_data_validation(validation)
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{column_letter(len(sheet.columns) - 1)}{max(len(data) + 1, 2)}"


def _lists_sheet(book: Workbook, layout: Layout, lists: Lists) -> dict[str, str]:
    """The hidden sheet of allowed values; returns the drop-down source range by
    column name (enums) and by ``vocabulary:<name>``."""
    from openpyxl.styles import Font

    ws = book.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    blocks: list[tuple[str, str, list[tuple[str, str]]]] = []
    seen: set[tuple[str, ...]] = set()
    for sheet in layout.sheets:
        for column in sheet.columns:
            if column.choices and column.choices not in seen:
                seen.add(column.choices)
                named = dict(lists.get(f"codes:{column.name}", ()))
                values = [(v, named.get(v, v)) for v in column.choices]
                blocks.append((column.name, f"{column.label} ({column.name})", values))
    for vocabulary, title in VOCABULARY_TITLES.items():
        blocks.append((f"vocabulary:{vocabulary}", title, list(lists.get(vocabulary, ()))))
    sources: dict[str, str] = {}
    for block, (key, title, values) in enumerate(blocks):
        ids, names = column_letter(2 * block), column_letter(2 * block + 1)
        ws[f"{ids}1"] = title
        ws[f"{ids}1"].font = Font(bold=True)
        ws[f"{names}1"] = "Name"
        for row, (value, name) in enumerate(values, start=2):
            _text(ws[f"{ids}{row}"], value)
            ws[f"{ids}{row}"].number_format = "@"
            _text(ws[f"{names}{row}"], name)
        ws.column_dimensions[ids].width = max(14, *(len(v) + 2 for v, _ in values)) if values else 14
        ws.column_dimensions[names].width = 40
        if values:
            sources[key] = f"{LISTS_SHEET}!${ids}$2:${ids}${len(values) + 1}"
    for sheet in layout.sheets:  # enums that share their values share the source
        for column in sheet.columns:
            if column.choices and column.name not in sources:
                match = next((k for k, _t, v in blocks if tuple(x for x, _ in v) == column.choices), None)
                if match in sources:
                    sources[column.name] = sources[match]
    return sources


def guide_lines(layout: Layout) -> list[str]:
    """The instructions, one paragraph per line (the "Anleitung" sheet)."""
    names = ", ".join(f"'{s.title}'" for s in layout.lists)
    return [
        "Anleitung: Maßnahmen in Excel bearbeiten und mit integ wieder einlesen",
        "",
        f"Das Blatt '{MEASURES_SHEET}' hat eine Zeile je Maßnahme. Budgetzeilen, Kennzahlen und Links stehen in "
        f"eigenen Blättern ({names}), eine Zeile je Eintrag, in der ersten Spalte die Maßnahme-ID.",
        "Jede Überschrift nennt die deutsche Bezeichnung und in Klammern den Schlüssel, z. B. 'Titel (title)'. "
        "integ liest die Spalten über den Schlüssel in Klammern: Spalten dürfen umsortiert oder weggelassen "
        "werden (eine fehlende Spalte bleibt unverändert), der Schlüssel in Klammern darf sich nicht ändern.",
        "",
        "Bestehende Maßnahme ändern: Werte in ihrer Zeile ändern; die Maßnahme-ID nicht ändern. Nur geänderte "
        "Zellen werden übernommen. 'Geändert am' setzt integ selbst (die Spalte wird nicht eingelesen).",
        "Neue Maßnahme: eine neue Zeile mit leerer Maßnahme-ID. integ vergibt die ID wie 'integ add' "
        "(Handlungsfeld und nächste Nummer, z. B. sprache-006). Soll die neue Maßnahme Budgetzeilen oder "
        "Kennzahlen bekommen, in die ID-Spalte einen Platzhalter wie neu-1, neu-2 schreiben und ihn in den "
        "anderen Blättern verwenden.",
        "Eine leere Zelle entfernt den Wert (Pflichtfelder müssen gefüllt bleiben). Maßnahmen werden nie "
        "gelöscht: Status 'completed' oder 'dropped' setzen.",
        f"Budget und Kennzahlen: die Zeilen einer Maßnahme in den Blättern {names} sind ihre vollständige "
        "Liste, in dieser Reihenfolge: eine neue Zeile fügt einen Eintrag hinzu, eine gelöschte entfernt ihn. "
        "Ein Blatt ganz ohne Zeilen lässt die Listen unverändert.",
        "",
        "Listen mehrerer IDs (Zielgruppen, Kooperationspartner, Stadtbezirke, Schlagworte) durch Komma trennen, "
        "z. B. 'eltern, frauen'. Datumsangaben als JJJJ-MM-TT schreiben, z. B. 2025-01-01. Beträge in Euro "
        "ohne Tausenderpunkt, z. B. 12000 oder 12000,50.",
        "Felder mit Auswahlliste (Handlungsfeld, Federführung, Status, Zeithorizont, Sichtbarkeit, "
        f"Mittelherkunft) bieten die erlaubten Werte an. Alle erlaubten IDs mit Namen stehen im Blatt "
        f"'{LISTS_SHEET}' (ausgeblendet: Rechtsklick auf einen Blattreiter, 'Einblenden').",
        "Die Notiz an jeder Überschrift beschreibt die Spalte.",
        "",
        "Einlesen: integ import DATEI.xlsx --dry-run zeigt, was hinzukäme und sich änderte; integ import "
        "DATEI.xlsx übernimmt es. Findet integ einen Fehler, wird nichts geschrieben, und jeder Fehler wird mit "
        "Blatt, Zeile und Spalte genannt, z. B. \"Maßnahmen!F12 (Zielgruppen): unknown target group 'jugend'; "
        "did you mean 'jugendliche'?\".",
        "CSV: 'integ export --format csv' schreibt nur das Blatt Maßnahmen; 'integ import' liest CSV mit ';' "
        "oder ',' als Trennzeichen, in UTF-8 oder Windows-1252, wie Excel sie speichert.",
    ]


def _guide_sheet(book: Workbook, layout: Layout) -> None:
    from openpyxl.styles import Alignment, Font

    ws = book.create_sheet(GUIDE_SHEET)
    ws.column_dimensions["A"].width = 110
    lines = guide_lines(layout)
    for row, line in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1)
        _text(cell, line or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws["A1"].font = Font(bold=True, size=14)
    row = len(lines) + 2
    for sheet in layout.sheets:
        ws.cell(row=row, column=1, value=f"Blatt '{sheet.title}'").font = Font(bold=True)
        row += 1
        for column in sheet.columns:
            hint = " (Pflichtfeld)" if column.required else ""
            allowed = f" Werte: {', '.join(column.choices)}." if column.choices else ""
            cell = ws.cell(row=row, column=1)
            _text(cell, f"{column.header}{hint}: {column.description}{allowed}")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
        row += 1
