"""The streaming workbook reader: every kind of cell, formulas seen, hostile archives refused within the limits."""

from __future__ import annotations

import datetime
import io
import itertools
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from integ_cli.files import limits
from integ_cli.spreadsheet.xlsx import Unreadable, WorkbookError, read_workbook
from tests.spreadsheet.helpers import SHEET_PART, inline, raw_workbook

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


def test_an_export_reads_as_openpyxl_reads_it(bundled: Path, tmp_path: Path) -> None:
    from tests.spreadsheet.helpers import export_xlsx

    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    expected = {
        number: {i: v for i, v in enumerate(values) if v not in (None, "")}
        for number, values in enumerate(book["Budget"].iter_rows(values_only=True), start=1)
    }
    book.close()
    read = dict(read_workbook(path, ["Budget"]).grids["Budget"].rows)
    assert read == {number: cells for number, cells in expected.items() if cells}


def test_a_formula_is_seen_with_or_without_its_cached_value(tmp_path: Path) -> None:
    rows = '<row r="1"><c r="A1"><f>B1</f></c><c r="B1"><f>1+1</f><v>2</v></c><c r="C1" t="e"><v>#REF!</v></c>'
    rows += '<c r="D1" t="s"><v>7</v></c></row>'
    cells = grid(raw_workbook(tmp_path / "x.xlsx", rows))[1]
    assert cells[0] == cells[1] == Unreadable("a formula; integ reads values only — paste the value instead")
    assert cells[2] == Unreadable("the error value #REF!; write the value the cell should hold")
    assert cells[3] == Unreadable("a text the file lacks (shared string 7); the workbook is damaged: save it again")


def test_a_far_away_cell_is_noted_at_its_place_without_filling_the_rows_between(tmp_path: Path) -> None:
    rows = f'<row r="1">{inline("A1", "id")}</row><row r="1048576">{inline("XFD1048576", "x")}</row>'
    sheet = read_workbook(raw_workbook(tmp_path / "x.xlsx", rows), ["Maßnahmen"]).grids["Maßnahmen"]
    assert sheet.rows == [(1, {0: "id"})]
    assert [(o.cell, o.row) for o in sheet.overflow] == [("XFD1048576", 1048576)]
    assert "past row 200,000" in sheet.overflow[0].message


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


def bomb(path: Path, size: int) -> Path:
    """A workbook whose sheet unpacks to ``size`` bytes of one cell's text (a few KB packed)."""
    chunk = b"x" * (1 << 20)
    text = (chunk[: min(size - done, len(chunk))] for done in range(0, size, len(chunk)))
    return raw_workbook(
        path, itertools.chain([b'<row r="1"><c r="A1" t="inlineStr"><is><t>'], text, [b"</t></is></c></row>"])
    )


def test_a_zip_bomb_is_refused_by_its_declared_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_SHEET_BYTES", 1_000_000)
    path = bomb(tmp_path / "x.xlsx", 5_000_000)
    assert path.stat().st_size < 20_000
    with pytest.raises(WorkbookError, match=r"^xl/worksheets/sheet1.xml unpacks to more than 1,000,000 bytes"):
        read_workbook(path, ["Maßnahmen"])


def test_a_zip_bomb_that_understates_its_size_is_refused_as_it_is_inflated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_SHEET_BYTES", 1_000_000)
    raw = bytearray(bomb(tmp_path / "x.xlsx", 5_000_000).read_bytes())
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):  # central directory, local header
        at = raw.find(signature)
        while at >= 0:
            name_at = at + (46 if signature == b"PK\x01\x02" else 30)
            if raw[name_at : name_at + len(SHEET_PART)] == SHEET_PART.encode():
                raw[at + offset : at + offset + 4] = (1000).to_bytes(4, "little")
            at = raw.find(signature, at + 4)
    with pytest.raises(WorkbookError, match=r"^Bad CRC-32 for file .xl/worksheets/sheet1.xml.$"):
        read_workbook(io.BytesIO(bytes(raw)), ["Maßnahmen"])


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"not a zip file", "File is not a zip file"),
        (b"", "File is not a zip file"),
        ("truncated", "Error -3|Bad CRC|truncated|not a zip|Bad magic|EOF"),
        ("no sheet part", "the part xl/worksheets/sheet1.xml is missing"),
        ("broken xml", "not well-formed|mismatched tag|no element found"),
        ("dtd", "it declares a DTD"),
    ],
)
def test_broken_archives_are_a_workbook_error(tmp_path: Path, content: str | bytes, reason: str) -> None:
    path = tmp_path / "x.xlsx"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content == "truncated":
        whole = bomb(tmp_path / "whole.xlsx", 200_000).read_bytes()
        path.write_bytes(whole[: len(whole) // 2] + whole[-200:])
    elif content == "no sheet part":
        with zipfile.ZipFile(raw_workbook(tmp_path / "w.xlsx", "")) as source, zipfile.ZipFile(path, "w") as target:
            for name in source.namelist():
                if name != SHEET_PART:
                    target.writestr(name, source.read(name))
    elif content == "broken xml":
        raw_workbook(path, '<row r="1"><c r="A1">')
    else:
        dtd = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaa">]><worksheet/>'
        raw_workbook(path, "", **{SHEET_PART: dtd})
    with pytest.raises(WorkbookError, match=reason):
        read_workbook(path, ["Maßnahmen"])


def test_limits_are_set_by_environment_variables(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{n}">{inline(f"A{n}", "x")}</row>' for n in range(1, 6))
    path = raw_workbook(tmp_path / "x.xlsx", rows)
    script = (
        "import sys; from integ_cli.spreadsheet.xlsx import read_workbook;"
        "s = read_workbook(sys.argv[1], ['Maßnahmen']).grids['Maßnahmen'];"
        "print(len(s.rows), [o.cell for o in s.overflow])"
    )
    env = {**os.environ, "INTEG_MAX_SHEET_ROWS": "3"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["3", "['A4']"]


def test_memory_stays_flat_on_hostile_workbooks(tmp_path: Path) -> None:
    """A zip bomb (at the default limit), a 100,000-row sheet and a cell at XFD1048576,
    read in one process whose address space is capped: peak memory stays small."""
    bomb(tmp_path / "bomb.xlsx", 200 * 1024 * 1024)
    rows = "".join(
        f'<row r="{n}">{inline(f"A{n}", f"m-{n}")}<c r="B{n}"><v>{n}</v></c></row>' for n in range(1, 100_001)
    )
    raw_workbook(tmp_path / "rows.xlsx", rows)
    raw_workbook(
        tmp_path / "far.xlsx",
        f'<row r="1">{inline("A1", "id")}</row><row r="1048576">{inline("XFD1048576", "x")}</row>',
    )
    script = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from integ_cli.spreadsheet.xlsx import WorkbookError, read_workbook
try:
    read_workbook(sys.argv[1] + "/bomb.xlsx", ["Maßnahmen"])
except WorkbookError as error:
    print("refused:", error)
print(len(read_workbook(sys.argv[1] + "/rows.xlsx", ["Maßnahmen"]).grids["Maßnahmen"].rows))
print(len(read_workbook(sys.argv[1] + "/far.xlsx", ["Maßnahmen"]).grids["Maßnahmen"].overflow))
status = open("/proc/self/status").read()
print(int(status.split("VmHWM:")[1].split()[0]) // 1024)
"""
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, check=True)
    refused, rows_read, far, peak = done.stdout.splitlines()
    assert refused.startswith("refused: xl/worksheets/sheet1.xml unpacks to more than 134,217,728 bytes")
    assert (rows_read, far) == ("100000", "1")
    assert int(peak) < 150, f"peak memory {peak} MB"


def test_the_spreadsheet_limits_are_documented() -> None:
    from tests.conftest import PROJECT

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for name in limits.SHEET_NAMES:
        assert f"| `{name}` | " in readme, f"{name} is not documented in README.md"
