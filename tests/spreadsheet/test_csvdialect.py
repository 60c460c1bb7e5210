"""The one CSV dialect: what both CSV writers produce, and what the import accepts."""

from __future__ import annotations

import csv
import io

from integ_cli.spreadsheet.csvdialect import decode, quote, read_rows, sniff_delimiter, write_rows


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
