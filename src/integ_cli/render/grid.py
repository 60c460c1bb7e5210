"""One grid of text cells, three renderings: a rich table for the terminal, a plain
space-aligned table for pipes, and a Markdown table.

A grid is headers plus rows of strings; ``right`` names the columns to align right
(numbers). Every cell is made one harmless line (:func:`integ_cli.render.safe.one_line`):
a line break, a control character or a workflow command in the data shows as an escape,
whichever of the three renderings. rich is imported only when a rich table is drawn.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from integ_cli.render.safe import one_line

Row = Sequence[str]


@dataclass(frozen=True, slots=True)
class Display:
    """Where output goes: colour (ANSI codes) or not, how many columns wide, and for
    CSV whether a spreadsheet (cells that would run as formulas guarded, the default)
    or a script (``csv_raw``: every cell as it is) reads it."""

    colour: bool = False
    columns: int | None = None
    csv_raw: bool = False


PLAIN = Display()


#: Characters whose width is not one column: combining marks and East Asian wide
#: ranges. Text without them (nearly all German text) is measured by len() alone.
_NOT_ONE_COLUMN = re.compile(
    "[\u0300-\u036f\u1100-\u115f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u2e80-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe20-\ufe4f\uff00-\uff60\uffe0-\uffe6\U0001f000-\U0010ffff]"
)


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide East Asian characters count two,
    combining marks (a decomposed umlaut's dots) none."""
    if text.isascii() or not _NOT_ONE_COLUMN.search(text):
        return len(text)
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def plain(headers: Row, rows: Sequence[Row], right: Collection[int] = ()) -> str:
    """Columns separated by two spaces, headers in capitals, no colour and no frame:
    stable for ``grep``, ``sort`` and ``less``. Trailing blanks are stripped."""
    cells = [[h.upper() for h in headers], *[[one_line(c) for c in row] for row in rows]]
    sizes = [[width(cell) for cell in row] for row in cells]
    widths = [max(row[i] for row in sizes) for i in range(len(headers))]
    lines = []
    for row, size in zip(cells, sizes, strict=True):
        parts = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - size[i])
            parts.append(pad + cell if i in right else cell + pad)
        lines.append("  ".join(parts).rstrip() + "\n")
    return "".join(lines)


def _escape_markdown(text: str) -> str:
    return one_line(text).replace("\\", "\\\\").replace("|", "\\|")


def markdown(headers: Row, rows: Sequence[Row], right: Collection[int] = ()) -> str:
    """A GitHub-flavoured Markdown table; pipes (and backslashes) in cells are escaped."""
    lines = [
        "| " + " | ".join(_escape_markdown(h) for h in headers) + " |\n",
        "| " + " | ".join("---:" if i in right else "---" for i in range(len(headers))) + " |\n",
    ]
    lines += ["| " + " | ".join(_escape_markdown(c) for c in row) + " |\n" for row in rows]
    return "".join(lines)


def rich_table(
    headers: Row,
    rows: Sequence[Row],
    right: Collection[int] = (),
    display: Display = PLAIN,
    *,
    no_wrap: Collection[int] = (),
    ratios: dict[int, int] | None = None,
) -> str:
    """A rich table drawn into a string: colour only when ``display.colour``
    (otherwise not one escape code), at most ``display.columns`` wide (default 100).
    ``no_wrap`` columns keep their width; with ``ratios`` the table takes the whole
    width and those columns share what the others leave, in these proportions."""
    from rich.console import Console
    from rich.table import Table

    colour = display.colour
    table = Table(show_edge=False, header_style="bold" if colour else "", pad_edge=False, expand=bool(ratios))
    for i, header in enumerate(headers):
        table.add_column(
            header,
            justify="right" if i in right else "left",
            no_wrap=i in no_wrap,
            overflow="fold",
            ratio=(ratios or {}).get(i),
        )
    for row in rows:
        table.add_row(*(one_line(c) for c in row))
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=display.columns or 100,
        force_terminal=colour,
        color_system="standard" if colour else None,
        no_color=not colour,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    console.print(table)
    return buffer.getvalue()
