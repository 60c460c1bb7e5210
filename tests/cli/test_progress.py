"""integ milestone, integ update and integ status --note through the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from integ_cli.checking.catalogue import load_catalogue
from integ_cli.cli import app
from integ_cli.files.loading import load_document
from tests.helpers import snapshot

runner = CliRunner()
M1 = "data/measures/sprache-001.yaml"


def record(repo: Path) -> dict[str, Any]:
    document = load_document((repo / M1).read_bytes(), M1)
    assert document is not None
    return document.data


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def test_a_measure_with_milestones_and_two_dated_updates(repo: Path) -> None:
    """As a staff member records a course's progress over a year; the file is valid throughout."""
    steps = [
        ("milestone", "sprache-001", "add", "Kursräume angemietet", "--due", "06.2026"),
        ("milestone", "sprache-001", "add", "Zweiter Kurs gestartet", "--due", "2026", "--note", "mit Kinderbetreuung"),
        ("milestone", "sprache-001", "done", "1", "--date", "15.05.2026"),
        ("status", "sprache-001", "suspended", "--note", "Kursleitung fehlt bis Herbst.", "--date", "01.07.2026"),
        ("update", "sprache-001", "--note", "Neue Kursleitung gefunden.", "--date", "2026-09-01"),
    ]
    for step in steps:
        result = run(*step)
        assert result.exit_code == 0, result.stderr
    data = record(repo)
    assert data["schema_version"] == 2
    assert data["status"] == "suspended"
    assert data["milestones"] == [
        {"title": "Kursräume angemietet", "due": "2026-06", "done": "2026-05-15"},
        {"title": "Zweiter Kurs gestartet", "due": "2026", "note": "mit Kinderbetreuung"},
    ]
    assert data["updates"] == [
        {"date": "2026-07-01", "status": "suspended", "note": "Kursleitung fehlt bis Herbst."},
        {"date": "2026-09-01", "note": "Neue Kursleitung gefunden."},
    ]
    assert load_catalogue(repo).ok
    shown = run("show", "sprache-001").stdout
    assert "Milestones:\n  1. Kursräume angemietet (done 2026-05-15)\n" in shown
    assert "  2. Zweiter Kurs gestartet (due 2026) – mit Kinderbetreuung\n" in shown
    assert "Latest update: 2026-09-01\n  Neue Kursleitung gefunden.\n  (2 updates in the record)\n" in shown


def test_the_first_milestone_raises_the_schema_version_and_says_so(repo: Path) -> None:
    result = run("milestone", "sprache-001", "add", "Kursräume angemietet")
    assert result.stderr == "integ: sprache-001: schema_version: 1 → 2; milestone 'Kursräume angemietet' added\n"


def test_status_without_note_records_no_update(repo: Path) -> None:
    assert run("status", "sprache-001", "completed").exit_code == 0
    assert "updates" not in record(repo) and record(repo)["schema_version"] == 1


def test_a_mistyped_milestone_is_refused_with_the_closest_title(repo: Path) -> None:
    run("milestone", "sprache-001", "add", "Zweiter Kurs")
    before = snapshot(repo)
    result = run("milestone", "sprache-001", "done", "Zweiter Kurz")
    assert result.exit_code == 1
    assert "this measure has no milestone 'Zweiter Kurz'; did you mean 'Zweiter Kurs'?" in result.stderr
    result = run("milestone", "sprache-001", "done", "3")
    assert result.exit_code == 1 and "there is no milestone 3; this measure has 1" in result.stderr
    assert snapshot(repo) == before


def test_staff_posts_typed_the_german_way_are_set_per_year(repo: Path) -> None:
    assert run("staff", "sprache-001", "--year", "2026", "--fte", "1,5", "--note", "Sozialpädagogik").exit_code == 0
    result = run("staff", "sprache-001", "--year", "2026", "--fte", "0,75")
    assert result.stderr == "integ: sprache-001: staff posts 2026: fte: 1.5 → 0.75\n"
    data = record(repo)
    assert data["schema_version"] == 2
    assert data["staff"] == [{"year": 2026, "fte": 0.75, "note": "Sozialpädagogik"}]
    assert load_catalogue(repo).ok
    assert (
        "staff posts:\n  YEAR  FULL-TIME EQUIVALENTS  NOTE\n  2026                   0.75  Sozialpädagogik\n"
        in run("show", "sprache-001").stdout
    )


def test_fte_0_records_a_year_without_posts_and_remove_deletes_the_entry(repo: Path) -> None:
    run("staff", "sprache-001", "--year", "2026", "--fte", "1")
    assert run("staff", "sprache-001", "--year", "2027", "--fte", "0").exit_code == 0
    assert record(repo)["staff"] == [{"year": 2026, "fte": 1}, {"year": 2027, "fte": 0}]
    result = run("staff", "sprache-001", "--year", "2026", "--remove")
    assert result.exit_code == 0 and result.stderr == "integ: sprache-001: staff posts 2026 removed\n"
    assert record(repo)["staff"] == [{"year": 2027, "fte": 0}]


def test_staff_dry_run_shows_the_change_and_writes_nothing(repo: Path) -> None:
    before = snapshot(repo)
    result = run("staff", "sprache-001", "--year", "2026", "--fte", "2", "--dry-run")
    assert result.exit_code == 0
    assert "+staff:\n+  - year: 2026\n+    fte: 2\n" in result.stdout
    assert snapshot(repo) == before


def test_staff_posts_the_schema_refuses_are_not_written(repo: Path) -> None:
    before = snapshot(repo)
    result = run("staff", "sprache-001", "--year", "1800", "--fte", "1")
    assert result.exit_code == 1
    assert "'staff[0].year' is 1800, must not be less than 1990" in result.stderr
    result = run("staff", "sprache-001", "--year", "2026", "--remove")
    assert result.exit_code == 1 and "this measure has no staff posts for 2026; it has none" in result.stderr
    assert snapshot(repo) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("milestone", "sprache-001", "add", "Kurs", "--due", "31.06.2026"), "--due: '31.06.2026' is not a date"),
        (("milestone", "sprache-001", "add", "Kurs", "--date", "2026"), "--date is for 'done'"),
        (("milestone", "sprache-001", "done", "1", "--due", "2026"), "--due is for 'add'"),
        (("status", "sprache-001", "active", "--date", "2026-01-01"), "give --note too"),
        (("update", "sprache-001", "--note", "Weiter so.", "--date", "2026"), "--date: '2026' is not a date"),
        (("update", "sprache-001"), "--note"),
        (("staff", "sprache-001", "--year", "2026"), "give --fte N (the year's posts) or --remove"),
        (("staff", "sprache-001", "--year", "2026", "--fte", "-1"), "'-1' is negative; write 0"),
        (("staff", "sprache-001", "--year", "2026", "--fte", "1,000"), "could be read two ways"),
        (("staff", "sprache-001", "--year", "2026", "--fte", "1", "--remove"), "give it without --fte and --note"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(repo: Path, args: tuple[str, ...], message: str) -> None:
    before = snapshot(repo)
    result = run(*args)
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(repo) == before


@pytest.mark.usefixtures("german")
def test_progress_in_german(repo: Path) -> None:
    result = run("status", "sprache-001", "ausgesetzt", "--note", "Kursleitung fehlt.", "--date", "01.07.2026")
    assert result.stderr == (
        "integ: sprache-001: schema_version: 1 → 2; status: active → suspended; Sachstand vom 2026-07-01 hinzugefügt\n"
    )
    run("milestone", "sprache-001", "add", "Kursräume angemietet", "--due", "06.2026")
    shown = run("show", "sprache-001").stdout
    assert "Meilensteine:\n  1. Kursräume angemietet (fällig 06.2026)\n" in shown
    assert "Neuester Sachstand: 01.07.2026, ausgesetzt\n  Kursleitung fehlt.\n" in shown
    help_text = run("milestone", "--help").stdout
    assert "Einer Maßnahme einen Meilenstein hinzufügen" in help_text
    assert run("staff", "sprache-001", "--year", "2026", "--fte", "1,5").stderr == (
        "integ: sprache-001: Stellen 2026 hinzugefügt\n"
    )
    assert "Vollzeitäquivalenten" in run("staff", "--help").stdout
