"""Reading cells: each row with its sheet, number and column letters; bad headers; unreadable files."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from integ_cli.spreadsheet.read import SheetError, read
from tests.spreadsheet.helpers import export_xlsx, headers, layout_of, row_of


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
