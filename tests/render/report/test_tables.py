"""The budget section's tables and notes with funding as it is: unknown amounts named,
staff posts as a table of their own (``tests/helpers.py``: FUNDED)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.query import Query, selector
from integ_cli.render.report.tables import Section, Style, budget_section
from integ_cli.report.build import build_report
from tests.helpers import make_funded_repo, make_repo

PLAIN = Style()


def section_of(root: Path, style: Style = PLAIN) -> Section:
    catalogue = load_catalogue(root, select=selector(Query()))
    return budget_section(build_report(catalogue, Query(), dt.date(2026, 3, 1)), style)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_funded_repo(tmp_path / "repo")


def test_the_unknown_amounts_are_said_and_staff_posts_tabled(root: Path) -> None:
    section = section_of(root)
    assert (
        "2 budget lines without an amount (amount not known yet; not in the sums, “?” in the tables)." in section.notes
    )
    staff = section.tables[-1]
    assert staff.caption == "Staff posts (full-time equivalents)"
    assert staff.headers == ["Year", "Full-time equivalents", "Measures"]
    assert staff.rows == [["2026", "1.5", "1"], ["2027", "2", "1"]]


def test_in_german_budget_lines_without_amount_and_staff_posts(root: Path, german: None) -> None:
    section = section_of(root, Style(compact=True))
    assert (
        "2 Budgetposten ohne Betrag (Betrag noch unbekannt; nicht in den Summen, „?“ in den Tabellen)." in section.notes
    )
    assert section.tables[-1].caption == "Stellen (Vollzeitäquivalente)"
    assert section.tables[-1].rows[0] == ["2026", "1,5", "1"]


def test_without_unknown_amounts_or_staff_nothing_is_added(tmp_path: Path) -> None:
    section = section_of(make_repo(tmp_path / "repo"))
    assert len(section.tables) == 2
    assert not any("without an amount" in note for note in section.notes)


def test_a_cell_without_any_known_amount_is_a_question_mark_not_zero(root: Path) -> None:
    by_source = section_of(root).tables[1]
    state = next(row for row in by_source.rows if row[0] == "state")
    assert by_source.headers[1:4] == ["2025", "2026", "2027"]
    assert state[1:6] == ["–", "€8,000 + ?", "?", "€8,000 + ?", "€8,000 + ?"]
