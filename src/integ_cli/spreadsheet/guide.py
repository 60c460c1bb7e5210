"""The instructions sheet "Anleitung" of the workbook: how to edit and read back, and every column.

In the language of the process (German by default, as the office reads it); a column's
description is the schema's (its German ``x-integ-description-de`` in German, see
:mod:`.layout`). It is written with xlsxwriter (:func:`guide_sheet`).
"""

from __future__ import annotations

from typing import Any

from integ_cli.i18n import _
from integ_cli.spreadsheet.layout import GUIDE_SHEET, LISTS_SHEET, MEASURES_SHEET, Column, Layout


def guide_lines(layout: Layout, illustrative: bool = False) -> list[str]:
    """The instructions, one paragraph per line (the "Anleitung" sheet), in the
    language of the process; first, where the concept says so, that the data are invented."""
    from integ_cli.render.report.labels import ILLUSTRATIVE

    names = ", ".join(f"'{s.title}'" for s in layout.lists)
    return [
        _("Instructions: editing measures in Excel and reading them back with integ"),
        *([_(ILLUSTRATIVE)] if illustrative else []),
        "",
        _(
            "The sheet '{measures}' has one row per measure. Budget lines, indicators and links are on sheets "
            "of their own ({sheets}), one row per entry, with the measure's id in the first column."
        ).format(measures=MEASURES_SHEET, sheets=names),
        _(
            "Every header names the column and, in parentheses, its key, e.g. 'Titel (title)'. integ reads "
            "the columns by the key in parentheses: columns may be reordered or left out (a missing column "
            "stays unchanged); the key in parentheses must not change."
        ),
        "",
        _(
            "To change a measure: change values in its row; do not change the measure's id. Only changed "
            "cells are taken over. integ sets 'Geändert am' itself (the column is not read back)."
        ),
        _(
            "A new measure: a new row with an empty id. integ gives it its id as 'integ add' does (the action "
            "field and the next number, e.g. sprache-006). Where the new measure is to get budget lines or "
            "indicators, write a placeholder such as neu-1, neu-2 into the id column and use it on the other "
            "sheets."
        ),
        _(
            "An empty cell removes the value (required fields must stay filled). Measures are never deleted: "
            "set the status to 'abgeschlossen' (completed) or 'verworfen' (dropped)."
        ),
        _(
            "Budget and indicators: a measure's rows on the sheets {sheets} are its complete list, in this "
            "order: a new row adds an entry, a deleted row removes it. A sheet with no rows at all leaves the "
            "lists unchanged."
        ).format(sheets=names),
        *(
            _(
                "Consultation (Beratungsfolge): the sheet '{sheet}' has one row per committee that discussed a "
                "decision's paper, in order, with the measure's id and the decision's number: 1 for the measure's "
                "first row on the sheet '{decisions}' (or for its one decision on the sheet '{measures}'), 2 for "
                "the second, and so on."
            ).format(sheet=sheet.title, decisions=_list_title(layout, sheet.parents[0]), measures=MEASURES_SHEET)
            for sheet in layout.lists
            if sheet.parents
        ),
        "",
        _(
            "Separate several ids (target groups, partners, districts, tags) with commas, e.g. 'eltern, "
            "frauen'. Write dates as DD.MM.YYYY or YYYY-MM-DD, e.g. 31.12.2025. Amounts in euros as Excel "
            "shows them, e.g. 12.000,50 € (a dot before exactly three digits separates thousands), or without "
            "separators: 12000 or 12000,50."
        ),
        _(
            "Columns with a drop-down (action field, lead, status, horizon, visibility, funding source) offer "
            "the allowed values; status, horizon, visibility and funding source by their names (the codes "
            "work too). All allowed ids and names are on the sheet '{lists}' (hidden: right-click a sheet "
            "tab, 'Unhide')."
        ).format(lists=LISTS_SHEET),
        _("The note on every header describes the column."),
        "",
        _(
            "Reading back: integ import FILE.xlsx --dry-run shows what would be added and changed; integ import "
            "FILE.xlsx takes it over. Where integ finds an error, nothing is written, and every error is named "
            'with its sheet, row and column, e.g. "Maßnahmen!F12 (Zielgruppen): unknown target group '
            "'jugend'; did you mean 'jugendliche'?\"."
        ),
        _(
            "CSV: 'integ export --format csv' writes the sheet Maßnahmen only; 'integ import' reads CSV with ';' "
            "or ',' between cells, in UTF-8 or Windows-1252, as Excel saves it."
        ),
    ]


def _list_title(layout: Layout, list_key: str) -> str:
    sheet = layout.for_list(list_key)
    return sheet.title if sheet else list_key


def column_line(column: Column) -> str:
    """One column on the instructions sheet: its header, whether it is required, its
    description and the values it allows (by German name, as the drop-down offers them)."""
    template = _("{header} (required): {description}") if column.required else _("{header}: {description}")
    line = template.format(header=column.header, description=column.description)
    if column.choices:
        codelist = column.codelist
        values = [codelist.name(v) if codelist else v for v in column.choices]
        line += " " + _("Values: {values}.").format(values=", ".join(values))
    return line


def guide_sheet(xlsx: Any, layout: Layout, illustrative: bool = False) -> None:
    """The "Anleitung" sheet of an xlsxwriter workbook, written top to bottom (the
    workbook is written row by row)."""
    from integ_cli.spreadsheet.write import add_sheet, set_width, write_cell

    ws = add_sheet(xlsx, GUIDE_SHEET)
    set_width(ws, 0, 110)
    wrapped = xlsx.add_format({"text_wrap": True, "valign": "top"})
    title = xlsx.add_format({"text_wrap": True, "valign": "top", "bold": True, "font_size": 14})
    bold = xlsx.add_format({"bold": True})
    lines = guide_lines(layout, illustrative)
    for row, line in enumerate(lines):
        write_cell(ws, row, 0, line or None, title if row == 0 else wrapped)
    row = len(lines) + 1
    for sheet in layout.sheets:
        write_cell(ws, row, 0, _("Sheet '{sheet}'").format(sheet=sheet.title), bold)
        row += 1
        for column in sheet.columns:
            write_cell(ws, row, 0, column_line(column), wrapped)
            row += 1
        row += 1
