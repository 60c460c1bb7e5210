"""The report in the terminal: rich tables with bars, and plain text for pipes."""

from __future__ import annotations

import datetime as dt

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.query import Query, selector
from integ_cli.render import grid
from integ_cli.render.grid import Display
from integ_cli.render.report.terminal import render_table, render_text
from integ_cli.report.build import build_report
from integ_cli.report.model import Report
from tests.conftest import PROJECT


def bundled() -> Report:
    return build_report(load_catalogue(PROJECT, select=selector(Query())), Query(), dt.date(2026, 1, 1))


def test_plain_text_has_no_bars_colour_or_frames() -> None:
    text = render_text(bundled())
    assert "\x1b[" not in text
    assert not set(text) & set("█░▓▒━┃│")
    assert "Summe          1.453.000  1.538.000  1.459.500  974.000  5.424.500" in text
    assert all(line == line.rstrip() for line in text.splitlines())


def test_table_has_bars_and_fits_the_width() -> None:
    report = bundled()
    for columns in (100, 140):
        text = render_table(report, Display(False, columns))
        assert "\x1b[" not in text
        assert "Verteilung" in text and "█" in text
        assert max(grid.width(line) for line in text.splitlines()) <= columns
    assert "\x1b[" in render_table(report, Display(True, 100))


def test_status_bar_segments_add_up() -> None:
    text = render_table(bundled(), Display(False, 120))
    # Bildung: 3 active, 1 completed, 1 dropped of the widest bar (5 measures, 16 characters).
    line = next(line for line in text.splitlines() if line.startswith("Bildung *"))
    bar = line.split()[-1]
    assert (bar.count("█"), bar.count("▓"), bar.count("·"), len(bar)) == (10, 3, 3, 16)
