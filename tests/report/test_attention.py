"""The attention list: overdue measures and milestones compared as partial dates."""

from __future__ import annotations

import datetime as dt

import pytest

from integ_cli.report.attention import reasons
from tests.helpers import measure

PILOT = measure("sprache-009", status="active", start="2019", end="2021", indicators=[{"name": "x", "unit": "y"}])


@pytest.mark.parametrize(("today", "overdue"), [("2021-12-31", False), ("2022-01-01", True)])
def test_a_year_only_end_is_overdue_only_after_that_year(today: str, overdue: bool) -> None:
    found = [r.code for r in reasons(PILOT, dt.date.fromisoformat(today))]
    assert ("overdue" in found) is overdue


def test_an_open_milestone_past_due_needs_attention_the_earliest_named() -> None:
    data = measure(
        "sprache-009",
        milestones=[
            {"title": "Kurs gestartet", "due": "2026-03"},
            {"title": "Räume angemietet", "due": "2026-01-31"},
            {"title": "Konzept", "due": "2025", "done": "2025-12"},
            {"title": "Evaluation", "due": "2027"},
        ],
    )
    [late] = [r for r in reasons(data, dt.date(2026, 4, 1)) if r.code == "milestone"]
    assert late.detail == "2026-01-31"
    assert [r for r in reasons(data, dt.date(2026, 1, 31)) if r.code == "milestone"] == []


def test_a_completed_measure_has_no_overdue_milestones() -> None:
    data = measure("sprache-009", status="completed", milestones=[{"title": "Kurs gestartet", "due": "2020"}])
    assert "milestone" not in [r.code for r in reasons(data, dt.date(2026, 1, 1))]


def test_no_budget_only_without_any_budget_line() -> None:
    unknown = [{"year": 2026, "source": "state", "programme": "KOMM-AN NRW", "amount_unknown": "Bescheid steht aus"}]
    assert "no-budget" not in [r.code for r in reasons(measure("sprache-009", budget=unknown), dt.date(2026, 3, 1))]
    assert "no-budget" in [r.code for r in reasons(measure("sprache-009", budget=[]), dt.date(2026, 3, 1))]
