"""Reading cells: each row with its sheet, number and column letters; bad headers; unreadable files."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from integ_cli.files import limits
from integ_cli.spreadsheet.read import SheetError, read
from tests.spreadsheet.helpers import export_xlsx, headers, inline, layout_of, raw_workbook, row_of


def test_rows_know_their_sheet_number_and_columns(bundled: Path, tmp_path: Path) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    ws = openpyxl.load_workbook(path)["Maßnahmen"]
    cols = headers(ws)
    tables = read(path, layout_of(bundled))
    assert tables.problems == []
    assert tables.measures is not None and len(tables.measures) == 30
    row = next(r for r in tables.measures if r.cells["id"] == "sprache-002")
    assert row.number == row_of(ws, "sprache-002")
    assert row.letters["status"] == cols["status"]
    assert row.cells["status"] == ws[f"{cols['status']}{row.number}"].value
    assert row.where("status")[0] == f"Maßnahmen!{cols['status']}{row.number} (Status)"
    budget = tables.lists["budget"]
    assert {r.title for r in budget} == {"Budget"} and budget[0].number == 2


def test_bad_headers_are_reported_at_their_cells(bundled: Path, tmp_path: Path) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Maßnahmen"]
    ws["B1"] = "Titel (titel)"
    ws["C1"] = ws["A1"].value
    book["Budget"]["A1"] = "Jahr (year)"
    book.save(path)
    shown = [str(p) for p in read(path, layout_of(bundled)).problems]
    assert shown[0].startswith("Maßnahmen!B1: unknown column 'titel'; did you mean 'title'")
    assert shown[1] == "Maßnahmen!C1: the column 'id' appears twice (also A1)"
    assert "Budget!A1: there is no column 'Maßnahme-ID (id)'; every sheet needs the measures' ids" in shown


def test_a_sub_sheet_without_rows_is_left_out(bundled: Path, tmp_path: Path) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    book["Budget"].delete_rows(2, book["Budget"].max_row)
    book.save(path)
    tables = read(path, layout_of(bundled))
    assert "budget" not in tables.lists and "indicators" in tables.lists


def test_unreadable_files_are_refused(bundled: Path, tmp_path: Path) -> None:
    layout = layout_of(bundled)
    with pytest.raises(SheetError, match="expected an Excel workbook"):
        read(tmp_path / "x.ods", layout)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    with pytest.raises(SheetError, match=r"cannot read .* as an Excel workbook"):
        read(broken, layout)
    other = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(other)
    with pytest.raises(SheetError, match="no sheet 'Maßnahmen'"):
        read(other, layout)
    with pytest.raises(SheetError, match="cannot read"):
        read(tmp_path / "missing.csv", layout)


def test_a_csv_with_nul_bytes_is_refused_as_no_text(bundled: Path, tmp_path: Path) -> None:
    bad = tmp_path / "list.csv"
    bad.write_bytes("id;title".encode("utf-16-le"))
    with pytest.raises(SheetError, match="not a text CSV"):
        read(bad, layout_of(bundled))


def test_cells_past_the_limits_are_problems_at_their_places(bundled: Path, tmp_path: Path) -> None:
    rows = f'<row r="1">{inline("A1", "Maßnahme-ID (id)")}{inline("XFD1", "x")}</row>'
    rows += f'<row r="2000000">{inline("A2000000", "x")}</row>'
    problems = read(raw_workbook(tmp_path / "far.xlsx", rows), layout_of(bundled)).problems
    assert [(p.location, p.code) for p in problems] == [
        ("Maßnahmen!XFD1", "sheet-limit"),
        ("Maßnahmen!A2000000", "sheet-limit"),
    ]
    assert problems[1].message.startswith("the sheet goes on past row 1,048,576; integ reads at most 1,048,576 rows")


def test_a_formula_in_the_id_column_is_a_problem_at_its_cell(bundled: Path, tmp_path: Path) -> None:
    rows = f'<row r="1">{inline("A1", "Maßnahme-ID (id)")}</row><row r="2"><c r="A2"><f>B7</f><v>x</v></c></row>'
    tables = read(raw_workbook(tmp_path / "x.xlsx", rows), layout_of(bundled))
    assert tables.measures == []
    assert [str(p) for p in tables.problems] == [
        "Maßnahmen!A2 (Maßnahme-ID): a formula; integ reads values only — paste the value instead"
    ]


def test_a_workbook_too_large_unpacked_is_refused_naming_the_setting(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_SHEET_BYTES", 100_000)
    path = raw_workbook(tmp_path / "x.xlsx", f'<row r="1">{inline("A1", "x" * 200_000)}</row>')
    with pytest.raises(
        SheetError, match=r"cannot read .*x.xlsx as an Excel workbook: .* 100,000 bytes.*INTEG_MAX_SHEET_BYTES"
    ):
        read(path, layout_of(bundled))
    csv = tmp_path / "x.csv"
    csv.write_text("id;title\n" + "x;y\n" * 30_000, encoding="utf-8")
    with pytest.raises(SheetError, match="larger than 100,000 bytes"):
        read(csv, layout_of(bundled))


def test_a_csv_keeps_to_the_row_and_cell_limits(bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_SHEET_ROWS", 3)
    monkeypatch.setattr(limits, "MAX_CELL_CHARS", 20)
    csv = tmp_path / "x.csv"
    csv.write_text(
        "Maßnahme-ID (id);Titel (title)\nsprache-001;" + "x" * 21 + "\nsprache-002;b\nsprache-003;c\n", encoding="utf-8"
    )
    tables = read(csv, layout_of(bundled))
    assert tables.measures is not None and [r.number for r in tables.measures] == [2, 3]
    assert [str(p) for p in tables.problems] == [
        "x.csv!A4: the sheet goes on past row 3; integ reads at most 3 rows (setting INTEG_MAX_SHEET_ROWS): "
        "delete the rows below"
    ]
    assert str(tables.measures[0].cells["title"].message).startswith("more than 20 characters")


def test_a_far_away_cell_is_explained_in_german(bundled: Path, tmp_path: Path, german: None) -> None:
    rows = f'<row r="1">{inline("A1", "Maßnahme-ID (id)")}</row><row r="2000000">{inline("B2000000", "x")}</row>'
    problems = read(raw_workbook(tmp_path / "far.xlsx", rows), layout_of(bundled)).problems
    assert [str(p) for p in problems] == [
        "Maßnahmen!B2000000: das Tabellenblatt reicht über Zeile 1.048.576 hinaus; integ liest höchstens "
        "1.048.576 Zeilen (Einstellung INTEG_MAX_SHEET_ROWS): löschen Sie die Zeilen darunter"
    ]
