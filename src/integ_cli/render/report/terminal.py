"""The report for the terminal: tables with bars, framed as rich frames them
(``table``, drawn by :func:`integ_cli.render.grid.frame_lines`), or plain text for pipes and
files (``text``).

Both draw the tables of :mod:`integ_cli.render.report.tables`, fields by their short
names so the tables fit a terminal. ``table`` colours nothing unless the display
allows colour (a terminal without ``NO_COLOR``); its bars are block characters that
read without colour too. ``text`` has no bars, no colour and no frame: columns
separated by spaces, stable for ``grep`` and ``diff``.
"""

from __future__ import annotations

from collections.abc import Iterator

from integ_cli.render import grid
from integ_cli.render.grid import SIMPLE, Column, Display, Styles, sgr, unpainted
from integ_cli.render.report import labels as L
from integ_cli.render.report.tables import STATUS_CHARS, Style, Table, each_section
from integ_cli.report.model import Report

#: Colours of the status bar's characters, in the same order (:data:`STATUS_CHARS`), as
#: ANSI codes of the 16 standard colours: cyan, blue, green, yellow, red, magenta,
#: bright cyan, bright green; a character beyond them is magenta.
STATUS_COLOURS = ("36", "34", "32", "33", "31", "35", "96", "92")
_CHAR_COLOURS = dict(zip(STATUS_CHARS, STATUS_COLOURS, strict=True))
_OTHER_COLOUR = "35"


def render_text(report: Report) -> Iterator[str]:
    """Plain text: the title, each section's heading underlined, its tables and notes;
    in pieces, a section written before the next is built."""
    yield report.header.title.upper() + "\n"
    yield "".join(line.text + "\n" for line in L.header_lines(report.header))
    for section in each_section(report, Style(compact=True)):
        yield "\n" + section.title + "\n" + "=" * grid.width(section.title) + "\n"
        for table in section.tables:
            yield "\n" + (table.caption + ":\n" if table.caption else "")
            yield grid.plain(table.headers, [*table.rows, *table.foot], table.right)
        if section.notes:
            yield "\n" + "".join(note + "\n" for note in section.notes)


def _paint_bar(cell: str) -> str:
    """A drawn bar cell with each block character in its status's colour."""
    return "".join(
        char if char == " " else f"\x1b[{_CHAR_COLOURS.get(char, _OTHER_COLOUR)}m{char}\x1b[0m" for char in cell
    )


def _min_width(cells: list[str], whole: bool) -> int:
    """The narrowest a column may get: its widest number (``whole``) or its longest word,
    so a table squeezes headers and wraps text between words, never inside a number."""
    narrowest = 0
    for cell in cells:  # ASCII (most cells: numbers, ids) measured by len(), without a call
        measure = len if cell.isascii() else grid.width
        cell_width = measure(cell)
        if cell_width > narrowest and not whole:  # no word is wider than its cell: split only these
            cell_width = max(map(measure, cell.split()), default=0)
        if cell_width > narrowest:
            narrowest = cell_width
    return narrowest


def _table(table: Table, display: Display) -> str:
    """A table without vertical rules (more room for the numbers), its caption above,
    the total row as its footer, under a rule."""
    foot = table.foot[0] if table.foot else None
    columns = [
        Column(
            header,
            right=i in table.right,
            no_wrap=i in table.bars,
            min_width=_min_width([row[i] for row in [*table.rows, *table.foot]], whole=i in table.right),
            footer=foot[i] if foot else "",
        )
        for i, header in enumerate(table.headers)
    ]
    styles = grid.NO_STYLES
    if display.colour:
        bold = sgr("1")
        styles = Styles(header=bold, footer=bold, title=sgr("3"), cells=dict.fromkeys(table.bars, _paint_bar))
    rows = [[c if i in table.bars else " ".join(c.split()) for i, c in enumerate(row)] for row in table.rows]
    drawn = grid.frame_lines(
        columns,
        rows,
        display.columns or 100,
        box=SIMPLE,
        collapse_padding=True,
        footer=foot is not None,
        title=table.caption,
        styles=styles,
    )
    return "".join(drawn)


def _rule(title: str, size: int) -> tuple[str, str]:
    """A section's heading, ``size`` columns wide: its title (shortened with "…" when it
    does not fit) and a blank, and the line that runs on to the edge."""
    if grid.width(title) > size - 2:
        title = grid.crop(title, max(size - 3, 0)) + "…"
    return title + " ", "─" * max(size - grid.width(title) - 1, 0)


def render_table(report: Report, display: Display) -> Iterator[str]:
    """Tables with bars, as wide as the display (default 100 columns); in pieces, a
    section written before the next is built."""
    size = display.columns or 100
    colour = display.colour
    bold, yellow, blue, dim = (sgr(code) if colour else unpainted for code in ("1", "33", "34", "2"))
    out = [bold(line) + "\n" for line in grid.wrap(report.header.title, size)]
    for line in L.header_lines(report.header):
        out += [(yellow(piece) if line.warning else piece) + "\n" for piece in grid.wrap(line.text, size)]
    yield "".join(out)
    for section in each_section(report, Style(bars=True, compact=True)):
        heading, rule = _rule(section.title, size)
        yield "\n" + heading + blue(rule) + "\n"
        for table in section.tables:
            yield "\n"
            yield _table(table, display)
        yield "".join(dim(piece) + "\n" for note in section.notes for piece in grid.wrap(note, size))
