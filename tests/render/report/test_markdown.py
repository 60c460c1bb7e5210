"""The Markdown report: table shape, totals, escaping of text from the data."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.query import Query, selector
from integ_cli.render.report.markdown import render_markdown
from integ_cli.report.build import build_report
from integ_cli.report.model import Report
from tests.conftest import edit
from tests.helpers import make_funded_repo, make_repo


def report_of(root: Path) -> Report:
    return build_report(load_catalogue(root, select=selector(Query())), Query(), dt.date(2026, 3, 1))


def cells(line: str) -> list[str]:
    """The cells of a Markdown table row (pipes escaped with a backslash stay in their cell)."""
    assert line.startswith("| ") and line.endswith(" |"), line
    return [c.strip() for c in re.split(r"(?<!\\)\|", line[1:-1])]


def tables(text: str) -> list[list[str]]:
    found, current = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            found.append(current)
            current = []
    return found + ([current] if current else [])


def test_every_table_is_well_formed(tmp_path: Path) -> None:
    text = "".join(render_markdown(report_of(make_repo(tmp_path / "repo"))))
    found = tables(text)
    assert len(found) == 7  # fields, matrix, districts, 2 x budget, indicators, attention
    for table in found:
        width = len(cells(table[0]))
        assert all(len(cells(line)) == width for line in table), table[0]
        assert all(re.fullmatch(r"-{3}:?|-{3}", c) for c in cells(table[1]))


@pytest.mark.usefixtures("german")
def test_sections_numbers_and_totals(tmp_path: Path) -> None:
    text = "".join(render_markdown(report_of(make_repo(tmp_path / "repo"))))
    assert text.startswith("# Bericht zum Integrationskonzept\n\nStand: 01.03.2026 · 5 Maßnahmen\n")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == [
        "Maßnahmen nach Handlungsfeld",
        "Handlungsfelder und Hauptzielgruppen",
        "Maßnahmen nach Stadtbezirk",
        "Budget",
        "Kennzahlen: Ist und Ziel",
        "Neueste Sachstände",
        "Handlungsbedarf",
    ]
    assert "| Sprachförderung \\* | 1 | 1 | 0 | 1 | 0 | 0 | 2 | 1 | 0 | 0 | 3 | 0 |" in text
    assert (
        "| **Summe** | **1** | **1** | **1** | **1** | **1** | **0** | **2** | **2** | **1** | **0** | **5** |  |"
        in text
    )
    assert "| Sprachförderung | 10.000 € | 9.001 € | 19.001 € | 21.001 € | 11.000 € |" in text
    assert "| **Summe** | **15.000 €** | **12.001 €** | **27.001 €** | **28.501 €** | **15.500 €** |" in text
    assert "| sprache-001 Titel sprache-001 | Kurse | Kurse |  | 2 | 10 | 8 | 75 % |" in text


def test_text_from_the_data_is_escaped(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    edit(
        root / "data/measures/sprache-002.yaml", "title: Titel sprache-002", "title: 'A | B *fett* <b>x</b> [link](y)'"
    )
    text = "".join(render_markdown(report_of(root)))
    line = next(line for line in text.splitlines() if line.startswith("| sprache-002 "))
    assert "A \\| B \\*fett\\* \\<b\\>x\\</b\\> \\[link\\](y)" in line
    assert len(cells(line)) == 5


def test_in_english_headings_numbers_and_dates_are_english(tmp_path: Path) -> None:
    text = "".join(render_markdown(report_of(make_repo(tmp_path / "repo"))))
    assert text.startswith("# Report on the integration concept\n\nAs of 2026-03-01 · 5 measures\n")
    assert re.findall(r"^## (.+)$", text, re.M) == [
        "Measures by action field",
        "Action fields and main target groups",
        "Measures by district",
        "Budget",
        "Indicators: actual and target",
        "Latest status updates",
        "Needs attention",
    ]
    assert "| Action field | 2025 | 2026 | Planned | Revised | Spent |" in text
    assert "| **Total** | **€15,000** | **€12,001** | **€27,001** | **€28,501** | **€15,500** |" in text


def test_invented_data_are_said_in_bold_under_the_title(tmp_path: Path, german: None) -> None:
    text = "".join(render_markdown(report_of(make_funded_repo(tmp_path / "repo", illustrative=True))))
    assert text.splitlines()[2] == "**Beispieldaten: erfundene Maßnahmen und Beträge.**"
    assert "Beispieldaten" not in "".join(render_markdown(report_of(make_repo(tmp_path / "plain"))))
