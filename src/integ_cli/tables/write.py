"""Writing the tables: Parquet (partitioned by municipality) or JSON Lines.

Parquet is the interface to other engines, so its layout is the one they all read:
``DIR/TABLE/municipality=KEY/part-0.parquet``, the key in the folder name and not in
the file (Spark refuses a column that is in both). Every city gets a file in every
table, an empty one where it has no rows, so a glob never finds nothing and the
schema is always there. A city's old partitions are replaced; a partition of a city
no longer written is removed (only files of this layout are ever deleted).

JSON Lines is for tools that read nothing else: ``DIR/TABLE.jsonl``, one object a
row with every column, ``municipality`` included; dates as ``YYYY-MM-DD``, amounts as
numbers.

pyarrow is an optional dependency (``pip install 'integ[sql]'``), imported only here
and only for Parquet.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from integ_cli.errors import UsageError
from integ_cli.i18n import _
from integ_cli.tables.columns import MUNICIPALITY, TABLES
from integ_cli.tables.rows import Row, Tables

FORMATS = ("parquet", "jsonl")
PART = "part-0.parquet"
#: How to get the optional engines, as every message says it.
INSTALL = "pip install 'integ[sql]'"


def _missing(module: str) -> UsageError:
    message = _("this needs the Python package {package}, which is not installed; install it with: {install}")
    return UsageError(message.format(package=module.split(".")[0], install=INSTALL))


def need(module: str) -> Any:
    """The optional module, or a UsageError (exit 2) saying how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise _missing(module) from None


def installed(module: str) -> None:
    """A UsageError (exit 2) saying how to install the optional module where it is
    missing, without importing it: a command says so before it reads the catalogue, and
    the workers that check the records fork from a process that has not loaded it."""
    import importlib.util

    if importlib.util.find_spec(module.split(".")[0]) is None:
        raise _missing(module)


def arrow_type(pa: Any, kind: str) -> Any:
    """The Arrow type of a column type of :mod:`integ_cli.tables.columns`."""
    return {
        "string": pa.string(),
        "integer": pa.int64(),
        "decimal": pa.decimal128(14, 2),
        "double": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
    }[kind]


def arrow_schema(name: str, *, skip: Iterable[str] = ()) -> Any:
    """The pyarrow schema of table ``name`` with its documented types, without the columns
    in ``skip``."""
    pa = need("pyarrow")
    left_out = set(skip)
    return pa.schema([pa.field(c.name, arrow_type(pa, c.type)) for c in TABLES[name] if c.name not in left_out])


def arrow_table(name: str, rows: list[Row], *, skip: Iterable[str] = ()) -> Any:
    """The rows of table ``name`` as a pyarrow Table with its documented types, without
    the columns in ``skip``."""
    pa = need("pyarrow")
    schema = arrow_schema(name, skip=skip)
    positions = [i for i, column in enumerate(TABLES[name]) if column.name in schema.names]
    arrays = [pa.array([row[i] for row in rows], type=f.type) for i, f in zip(positions, schema, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


@contextmanager
def _replacing(paths: dict[str, Path]) -> Iterator[dict[str, Path]]:
    """Temporary files beside ``paths``, renamed into place when the block ends, all of
    them, and removed where it fails: a failed write leaves the old files as they were."""
    temporaries = {name: path.with_name(f".{path.name}.tmp") for name, path in paths.items()}
    try:
        for path in paths.values():
            path.parent.mkdir(parents=True, exist_ok=True)
        yield temporaries
    except BaseException:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        raise
    for name, temporary in temporaries.items():
        temporary.replace(paths[name])


def _remove_stale(folder: Path, kept: set[str]) -> None:
    """Remove the partitions of ``folder`` whose municipality is not in ``kept``."""
    if not folder.is_dir():
        return
    for partition in folder.glob(f"{MUNICIPALITY}=*"):
        if partition.is_dir() and partition.name.split("=", 1)[1] not in kept:
            for part in partition.glob("part-*.parquet"):
                part.unlink()
            if not any(partition.iterdir()):
                partition.rmdir()


def prune(folder: Path, municipalities: Iterable[str]) -> None:
    """Remove from every table under ``folder`` the partitions of other municipalities."""
    kept = set(municipalities)
    for name in TABLES:
        _remove_stale(folder / name, kept)


def stream_partition(chunks: Iterable[Tables], folder: Path, key: str) -> list[Path]:
    """Write the partition of municipality ``key`` of every table as Parquet under
    ``folder``, a row group for each chunk of rows as it comes: the rows of a catalogue
    are never all held. A table without rows gets a file too, with its schema.

    pyarrow is imported with the first rows, not before: the chunks' generator starts the
    workers that check the records, and a process they fork from with pyarrow loaded
    would make each of them as large."""
    paths = {name: folder / name / f"{MUNICIPALITY}={key}" / PART for name in TABLES}
    skip = (MUNICIPALITY,)
    with _replacing(paths) as temporaries, ExitStack() as files:
        writers: dict[str, Any] = {}

        def add(name: str, rows: list[Row]) -> None:
            if name not in writers:
                pq = need("pyarrow.parquet")
                writers[name] = files.enter_context(pq.ParquetWriter(temporaries[name], arrow_schema(name, skip=skip)))
            writers[name].write_table(arrow_table(name, rows, skip=skip))

        for chunk in chunks:
            for name, rows in chunk.items():
                if rows:
                    add(name, rows)
        for name in TABLES:
            if name not in writers:
                add(name, [])  # a row group of none, as pyarrow's write_table writes an empty table
    return list(paths.values())


def plain(value: Any) -> Any:
    """A value as JSON and CSV write it: dates ISO, decimals as numbers (whole ones as
    whole numbers), the rest as it is."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def jsonl(name: str, rows: list[Row]) -> str:
    """The rows of table ``name`` as JSON Lines."""
    names = [column.name for column in TABLES[name]]
    encode = json.JSONEncoder(ensure_ascii=False, default=plain).encode
    return "".join(encode(dict(zip(names, row, strict=True))) + "\n" for row in rows)


def stream_jsonl(texts: Iterable[dict[str, str]], folder: Path) -> list[Path]:
    """Write every table's JSON Lines as ``folder/TABLE.jsonl``, each text of ``texts``
    (table -> lines, see :func:`jsonl`) appended as it comes."""
    paths = {name: folder / f"{name}.jsonl" for name in TABLES}
    with _replacing(paths) as temporaries, ExitStack() as files:
        handles = {name: files.enter_context(path.open("w", encoding="utf-8")) for name, path in temporaries.items()}
        for chunk in texts:
            for name, text in chunk.items():
                handles[name].write(text)
    return list(paths.values())


def write(chunks: Iterable[Tables], folder: Path, fmt: str, municipality: str) -> list[Path]:
    """Write the tables of ``municipality`` in ``fmt`` (one of :data:`FORMATS`) as chunks
    of their rows come; in Parquet, the partitions of other municipalities are removed
    once the city's are written. A UsageError where the folder cannot be written."""
    with writing(folder):
        if fmt == "parquet":
            written = stream_partition(chunks, folder, municipality)
            prune(folder, [municipality])
            return written
        return stream_jsonl(({name: jsonl(name, rows) for name, rows in chunk.items()} for chunk in chunks), folder)


@contextmanager
def writing(folder: Path) -> Iterator[None]:
    """Within this block, a failed write is a UsageError naming the folder and the reason."""
    try:
        yield
    except OSError as error:
        raise UsageError(
            _("cannot write the tables to {folder}: {reason}").format(folder=folder, reason=error.strerror or error)
        ) from None
