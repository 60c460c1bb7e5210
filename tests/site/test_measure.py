"""A measure's page on the public site: its funding as it is (programme, co-funding
share, funding status, an amount not known yet and why), its staff posts, and nothing
internal (``tests/helpers.py``: FUNDED is ``bildung-002``)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.helpers import make_funded_repo, make_repo

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.checking.measure import select_all
from integ_cli.site.build import build_site
from integ_cli.site.concept import Concept

DATE = dt.date(2026, 3, 1)


def page_of(root: Path, measure_id: str) -> str:
    files = build_site(load_catalogue(root, select=select_all), Concept(), DATE)
    return files[f"massnahmen/{measure_id}.html"].decode("utf-8")


def table(page: str, caption: str) -> ET.Element:
    """The table with ``caption`` (the site's markup is well-formed XML but for its
    unquoted ``class=num``, quoted here)."""
    [found] = [t for t in re.findall(r"<table>.*?</table>", page, re.S) if f"<caption>{caption}</caption>" in t]
    return ET.fromstring(found.replace("class=num", 'class="num"'))


def texts(row: ET.Element) -> list[str]:
    return ["".join(cell.itertext()) for cell in row]


@pytest.fixture
def funded(tmp_path: Path) -> str:
    return page_of(make_funded_repo(tmp_path / "repo"), "bildung-002")


def test_budget_lines_show_programme_share_status_and_unknown_amounts(funded: str) -> None:
    budget = table(funded, "Budget lines")
    assert texts(budget.find("thead/tr")) == [
        "Year",
        "Funding source",
        "Programme",
        "Co-funding share",
        "Funding status",
        "Planned",
        "Revised",
        "Spent",
    ]
    assert [texts(row) for row in budget.findall("tbody/tr")] == [
        ["2026", "municipal", "", "", "", "€15,000", "€15,000", "–"],
        ["2026", "state", "KOMM-AN NRW", "90%", "applied for", "?", "?", "–"],
        ["2027", "state", "KOMM-AN NRW", "", "", "?", "?", "–"],
    ]
    # Summed as the report sums: what is known, and that more is to come.
    assert texts(budget.find("tfoot/tr")) == ["Total", "", "", "", "", "€15,000 + ?", "€15,000 + ?", "–"]
    assert budget.find("thead/tr/th").get("scope") == "col"
    assert all(row[0].tag == "th" and row[0].get("scope") == "row" for row in budget.findall("tbody/tr"))


def test_the_reason_for_each_unknown_amount_is_said(funded: str) -> None:
    assert "2 budget lines without an amount (amount not known yet; not in the sums, “?” in the tables)." in funded
    assert "<li>amount of 2026 (state) not known yet: Förderbescheid des Landes steht aus</li>" in funded
    assert "<li>amount of 2027 (state) not known yet: Antrag folgt 2026</li>" in funded


def test_staff_posts_per_year(funded: str) -> None:
    staff = table(funded, "Staff posts (full-time equivalents)")
    assert texts(staff.find("thead/tr")) == ["Year", "Full-time equivalents"]
    assert [texts(row) for row in staff.findall("tbody/tr")] == [["2026", "1.5"], ["2027", "2"]]


def test_remarks_on_budget_lines_and_staff_stay_internal(funded: str) -> None:
    assert "Eigenanteil" not in funded and "Sozialarbeit" not in funded


def test_in_german(tmp_path: Path, german: None) -> None:
    page = page_of(make_funded_repo(tmp_path / "repo"), "bildung-002")
    budget = table(page, "Budgetposten")
    assert texts(budget.find("thead/tr"))[2:5] == ["Förderprogramm", "Förderquote", "Förderstand"]
    assert texts(budget.findall("tbody/tr")[1])[2:] == ["KOMM-AN NRW", "90 %", "beantragt", "?", "?", "–"]
    assert texts(budget.find("tfoot/tr"))[-3:] == ["15.000 € + ?", "15.000 € + ?", "–"]
    assert "<li>Betrag 2026 (Land NRW) noch unbekannt: Förderbescheid des Landes steht aus</li>" in page
    assert "<caption>Stellen (Vollzeitäquivalente)</caption>" in page


def test_without_funding_details_the_table_stays_as_it_was(tmp_path: Path) -> None:
    page = page_of(make_repo(tmp_path / "repo"), "sprache-001")
    budget = table(page, "Budget lines")
    assert texts(budget.find("thead/tr")) == ["Year", "Funding source", "Planned", "Revised", "Spent"]
    assert texts(budget.find("tfoot/tr")) == ["Total", "", "€18,000", "€20,000", "€11,000"]
    assert "without an amount" not in page and "Staff posts" not in page


def test_a_revised_amount_the_line_lacks_is_said_to_be_the_planned_one(tmp_path: Path) -> None:
    page = page_of(make_repo(tmp_path / "repo"), "sprache-001")  # its 2026 line has no revised amount
    assert "Revised: where a line gives none, the planned amount stands." in page
    page = page_of(make_repo(tmp_path / "other"), "wohnen-001")  # its one line has both
    assert "where a line gives none" not in page
