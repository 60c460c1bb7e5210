"""The report's renderers by ``integ report --format``: the table its choices come from.

Every renderer takes the report model and the display; only the terminal's table uses
the display (colour, width). Each gives the report in pieces, a section (or a row) at
a time, for the command to write as they come: the whole document never stands in
memory at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from integ_cli.render.grid import Display
from integ_cli.render.report.html import render_html
from integ_cli.render.report.json import render_json
from integ_cli.render.report.markdown import render_markdown
from integ_cli.render.report.terminal import render_table, render_text
from integ_cli.report.build import Report

RENDERERS: dict[str, Callable[[Report, Display], Iterator[str]]] = {
    "table": render_table,
    "text": lambda report, _display: render_text(report),
    "md": lambda report, _display: render_markdown(report),
    "html": lambda report, _display: render_html(report),
    "json": lambda report, _display: render_json(report),
}
