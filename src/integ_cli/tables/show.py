"""What ``integ sql`` prints: a query's result as a table, plain text, CSV, JSON or
Markdown, and the list of the tables' columns (``integ tables --describe``).

Tables for people format numbers and dates in integ's language
(:mod:`integ_cli.render.format`); CSV and JSON keep the plain values (ISO dates,
numbers with a point), the same in every language.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import marshal
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from integ_cli.i18n import N_, _
from integ_cli.render import format as fmt
from integ_cli.render.grid import Display, markdown_head, markdown_line, pieces, plain_lines, rich_table_lines
from integ_cli.render.safe import one_line
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


class Spool:
    """Rows of cells kept in a temporary file, a batch at a time, and read back each
    time they are iterated: a format that sizes its columns by every row (the table,
    text) reads the rows twice, and an answer of a million rows would otherwise be
    held whole, as text and again as cells. Each iteration keeps its own place."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115  # read back until the answer is written
        self.count = 0

    def add(self, rows: list[list[str]]) -> None:
        data = marshal.dumps(rows)  # read back whole: marshal.load from a file reads it in small pieces
        self.file.seek(0, os.SEEK_END)
        self.file.write(len(data).to_bytes(8, "little") + data)
        self.count += len(rows)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[list[str]]:
        place, end = 0, self.file.seek(0, os.SEEK_END)
        while place < end:
            self.file.seek(place)
            size = int.from_bytes(self.file.read(8), "little")
            rows = marshal.loads(self.file.read(size))
            place += 8 + size
            yield from rows

    def __contains__(self, row: object) -> bool:
        return any(row == each for each in self)

    def close(self) -> None:
        """Let the file go (it is deleted as it closes)."""
        self.file.close()


def _spooled(batches: Iterable[Sequence[Sequence[Any]]], made: Callable[[Any], str]) -> tuple[Spool, set[int]]:
    """The rows' cells (each value ``made`` into text) and the columns to align right:
    those whose values are all numbers (or null), where there is a row at all."""
    spool, numeric = Spool(), None
    try:
        for rows in batches:
            if not rows:
                continue
            if numeric is None:
                numeric = set(range(len(rows[0])))
            numeric = {i for i in numeric if all(_number(row[i]) for row in rows)}
            spool.add([[made(value) for value in row] for row in rows])
    except BaseException:  # a query that fails while its rows are fetched
        spool.close()
        raise
    return spool, numeric or set()


def _number(value: Any) -> bool:
    return value is None or (isinstance(value, (int, float, Decimal)) and not isinstance(value, bool))


#: Lines of a table written to stdout together.
LINES = 1000


def _table_cell(value: Any) -> str:
    return one_line(cell(value))


def table_chunks(columns: Sequence[str], batches: Iterable[Sequence[Sequence[Any]]], display: Display) -> Iterator[str]:
    """The terminal table, once every row has come (its columns are sized by them all)."""
    spool, numeric = _spooled(batches, _table_cell)
    with contextlib.closing(spool):
        yield from pieces(rich_table_lines(list(columns), spool, numeric, display), LINES)


def text_chunks(columns: Sequence[str], batches: Iterable[Sequence[Sequence[Any]]], _display: Display) -> Iterator[str]:
    """Plain columns, as :func:`integ_cli.render.grid.plain` lays them out."""
    spool, numeric = _spooled(batches, _table_cell)
    with contextlib.closing(spool):
        yield from pieces(plain_lines([header.upper() for header in columns], spool, numeric), LINES)


def md_chunks(columns: Sequence[str], batches: Iterable[Sequence[Sequence[Any]]], _display: Display) -> Iterator[str]:
    """A Markdown table; its alignment row needs every row first, its rows no widths."""
    spool, numeric = _spooled(batches, cell)
    with contextlib.closing(spool):
        yield markdown_head(list(columns), numeric)
        yield from pieces((markdown_line(row) for row in spool), LINES)


def _csv_cell(value: Any) -> str:
    """A value as CSV writes it: the plain value, ``true``/``false``, nothing for null."""
    if type(value) is str:  # most cells: no conversion to look for
        return value
    value = plain_value(value)
    return "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def csv_chunks(columns: Sequence[str], batches: Iterable[Sequence[Sequence[Any]]], _display: Display) -> Iterator[str]:
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


def json_chunks(columns: Sequence[str], batches: Iterable[Sequence[Sequence[Any]]], _display: Display) -> Iterator[str]:
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


#: Each format's writer: the answer's column names and its rows in batches as they
#: are fetched (:func:`integ_cli.tables.engine.stream`) -> the text, in pieces. CSV and
#: JSON write each batch as it comes; the others wait for the last row, spooling the
#: cells to a temporary file (:class:`Spool`), so no format holds the answer.
WRITERS: dict[str, Callable[[Sequence[str], Iterable[Sequence[Sequence[Any]]], Display], Iterator[str]]] = {
    "table": table_chunks,
    "text": text_chunks,
    "csv": csv_chunks,
    "json": json_chunks,
    "md": md_chunks,
}


def render(result: Result, format_name: str, display: Display) -> str:
    """A result already at hand (``integ tables --describe``) in one of :data:`WRITERS`."""
    return "".join(WRITERS[format_name](result.columns, [result.rows], display))


def describe() -> Result:
    """Every column of every table, with its type and meaning in integ's language."""
    rows = [(table, c.name, c.type, _(c.description)) for table, columns in TABLES.items() for c in columns]
    return Result([_(header) for header in DESCRIBE_HEADERS], rows)
