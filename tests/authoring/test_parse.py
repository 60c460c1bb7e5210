"""Numbers, amounts and dates as people type them, German or not, into what the files keep."""

from __future__ import annotations

import pytest

from integ_cli.authoring.parse import parse_amount, parse_date, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12000", 12000),
        ("12000.50", 12000.5),
        ("12000,50", 12000.5),
        ("12.000,50", 12000.5),
        ("12.000", 12000),
        ("1.234.567", 1234567),
        ("12.000 €", 12000),
        ("12000,50€", 12000.5),
        ("EUR 12.000", 12000),
        ("12 000", 12000),
        ("12\u00a0000,5", 12000.5),
        ("1,234.50", 1234.5),
        ("12.5", 12.5),
        ("12,5", 12.5),
        ("12,0000", 12),
        (" 7 ", 7),
        ("0", 0),
    ],
)
def test_parse_amount(text: str, value: float) -> None:
    parsed = parse_amount(text)
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize("text", ["1,000,000", "zwölf", "nan", "inf", "", "12.00.0", "€"])
def test_parse_amount_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number"):
        parse_amount(text)


def test_a_comma_before_three_digits_is_refused_with_both_readings() -> None:
    with pytest.raises(ValueError, match="'12,000' could be read two ways: write 12000 for 12000, or 12,0000"):
        parse_amount("12,000")


def test_parse_number_keeps_decimals_and_signs() -> None:
    assert parse_number("-2") == -2
    assert parse_number("0,75") == 0.75
    assert parse_number("1e3") == 1000.0


@pytest.mark.parametrize(
    ("text", "iso"),
    [("31.12.2025", "2025-12-31"), ("1.9.2025", "2025-09-01"), ("2025-12-31", "2025-12-31"), (" 01.01.2026 ", "2026-01-01")],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["31.02.2025", "31.12.25", "2025-13-01", "12/31/2025", "morgen"])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not a date: write it as DD\.MM\.YYYY or YYYY-MM-DD, e\.g\. 31\.12\.2025"):
        parse_date(text)


def test_messages_in_german(german: None) -> None:
    with pytest.raises(ValueError, match=r"'31\.02\.2025' ist kein Datum: bitte als TT\.MM\.JJJJ"):
        parse_date("31.02.2025")
    with pytest.raises(ValueError, match="'zwölf' ist keine Zahl"):
        parse_amount("zwölf")
