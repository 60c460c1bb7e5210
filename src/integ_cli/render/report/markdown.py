"""The report as Markdown (GitHub/CommonMark tables), to drop into a council paper or a wiki.

The same tables as the terminal and HTML (:mod:`integ_cli.render.report.tables`), without
bars; total rows in bold. Every text from the data is escaped, so a title with ``*``,
``|`` or ``<`` shows as written and cannot break a table or inject markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from integ_cli.render.report import labels as L
from integ_cli.render.report.tables import Section, Table, each_section, remembered
from integ_cli.render.safe import one_line
from integ_cli.report.model import Report

#: ASCII punctuation that can start or end Markdown syntax (CommonMark lets any be backslash-escaped).
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&!])")


def escape(text: str) -> str:
    """Text as Markdown shows it literally, on one line."""
    return _SPECIAL.sub(r"\\\1", one_line(" ".join(text.split())))


def _row(cells: list[str], escaped: Callable[[str], str] = escape, bold: bool = False) -> str:
    shown = [escaped(c) for c in cells]
    if bold:
        shown = [f"**{c}**" if c else c for c in shown]
    return "| " + " | ".join(shown) + " |\n"


def table(part: Table) -> Iterator[str]:
    """A Markdown table, line by line; numeric columns aligned right, total rows in bold."""
    escaped = remembered(escape)
    yield _row(part.headers)
    yield "| " + " | ".join("---:" if i in part.right else "---" for i in range(len(part.headers))) + " |\n"
    for row in part.rows:
        yield _row(row, escaped)
    for row in part.foot:
        yield _row(row, escaped, bold=True)


def _section(section: Section) -> Iterator[str]:
    """A section: its heading, tables and notes, a blank line between each."""
    yield f"## {escape(section.title)}\n"
    for part in section.tables:
        if part.caption:
            yield f"\n### {escape(part.caption)}\n"
        yield "\n"
        yield from table(part)
    for note in section.notes:
        yield "\n" + escape(note) + "\n"


def _line(text: str, warning: bool) -> str:
    """A line under the title; a warning (invented data, skipped files) in bold."""
    return f"**{escape(text)}**" if warning else escape(text)


def render_markdown(report: Report) -> Iterator[str]:
    """The report in pieces, a section written before the next is built."""
    lines = L.header_lines(report.header)
    head = [f"# {escape(report.header.title)}\n", *(_line(line.text, line.warning) + "\n" for line in lines)]
    yield "\n".join(head)
    for section in each_section(report):
        yield "\n"
        yield from _section(section)
