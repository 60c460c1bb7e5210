"""The workbook archive: an export read as openpyxl reads it; zip bombs and broken archives refused; flat memory."""

from __future__ import annotations

import io
import itertools
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from integ_cli.files import limits
from integ_cli.spreadsheet.cells import Grid
from integ_cli.spreadsheet.xlsx import WorkbookError, read_workbook
from tests.spreadsheet.helpers import SHEET_PART, export_xlsx, inline, raw_workbook


def test_an_export_reads_as_openpyxl_reads_it(bundled: Path, tmp_path: Path) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    expected = {
        number: {i: v for i, v in enumerate(values) if v not in (None, "")}
        for number, values in enumerate(book["Budget"].iter_rows(values_only=True), start=1)
    }
    book.close()
    read = dict(read_workbook(path, ["Budget"]).grids["Budget"].rows)
    assert read == {number: cells for number, cells in expected.items() if cells}


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
    """A zip bomb (past the limit), a 100,000-row sheet and a cell at XFD1048576,
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
from integ_cli.spreadsheet.cells import Grid
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
    env = {**os.environ, "INTEG_MAX_SHEET_BYTES": str(128 * 1024 * 1024)}  # the bomb is past it
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], env=env, capture_output=True, text=True, check=True
    )
    refused, rows_read, far, peak = done.stdout.splitlines()
    assert refused.startswith("refused: xl/worksheets/sheet1.xml unpacks to more than 134,217,728 bytes")
    assert (rows_read, far) == ("100000", "1")
    assert int(peak) < 150, f"peak memory {peak} MB"


def test_the_spreadsheet_limits_are_documented() -> None:
    from tests.conftest import PROJECT

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for name in limits.SHEET_NAMES:
        assert f"| `{name}` | " in readme, f"{name} is not documented in README.md"


#: Rows written as Excel and the export write them, and rows only expat reads (a
#: comment, a formula, rich text, a line break written as CR, a numeric character
#: reference), each after plain ones: every sheet reads to the same cells either way.
ROWS = {
    "plain": (
        '<row r="1" ht="30" customHeight="1">' + inline("A1", "Maßnahme &amp; Ziel_x000D_") + "</row>"
        '<row r="2"><c r="A2" s="3" t="inlineStr"><is><t xml:space="preserve"> a &lt;b&gt; </t></is></c>'
        '<c r="B2"><v>2025</v></c><c r="C2" s="6"><v>-12.5</v></c><c r="D2" t="b"><v>0</v></c><c r="E2"/>'
        '<c r="F2"><v>²</v></c><c r="G2"><v>٣</v></c></row>'
        '<row r="4"/>\n  <row><c t="inlineStr"><is><t>ohne Bezug</t></is></c><c><v>7</v></c></row>'
    ),
    "comment between rows": '<row r="1">' + inline("A1", "x") + "</row><!-- <row r='2'/> --><row r=\"3\"></row>",
    "formula": '<row r="1">' + inline("A1", "x") + '</row><row r="2"><c r="A2"><f>1+1</f><v>2</v></c></row>',
    "rich text": '<row r="1"><c r="A1" t="inlineStr"><is><r><t>fe</t></r><r><t>tt</t></r></is></c></row>',
    "carriage return": '<row r="1">' + inline("A1", "eins\r\nzwei\rdrei") + "</row>",
    "character reference": '<row r="1">' + inline("A1", "&#228;&#x1F600;") + "</row>",
    "attributes in another order": '<row spans="1:2" r="5"><c t="inlineStr" r="B5"><is><t>x</t></is></c></row>',
}


@pytest.mark.parametrize("rows", ROWS.values(), ids=ROWS.keys())
def test_a_sheet_reads_the_same_whichever_way_its_rows_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: str
) -> None:
    from integ_cli.spreadsheet import xlsx

    path = raw_workbook(tmp_path / "x.xlsx", rows)
    read = read_workbook(path, ["Maßnahmen"]).grids["Maßnahmen"]
    monkeypatch.setattr(xlsx._Reader, "quick", lambda *_args: False)
    by_expat = read_workbook(path, ["Maßnahmen"]).grids["Maßnahmen"]
    assert (read.rows, read.overflow) == (by_expat.rows, by_expat.overflow)
    assert read.rows


#: Sheets that are no XML, whose rows look like the export's: refused as expat refuses them.
BROKEN = {
    "doubled attribute": ('<row r="1" ht="1" ht="2">' + inline("A1", "x") + "</row>", "duplicate attribute"),
    "control character": ('<row r="1">' + inline("A1", "a\x01b") + "</row>", "not well-formed"),
    "CDATA end in text": ('<row r="1">' + inline("A1", "a]]>b") + "</row>", "not well-formed"),
    "unknown entity": ('<row r="1">' + inline("A1", "&nbsp;") + "</row>", "undefined entity"),
    "unclosed sheet data": ('<row r="1">' + inline("A1", "x") + "</row></worksheet><x>", "mismatched tag"),
    "undeclared prefix": ('<row r="1" x14ac:dyDescent="0.25">' + inline("A1", "x") + "</row>", "unbound prefix"),
}


@pytest.mark.parametrize(("rows", "reason"), BROKEN.values(), ids=BROKEN.keys())
def test_a_sheet_that_is_no_xml_is_refused_at_its_place(tmp_path: Path, rows: str, reason: str) -> None:
    path = raw_workbook(tmp_path / "x.xlsx", rows)
    with pytest.raises(WorkbookError, match=f"^xl/worksheets/sheet1.xml: {re.escape(reason)}.*: line 1, column"):
        read_workbook(path, ["Maßnahmen"])


def test_a_row_outside_the_sheet_data_is_read_as_before(tmp_path: Path) -> None:
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + '<row r="1">'
        + inline("A1", "id")
        + "</row></sheetData>"
        + '<extLst><row r="2">'
        + inline("A2", "auch")
        + "</row></extLst></worksheet>"
    )
    path = raw_workbook(tmp_path / "x.xlsx", "", **{"xl/worksheets/sheet1.xml": sheet.encode()})
    assert dict(read_workbook(path, ["Maßnahmen"]).grids["Maßnahmen"].rows) == {1: {0: "id"}, 2: {0: "auch"}}


def test_rows_as_excel_saves_them_are_read_without_expat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Excel writes ``x14ac:dyDescent`` on every row (its prefix declared on the sheet):
    such rows take the short way, to the cells expat reads."""
    from integ_cli.spreadsheet import xlsx

    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><sheetData>'
        '<row r="1" spans="1:2" x14ac:dyDescent="0.25">' + inline("A1", "id") + '<c r="B1"><v>2025</v></c></row>'
        '<row r="2" spans="1:2" ht="15" x14ac:dyDescent="0.3">' + inline("A2", "Ä &amp; Ö") + "</row>"
        "</sheetData></worksheet>"
    )
    path = raw_workbook(tmp_path / "x.xlsx", "", **{"xl/worksheets/sheet1.xml": sheet.encode()})
    parsed: list[str] = []
    parse = xlsx._Reader.parse
    monkeypatch.setattr(
        xlsx._Reader, "parse", lambda self, part, *handlers: parsed.append(part) or parse(self, part, *handlers)
    )
    read = read_workbook(path, ["Maßnahmen"]).grids["Maßnahmen"]
    assert "xl/worksheets/sheet1.xml" not in parsed
    monkeypatch.setattr(xlsx._Reader, "quick", lambda *_args: False)
    by_expat = read_workbook(path, ["Maßnahmen"]).grids["Maßnahmen"]
    assert read.rows == by_expat.rows == [(1, {0: "id", 1: 2025}), (2, {0: "Ä & Ö"})]


# --- sub-sheets read in worker processes --------------------------------------------------------------------------

#: The sheets of an export, the measures sheet first (read in the main process).
SHEETS = ["Maßnahmen", "Budget", "Indikatoren", "Links"]


def read_with_workers(path: Path) -> tuple[dict[str, Grid], dict[str, Grid]]:
    """The workbook at ``path`` read with two worker processes, and the grids read alone."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(2) as pool:
        apart = read_workbook(path, SHEETS, (pool, 2)).grids
    alone = read_workbook(path, SHEETS).grids
    return apart, alone


def test_sub_sheets_read_in_worker_processes_read_as_in_one(bundled: Path, tmp_path: Path) -> None:
    from integ_cli.spreadsheet import xlsx

    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    with zipfile.ZipFile(path) as archive:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(2) as pool:
            assert xlsx._Reader(archive).apart(str(path), SHEETS, pool, 2) is not None  # taken, not read again
    apart, alone = read_with_workers(path)
    assert apart == alone
    assert list(alone) == SHEETS


def test_the_cell_limit_counts_every_sheet_when_sub_sheets_are_read_apart(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each sheet within the limit of filled cells, all of them past it: the cell where
    reading them one after another stops is the one reported."""
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    counts = {title: sum(len(cells) for _n, cells in grid.rows) for title, grid in read_with_workers(path)[1].items()}
    monkeypatch.setattr(limits, "MAX_SHEET_CELLS", counts["Maßnahmen"] + counts["Budget"] - 1)
    apart, alone = read_with_workers(path)
    assert apart == alone
    assert [o.message for grid in alone.values() for o in grid.overflow]


def test_a_broken_sub_sheet_is_refused_as_when_read_in_one_process(bundled: Path, tmp_path: Path) -> None:
    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp_path / "broken.xlsx", "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                content = content.replace(b"</sheetData>", b"<row></sheetData>")
            target.writestr(info, content)
    with pytest.raises(WorkbookError) as alone:
        read_workbook(tmp_path / "broken.xlsx", SHEETS)
    with pytest.raises(WorkbookError) as apart:
        read_with_workers(tmp_path / "broken.xlsx")
    assert str(apart.value) == str(alone.value) and "sheet2.xml" in str(alone.value)


def test_a_sub_sheet_with_a_cell_that_is_no_plain_value_reads_apart_as_in_one(bundled: Path, tmp_path: Path) -> None:
    """A worker sends an export's plain cells in marshal's bytes; a formula (read as
    Unreadable, no value marshal writes) makes it send the grids themselves."""
    from integ_cli.spreadsheet.cells import Unreadable

    path = export_xlsx(bundled, tmp_path / "x.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp_path / "formula.xlsx", "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                header, end, rows = content.partition(b"</row>")  # a formula in the first data row
                content = header + end + rows.replace(b"</row>", b'<c r="Z2"><f>1+1</f><v>2</v></c></row>', 1)
            target.writestr(info, content)
    apart, alone = read_with_workers(tmp_path / "formula.xlsx")
    assert apart == alone
    assert any(isinstance(value, Unreadable) for _n, cells in alone["Budget"].rows for value in cells.values())
