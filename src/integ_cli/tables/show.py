"""What ``integ sql`` prints: a query's result as a table, plain text, CSV, JSON or
Markdown, and the list of the tables' columns (``integ tables --describe``).

Tables for people format numbers and dates in integ's language
(:mod:`integ_cli.render.format`); CSV and JSON keep the plain values (ISO dates,
numbers with a point), the same in every language.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
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


def _csv_cell(value: Any) -> str:
    """A value as CSV writes it: the plain value, ``true``/``false``, nothing for null."""
    if type(value) is str:  # most cells: no conversion to look for
        return value
    value = plain_value(value)
    return "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def csv_chunks(columns: Sequence[str], batches: Iterable[Sequence[Sequence[Any]]]) -> Iterator[str]:
    """CSV in the dialect of ``integ list --format csv`` (for spreadsheets), plain
    values: the header line (with the BOM), then the lines of each batch of rows."""
    from integ_cli.spreadsheet.csvdialect import write_row, write_rows

    yield write_rows([columns])
    for rows in batches:
        yield "".join([write_row([_csv_cell(value) for value in row]) for row in rows])


def _json_objects(columns: Sequence[str]) -> Callable[[Sequence[Any]], str]:
    """What makes one row's object of :func:`json_chunks`, as ``json.dumps`` with an
    indent of 2 writes it inside the list. With an indent, ``json`` encodes in Python;
    so each value is encoded on its own by the C encoder and the object laid out here
    (a nested value, which DuckDB gives for a struct or a list, is dumped indented).
    Repeated column names keep the dict's rule, the last value under the first place."""
    dumps = json.JSONEncoder(ensure_ascii=False, default=str).encode  # default: times, UUIDs, ...

    def nested(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, indent=2, default=str).replace("\n", "\n    ")

    if not columns or len(set(columns)) < len(columns):
        return lambda row: json.dumps(
            {column: plain_value(value) for column, value in zip(columns, row, strict=True)},
            ensure_ascii=False,
            indent=2,
            default=str,
        ).replace("\n", "\n  ")
    keys = ["\n    " + dumps(column) + ": " for column in columns]

    def one(row: Sequence[Any]) -> str:
        parts = []
        for key, value in zip(keys, row, strict=True):
            value = plain_value(value)
            parts.append(key + (nested(value) if isinstance(value, (dict, list, tuple)) and value else dumps(value)))
        return "{" + ",".join(parts) + "\n  }"

    return one


def json_chunks(columns: Sequence[str], batches: Iterable[Sequence[Sequence[Any]]]) -> Iterator[str]:
    """A list of objects, one a row, keyed by column name: the text ``json.dumps`` with
    an indent of 2 writes of the whole list, a batch of rows at a time."""
    one = _json_objects(columns)
    opened = False
    for rows in batches:
        if rows:
            yield ",\n  " if opened else "[\n  "
            yield ",\n  ".join([one(row) for row in rows])
            opened = True
    yield "\n]\n" if opened else "[]\n"


#: The formats written as the rows come (:func:`integ_cli.tables.engine.stream`); the
#: others size their columns by every row.
STREAMED: dict[str, Callable[[Sequence[str], Iterable[Sequence[Sequence[Any]]]], Iterator[str]]] = {
    "csv": csv_chunks,
    "json": json_chunks,
}


def render_csv(result: Result, _display: Display) -> str:
    return "".join(csv_chunks(result.columns, [result.rows]))


def render_json(result: Result, _display: Display) -> str:
    return "".join(json_chunks(result.columns, [result.rows]))


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
