"""SQL on the tables with DuckDB, in this process.

The tables are views: either over the rows of the repository at hand (written as
Parquet to a temporary folder while the query runs, see :func:`connected`), or over a folder ``integ tables`` or
``integ federation export`` wrote. :func:`views` is also the script a user pastes
into DuckDB's own shell or runs from Python, so the two read the files alike: the
partition key stays text (``05334002`` is not the number 5334002).

duckdb is an optional dependency (``pip install 'integ[sql]'``), imported only here.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from integ_cli.errors import UsageError
from integ_cli.i18n import _
from integ_cli.tables.columns import MUNICIPALITY, TABLES
from integ_cli.tables.rows import Tables
from integ_cli.tables.write import PART, need, stream_partition, writing

#: The DuckDB type of each column type of :mod:`integ_cli.tables.columns`.
DUCKDB_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "decimal": "DECIMAL(14,2)",
    "double": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
}


@dataclass(frozen=True, slots=True)
class Result:
    """What a query answered: column names and rows of plain Python values."""

    columns: list[str]
    rows: list[tuple[Any, ...]]


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def folder_format(folder: Path) -> str:
    """``parquet`` or ``jsonl``: how the tables in ``folder`` are written; a UsageError
    where it holds neither."""
    if (folder / "measures").is_dir():
        return "parquet"
    if (folder / "measures.jsonl").is_file():
        return "jsonl"
    raise UsageError(
        _(
            "{folder} holds no tables (no measures/ folder, no measures.jsonl); write them with "
            "'integ tables --output {folder}'"
        ).format(folder=folder)
    )


def views(folder: Path, fmt: str | None = None) -> str:
    """The statements that make every table of ``folder`` a view, one a line; ``fmt``
    (``parquet`` or ``jsonl``) where the folder is not written yet."""
    fmt = fmt or folder_format(folder)
    lines = []
    for name, columns in TABLES.items():
        if fmt == "parquet":
            glob = _quoted((folder / name / f"{MUNICIPALITY}=*" / PART).as_posix())
            source = f"read_parquet({glob}, hive_partitioning = true, hive_types = {{'{MUNICIPALITY}': VARCHAR}})"
        else:
            types = ", ".join(f"{_quoted(c.name)}: {_quoted(DUCKDB_TYPES[c.type])}" for c in columns)
            source = f"read_json({_quoted((folder / f'{name}.jsonl').as_posix())}, columns = {{{types}}})"
        lines.append(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM {source};")
    return "\n".join(lines) + "\n"


def duckdb_module() -> Any:
    """The duckdb module, or a UsageError (exit 2) saying how to install it."""
    return need("duckdb")


def connect(folder: Path) -> Any:
    """A DuckDB connection in memory with every table as a view of the files in ``folder``."""
    connection = duckdb_module().connect(":memory:")
    connection.execute(views(folder))
    return connection


@contextmanager
def connected(chunks: Iterable[Tables], municipality: str) -> Iterator[Any]:
    """A DuckDB connection in memory with every table as a view of the rows of
    ``chunks`` (the repository at hand, read in this process), for the length of the block.

    The rows go chunk by chunk to Parquet in a temporary folder, removed afterwards, and
    DuckDB reads what a query needs of them from there: loaded into DuckDB's memory
    instead, a catalogue of 100,000 measures took more memory than the limit of the
    whole command. DuckDB starts once the rows are written, after the workers that
    check the records have ended. ``municipality`` stands first in every view, as the
    tables' columns say, and is not written into the files."""
    with writing(Path(tempfile.gettempdir())):
        holder = tempfile.TemporaryDirectory(prefix="integ-sql-")
    with holder as temporary:
        folder = Path(temporary)
        with writing(folder):
            stream_partition(chunks, folder, municipality)
        connection = duckdb_module().connect(":memory:")
        key = _quoted(municipality)
        for name in TABLES:
            part = _quoted((folder / name / f"{MUNICIPALITY}={municipality}" / PART).as_posix())
            source = f"read_parquet({part}, hive_partitioning = false)"  # the key is not read twice
            connection.execute(f"CREATE VIEW {name} AS SELECT {key} AS {MUNICIPALITY}, * FROM {source}")
        try:
            yield connection
        finally:
            connection.close()


#: Rows fetched at a time for an answer written as it comes (:func:`stream`): ``SELECT *
#: FROM links`` at 100,000 measures answers 781,324 rows, and held whole, as a list of
#: tuples and then as its JSON text, they took 1.5 GB.
BATCH = 10_000


def _failed(error: Exception) -> UsageError:
    """A UsageError (exit 2: the query is what the user typed) with DuckDB's own
    explanation, its first line."""
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return UsageError(_("the query failed: {reason}").format(reason=first))


def stream(connection: Any, sql: str, size: int | None = None) -> tuple[list[str], Iterator[list[tuple[Any, ...]]]]:
    """Run ``sql``: its column names, and its rows in lists of up to ``size`` (default
    :data:`BATCH`) as they are fetched, so that what is written of them (CSV, JSON) is
    let go before the next. A query DuckDB refuses fails here, before anything is
    written; one that fails while its rows are fetched, when the list that would hold
    them is asked for."""
    duckdb = duckdb_module()
    try:
        cursor = connection.execute(sql)
    except duckdb.Error as error:
        raise _failed(error) from None
    columns = [column[0] for column in cursor.description or ()]

    def batches() -> Iterator[list[tuple[Any, ...]]]:
        while cursor.description:
            try:
                rows = cursor.fetchmany(size or BATCH)
            except duckdb.Error as error:
                raise _failed(error) from None
            if not rows:
                return
            yield rows

    return columns, batches()
