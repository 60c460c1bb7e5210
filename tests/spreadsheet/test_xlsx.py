"""The workbook archive: an export read as openpyxl reads it; zip bombs and broken archives refused; flat memory."""

from __future__ import annotations

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
