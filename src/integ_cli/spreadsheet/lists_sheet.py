"""The hidden sheet "Listen" of the workbook: the values each drop-down offers.

Each list takes two columns, the values and their names: the codelists of the layout's
enum columns (status, horizon, ...) and the vocabularies. A vocabulary's drop-down
offers its ids; a codelist's its German names (see :mod:`.write`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from integ_cli.i18n import N_, _
from integ_cli.spreadsheet.layout import LISTS_SHEET, Layout, column_letter

if TYPE_CHECKING:
    from integ_cli.spreadsheet.write import Formats

#: A vocabulary's entries as (id, German name), in the order the drop-down offers them.
Lists = Mapping[str, Sequence[tuple[str, str]]]
#: Titles of the vocabularies in the "Listen" sheet.
VOCABULARY_TITLES = {
    "fields": N_("Action fields"),
    "target-groups": N_("Target groups"),
    "actors": N_("Actors"),
    "districts": N_("Districts"),
}
NAME_HEADER = N_("Name")

#: The drop-down source range and the list's title, by column name (enums) and by
#: ``vocabulary:<name>``.
Sources = dict[str, tuple[str, str]]


def _blocks(layout: Layout, lists: Lists) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The lists of the "Listen" sheet, two columns each: (key, title, [(value, name)])."""
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
    return blocks


def drop_down_sources(layout: Layout, lists: Lists) -> Sources:
    """Where each drop-down's values stand in "Listen". A vocabulary's drop-down offers
    its ids; a codelist's its names."""
    blocks = _blocks(layout, lists)
    sources: Sources = {}
    for block, (key, title, values) in enumerate(blocks):
        if values:
            offered = column_letter(2 * block + (0 if key.startswith("vocabulary:") else 1))
            sources[key] = (f"{LISTS_SHEET}!${offered}$2:${offered}${len(values) + 1}", title)
    for sheet in layout.sheets:  # enums that share their values share the source
        for column in sheet.columns:
            if column.choices and column.name not in sources:
                match = next((k for k, _t, v in blocks if tuple(x for x, _ in v) == column.choices), None)
                if match in sources:
                    sources[column.name] = sources[match]
    return sources


def lists_sheet(xlsx: Any, formats: Formats, layout: Layout, lists: Lists) -> None:
    """The hidden sheet of allowed values (see :func:`drop_down_sources`)."""
    from integ_cli.spreadsheet.write import add_sheet, set_width, write_cell

    ws = add_sheet(xlsx, LISTS_SHEET)
    ws.hide()
    blocks = _blocks(layout, lists)
    for block, (_key, title, _values) in enumerate(blocks):
        write_cell(ws, 0, 2 * block, title, formats.bold)
        write_cell(ws, 0, 2 * block + 1, _(NAME_HEADER))
    for row in range(1, 1 + max((len(values) for _k, _t, values in blocks), default=0)):
        for block, (_key, _title, values) in enumerate(blocks):
            if row <= len(values):
                value, name = values[row - 1]
                write_cell(ws, row, 2 * block, value, formats.text)
                write_cell(ws, row, 2 * block + 1, name)
    for block, (_key, _title, values) in enumerate(blocks):
        set_width(ws, 2 * block, max(14, *(len(v) + 2 for v, _ in values)) if values else 14)
        set_width(ws, 2 * block + 1, 40)
