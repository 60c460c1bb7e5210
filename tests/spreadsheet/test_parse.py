"""Cells into values: by the column's kind, German numbers, dates and booleans; what counts as unchanged."""

from __future__ import annotations

import datetime

import pytest

from integ_cli.spreadsheet.cells import Unreadable
from integ_cli.spreadsheet.layout import Column
from integ_cli.spreadsheet.parse import parse, same, text


@pytest.mark.parametrize(
    ("kind", "raw", "value"),
    [
        ("number", "12000,50", 12000.5),
        ("number", "12000", 12000),
        ("number", "12.000 €", 12000),
        ("number", "12.000,50 €", 12000.5),
        ("number", 7.25, 7.25),
        ("number", 7.0, 7.0),
        ("integer", 2025.0, 2025),
        ("integer", "2025", 2025),
        ("boolean", "WAHR", True),
        ("boolean", "falsch", False),
        ("boolean", True, True),
        ("date", "01.09.2022", "2022-09-01"),
        ("date", "1.9.2022", "2022-09-01"),
        ("date", datetime.datetime(2022, 9, 1), "2022-09-01"),
        ("date", "2022-09-01 00:00:00", "2022-09-01"),
        ("list", "a, b;c", ["a", "b", "c"]),
        ("id", "sprache-001", "sprache-001"),
        ("text", 123.0, "123"),
        ("text", "  Titel \r\n", "Titel"),
        ("text", "   ", None),
        ("text", None, None),
    ],
)
def test_parse_cells(kind: str, raw: object, value: object) -> None:
    parsed = parse(Column(("x",), "X", kind), raw)
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        ("number", "12,000", "could be read two ways"),
        ("number", "zwölf", "is not a number"),
        ("integer", "20.5", "not a whole number"),
        ("integer", 20.5, "not a whole number"),
        ("boolean", "vielleicht", "not true or false"),
        ("number", True, "is not a number"),
    ],
)
def test_parse_refuses(kind: str, raw: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse(Column(("x",), "X", kind), raw)


def test_same_treats_empty_alike_and_keeps_types_apart() -> None:
    assert same(None, [])
    assert same("", None)
    assert same("Text\n", "Text")
    assert same(35000.0, 35000)
    assert not same(1, True)
    assert not same(["a", "b"], ["b", "a"])


def test_text_is_what_a_person_typed() -> None:
    assert text(2025.0) == "2025"
    assert text(True) == "true"
    assert text(datetime.datetime(2026, 3, 1)) == "2026-03-01"
    assert text(datetime.datetime(2026, 3, 1, 9, 30)) == "2026-03-01T09:30:00"
    assert text(" a\r\nb ") == "a\nb"


def test_an_unreadable_cell_is_an_error_with_its_reason() -> None:
    with pytest.raises(ValueError, match=r"^a formula$"):
        parse(Column(("goal",), "Ziel", "text"), Unreadable("a formula"))


def test_a_drop_down_text_stands_for_the_code_of_its_own_codelist() -> None:
    """Two repositories (read in one process) may name different codes alike."""
    from integ_cli.codelists import Code, Codelist

    def column(code: str) -> Column:
        codelist = Codelist("status", (Code(code, {"de": "Laufend", "en": "Running"}),))
        return Column(("status",), "Status", "enum", codelist=codelist)

    assert [parse(column("active"), "laufend"), parse(column("running"), "laufend")] == ["active", "running"]
    assert parse(column("active"), "Laufend ") == "active"
