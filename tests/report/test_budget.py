"""The budget section with funding as it is: a state programme whose amount is not known
yet is counted, not summed; staff posts are summed per year (``tests/helpers.py``: FUNDED)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.codelists import of_repository
from integ_cli.query import Query, selector
from integ_cli.report.budget import BudgetTally, cents, euros, line_sums, staff_posts
from integ_cli.report.build import build_report
from integ_cli.report.model import BudgetSection
from tests.helpers import make_funded_repo

DATE = dt.date(2026, 3, 1)
EVERYTHING = Query()


def budget_of(root: Path, query: Query = EVERYTHING) -> BudgetSection:
    catalogue = load_catalogue(root, select=selector(query))
    assert catalogue.ok, catalogue.problems
    return build_report(catalogue, query, DATE).budget


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_funded_repo(tmp_path / "repo")


def test_known_amounts_are_summed_and_unknown_ones_counted(root: Path) -> None:
    part = budget_of(root)
    assert part.total.unknown == 2
    assert part.total.planned == 10000 + 8000 + 1000.5 + 5000 + 3000 + 15000
    assert part.years == [2025, 2026, 2027]  # a year with only an unknown amount still shows
    state = {y.year: y.by_source["state"] for y in part.by_year if "state" in y.by_source}
    assert {year: (a.planned, a.unknown) for year, a in state.items()} == {2026: (8000, 1), 2027: (0, 1)}


def test_a_year_filter_counts_only_the_unknown_amounts_of_those_years(root: Path) -> None:
    assert budget_of(root, Query(years=(2027,))).total.unknown == 1
    assert budget_of(root, Query(years=(2025,))).total.unknown == 0


def test_staff_posts_are_summed_per_year(root: Path) -> None:
    staff = budget_of(root).staff
    assert [(s.year, s.fte, s.measures) for s in staff] == [(2026, 1.5, 1), (2027, 2, 1)]
    assert [(s.year, s.fte) for s in budget_of(root, Query(years=(2027,))).staff] == [(2027, 2)]


def test_one_measures_lines_and_staff_posts_by_the_same_rules() -> None:
    """What a measure's page sums: known amounts, the unknown ones counted; posts per year."""
    lines = [
        {"year": 2026, "planned": 15000, "source": "municipal"},
        {"year": 2026, "source": "state", "amount_unknown": "Bescheid steht aus"},
        {"year": 2027, "planned": 1000, "revised": 800, "spent": 700, "source": "municipal"},
    ]
    total = line_sums(lines)
    assert (total.planned, total.revised, total.spent, total.unknown) == (16000, 15800, 700, 1)
    staff = {"staff": [{"year": 2027, "fte": 2}, {"year": 2026, "fte": 1.25}, {"year": 2026, "fte": 0.25}]}
    assert staff_posts(staff) == {2026: 1.5, 2027: 2}
    assert staff_posts(staff, [2027]) == {2027: 2}


def test_amounts_are_summed_in_cents_whichever_way_the_lines_are_split() -> None:
    """Amounts are whole cents summed as integers: 0.1 + 0.2 is 0.3, and two workers'
    sums merged are the sums of one pass (float sums could differ in their last bits)."""
    lines = [{"year": 2026, "planned": amount, "spent": amount, "source": "eu"} for amount in (0.1, 0.2, 68550.62)]
    lines.append({"year": 2026, "planned": 1200, "source": "eu"})
    one = BudgetTally(())
    one.add({"field": "sprache", "budget": lines})
    first, second = BudgetTally(()), BudgetTally(())
    first.add({"field": "sprache", "budget": lines[:1]})
    second.add({"field": "sprache", "budget": lines[1:]})
    first.merge(second)
    for tally in (one, first):
        total = tally.section({"sprache": {}}, ["sprache"], of_repository(None)["source"]).total
        assert (total.planned, total.spent) == (69750.92, 68550.92)
    assert line_sums(lines).planned == 69750.92


def test_an_amount_in_cents() -> None:
    assert [cents(0.1), cents(68550.62), cents(12), cents(0.125), cents(2.0**60)] == [
        10,
        6855062,
        1200,
        12,
        2**60 * 100,
    ]
    assert [cents(True), cents("12"), cents(None)] == [None, None, None]
    assert [euros(6855062), euros(1200)] == [68550.62, 12]
    assert isinstance(euros(1200), int)
