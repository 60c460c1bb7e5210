"""Writing the tables: Parquet partitions with their documented types, JSON Lines."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from integ_cli.tables.columns import TABLES, names
from integ_cli.tables.rows import empty
from integ_cli.tables.write import jsonl, write


def one_budget_line(key: str) -> dict[str, list[tuple[object, ...]]]:
    tables = empty()
    line = (2026, Decimal("100.50"), None, None, "state", None, None, "P", "approved", 0.5)
    tables["budget_lines"].append((key, "abc", "m-1", 1, *line))
    return tables


def test_parquet_partitions_keep_the_key_as_text(tmp_path: Path) -> None:
    write([one_budget_line("05334002")], tmp_path, "parquet", "05334002")
    write([one_budget_line("05315000")], tmp_path, "parquet", "05315000")  # replaces: one city per write
    assert not (tmp_path / "budget_lines" / "municipality=05334002").exists()
    part = pa.schema([("municipality", pa.string())])
    dataset = ds.dataset(tmp_path / "budget_lines", partitioning=ds.partitioning(part, flavor="hive"))
    table = dataset.to_table()
    assert table.column("municipality").to_pylist() == ["05315000"]
    assert table.schema.field("planned").type == pa.decimal128(14, 2)
    assert table.column("planned").to_pylist() == [Decimal("100.50")]
    # every table has a file, an empty one where there are no rows
    assert all((tmp_path / name / "municipality=05315000" / "part-0.parquet").is_file() for name in TABLES)


def test_jsonl_rows_are_objects_with_every_column() -> None:
    tables = one_budget_line("05334002")
    row = json.loads(jsonl("budget_lines", tables["budget_lines"]))
    assert row == {
        "municipality": "05334002",
        "revision": "abc",
        "measure_id": "m-1",
        "line": 1,
        "year": 2026,
        "planned": 100.5,
        "revised": None,
        "spent": None,
        "source": "state",
        "note": None,
        "amount_unknown": None,
        "programme": "P",
        "funding_status": "approved",
        "co_funding_share": 0.5,
    }
    measure = tuple(dt.date(2026, 1, 2) if name == "end" else None for name in names("measures"))
    assert json.loads(jsonl("measures", [measure]))["end"] == "2026-01-02"


def test_an_unwritable_folder_is_a_usage_error(tmp_path: Path) -> None:
    from integ_cli.errors import UsageError

    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    with pytest.raises(UsageError, match="cannot write the tables to"):
        write([empty()], blocker, "jsonl", "k")


def budget_lines(key: str, measure_ids: list[str]) -> dict[str, list[tuple[object, ...]]]:
    tables = empty()
    line = (2026, Decimal("100.50"), None, None, "state", None, None, None, None, None)
    tables["budget_lines"] += [(key, None, measure_id, 1, *line) for measure_id in measure_ids]
    return tables


def test_rows_written_in_chunks_are_the_rows_written_at_once(tmp_path: Path) -> None:
    """Each chunk of rows is a row group of its own, written as it comes; read back, the
    table is the one written from all rows at once, in the same order."""
    ids = [f"m-{n}" for n in range(10)]
    write([budget_lines("k", ids)], tmp_path / "once", "parquet", "k")
    write((budget_lines("k", ids[i : i + 3]) for i in range(0, 10, 3)), tmp_path / "chunked", "parquet", "k")
    part = Path("budget_lines") / "municipality=k" / "part-0.parquet"
    chunked = pq.ParquetFile(tmp_path / "chunked" / part)
    assert chunked.metadata.num_row_groups == 4
    assert chunked.read().equals(pq.read_table(tmp_path / "once" / part))
    assert chunked.read().column("measure_id").to_pylist() == ids
    write((budget_lines("k", ids[i : i + 3]) for i in range(0, 10, 3)), tmp_path / "lines", "jsonl", "k")
    lines = (tmp_path / "lines" / "budget_lines.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["measure_id"] for line in lines] == ids


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_a_failure_while_rows_come_leaves_the_old_tables(tmp_path: Path, fmt: str) -> None:
    """Rows come as the records are read; should reading fail half-way, the tables
    written before stay as they were and no temporary file is left."""
    from integ_cli.errors import UsageError

    write([budget_lines("k", ["old"])], tmp_path, fmt, "k")
    before = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}

    def failing() -> Iterator[dict[str, list[tuple[object, ...]]]]:
        yield budget_lines("k", ["new"])
        raise UsageError("the records could not be read")

    with pytest.raises(UsageError, match="could not be read"):
        write(failing(), tmp_path, fmt, "k")
    assert {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()} == before
