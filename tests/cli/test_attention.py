"""``integ attention`` on the hand-made repository of tests/helpers.py (report date 1 March 2026)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from integ_cli.cli import app
from tests.helpers import make_repo

runner = CliRunner()
#: 2026-03-01 00:00:00 UTC.
EPOCH = "1772323200"
CONCEPT = "schema_version: 1\nmunicipality: {name: Musterstadt, kind: city}\ntitle: Integrationskonzept\n"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    for name in ("INTEG_REPO", "GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return root


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["attention", *args])
    return result.exit_code, result.stdout, result.stderr


def test_lists_every_reason_as_a_warning_and_exits_0(data: Path) -> None:
    code, out, err = invoke()
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "data/measures/sprache-001.yaml:12:1: warning: the end date 2025-06-30 has passed but the status is still "
        "active: set the status or a later end [overdue]"
    )
    assert [line.rsplit("[", 1)[1] for line in lines] == [
        "overdue]",
        "no-indicator]",
        "no-budget]",
        "stale]",
        "no-indicator]",
        "no-lead]",
        "stale]",
    ]
    assert "sprache-002.yaml:12:1: warning: not updated for over a year (last 2024-12-01)" in out
    assert "sprache-003.yaml:1:1: warning: no 'updated' date" in out  # a key the record lacks: its start
    assert "wohnen-002" not in out  # internal: left out, as in the report's section
    assert err == "3 measures need attention (of 5)\n"


def test_internal_measures_only_with_internal(data: Path) -> None:
    """wohnen-002 is ``visibility: internal`` and has no indicator: only --internal lists it."""
    assert "wohnen-002" not in invoke()[1]
    code, out, err = invoke("--internal")
    assert code == 0
    assert out.splitlines()[-1] == (
        "data/measures/wohnen-002.yaml:1:1: warning: no indicator: add one under 'indicators' to show the measure's "
        "progress [no-indicator]"
    )
    assert err == "4 measures need attention (of 6)\n"


def test_help_says_internal_measures_are_left_out(data: Path) -> None:
    result = runner.invoke(app, ["attention", "--help"], env={"COLUMNS": "200"})
    assert "Internal measures are left out unless --internal" in result.stdout
    assert "Include measures with visibility: internal (left out by default)." in result.stdout


def test_fail_on_makes_a_kind_an_error_and_exits_1(data: Path) -> None:
    code, out, _ = invoke("--fail-on", "overdue", "--fail-on", "no-lead")
    assert code == 1
    errors = [line for line in out.splitlines() if ": error: " in line]
    assert [line.split(":")[0] for line in errors] == [
        "data/measures/sprache-001.yaml",
        "data/measures/sprache-003.yaml",
    ]
    assert invoke("--fail-on", "no-lead", "--field", "wohnen")[0] == 0


def test_fail_on_any_as_json(data: Path) -> None:
    code, out, _ = invoke("--fail-on", "any", "--format", "json")
    assert code == 1
    result = json.loads(out)
    assert (result["errors"], result["warnings"]) == (7, 0)
    assert {p["code"] for p in result["problems"]} == {"overdue", "no-indicator", "no-budget", "no-lead", "stale"}
    assert (result["problems"][0]["path"], result["problems"][0]["line"]) == ("end", None)


def test_an_unknown_kind_is_a_usage_error(data: Path) -> None:
    code, _, err = invoke("--fail-on", "late")
    assert code == 2
    assert "overdue" in err and "any" in err


def test_takes_the_filters_of_list(data: Path) -> None:
    code, out, err = invoke("--field", "wohnen", "--internal")
    assert code == 0
    assert out.splitlines() == [
        "data/measures/wohnen-002.yaml:1:1: warning: no indicator: add one under 'indicators' to show the measure's "
        "progress [no-indicator]"
    ]
    assert err == "1 measure needs attention (of 2)\n"
    code, out, err = invoke("--status", "completed")
    assert (code, out, err) == (0, "", "no measure needs attention\n")


def test_github_annotations_name_the_file_and_the_reason(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = invoke("--fail-on", "overdue")
    assert code == 1
    assert out.splitlines()[0].startswith(
        "::error file=data/measures/sprache-001.yaml,line=12,col=1,title=overdue::the end date"
    )
    assert out.splitlines()[1].startswith(
        "::warning file=data/measures/sprache-002.yaml,line=1,col=1,title=no-indicator::"
    )


def test_stale_after_days_from_the_concept_record_for_attention_and_report(data: Path) -> None:
    (data / "data" / "concept.yaml").write_text(CONCEPT + "attention:\n  stale_after_days: 30\n", encoding="utf-8")
    code, out, _ = invoke("--fail-on", "stale")
    assert code == 1
    assert "sprache-001.yaml:19:1: error: not updated for over 30 days (last 2026-01-10)" in out
    assert "wohnen-002.yaml:" not in out.split("[no-indicator]")[-1]  # updated 28 days before: not stale
    report = json.loads(runner.invoke(app, ["report", "--format", "json"]).stdout)
    [row] = [row for row in report["attention"]["rows"] if row["id"] == "sprache-001"]
    assert [reason["code"] for reason in row["reasons"]] == ["overdue", "stale"]


def test_messages_in_german(data: Path, german: None) -> None:
    code, out, err = invoke("--fail-on", "overdue", "--field", "sprache")
    assert code == 1
    assert out.splitlines()[0] == (
        "data/measures/sprache-001.yaml:12:1: Fehler: das Enddatum 30.06.2025 ist überschritten, der Status ist aber "
        "noch aktiv: setzen Sie den Status oder ein späteres Ende [overdue]"
    )
    assert "seit über einem Jahr nicht aktualisiert (zuletzt 01.12.2024)" in out
    assert err == "3 Maßnahmen brauchen Aufmerksamkeit (von 3)\n"
