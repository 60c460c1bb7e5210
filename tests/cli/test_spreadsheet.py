"""integ export, template and import through the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from integ_cli.cli import app, filters
from tests.spreadsheet.helpers import copy_bundled, headers, row_of, snapshot

runner = CliRunner()


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled data as the current directory."""
    root = copy_bundled(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.delenv("INTEG_REPO", raising=False)
    return root


def test_export_workbook_to_a_file(city: Path, tmp_path: Path) -> None:
    target = tmp_path / "massnahmen.xlsx"
    result = runner.invoke(app, ["export", "--output", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"integ: 30 measures written to {target}\n"
    book = openpyxl.load_workbook(target)
    assert book["Maßnahmen"].max_row == 31


def test_export_from_worker_processes_is_the_workbook_one_process_writes(
    city: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers make each measure's rows and send them a measure at a time; the
    workbook has the rows in id order, sheet by sheet, as one process writes it."""
    from integ_cli.spreadsheet import write as export

    def exported(jobs: str) -> dict[str, list[tuple[object, ...]]]:
        monkeypatch.setenv("INTEG_JOBS", jobs)
        target = tmp_path / f"jobs-{jobs}.xlsx"
        result = runner.invoke(app, ["export", "--output", str(target)])
        assert result.exit_code == 0, result.stderr
        assert result.stderr == f"integ: 30 measures written to {target}\n"
        book = openpyxl.load_workbook(target)
        return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in book.worksheets}

    serial = exported("1")
    monkeypatch.setattr(export, "BATCH", 1)
    assert exported("2") == serial
    ids = [row[0] for row in serial["Maßnahmen"][1:]]
    assert ids == sorted(ids) and len(ids) == 30


def test_export_replaces_a_file_atomically_and_refuses_a_folder(city: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "massnahmen.xlsx"
    target.write_bytes(b"old")
    assert runner.invoke(app, ["export", "--output", str(target)]).exit_code == 0
    assert target.read_bytes().startswith(b"PK")  # a workbook (zip) replaced the old bytes
    assert sorted(p.name for p in out.iterdir()) == ["massnahmen.xlsx"]  # no temporary file left
    result = runner.invoke(app, ["export", "--output", str(out)])
    assert result.exit_code == 2
    assert "is a folder" in result.stderr


def test_export_takes_the_list_filters(city: Path, tmp_path: Path) -> None:
    target = tmp_path / "sprache.xlsx"
    result = runner.invoke(app, ["export", "--field", "sprache", "--status", "active", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    ws = openpyxl.load_workbook(target)["Maßnahmen"]
    ids = [c.value for c in ws["A"][1:]]
    listed = runner.invoke(app, ["list", "--field", "sprache", "--status", "active", "--format", "csv"])
    assert ids == [line.split(";")[0] for line in listed.stdout.splitlines()[1:]]
    assert 0 < len(ids) < 30


def test_export_csv_to_stdout_and_by_file_name(city: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "csv", "--year", "2024"])
    assert result.exit_code == 0
    assert result.stdout.startswith("\ufeffMaßnahme-ID (id);Titel (title);")
    target = tmp_path / "x.csv"
    assert runner.invoke(app, ["export", "-o", str(target)]).exit_code == 0
    assert target.read_bytes().startswith("\ufeffMaßnahme-ID (id);".encode())


def test_export_no_match_writes_headers(city: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    result = runner.invoke(app, ["export", "-q", "gibtesnicht", "-o", str(target)])
    assert result.exit_code == 0
    assert "no measure matches" in result.stderr
    assert len(target.read_text(encoding="utf-8-sig").splitlines()) == 1


def test_export_refuses_terminal_data_folder_and_unknown_values(city: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filters, "is_terminal", lambda: True)
    result = runner.invoke(app, ["export"])
    assert result.exit_code == 2
    assert "give --output FILE" in result.stderr
    result = runner.invoke(app, ["export", "-o", "data/measures/x.xlsx"])
    assert result.exit_code == 2 and "inside data/" in result.stderr
    assert not (city / "data/measures/x.xlsx").exists()
    result = runner.invoke(app, ["export", "-t", "jugend", "-o", "x.xlsx"])
    assert result.exit_code == 2 and "jugendliche" in result.stderr


def test_template_and_its_import(city: Path, tmp_path: Path) -> None:
    target = tmp_path / "vorlage.xlsx"
    result = runner.invoke(app, ["template", "--output", str(target)])
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(target)
    ws = book["Maßnahmen"]
    assert ws.max_row == 1
    cols = headers(ws)
    values = {
        "title": "Elterncafé Eilendorf",
        "summary": "Ein monatliches Elterncafé an der Grundschule Eilendorf.",
        "field": "bildung",
        "target_groups": "eltern",
        "districts": "eilendorf",
        "status": "planned",
        "horizon": "mid",
    }
    for key, value in values.items():
        ws[f"{cols[key]}2"] = value
    book.save(target)
    result = runner.invoke(app, ["import", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "added bildung-006 data/measures/bildung-006.yaml: Elterncafé Eilendorf\n"
    assert result.stderr == "integ: 1 added, 0 changed, 0 unchanged\n"
    assert runner.invoke(app, ["validate"]).exit_code == 0


def test_import_dry_run_then_import(city: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.xlsx"
    runner.invoke(app, ["export", "-o", str(target)])
    book = openpyxl.load_workbook(target)
    ws = book["Maßnahmen"]
    ws[f"{headers(ws)['status']}{row_of(ws, 'freizeit-001')}"] = "dropped"
    book.save(target)
    before = snapshot(city)
    result = runner.invoke(app, ["import", str(target), "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ("would change freizeit-001 data/measures/freizeit-001.yaml\n  status: active → dropped\n")
    assert result.stderr == "integ: 0 added, 1 changed, 29 unchanged (dry run: nothing written)\n"
    assert snapshot(city) == before
    result = runner.invoke(app, ["import", str(target)])
    assert result.exit_code == 0
    assert result.stdout.startswith("changed freizeit-001")
    assert "status: dropped" in (city / "data/measures/freizeit-001.yaml").read_text(encoding="utf-8")
    assert runner.invoke(app, ["validate"]).exit_code == 0


def test_import_bad_workbook_exits_1_and_writes_nothing(city: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.xlsx"
    runner.invoke(app, ["export", "-o", str(target)])
    book = openpyxl.load_workbook(target)
    ws = book["Maßnahmen"]
    cols = headers(ws)
    ws[f"{cols['target_groups']}12"] = "jugend"
    ws[f"{cols['horizon']}13"] = "bald"
    book.save(target)
    before = snapshot(city)
    result = runner.invoke(app, ["import", str(target)])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"Maßnahmen!{cols['target_groups']}12 (Zielgruppen): unknown target group 'jugend'")
    assert lines[1].startswith(f"Maßnahmen!{cols['horizon']}13 (Zeithorizont): 'horizon' is 'bald'")
    assert lines[2] == f"integ: error: 2 problems in {target}; nothing written"
    assert snapshot(city) == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.xlsx", None, "cannot read"),
        ("x.ods", b"", "expected an Excel workbook (.xlsx) or a CSV file"),
        ("broken.xlsx", b"PK not really", "as an Excel workbook"),
    ],
)
def test_import_unreadable_file_exits_2(
    city: Path, tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    target = tmp_path / name
    if content is not None:
        target.write_bytes(content)
    result = runner.invoke(app, ["import", str(target)])
    assert result.exit_code == 2
    assert result.stderr.startswith("integ: error: ") and message in result.stderr
    assert "Traceback" not in result.stderr


def test_the_spreadsheet_commands_speak_german(city: Path, tmp_path: Path, german: None) -> None:
    target = tmp_path / "massnahmen.xlsx"
    result = runner.invoke(app, ["export", "--output", str(target)])
    assert result.exit_code == 0 and result.stderr == f"integ: 30 Maßnahmen geschrieben: {target}\n"
    result = runner.invoke(app, ["export", "-q", "Sprachcafés", "--output", str(tmp_path / "eine.xlsx")])
    assert result.exit_code == 0 and result.stderr == f"integ: 1 Maßnahme geschrieben: {tmp_path / 'eine.xlsx'}\n"
    result = runner.invoke(app, ["export", "-q", "gibtesnicht", "--output", str(tmp_path / "leer.csv")])
    assert "keine Maßnahme passt; die Datei enthält nur die Spaltenüberschriften" in result.stderr
    result = runner.invoke(app, ["export", "-o", "data/measures/x.xlsx"])
    assert result.exit_code == 2 and "'data/measures/x.xlsx' wird nicht geschrieben: es liegt in data/" in result.stderr
    result = runner.invoke(app, ["template", "--output", str(tmp_path / "vorlage.xlsx")])
    assert result.stderr == f"integ: leere Arbeitsmappe geschrieben: {tmp_path / 'vorlage.xlsx'}\n"
    book = openpyxl.load_workbook(target)
    book["Maßnahmen"][f"{headers(book['Maßnahmen'])['horizon']}13"] = "bald"
    book.save(target)
    result = runner.invoke(app, ["import", str(target)])
    assert result.exit_code == 1 and f"1 Problem in {target}; nichts geschrieben" in result.stderr


@pytest.mark.parametrize(
    ("command", "german_words"),
    [
        ("export_measures", "Maßnahmen in eine Excel-Arbeitsmappe (oder CSV) exportieren"),
        ("template", "Eine leere Arbeitsmappe im Aufbau von 'integ export' schreiben"),
        ("import_sheet", "Maßnahmen aus einer Arbeitsmappe oder CSV-Datei wieder einlesen"),
    ],
)
def test_the_help_of_the_spreadsheet_commands_in_german(command: str, german_words: str, german: None) -> None:
    """Their help in German keeps the examples of the English help, to copy as they are."""
    from integ_cli.cli import spreadsheet
    from integ_cli.cli.app import reflow
    from integ_cli.i18n import _

    english = reflow(getattr(spreadsheet, command).__doc__ or "")
    help_text = _(english)
    assert german_words in help_text
    examples = [line.split(":", 1)[1] for line in english.splitlines() if line.startswith("Example:")]
    assert [line.split(":", 1)[1] for line in help_text.splitlines() if line.startswith("Beispiel:")] == examples


def test_openpyxl_is_not_imported_at_start_up() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import integ_cli.cli.spreadsheet"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "integ_cli.cli.spreadsheet" in result.stderr
    assert "openpyxl" not in result.stderr


@pytest.mark.parametrize("table_format", ["parquet", "jsonl"])
def test_export_writes_the_tables_of_integ_tables(city: Path, tmp_path: Path, table_format: str) -> None:
    exported, tabled = tmp_path / "export", tmp_path / "tables"
    common = ["--format", table_format, "--municipality", "05334002", "--internal"]
    result = runner.invoke(app, ["export", "--output", str(exported), *common])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"integ: 11 table files written to {exported}\n"
    assert runner.invoke(app, ["tables", "--output", str(tabled), *common]).exit_code == 0
    written = sorted(p.relative_to(exported) for p in exported.rglob("*") if p.is_file())
    assert written == sorted(p.relative_to(tabled) for p in tabled.rglob("*") if p.is_file())
    if table_format == "jsonl":
        assert all((exported / p).read_bytes() == (tabled / p).read_bytes() for p in written)


def test_export_of_tables_refuses_filters_and_a_workbook_the_table_options(city: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "parquet", "--field", "sprache", "-o", str(tmp_path / "t")])
    assert result.exit_code == 2 and "--format parquet writes every valid measure; select in SQL" in result.stderr
    result = runner.invoke(app, ["export", "--internal", "-o", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 2 and "--internal and --municipality are for --format parquet or jsonl" in result.stderr
    result = runner.invoke(app, ["export", "--format", "jsonl"])
    assert result.exit_code == 2 and "--output DIR is missing" in result.stderr


def test_export_says_the_bundled_data_are_invented(city: Path, tmp_path: Path, german: None) -> None:
    target = tmp_path / "massnahmen.xlsx"
    assert runner.invoke(app, ["export", "--output", str(target)]).exit_code == 0
    guide = openpyxl.load_workbook(target)["Anleitung"]
    assert guide["A2"].value == "Beispieldaten: erfundene Maßnahmen und Beträge."
    as_csv = runner.invoke(app, ["export", "--format", "csv"])
    assert "Beispieldaten" not in as_csv.stdout  # the CSV holds data only
    assert "integ: Beispieldaten: erfundene Maßnahmen und Beträge.\n" in as_csv.stderr


def test_export_of_real_data_says_nothing_of_examples(city: Path, tmp_path: Path) -> None:
    concept = city / "data" / "concept.yaml"
    concept.write_text(
        concept.read_text(encoding="utf-8").replace("illustrative: true", "illustrative: false"), "utf-8"
    )
    target = tmp_path / "massnahmen.xlsx"
    assert runner.invoke(app, ["export", "--output", str(target)]).exit_code == 0
    assert openpyxl.load_workbook(target)["Anleitung"]["A2"].value is None
