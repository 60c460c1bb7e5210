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
from contextlib import contextmanager
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


def need(module: str) -> Any:
    """The optional module, or a UsageError (exit 2) saying how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        message = _("this needs the Python package {package}, which is not installed; install it with: {install}")
        raise UsageError(message.format(package=module.split(".")[0], install=INSTALL)) from None


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


def arrow_table(name: str, rows: list[Row], *, skip: Iterable[str] = ()) -> Any:
    """The rows of table ``name`` as a pyarrow Table with its documented types, without
    the columns in ``skip``."""
    pa = need("pyarrow")
    columns = TABLES[name]
    left_out = set(skip)
    arrays, fields = [], []
    for position, column in enumerate(columns):
        if column.name in left_out:
            continue
        kind = arrow_type(pa, column.type)
        arrays.append(pa.array([row[position] for row in rows], type=kind))
        fields.append(pa.field(column.name, kind))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _by_municipality(rows: list[Row], keys: Iterable[str]) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = {key: [] for key in keys}
    for row in rows:
        grouped.setdefault(row[0], []).append(row)
    return grouped


def _replace(path: Path, write: Any) -> None:
    """Write a file through a temporary one beside it, renamed into place when whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    write(temporary)
    temporary.replace(path)


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


def write_partitions(tables: Tables, folder: Path, municipalities: Iterable[str]) -> list[Path]:
    """Write the partitions of ``municipalities`` of every table as Parquet under ``folder``
    (others are left as they are: a federation's cities are written side by side)."""
    pq = need("pyarrow.parquet")
    keys = list(dict.fromkeys(municipalities))
    written: list[Path] = []
    for name in TABLES:
        for key, rows in _by_municipality(tables[name], keys).items():
            table = arrow_table(name, rows, skip=(MUNICIPALITY,))
            path = folder / name / f"{MUNICIPALITY}={key}" / PART
            _replace(path, lambda target, table=table: pq.write_table(table, target))
            written.append(path)
    return written


def write_parquet(tables: Tables, folder: Path, municipalities: Iterable[str]) -> list[Path]:
    """Write every table as Parquet under ``folder``, a partition for each municipality,
    and remove the partitions of any other."""
    keys = list(municipalities)
    prune(folder, keys)
    return write_partitions(tables, folder, keys)


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


def write_jsonl(texts: dict[str, str], folder: Path) -> list[Path]:
    """Write every table's JSON Lines (see :func:`jsonl`) as ``folder/TABLE.jsonl``."""
    written: list[Path] = []
    for name in TABLES:
        path = folder / f"{name}.jsonl"
        text = texts.get(name, "")
        _replace(path, lambda target, text=text: target.write_text(text, encoding="utf-8"))
        written.append(path)
    return written


def write(tables: Tables, folder: Path, fmt: str, municipalities: Iterable[str]) -> list[Path]:
    """Write the tables in ``fmt`` (one of :data:`FORMATS`); a UsageError where the folder
    cannot be written."""
    with writing(folder):
        if fmt == "parquet":
            return write_parquet(tables, folder, municipalities)
        return write_jsonl({name: jsonl(name, rows) for name, rows in tables.items()}, folder)


@contextmanager
def writing(folder: Path) -> Iterator[None]:
    """Within this block, a failed write is a UsageError naming the folder and the reason."""
    try:
        yield
    except OSError as error:
        raise UsageError(
            _("cannot write the tables to {folder}: {reason}").format(folder=folder, reason=error.strerror or error)
        ) from None
