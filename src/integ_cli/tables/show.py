"""What ``integ sql`` prints: a query's result as a table, plain text, CSV, JSON or
Markdown, and the list of the tables' columns (``integ tables --describe``).

Tables for people format numbers and dates in integ's language
(:mod:`integ_cli.render.format`); CSV and JSON keep the plain values (ISO dates,
numbers with a point), the same in every language.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from integ_cli.i18n import N_, _
from integ_cli.render import format as fmt
from integ_cli.render.grid import Display, markdown, plain, rich_table
from integ_cli.tables.columns import TABLES
from integ_cli.tables.engine import Result
from integ_cli.tables.write import plain as plain_value

DESCRIBE_HEADERS = (N_("Table"), N_("Column"), N_("Type"), N_("Meaning"))


def cell(value: Any) -> str:
    """A value as a person reads it: ``12.000,50`` and ``31.12.2025`` in German."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (Decimal, float)):
        return fmt.number(float(value))
    if isinstance(value, dt.date):
        return fmt.date(value.isoformat())
    return str(value)


def _numeric(result: Result) -> set[int]:
    """The columns to align right: those whose values are all numbers."""
    numbers = (int, float, Decimal)
    return {
        i
        for i in range(len(result.columns))
        if result.rows
        and all(r[i] is None or (isinstance(r[i], numbers) and not isinstance(r[i], bool)) for r in result.rows)
    }


def render_table(result: Result, display: Display) -> str:
    return rich_table(result.columns, [[cell(v) for v in row] for row in result.rows], _numeric(result), display)


def render_text(result: Result, _display: Display) -> str:
    return plain(result.columns, [[cell(v) for v in row] for row in result.rows], _numeric(result))


def render_md(result: Result, _display: Display) -> str:
    return markdown(result.columns, [[cell(v) for v in row] for row in result.rows], _numeric(result))


def render_csv(result: Result, _display: Display) -> str:
    """CSV in the dialect of ``integ list --format csv`` (for spreadsheets), plain values."""
    from integ_cli.spreadsheet.csvdialect import write_rows

    def text(value: Any) -> str:
        value = plain_value(value)
        return "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)

    return write_rows([result.columns, *([text(v) for v in row] for row in result.rows)])


def render_json(result: Result, _display: Display) -> str:
    """A list of objects, one a row, keyed by column name."""
    rows = [{c: plain_value(v) for c, v in zip(result.columns, row, strict=True)} for row in result.rows]
    return json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"  # str: times, UUIDs, ...


RENDERERS: dict[str, Callable[[Result, Display], str]] = {
    "table": render_table,
    "text": render_text,
    "csv": render_csv,
    "json": render_json,
    "md": render_md,
}


def describe() -> Result:
    """Every column of every table, with its type and meaning in integ's language."""
    rows = [(table, c.name, c.type, _(c.description)) for table, columns in TABLES.items() for c in columns]
    return Result([_(header) for header in DESCRIBE_HEADERS], rows)
