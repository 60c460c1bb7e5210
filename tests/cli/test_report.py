"""``integ report`` through the CLI: formats, filters, dates, --output, streams, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from integ_cli.cli import app
from tests.helpers import GitWork, make_repo

runner = CliRunner()
#: 2026-03-01 00:00:00 UTC.
EPOCH = "1772323200"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hand-made repository of tests/helpers.py as the cwd, the date fixed."""
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    for name in ("INTEG_REPO", "NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return root


def report_json(*args: str) -> dict:
    result = runner.invoke(app, ["report", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_report(data: Path) -> None:
    report = report_json()
    assert list(report) == [
        "report_version",
        "header",
        "fields",
        "matrix",
        "districts",
        "budget",
        "indicators",
        "attention",
        "updates",
        "names",
        "codes",
    ]
    assert report["header"]["date"] == "2026-03-01"
    assert report["header"]["measures"] == 5
    assert report["budget"]["total"] == {"planned": 27000.5, "revised": 28500.5, "spent": 15500, "unknown": 0}
    assert [r["id"] for r in report["attention"]["rows"]] == ["sprache-001", "sprache-002", "sprache-003"]


def test_date_option_wins_and_moves_the_attention_list(data: Path) -> None:
    report = report_json("--date", "2025-06-01")
    assert report["header"]["date"] == "2025-06-01"
    # sprache-001 ends 2025-06-30: not overdue yet; sprache-002 (updated 2024-12-01) not stale yet.
    reasons = {r["id"]: [x["code"] for x in r["reasons"]] for r in report["attention"]["rows"]}
    assert reasons == {
        "sprache-002": ["no-indicator", "no-budget"],
        "sprache-003": ["no-indicator", "no-lead", "stale"],
    }


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--date", "31.02.2026"], None, "--date: '31.02.2026' is not a date"),
        ([], "yesterday", "SOURCE_DATE_EPOCH: 'yesterday' is not a number"),
    ],
)
def test_bad_dates_exit_2(
    data: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], env: str | None, message: str
) -> None:
    if env is not None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", env)
    result = runner.invoke(app, ["report", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_filters_of_integ_list(data: Path) -> None:
    report = report_json("--year", "2026", "--field", "sprache")
    assert report["header"]["measures"] == 1  # sprache-003: from 2026, open-ended
    assert [(f["key"], f["values"]) for f in report["header"]["filters"]] == [
        ("fields", ["sprache"]),
        ("years", ["2026"]),
    ]
    assert report["budget"]["only_years"] == [2026]
    assert report_json("-t", "kinder-jugendliche")["header"]["measures"] == 4
    assert report_json("--district", "brand", "--no-city-wide")["header"]["measures"] == 2


def test_unknown_filter_value_exits_2(data: Path) -> None:
    result = runner.invoke(app, ["report", "--target-group", "kinderr"])
    assert result.exit_code == 2
    assert "unknown target group 'kinderr'" in result.stderr
    assert result.stdout == ""


@pytest.mark.usefixtures("german")
def test_internal_measures_only_with_internal(data: Path) -> None:
    assert report_json()["header"]["internal"] is False
    report = report_json("--internal")
    assert (report["header"]["measures"], report["header"]["internal"]) == (6, True)
    text = runner.invoke(app, ["report", "--internal", "--format", "text"]).stdout
    assert "nicht zur Veröffentlichung" in text


@pytest.mark.usefixtures("german")
def test_human_formats(data: Path) -> None:
    text = runner.invoke(app, ["report"]).stdout  # piped: plain text
    assert text.startswith("BERICHT ZUM INTEGRATIONSKONZEPT\nStand: 01.03.2026 · 5 Maßnahmen\n")
    assert "Maßnahmen nach Handlungsfeld\n============================\n" in text
    assert "\x1b[" not in text
    markdown = runner.invoke(app, ["report", "-f", "md"]).stdout
    assert markdown.startswith("# Bericht zum Integrationskonzept\n")
    assert "| **Summe** | **1** | **1** |" in markdown
    html = runner.invoke(app, ["report", "-f", "html"]).stdout
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html


@pytest.mark.usefixtures("german")
def test_table_colour_only_where_allowed(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    plain = runner.invoke(app, ["report", "--format", "table"]).stdout
    assert "\x1b[" not in plain
    assert "Verteilung" in plain and "█" in plain
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in runner.invoke(app, ["report", "--format", "table"]).stdout
    assert "\x1b[" not in runner.invoke(app, ["report"]).stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in runner.invoke(app, ["report", "--format", "table"]).stdout


@pytest.mark.usefixtures("german")
def test_table_is_the_default_on_a_terminal(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from integ_cli.cli import console

    monkeypatch.setattr(console, "is_terminal", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")
    result = runner.invoke(app, ["report"])
    assert "Verteilung" in result.stdout and "\x1b[" not in result.stdout


@pytest.mark.usefixtures("german")
def test_output_file_format_from_suffix_and_same_bytes(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("a.html", "b.html"):
        result = runner.invoke(app, ["report", "--output", str(out / name)])
        assert result.exit_code == 0, result.output
        assert result.stdout == ""
        assert f"Bericht in {out / name} geschrieben" in result.stderr
    assert (out / "a.html").read_bytes() == (out / "b.html").read_bytes()
    assert (out / "a.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    runner.invoke(app, ["report", "-o", str(out / "r.json")])
    assert json.loads((out / "r.json").read_text(encoding="utf-8"))["report_version"] == 1
    runner.invoke(app, ["report", "-o", str(out / "r.md")])
    assert (out / "r.md").read_text(encoding="utf-8").startswith("# Bericht")
    runner.invoke(app, ["report", "-o", str(out / "r.txt"), "--format", "md"])
    assert (out / "r.txt").read_text(encoding="utf-8").startswith("# Bericht")
    runner.invoke(app, ["report", "-o", str(out / "r.log")])
    assert (out / "r.log").read_text(encoding="utf-8").startswith("BERICHT")
    assert sorted(p.name for p in out.iterdir()) == ["a.html", "b.html", "r.json", "r.log", "r.md", "r.txt"]


@pytest.mark.usefixtures("german")
def test_output_replaces_a_file_keeping_its_mode(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "bericht.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    assert runner.invoke(app, ["report", "-o", str(target)]).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Bericht")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_old_file(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "bericht.md"
    target.write_text("old\n", encoding="utf-8")

    def broken(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    result = runner.invoke(app, ["report", "-o", str(target)])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and "No space left on device" in result.stderr
    assert "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir() if p.name != "repo"] == ["bericht.md"]


@pytest.mark.parametrize("where", ["missing/bericht.html", "."])
def test_output_where_it_cannot_go_exits_2(data: Path, tmp_path: Path, where: str) -> None:
    result = runner.invoke(app, ["report", "-o", str(tmp_path / where)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("german")
def test_invalid_records_are_skipped_with_a_warning(data: Path) -> None:
    (data / "data/measures/bildung-002.yaml").write_text("schema_version: 1\nid: bildung-002\n", encoding="utf-8")
    result = runner.invoke(app, ["report", "--format", "json"])
    assert result.exit_code == 0
    assert "1 ungültige Datei übersprungen (data/measures/bildung-002.yaml)" in result.stderr
    report = json.loads(result.stdout)
    assert (report["header"]["measures"], report["header"]["invalid_files"]) == (5, 1)
    assert "1 ungültige Datei übergangen" in runner.invoke(app, ["report", "-f", "text"]).stdout


@pytest.mark.usefixtures("german")
def test_an_empty_selection_still_reports(data: Path) -> None:
    result = runner.invoke(app, ["report", "--status", "completed", "--horizon", "short", "-f", "md"])
    assert result.exit_code == 0
    assert "keine Maßnahme trifft zu" in result.stderr
    assert "Keine Budgetzeilen." in result.stdout


def test_command_stays_lazy() -> None:
    code = (
        "import sys, integ_cli.cli; "
        "print(sorted(m for m in sys.modules if m.startswith(('rich', 'yaml', 'integ_cli.report', "
        "'integ_cli.render'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.usefixtures("german")
def test_installed_command_piped(data: Path) -> None:
    """The real console script with stdout a pipe: plain text, no colour; the same bytes twice."""
    integ = shutil.which("integ", path=str(Path(sys.executable).parent))
    assert integ is not None
    env = {"PATH": str(Path(sys.executable).parent), "TERM": "xterm-256color", "SOURCE_DATE_EPOCH": EPOCH}
    runs = [subprocess.run([integ, "report"], capture_output=True, cwd=data, env=env, check=False) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0]
    assert b"\x1b[" not in runs[0].stdout
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stdout.startswith(b"BERICHT ZUM INTEGRATIONSKONZEPT\nStand: 01.03.2026")


def test_errors_and_notes_in_german(data: Path, tmp_path: Path, german: None) -> None:
    bad = runner.invoke(app, ["report", "--date", "31.02.2026"])
    assert bad.exit_code == 2
    assert bad.stderr == (
        "integ: Fehler: --date: '31.02.2026' ist kein Datum: bitte als TT.MM.JJJJ oder JJJJ-MM-TT schreiben, "
        "z. B. 31.12.2025\n"
    )
    german_date = runner.invoke(app, ["report", "--date", "1.3.2026", "-f", "json"])
    assert german_date.exit_code == 0 and '"date": "2026-03-01"' in german_date.stdout
    target = tmp_path / "bericht.md"
    written = runner.invoke(app, ["report", "--output", str(target)])
    assert written.exit_code == 0
    assert written.stderr == f"integ: Bericht in {target} geschrieben\n"


@pytest.mark.parametrize("args", [["-o", "bericht.pdf"], ["-o", "bericht.PDF", "--format", "html"]])
def test_a_pdf_is_refused_saying_how_to_get_one(data: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["report", *args])
    assert result.exit_code == 2 and result.stdout == ""
    assert "write the report as HTML (--output bericht.html) and print that page to a PDF" in result.stderr
    assert not any(p.suffix.lower() == ".pdf" for p in data.iterdir())


def test_a_suffix_that_names_no_format_needs_format(data: Path) -> None:
    refused = runner.invoke(app, ["report", "-o", "bericht.docx"])
    assert refused.exit_code == 2 and "from the suffix '.docx'" in refused.stderr and "--format" in refused.stderr
    assert not (data / "bericht.docx").exists()
    asked = runner.invoke(app, ["report", "-o", "bericht.docx", "--format", "md"])
    assert asked.exit_code == 0 and (data / "bericht.docx").read_text(encoding="utf-8").startswith("# ")
    bare = runner.invoke(app, ["report", "-o", "bericht"])
    assert bare.exit_code == 0 and (data / "bericht").read_text(encoding="utf-8").startswith("REPORT")


def test_a_report_linked_into_the_data_is_refused(data: Path) -> None:
    measure = next((data / "data/measures").iterdir())
    before = measure.read_bytes()
    (data / "bericht.html").symlink_to(measure)
    result = runner.invoke(app, ["report", "-o", "bericht.html"])
    assert result.exit_code == 2 and "inside data/ of the data repository" in result.stderr
    assert measure.read_bytes() == before


def test_a_pdf_is_refused_in_german(data: Path, german: None) -> None:
    result = runner.invoke(app, ["report", "-o", "bericht.pdf"])
    assert result.exit_code == 2 and "integ schreibt kein PDF" in result.stderr


def test_at_reports_a_past_revision_or_edition(data: Path, no_outer_git: None) -> None:
    work = GitWork(data)
    work.commit("Stand 2025", date="2025-12-01T09:00:00+01:00")
    (data / "data" / "concept.yaml").write_text(
        "schema_version: 1\nmunicipality: {name: Musterstadt, kind: city}\ntitle: Integrationskonzept\n"
        "unit: stadt\neditions:\n  - {name: '2025', date: '2025-12', tag: edition-2025}\n",
        encoding="utf-8",
    )
    work.run("tag", "edition-2025")
    (data / "data" / "measures" / "sprache-003.yaml").unlink()
    work.commit("sprache-003 entfällt")
    assert report_json()["header"]["measures"] == 4
    result = runner.invoke(app, ["report", "--format", "json", "--at", "HEAD~1"])
    assert result.exit_code == 0, result.output
    past = json.loads(result.stdout)
    assert past["header"]["measures"] == 5
    assert past["header"]["date"] == "2025-12-01"  # the commit's day, not SOURCE_DATE_EPOCH
    assert report_json("--at", "HEAD~1", "--date", "2026-03-01")["header"]["date"] == "2026-03-01"
    assert "the report shows the state at HEAD~1 (" in result.stderr
    by_edition = runner.invoke(app, ["report", "--format", "json", "--at", "2025"])
    assert by_edition.exit_code == 0, by_edition.output
    assert json.loads(by_edition.stdout)["header"]["measures"] == 5
    assert "edition-2025 (" in by_edition.stderr


def test_at_an_unknown_revision_exits_2(data: Path, no_outer_git: None) -> None:
    GitWork(data).commit("Stand")
    result = runner.invoke(app, ["report", "--at", "v1999"])
    assert result.exit_code == 2
    assert "unknown revision 'v1999'" in result.stderr


STALE_90 = (
    "schema_version: 1\nmunicipality: {name: Musterstadt, kind: city}\ntitle: Integrationskonzept\n"
    "attention:\n  stale_after_days: 90\n"
)


def test_stale_label_and_legend_say_the_days_of_the_concept_record(data: Path) -> None:
    """sprache-002 (updated 2024-12-01) is stale either way; the words follow the record's 90 days."""
    (data / "data" / "concept.yaml").write_text(STALE_90, encoding="utf-8")
    out = runner.invoke(app, ["report", "--format", "text"]).stdout
    assert "not updated for over 90 days (last 2024-12-01)" in out
    assert "not updated for over 90 days: " in out  # the counts under the table
    assert "whose last change (updated) is more than 90 days ago" in out
    assert "over a year" not in out
    html = runner.invoke(app, ["report", "--format", "html"]).stdout
    assert "more than 90 days ago" in html and "over a year" not in html


@pytest.mark.usefixtures("german")
def test_stale_days_in_german(data: Path) -> None:
    (data / "data" / "concept.yaml").write_text(STALE_90, encoding="utf-8")
    out = runner.invoke(app, ["report", "--format", "md"]).stdout
    assert "seit über 90 Tagen nicht aktualisiert (zuletzt 01.12.2024)" in out
    assert "deren letzte Änderung (updated) über 90 Tage zurückliegt" in out
    assert "über ein Jahr" not in out
