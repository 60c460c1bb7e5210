"""The report for the terminal: rich tables with bars (``table``), or plain text for
pipes and files (``text``).

Both draw the tables of :mod:`integ_cli.render.report.tables`, fields by their short
names so the tables fit a terminal. ``table`` colours nothing unless the display
allows colour (a terminal without ``NO_COLOR``); its bars are block characters that
read without colour too. ``text`` has no bars, no colour and no frame: columns
separated by spaces, stable for ``grep`` and ``diff``.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from integ_cli.render import grid
from integ_cli.render.grid import Display
from integ_cli.render.report import labels as L
from integ_cli.render.report.tables import STATUS_CHARS, Style, Table, sections
from integ_cli.report.model import Report

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

#: Colours of the status segments (rich colour names of the 16 standard colours).
#: Colours of the status bar's characters, in the same order (:data:`STATUS_CHARS`).
STATUS_STYLES = ("cyan", "blue", "green", "yellow", "red", "magenta", "bright_cyan", "bright_green")
_CHAR_STYLES = dict(zip(STATUS_CHARS, STATUS_STYLES, strict=True))


def render_text(report: Report) -> str:
    """Plain text: the title, each section's heading underlined, its tables and notes."""
    out = [report.header.title.upper() + "\n", *(line.text + "\n" for line in L.header_lines(report.header))]
    for section in sections(report, Style(compact=True)):
        out += ["\n", section.title + "\n", "=" * grid.width(section.title) + "\n"]
        for table in section.tables:
            out.append("\n")
            if table.caption:
                out.append(table.caption + ":\n")
            out.append(grid.plain(table.headers, [*table.rows, *table.foot], table.right))
        if section.notes:
            out.append("\n")
        out += [note + "\n" for note in section.notes]
    return "".join(out)


def _bar_text(cell: str, colour: bool) -> Text:
    from rich.text import Text

    text = Text(no_wrap=True)
    for char in cell:
        text.append(char, style=_CHAR_STYLES.get(char, "magenta") if colour else "")
    return text


def _min_width(cells: list[str], whole: bool) -> int:
    """The narrowest a column may get: its widest number (``whole``) or its longest word,
    so rich squeezes headers and wraps text between words, never inside a number."""
    pieces = cells if whole else [word for cell in cells for word in cell.split()]
    return max((grid.width(piece) for piece in pieces), default=0)


def _rich_table(table: Table, colour: bool) -> object:
    """A rich table without vertical rules (more room for the numbers); the total row as
    its footer, under a rule."""
    from rich import box
    from rich.table import Table as RichTable

    foot = table.foot[0] if table.foot else None
    drawn = RichTable(
        box=box.SIMPLE,
        show_edge=False,
        show_footer=foot is not None,
        footer_style="bold" if colour else "",
        pad_edge=False,
        collapse_padding=True,
        header_style="bold" if colour else "",
        title=table.caption,
        title_justify="left",
        title_style="italic" if colour else "",
    )
    for i, header in enumerate(table.headers):
        cells = [row[i] for row in [*table.rows, *table.foot]]
        drawn.add_column(
            header,
            footer=foot[i] if foot else "",
            justify="right" if i in table.right else "left",
            no_wrap=i in table.bars,
            overflow="fold",
            min_width=_min_width(cells, whole=i in table.right),
        )
    for row in table.rows:
        drawn.add_row(*(_bar_text(c, colour) if i in table.bars else " ".join(c.split()) for i, c in enumerate(row)))
    return drawn


def _console(buffer: io.StringIO, display: Display) -> Console:
    from rich.console import Console

    return Console(
        file=buffer,
        width=display.columns or 100,
        force_terminal=display.colour,
        color_system="standard" if display.colour else None,
        no_color=not display.colour,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )


def render_table(report: Report, display: Display) -> str:
    """Rich tables with bars, as wide as the display (default 100 columns)."""
    buffer = io.StringIO()
    console = _console(buffer, display)
    colour = display.colour
    console.print(report.header.title, style="bold" if colour else "")
    for line in L.header_lines(report.header):
        console.print(line.text, style="yellow" if colour and line.warning else "")
    for section in sections(report, Style(bars=True, compact=True)):
        console.print()
        console.rule(section.title, align="left", style="blue" if colour else "")
        for table in section.tables:
            console.print()
            console.print(_rich_table(table, colour))
        for note in section.notes:
            console.print(note, style="dim" if colour else "")
    return buffer.getvalue()
