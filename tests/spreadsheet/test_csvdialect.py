"""The one CSV dialect: what both CSV writers produce, and what the import accepts."""

from __future__ import annotations

import csv
import io

import pytest

from integ_cli.spreadsheet.csvdialect import BOM, decode, defuse, quote, read_rows, restore, sniff_delimiter, write_rows


def test_written_for_german_excel_and_read_back_by_python() -> None:
    rows = [["id", "title", "note"], ["a-001", 'Sprachcafé; "offen"', " eingerückt"], ["a-002", "x, y", "zwei\nZeilen"]]
    text = write_rows(rows)
    assert text.startswith("\ufeff") and text.endswith("\r\n") and text.count("\r\n") == 3
    assert text.splitlines()[1] == 'a-001;"Sprachcafé; ""offen""";" eingerückt"'
    assert list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";")) == rows
    assert read_rows(text.encode("utf-8")) == rows


def test_only_cells_a_spreadsheet_could_split_or_trim_are_quoted() -> None:
    assert quote("sprache-001") == "sprache-001"
    assert quote("2025") == "2025"
    assert quote("a, b") == '"a, b"'
    assert quote("Titel ") == '"Titel "'


def test_decode_and_sniff() -> None:
    assert decode("Maßnahme".encode("cp1252")) == "Maßnahme"
    assert decode("\ufeffMaßnahme".encode()) == "Maßnahme"
    assert decode("Maßnahme\tTitel".encode("utf-16")) == "Maßnahme\tTitel"
    assert sniff_delimiter("a;b;c\n1,5;2;3") == ";"
    assert sniff_delimiter("a,b,c\n") == ","
    assert sniff_delimiter("a\tb\n") == "\t"
    assert sniff_delimiter("a\n") == ";"


def test_empty_cells_read_as_none() -> None:
    assert read_rows(b"id;title\r\na-001;\r\n") == [["id", "title"], ["a-001", None]]


FORMULAS = ['=HYPERLINK("https://example.org","klick")', "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-1+1", "\t=1", "\r=1"]


@pytest.mark.parametrize("cell", FORMULAS)
def test_cells_a_spreadsheet_would_run_get_a_quote_and_read_back_as_they_were(cell: str) -> None:
    assert defuse(cell) == "'" + cell
    text = write_rows([["id", "title"], ["a-001", cell]])
    assert read_rows(text.encode("utf-8")) == [["id", "title"], ["a-001", cell]]


@pytest.mark.parametrize("number", ["-5", "-12000.5", "-12000,5", "-1e-05", "12000"])
def test_numbers_stay_numbers(number: str) -> None:
    assert defuse(number) == number
    assert write_rows([[number]]) == f"{BOM}{quote(number)}\r\n"


@pytest.mark.parametrize("cell", ["'=schon geschützt", "''-5", "'-5", "'Apostroph", "'", "Titel", "-", ""])
def test_every_text_reads_back_as_it_was_written(cell: str) -> None:
    assert restore(defuse(cell)) == cell
    assert read_rows(write_rows([["x", cell]]).encode("utf-8")) == [["x", cell or None]]


def test_raw_writes_formulas_as_they_are() -> None:
    assert write_rows([["=1+1", "@A1"]], raw=True) == f"{BOM}=1+1;@A1\r\n"
    assert write_rows([["=1+1", "@A1"]]) == f"{BOM}'=1+1;'@A1\r\n"


def test_a_raw_csv_imports_as_it_is() -> None:
    assert read_rows(b"id;title\r\na-001;=1+1\r\na-002;'Zitat\r\n") == [
        ["id", "title"],
        ["a-001", "=1+1"],
        ["a-002", "'Zitat"],
    ]
