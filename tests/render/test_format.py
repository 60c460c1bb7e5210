"""Numbers, amounts and dates as every human-readable output shows them: the German way
by default, the English way with INTEG_LANG=en."""

from __future__ import annotations

import pytest

from integ_cli.render.format import date, euros, millions, money, number, partial_date, percent

NBSP = "\u00a0"


@pytest.mark.usefixtures("german")
def test_numbers_the_german_way() -> None:
    values = (0, 999, 12000, 1234567, 12000.5, 12000.0, 0.001, -2500)
    assert [number(n, decimals=6) for n in values] == [
        "0",
        "999",
        "12.000",
        "1.234.567",
        "12.000,5",
        "12.000",
        "0,001",
        "-2.500",
    ]


@pytest.mark.usefixtures("german")
def test_numbers_have_at_most_two_decimals_by_default() -> None:
    assert [number(n) for n in (1234.5, 1.2345, 0.75, 1.001)] == ["1.234,5", "1,23", "0,75", "1"]


@pytest.mark.usefixtures("german")
def test_a_missing_value_is_a_dash() -> None:
    assert [number(None), euros(None), money(None), percent(None)] == ["–", "–", "–", "–"]


@pytest.mark.usefixtures("german")
def test_whole_euros_round_half_up() -> None:
    assert [euros(v) for v in (0, 0.5, 999.49, 1234567.5, -2.5)] == ["0", "1", "999", "1.234.568", "-3"]


@pytest.mark.usefixtures("german")
def test_large_amounts_stay_exact() -> None:
    assert euros(10**20 + 1) == "100.000.000.000.000.000.001"


@pytest.mark.usefixtures("german")
def test_money_with_the_euro_sign() -> None:
    assert money(12000) == "12.000 €"
    assert money(12000.5) == "12.001 €"
    assert money(1500, NBSP) == f"1.500{NBSP}€"


@pytest.mark.usefixtures("german")
def test_money_with_cents_where_there_are_any() -> None:
    assert money(12000.5, cents=True) == "12.000,50 €"
    assert money(800.5, cents=True) == "800,50 €"
    assert money(15000.0, cents=True) == "15.000 €"
    assert money(1234567, cents=True) == "1.234.567 €"


@pytest.mark.usefixtures("german")
def test_percent_of_a_share() -> None:
    assert [percent(v) for v in (1.0, 0.5, 0.004, 1.25)] == ["100 %", "50 %", "0 %", "125 %"]
    assert percent(0.5, NBSP) == f"50{NBSP}%"


@pytest.mark.usefixtures("german")
def test_dates_as_germans_write_them() -> None:
    assert date("2025-12-31") == "31.12.2025"
    assert date("2026-01-05") == "05.01.2026"


@pytest.mark.usefixtures("german")
def test_what_is_not_an_iso_date_stays_as_it_is() -> None:
    assert [date(v) for v in ("2025-12", "", "31.12.2025")] == ["2025-12", "", "31.12.2025"]


def test_english_numbers_amounts_and_dates() -> None:
    assert [number(n, decimals=6) for n in (12000, 1234567, 12000.5, 0.001, -2500)] == [
        "12,000",
        "1,234,567",
        "12,000.5",
        "0.001",
        "-2,500",
    ]
    assert euros(1234567.5) == "1,234,568"
    assert [money(12000), money(800.5, cents=True), money(-2500)] == ["€12,000", "€800.50", "-€2,500"]
    assert [millions(1_500_000), millions(500_000)] == ["€1.5m", "€500,000"]
    assert percent(0.93, NBSP) == "93%"
    assert date("2025-12-31") == "2025-12-31"


@pytest.mark.usefixtures("german")
def test_german_millions_for_a_chart_axis() -> None:
    assert millions(1_500_000, NBSP) == f"1,5{NBSP}Mio.{NBSP}€"


@pytest.mark.parametrize(("text", "shown"), [("2026", "2026"), ("2026-06", "06.2026"), ("2026-06-30", "30.06.2026")])
def test_a_partial_date_in_german_as_it_is_typed(text: str, shown: str, german: None) -> None:
    assert partial_date(text) == shown


@pytest.mark.parametrize("text", ["2026", "2026-06", "2026-06-30"])
def test_a_partial_date_in_english_as_the_record_writes_it(text: str) -> None:
    assert partial_date(text) == text
