"""``integ sql`` and ``integ tables`` through the CLI: the documented example queries
answer what the YAML files say, the tables are typed and partitioned, and the errors
a user meets (no DuckDB, a bad query, no --output) are one line and exit 2."""

from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from integ_cli.cli import app
from tests.conftest import PROJECT
from tests.tables.helpers import (
    budget_sums,
    entries,
    main_group_counts,
    make_city,
    measures,
    overdue_per_district,
    public,
)

runner = CliRunner()


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with the example data and the key 05334002, as the cwd."""
    root = make_city(tmp_path / "aachen", "05334002", "Aachen")
    monkeypatch.chdir(root)
    monkeypatch.delenv("INTEG_REPO", raising=False)
    return root


def sql_json(*args: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["sql", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_budget_example_equals_the_yaml(city: Path) -> None:
    rows = sql_json("--example", "budget")
    got = {(r["field"], r["source"], r["year"]): (r["planned"], r["revised"], r["spent"]) for r in rows}
    expected = budget_sums(public(measures(city)))
    assert got.keys() == expected.keys()
    for key, (planned, revised, spent) in expected.items():
        assert got[key] == (float(planned), float(revised), None if spent is None else float(spent)), key
    assert {r["municipality"] for r in rows} == {"05334002"}


def test_target_group_example_counts_sub_groups(city: Path) -> None:
    rows = sql_json("--example", "target-groups")
    expected = main_group_counts(public(measures(city)), entries(city, "target-groups"))
    assert {r["target_group"]: r["measures"] for r in rows} == expected
    # a measure for refugees only counts for the newly arrived, their main group
    assert expected["neuzuwanderer"] > sum(1 for m in measures(city) if "neuzuwanderer" in m["target_groups"])


def test_overdue_example_per_district(city: Path) -> None:
    rows = sql_json("--example", "overdue")
    expected = overdue_per_district(public(measures(city)), dt.date.today())
    assert expected, "the example data has overdue measures"
    assert {r["district"]: r["overdue"] for r in rows} == expected


def test_internal_measures_only_with_internal(city: Path) -> None:
    path = city / "data" / "measures" / "wohnen-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("visibility: public", "visibility: internal"), "utf-8")
    query = "SELECT count(*) AS n FROM budget_lines WHERE measure_id = 'wohnen-001'"
    assert sql_json(query) == [{"n": 0}]
    assert sql_json(query, "--internal") == [{"n": 10}]


def test_a_table_for_people_has_german_numbers_and_dates(city: Path, german: None) -> None:
    query = (
        "SELECT planned, start FROM budget_lines b JOIN measures m ON m.id = b.measure_id "
        "WHERE m.id = 'wohnen-001' AND line = 1"
    )
    result = runner.invoke(app, ["sql", query])
    assert result.exit_code == 0, result.output
    assert "160.000" in result.stdout and "01.01.2019" in result.stdout


def test_tables_are_typed_and_partitioned(city: Path, tmp_path: Path) -> None:
    out = tmp_path / "tabellen"
    result = runner.invoke(app, ["tables", "--output", str(out)])
    assert result.exit_code == 0, result.output
    part = out / "budget_lines" / "municipality=05334002" / "part-0.parquet"
    table = pq.read_table(part)
    assert str(table.schema.field("planned").type) == "decimal128(14, 2)"
    assert "municipality" not in table.schema.names  # it is the partition
    measures_table = pq.read_table(out / "measures" / "municipality=05334002" / "part-0.parquet").to_pylist()
    wohnen = next(row for row in measures_table if row["id"] == "wohnen-001")
    assert wohnen["start"] == dt.date(2019, 1, 1) and wohnen["field"] == "wohnen"
    lines = pq.read_table(part).to_pylist()
    assert sum(row["planned"] for row in lines) == sum(v[0] for v in budget_sums(public(measures(city))).values())
    assert all(isinstance(row["planned"], Decimal) for row in lines)
    # the written folder answers the same as the repository
    assert sql_json("--tables", str(out), "--example", "budget") == sql_json("--example", "budget")


def test_jsonl_tables_answer_the_same(city: Path, tmp_path: Path) -> None:
    out = tmp_path / "jsonl"
    assert runner.invoke(app, ["tables", "-o", str(out), "--format", "jsonl"]).exit_code == 0
    first = json.loads((out / "measures.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["municipality"] == "05334002" and first["start"][:2] == "20"
    assert sql_json("--tables", str(out), "--example", "target-groups") == sql_json("--example", "target-groups")


def test_folder_name_stands_in_for_a_missing_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_city(tmp_path / "musterstadt")
    monkeypatch.chdir(root)
    result = runner.invoke(app, ["sql", "SELECT DISTINCT municipality FROM measures", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [{"municipality": "musterstadt"}]
    assert "--municipality KEY" in result.stderr
    given = runner.invoke(
        app, ["sql", "SELECT DISTINCT municipality FROM measures", "-f", "csv", "--municipality", "05315000"]
    )
    assert given.stdout.splitlines()[1] == "05315000"


def test_describe_lists_every_column_documented(city: Path) -> None:
    result = runner.invoke(app, ["tables", "--describe"])
    assert result.exit_code == 0
    docs = (PROJECT / "docs" / "analytics.md").read_text(encoding="utf-8")
    from integ_cli.tables.columns import TABLES

    for table, columns in TABLES.items():
        assert f"### {table}" in docs, table
        for column in columns:
            assert f"| {column.name} | {column.type} |" in docs, (table, column.name)
            assert column.name in result.stdout


def test_no_query_tells_how_to_open_the_tables(city: Path, tmp_path: Path) -> None:
    out = tmp_path / "t"
    runner.invoke(app, ["tables", "-o", str(out)])
    result = runner.invoke(app, ["sql", "--tables", str(out)])
    assert result.exit_code == 0
    assert "CREATE OR REPLACE VIEW measures AS SELECT * FROM read_parquet(" in result.stdout
    assert "hive_types" in result.stdout


def test_a_bad_query_is_one_line_exit_2(city: Path) -> None:
    result = runner.invoke(app, ["sql", "SELECT nothing FROM measures"])
    assert result.exit_code == 2
    assert result.stderr.startswith("integ: error: the query failed:") and "nothing" in result.stderr
    assert "Traceback" not in result.output


def test_tables_needs_an_output(city: Path) -> None:
    result = runner.invoke(app, ["tables"])
    assert result.exit_code == 2 and "--output" in result.stderr


def test_without_duckdb_says_how_to_install(city: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)  # import duckdb fails, as where it is not installed
    result = runner.invoke(app, ["sql", "SELECT 1"])
    assert result.exit_code == 2
    assert result.stderr == (
        "integ: error: this needs the Python package duckdb, which is not installed; "
        "install it with: pip install 'integ[sql]'\n"
    )


def test_without_duckdb_in_german(city: Path, monkeypatch: pytest.MonkeyPatch, german: None) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)
    result = runner.invoke(app, ["sql", "SELECT 1"])
    assert result.exit_code == 2
    assert "nicht installiert" in result.stderr and "pip install 'integ[sql]'" in result.stderr


def test_partitions_of_other_cities_are_removed(city: Path, tmp_path: Path) -> None:
    out = tmp_path / "t"
    stale = out / "measures" / "municipality=old" / "part-0.parquet"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"")
    assert runner.invoke(app, ["tables", "-o", str(out)]).exit_code == 0
    assert not stale.parent.exists()
    assert (out / "measures" / "municipality=05334002" / "part-0.parquet").is_file()


def test_the_repository_data_runs_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT)
    rows = sql_json("SELECT count(*) AS n FROM measures")
    assert rows == [{"n": len(public(measures(PROJECT)))}]


def test_describe_in_german(german: None) -> None:
    result = runner.invoke(app, ["tables", "--describe"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split() == ["TABELLE", "SPALTE", "TYP", "BEDEUTUNG"]
    assert "budget_lines    planned           decimal  Ansatz, in Euro" in result.stdout


def test_the_documented_examples_are_the_ones_integ_runs() -> None:
    from integ_cli.tables.examples import EXAMPLES

    docs = (PROJECT / "docs" / "analytics.md").read_text(encoding="utf-8")
    for name, (_what, query) in EXAMPLES.items():
        assert f"`integ sql --example {name}`\n\n```sql\n{query};\n```" in docs, name


def test_tables_from_several_workers_are_in_id_order_and_the_same_as_from_one(
    city: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The records are written as the workers send them, in runs of files in file order
    (``sprache.yaml`` comes after ``sprache-150.yaml``); the rows are in id order, and
    the tables the same as one process writes them."""
    folder = city / "data" / "measures"
    source = (folder / "sprache-001.yaml").read_text(encoding="utf-8")
    for measure_id in [*(f"sprache-{n:03}" for n in range(2, 151)), "sprache", "sprach"]:
        (folder / f"{measure_id}.yaml").write_text(source.replace("id: sprache-001", f"id: {measure_id}"), "utf-8")
    written = {}
    for jobs in ("1", "2"):  # 2: runs of 50 files, four workers' runs
        monkeypatch.setenv("INTEG_JOBS", jobs)
        for fmt in ("parquet", "jsonl"):
            out = tmp_path / f"{fmt}-{jobs}"
            result = runner.invoke(app, ["tables", "-o", str(out), "--format", fmt])
            assert result.exit_code == 0, result.output
            written[fmt, jobs] = out
    for name in ("measures", "budget_lines", "links"):
        alone = (written["jsonl", "1"] / f"{name}.jsonl").read_text(encoding="utf-8")
        assert (written["jsonl", "2"] / f"{name}.jsonl").read_text(encoding="utf-8") == alone
        part = Path(name) / "municipality=05334002" / "part-0.parquet"
        assert pq.read_table(written["parquet", "2"] / part).equals(pq.read_table(written["parquet", "1"] / part))
    ids = [row["id"] for row in pq.read_table(written["parquet", "2"] / "measures").to_pylist()]
    expected = sorted(m["id"] for m in public(measures(city)))
    assert ids == expected and ids.index("sprach") < ids.index("sprache") < ids.index("sprache-001")


def test_sql_columns_are_the_documented_ones_and_no_files_stay(
    city: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The repository's rows reach DuckDB through a temporary folder: the views have the
    tables' columns in their order (the municipality first, once), and the folder is gone
    when the answer is printed."""
    from integ_cli.tables.columns import TABLES, names

    temporary = tmp_path / "temp"
    temporary.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temporary))
    for name in TABLES:
        result = runner.invoke(app, ["sql", f"SELECT * FROM {name} LIMIT 1", "--format", "csv"])
        assert result.exit_code == 0, result.output
        assert result.stdout.removeprefix("\ufeff").splitlines()[0].split(";") == list(names(name)), name
    assert list(temporary.iterdir()) == []


def test_without_pyarrow_tables_says_so_before_reading_the_records(
    city: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from integ_cli.checking import catalogue

    def forbidden(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the records were read")

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow fails, as where it is not installed
    monkeypatch.setattr(catalogue, "stream_catalogue", forbidden)
    result = runner.invoke(app, ["tables", "-o", str(tmp_path / "t")])
    assert result.exit_code == 2
    assert "the Python package pyarrow, which is not installed" in result.stderr
    assert not (tmp_path / "t").exists()


@pytest.mark.parametrize("command", ["tables", "sql"])
def test_help_names_the_extra_to_install(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """``integ[sql]`` is shown as written, not taken for markup (which left ``integ``)."""
    monkeypatch.setenv("INTEG_LANG", "en")
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "integ[sql]" in result.stdout


@pytest.mark.parametrize("output_format", ["csv", "json", "text", "md", "table"])
def test_a_large_answer_is_written_as_its_rows_come_and_the_same(
    city: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output_format: str
) -> None:
    from integ_cli.tables import engine

    query = "SELECT measure_id, line, year, planned, source FROM budget_lines ORDER BY measure_id, line"
    out = tmp_path / "tables"
    assert runner.invoke(app, ["tables", "-o", str(out)]).exit_code == 0
    whole = runner.invoke(app, ["sql", "--tables", str(out), query, "-f", output_format])
    assert whole.exit_code == 0, whole.output
    monkeypatch.setattr(engine, "BATCH", 2)  # every few rows written before the next are fetched
    fetched: list[int] = []
    real = engine.stream

    def counting(connection: Any, sql: str, size: int | None = None) -> Any:
        columns, batches = real(connection, sql, size)
        return columns, (fetched.append(len(rows)) or rows for rows in batches)

    monkeypatch.setattr(engine, "stream", counting)
    for args in (["--tables", str(out)], []):
        fetched.clear()
        streamed = runner.invoke(app, ["sql", *args, query, "-f", output_format])
        assert streamed.exit_code == 0, streamed.output
        assert streamed.stdout == whole.stdout
        assert len(fetched) > 3 and max(fetched) == 2
    if output_format == "json":
        assert len(json.loads(whole.stdout)) == sum(fetched)


def test_a_table_whose_rows_cannot_be_spooled_is_one_line_exit_2(
    city: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    out = tmp_path / "tables"
    assert runner.invoke(app, ["tables", "-o", str(out)]).exit_code == 0
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))  # no folder for the spooled rows
    result = runner.invoke(app, ["sql", "--tables", str(out), "SELECT 1 AS n", "-f", "text"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "cannot read or write" in result.stderr or "lesen oder schreiben" in result.stderr


def test_a_query_that_fails_while_its_rows_are_fetched_is_one_line_exit_2(city: Path) -> None:
    # the cast fails on the third row, after the first rows could have been written
    query = "SELECT CAST(CASE WHEN i < 3 THEN '1' ELSE 'x' END AS INTEGER) AS n FROM range(5) t(i)"
    result = runner.invoke(app, ["sql", query, "-f", "csv"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "the query failed" in result.stderr or "Abfrage" in result.stderr
