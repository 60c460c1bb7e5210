"""A sheet's cells: each kind read as Excel means it; formulas, error values and cells past the limits noted."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from integ_cli.files import limits
from integ_cli.spreadsheet.cells import Unreadable, grid_of
from integ_cli.spreadsheet.xlsx import read_workbook
from tests.spreadsheet.helpers import inline, raw_workbook

STYLES = (
    b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1">'
    b'<numFmt numFmtId="164" formatCode="TT.MM.JJJJ;[Red]&quot;x&quot;"/><numFmt numFmtId="165" formatCode="dd/mm/yy"/>'
    b'</numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="165"/></cellXfs></styleSheet>'
)
STRINGS = (
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>geteilt</t></si>'
    b"<si><r><t>fett </t></r><r><t>und nicht</t></r><rPh><t>PHONETIC</t></rPh></si></sst>"
)


def grid(path: Path) -> dict[int, dict[int, object]]:
    return dict(read_workbook(path, ["Maßnahmen"]).grids["Maßnahmen"].rows)


def styled(path: Path, rows: str) -> Path:
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
        ' Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/><Relationship Id="rId3" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>'
    )
    parts = {"xl/_rels/workbook.xml.rels": rels.encode(), "xl/styles.xml": STYLES, "xl/sharedStrings.xml": STRINGS}
    return raw_workbook(path, rows, **parts)


def test_every_kind_of_cell_is_read_as_excel_means_it(tmp_path: Path) -> None:
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="b"><v>1</v></c>'
        '<c r="D1"><v>2025</v></c><c r="E1"><v>12000.5</v></c><c r="F1" s="1"><v>44805</v></c>'
        '<c r="G1" s="2"><v>44805</v></c><c r="H1" t="d"><v>2022-09-01T00:00:00</v></c>'
        '<c r="K1" t="inlineStr"><is><t>ä ö ü</t></is></c><c r="L1" s="1"/></row>'
    )
    cells = grid(styled(tmp_path / "x.xlsx", rows))[1]
    september = datetime.datetime(2022, 9, 1)
    assert cells == {
        **{0: "geteilt", 1: "fett und nicht", 2: True, 3: 2025, 4: 12000.5},
        **{5: september, 6: september, 7: september, 10: "ä ö ü"},
    }


def test_a_formula_is_seen_with_or_without_its_cached_value(tmp_path: Path) -> None:
    rows = '<row r="1"><c r="A1"><f>B1</f></c><c r="B1"><f>1+1</f><v>2</v></c><c r="C1" t="e"><v>#REF!</v></c>'
    rows += '<c r="D1" t="s"><v>7</v></c></row>'
    cells = grid(raw_workbook(tmp_path / "x.xlsx", rows))[1]
    assert cells[0] == cells[1] == Unreadable("a formula; integ reads values only — paste the value instead")
    assert cells[2] == Unreadable("the error value #REF!; write the value the cell should hold")
    assert cells[3] == Unreadable("a text the file lacks (shared string 7); the workbook is damaged: save it again")


def test_a_far_away_cell_is_noted_at_its_place_without_filling_the_rows_between(tmp_path: Path) -> None:
    rows = f'<row r="1">{inline("A1", "id")}</row><row r="2000000">{inline("XFD2000000", "x")}</row>'
    sheet = read_workbook(raw_workbook(tmp_path / "x.xlsx", rows), ["Maßnahmen"]).grids["Maßnahmen"]
    assert sheet.rows == [(1, {0: "id"})]
    assert [(o.cell, o.row) for o in sheet.overflow] == [("XFD2000000", 2000000)]
    assert "past row 1,048,576" in sheet.overflow[0].message


def test_every_row_excel_can_hold_is_read(tmp_path: Path) -> None:
    """A large catalogue's Budget sheet has a million rows (100,000 measures, 10 lines each)."""
    rows = f'<row r="1">{inline("A1", "id")}</row><row r="1048576">{inline("A1048576", "x")}</row>'
    sheet = read_workbook(raw_workbook(tmp_path / "x.xlsx", rows), ["Maßnahmen"]).grids["Maßnahmen"]
    assert sheet.rows == [(1, {0: "id"}), (1048576, {0: "x"})]
    assert sheet.overflow == []


def test_columns_past_the_limit_are_noted_once(tmp_path: Path) -> None:
    rows = f'<row r="1">{inline("A1", "id")}{inline("GS1", "x")}{inline("XFD1", "y")}</row>'
    sheet = read_workbook(raw_workbook(tmp_path / "x.xlsx", rows), ["Maßnahmen"]).grids["Maßnahmen"]
    assert sheet.rows == [(1, {0: "id"})]
    assert [o.cell for o in sheet.overflow] == ["GS1"]
    assert sheet.overflow[0].message.startswith("a cell beyond column 200 (GR); integ reads at most 200 columns")


def test_a_long_cell_is_cut_off_while_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_CELL_CHARS", 100)
    rows = f'<row r="1">{inline("A1", "x" * 100)}{inline("B1", "x" * 101)}</row>'
    cells = grid(raw_workbook(tmp_path / "x.xlsx", rows))[1]
    assert cells[0] == "x" * 100
    assert isinstance(cells[1], Unreadable) and cells[1].message.startswith("more than 100 characters")


def test_filled_cells_past_the_limit_stop_the_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_SHEET_CELLS", 3)
    rows = "".join(f'<row r="{n}">{inline(f"A{n}", "x")}</row>' for n in range(1, 10))
    sheet = read_workbook(raw_workbook(tmp_path / "x.xlsx", rows), ["Maßnahmen"]).grids["Maßnahmen"]
    assert len(sheet.rows) == 3 and [o.cell for o in sheet.overflow] == ["A4"]


def test_csv_rows_keep_their_empty_cells_and_their_length() -> None:
    rows = grid_of([["id", "title", "goal"], ["a", None], ["b", None, "x" * 40_000]])
    assert rows.ragged and rows.rows[:2] == [(1, {0: "id", 1: "title", 2: "goal"}), (2, {0: "a", 1: None})]
    assert isinstance(rows.rows[2][1][2], Unreadable)
