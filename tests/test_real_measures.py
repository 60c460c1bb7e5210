"""Measures as real sources describe them, through every command that reads or writes them.

Issue 13's test of the whole: a measure funded by a state programme whose amount is not
known yet, one decided "in 2014" and open-ended in horizon, one with milestones and two
dated status updates, and a pilot carried forward by a successor in a later edition. None
of them needs an invented value, and ``validate``, ``report``, ``show``, ``attention`` and
the spreadsheet round trip each handle them (report date: 1 March 2026).
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from integ_cli.cli import app
from tests.helpers import FUNDED, make_repo, snapshot

runner = CliRunner()
#: 2026-03-01 00:00:00 UTC.
EPOCH = "1772323200"

MEASURES = {
    # A state programme (its name as the notice gives it) pays 90 % of the costs; the
    # notice is pending, so the state's amounts are unknown and said so; decided in 2014.
    "bildung-001": FUNDED
    + textwrap.indent(
        'decisions:\n  - {body: Rat der Stadt, date: "2014", paper: BEISPIEL-2014/007, outcome: adopted}\n', "    "
    ),
    # Milestones, one of them overdue on the report date, and two dated status updates.
    "sprache-001": """
        schema_version: 2
        field: sprache
        target_groups: [junge-muetter]
        districts: [eilendorf]
        lead: vhs
        status: active
        horizon: mid
        start: "2025-09"
        budget:
          - {year: 2026, planned: 8000, source: municipal}
        indicators:
          - {name: Kurse, unit: Kurse, target: 10}
        milestones:
          - {title: Kursorte gefunden, due: "2025-08", done: "2025-08-20"}
          - {title: Auswertung vorgelegt, due: "2026-01", note: Mit dem Jobcenter}
        updates:
          - {date: "2025-10-01", status: active, note: Alle Kurse laufen}
          - {date: "2026-02-15", note: Ein weiterer Kurs ist in Vorbereitung}
        updated: "2026-02-15"
    """,
    # A pilot that ended in 2021 (year precision) and its successor of a later edition.
    "wohnen-001": """
        schema_version: 2
        field: wohnen
        target_groups: [kinder]
        districts: [stadtweit]
        lead: stadt
        status: completed
        horizon: short
        start: "2019"
        end: "2021"
        superseded_by: wohnen-002
        updated: "2022-01-10"
    """,
    "wohnen-002": """
        schema_version: 2
        field: wohnen
        target_groups: [kinder]
        districts: [stadtweit]
        lead: stadt
        status: active
        horizon: long
        start: "2022"
        budget:
          - {year: 2026, planned: 3000, source: municipal}
        indicators:
          - {name: Familien, unit: Familien, target: 40}
        supersedes: wohnen-001
        updated: "2026-01-10"
    """,
}

CONCEPT = textwrap.dedent(
    """\
    schema_version: 1
    municipality: {name: Musterstadt, kind: city}
    title: Integrationskonzept der Musterstadt
    decisions:
      - {body: Rat der Stadt, date: "2018-06", paper: BEISPIEL-2018/001, outcome: adopted}
    editions:
      - {name: "2006", date: "2006-10", fields: [sprache, bildung, wohnen]}
      - {name: "2018", date: "2018-06", decision: BEISPIEL-2018/001, fields: [sprache, bildung, wohnen, senioren]}
    """
)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "repo", MEASURES)
    (root / "data" / "concept.yaml").write_text(CONCEPT, encoding="utf-8")
    monkeypatch.chdir(root)
    for name in ("INTEG_REPO", "GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return root


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_they_validate_without_a_single_problem(data: Path) -> None:
    code, out, err = run("validate")
    assert (code, out) == (0, "")
    assert "no problems" in err


def test_the_report_sums_what_is_known_and_counts_what_is_not(data: Path) -> None:
    code, out, _ = run("report", "--format", "json")
    assert code == 0
    report = json.loads(out)
    total = report["budget"]["total"]
    assert (total["planned"], total["unknown"]) == (15000 + 8000 + 3000, 2)
    assert report["budget"]["by_source"]["state"] == {"planned": 0, "revised": 0, "spent": None, "unknown": 2}
    # "decided in 2014", horizon unknown: counted as such, not as an invented horizon.
    assert report["fields"]["by_horizon"]["unknown"] == 1
    latest = {row["id"]: row for row in report["updates"]["rows"]}
    assert latest["sprache-001"]["date"] == "2026-02-15"
    assert latest["sprache-001"]["updates"] == 2
    # The pilot ended in 2021 and is completed: nothing about it is overdue.
    reasons = {row["id"]: {r["code"] for r in row["reasons"]} for row in report["attention"]["rows"]}
    assert "overdue" not in reasons.get("wohnen-001", set())


def test_show_prints_what_each_source_gave(data: Path) -> None:
    out = run("show", "bildung-001")[1]
    assert "start:          2014\n" in out
    assert "KOMM-AN NRW" in out and "90%" in out and "applied for" in out
    assert "not known yet: Förderbescheid des Landes steht aus" in out
    assert "Rat der Stadt, 2014, BEISPIEL-2014/007, adopted" in out
    assert "kein Budget" not in out and "no budget" not in out
    out = run("show", "sprache-001")[1]
    assert "1. Kursorte gefunden (done 2025-08-20)" in out
    assert "2. Auswertung vorgelegt (due 2026-01) – Mit dem Jobcenter" in out
    assert "Latest update: 2026-02-15\n  Ein weiterer Kurs ist in Vorbereitung" in out
    assert "superseded by:  wohnen-002" in run("show", "wohnen-001")[1]
    assert "supersedes:     wohnen-001" in run("show", "wohnen-002")[1]


def test_attention_names_the_overdue_milestone_and_nothing_invented(data: Path) -> None:
    code, out, _ = run("attention", "--format", "json")
    assert code == 0
    found = {(p["file"].rsplit("/", 1)[1], p["code"]) for p in json.loads(out)["problems"]}
    # The pilot's record has no budget line and no indicator, and attention says so.
    assert found == {
        ("sprache-001.yaml", "milestone"),
        ("wohnen-001.yaml", "no-indicator"),
        ("wohnen-001.yaml", "no-budget"),
    }
    assert run("attention", "--fail-on", "milestone")[0] == 1


def test_the_workbook_round_trip_keeps_every_byte(data: Path, tmp_path: Path) -> None:
    before = snapshot(data)
    workbook = tmp_path / "massnahmen.xlsx"
    assert run("export", "--output", str(workbook))[0] == 0
    code, _, err = run("import", str(workbook))
    assert code == 0
    assert "0 added, 0 changed, 4 unchanged" in err
    assert snapshot(data) == before
