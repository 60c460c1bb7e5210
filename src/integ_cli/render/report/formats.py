"""The report's renderers by ``integ report --format``: the table its choices come from.

Every renderer takes the report model and the display; only the terminal's table uses
the display (colour, width). Each gives the report in pieces, a section (or a row) at
a time, for the command to write as they come: the whole document never stands in
memory at once.

The table names each renderer's module and function, and :func:`renderer` imports only
the one asked for: a report is drawn in one format, and importing the others (the HTML
page's charts, the terminal's tables) would add to every run's start.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from integ_cli.render.grid import Display
    from integ_cli.report.model import Report

Renderer = Callable[["Report", "Display"], Iterator[str]]

#: Each format's renderer: its module in this package, its function, and whether it
#: takes the display (only the terminal's table does).
RENDERERS: dict[str, tuple[str, str, bool]] = {
    "table": ("terminal", "render_table", True),
    "text": ("terminal", "render_text", False),
    "md": ("markdown", "render_markdown", False),
    "html": ("html", "render_html", False),
    "json": ("json", "render_json", False),
}


def renderer(fmt: str) -> Renderer:
    """The renderer of ``fmt`` (a key of :data:`RENDERERS`), its module imported now."""
    module, name, with_display = RENDERERS[fmt]
    render = getattr(importlib.import_module(f"{__package__}.{module}"), name)
    if with_display:
        return render  # type: ignore[no-any-return]
    return lambda report, _display: render(report)  # type: ignore[no-any-return]
