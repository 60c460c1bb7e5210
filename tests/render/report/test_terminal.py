"""The report in the terminal: rich tables with bars, and plain text for pipes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.query import Query, selector
from integ_cli.render import grid
from integ_cli.render.grid import Display
from integ_cli.render.report.terminal import render_table, render_text
from integ_cli.report.build import build_report
from integ_cli.report.model import Report
from tests.helpers import make_funded_repo, make_repo


@pytest.fixture
def report(tmp_path: Path) -> Report:
    """The report of the hand-made repository (tests/helpers.py) on 1 March 2026."""
    root = make_repo(tmp_path / "repo")
    return build_report(load_catalogue(root, select=selector(Query())), Query(), dt.date(2026, 3, 1))


@pytest.mark.usefixtures("german")
def test_plain_text_has_no_bars_colour_or_frames(report: Report) -> None:
    text = "".join(render_text(report))
    assert "\x1b[" not in text
    assert not set(text) & set("█░▓▒━┃│")
    # The budget's total row, in whole euros: 2025 10,000 + 5,000; 2026 8,000 + 1,000.50 + 3,000; planned
    # 27,000.50; revised 28,500.50; spent 11,000 + 4,500.
    assert "Summe          15.000  12.001  27.001              28.501  15.500" in text
    assert all(line == line.rstrip() for line in text.splitlines())


@pytest.mark.usefixtures("german")
def test_table_has_bars_and_fits_the_width(report: Report) -> None:
    for columns in (100, 140):
        text = "".join(render_table(report, Display(False, columns)))
        assert "\x1b[" not in text
        assert "Verteilung" in text and "█" in text
        assert max(grid.width(line) for line in text.splitlines()) <= columns
    assert "\x1b[" in "".join(render_table(report, Display(True, 100)))


@pytest.mark.usefixtures("german")
def test_status_bar_segments_add_up(report: Report) -> None:
    lines = "".join(render_table(report, Display(False, 120))).splitlines()
    # Sprache: 1 planned, 1 active, 1 suspended, the widest bar (3 measures, 16 characters): the running
    # total rounded, 5 + 6 + 5. Bildung: 1 completed measure, a third of the width, 5 characters.
    bar = next(line for line in lines if line.startswith("Sprache *")).split()[-1]
    assert (bar.count("░"), bar.count("█"), bar.count("▒"), len(bar)) == (5, 6, 5, 16)
    bar = next(line for line in lines if line.startswith("Bildung *")).split()[-1]
    assert (bar.count("▓"), len(bar)) == (5, 5)


def test_plain_text_in_english(report: Report) -> None:
    text = "".join(render_text(report))
    assert text.startswith("REPORT ON THE INTEGRATION CONCEPT\nAs of 2026-03-01 · 5 measures\n")
    assert "Measures by action field\n========================\n" in text
    assert "Total          15,000  12,001   27,001   28,501  15,500" in text
    assert "Status: ;" not in text  # no short forms in English, so no key to them


def test_invented_data_are_said_in_both_terminal_formats(tmp_path: Path) -> None:
    root = make_funded_repo(tmp_path / "repo", illustrative=True)
    report = build_report(load_catalogue(root, select=selector(Query())), Query(), dt.date(2026, 3, 1))
    assert "".join(render_text(report)).splitlines()[1] == "Example data: invented measures and amounts."
    assert "Example data: invented measures and amounts." in "".join(render_table(report, Display(columns=100)))
