"""The report's status updates: each measure's latest Sachstand, in every format."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.query import Query, selector
from integ_cli.render.report.html import render_html
from integ_cli.render.report.json import render_json
from integ_cli.render.report.markdown import render_markdown
from integ_cli.render.report.tables import Style, updates_section
from integ_cli.render.report.terminal import render_text
from integ_cli.report.build import REPORT_KEYS, build_report
from integ_cli.report.model import Report, UpdateRow
from tests.helpers import MEASURES, make_repo

DATE = dt.date(2026, 3, 1)

#: sprache-004 with two updates, the later one first in the file: the latest is the
#: later day, not the last entry.
TWO_UPDATES = """
    schema_version: 2
    field: sprache
    target_groups: [eltern]
    districts: [brand]
    lead: vhs
    status: active
    horizon: short
    updates:
      - {date: "2026-02-10", status: active, note: "Die Kurse laufen | *voll* belegt."}
      - {date: "2025-09-01", status: planned, note: Antrag beim Land gestellt.}
    updated: "2026-02-10"
"""


@pytest.fixture
def report(tmp_path: Path) -> Report:
    root = make_repo(tmp_path / "repo", {**MEASURES, "sprache-004": TWO_UPDATES})
    catalogue = load_catalogue(root, select=selector(Query(), REPORT_KEYS))
    return build_report(catalogue, Query(), DATE)


def test_the_latest_of_two_updates_and_how_many_there_are(report: Report) -> None:
    assert report.updates.rows == [
        UpdateRow(
            "sprache-004",
            "Titel sprache-004",
            "sprache",
            "2026-02-10",
            "active",
            "Die Kurse laufen | *voll* belegt.",
            2,
        )
    ]
    assert report.updates.without == 5  # the other public measures keep no update


def test_the_table_names_date_status_and_note(report: Report) -> None:
    section = updates_section(report, Style())
    [table] = section.tables
    assert table.headers == ["ID", "Measure", "Action field", "Date", "Status", "Latest update"]
    assert table.rows == [
        [
            "sprache-004",
            "Titel sprache-004",
            "Sprachförderung",
            "2026-02-10",
            "active",
            "Die Kurse laufen | *voll* belegt.",
        ]
    ]
    assert "5 measures without a status update." in section.notes


def test_in_german(tmp_path: Path, german: None) -> None:
    root = make_repo(tmp_path / "repo", {**MEASURES, "sprache-004": TWO_UPDATES})
    report = build_report(load_catalogue(root, select=selector(Query())), Query(), DATE)
    section = updates_section(report, Style())
    assert section.title == "Neueste Sachstände"
    assert section.tables[0].headers[-3:] == ["Datum", "Status", "Neuester Sachstand"]
    assert section.tables[0].rows[0][3:5] == ["10.02.2026", "laufend"]
    assert "5 Maßnahmen ohne Sachstand." in section.notes


def test_an_update_without_a_status_shows_a_dash(tmp_path: Path) -> None:
    body = TWO_UPDATES.replace('status: active, note: "Die', 'note: "Die')
    root = make_repo(tmp_path / "repo", {"sprache-004": body})
    report = build_report(load_catalogue(root, select=selector(Query())), Query(), DATE)
    assert report.updates.rows[0].status is None
    assert updates_section(report, Style()).tables[0].rows[0][4] == "–"


def test_every_format_shows_the_latest_update(report: Report) -> None:
    text = "".join(render_text(report))
    assert "Latest status updates" in text
    line = next(line for line in text.splitlines() if line.startswith("sprache-004 "))
    assert "2026-02-10" in line and "Die Kurse laufen | *voll* belegt." in line
    assert "Antrag beim Land" not in text  # only the latest
    markdown = "".join(render_markdown(report))
    assert "| sprache-004 | Titel sprache-004 | Sprachförderung | 2026-02-10 | active | " in markdown
    assert "Die Kurse laufen \\| \\*voll\\* belegt." in markdown
    html = "".join(render_html(report))
    assert '<section id="updates"><h2>Latest status updates</h2>' in html
    assert '<th scope="row" class="id">sprache-004</th>' in html
    assert "<td>Die Kurse laufen | *voll* belegt.</td>" in html
    rows = json.loads("".join(render_json(report)))["updates"]["rows"]
    assert rows == [
        {
            "id": "sprache-004",
            "title": "Titel sprache-004",
            "field": "sprache",
            "date": "2026-02-10",
            "status": "active",
            "note": "Die Kurse laufen | *voll* belegt.",
            "updates": 2,
        }
    ]


def test_internal_measures_updates_only_with_internal(tmp_path: Path) -> None:
    internal = TWO_UPDATES.replace("    lead: vhs", "    lead: vhs\n    visibility: internal")
    root = make_repo(tmp_path / "repo", {"sprache-004": internal})
    catalogue = load_catalogue(root, select=selector(Query()))
    assert build_report(catalogue, Query(), DATE).updates.rows == []
    assert [r.id for r in build_report(catalogue, Query(), DATE, internal=True).updates.rows] == ["sprache-004"]
