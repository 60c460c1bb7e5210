"""``integ diff``, ``changelog`` and ``history`` on temporary git repositories of the bundled example data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from integ_cli.cli import app
from tests.history.test_git import GitWork, edit

runner = CliRunner()
MEASURE = "data/measures/arbeit-001.yaml"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitWork:
    """The bundled example data in a git repository, committed on 2025-12-01, as the cwd."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.delenv("INTEG_REPO", raising=False)
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)
    top = tmp_path / "konzept"
    result = runner.invoke(app, ["init", str(top), "--example"])
    assert result.exit_code == 0, result.stderr
    work = GitWork(top)
    work.commit("Konzept 2025", date="2025-12-01T09:00:00+01:00")
    monkeypatch.chdir(top)
    return work


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def change_status_and_budget() -> None:
    """What the integration unit does: one status and one budget amount, with integ's own commands."""
    assert invoke("status", "arbeit-001", "completed")[0] == 0
    code, _, err = invoke("budget", "arbeit-001", "--year", "2026", "--planned", "80000", "--source", "federal")
    assert code == 0, err


def test_diff_names_exactly_a_changed_status_and_budget(work: GitWork) -> None:
    change_status_and_budget()
    work.commit("Anerkennungsberatung abgeschlossen", date="2026-02-01T09:00:00+01:00")
    code, out, err = invoke("diff", "HEAD~1", "HEAD", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["summary"] == {"added": 0, "removed": 0, "changed": 1}
    [measure] = data["measures"]
    assert measure["id"] == "arbeit-001"
    assert [(c["path"], c["before"], c["after"]) for c in measure["changes"]] == [
        ("status", "active", "completed"),
        ("budget[2026 federal].planned", 78000, 80000),
    ]


def test_diff_defaults_to_head_against_the_working_tree(work: GitWork) -> None:
    change_status_and_budget()
    code, out, err = invoke("diff")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("From HEAD (") and lines[0].endswith("to the working tree: 1 changed")
    assert lines[2].startswith("changed  arbeit-001  Anerkennungsberatung")
    assert lines[3:5] == [
        "    status: active → completed",
        "    budget 2026 (federal) planned: 78.000 € → 80.000 €",
    ]
    assert lines[5].startswith("    updated: 2026-02-16 → ")
    assert len(lines) == 6


def test_diff_without_changes(work: GitWork) -> None:
    code, out, _ = invoke("diff")
    assert code == 0
    assert out.endswith("to the working tree: no measure changed.\n")


def test_diff_added_and_removed_measures_in_markdown(work: GitWork) -> None:
    measures = work.top / "data/measures"
    (measures / "senioren-002.yaml").unlink()
    text = (measures / "wohnen-001.yaml").read_text(encoding="utf-8").replace("id: wohnen-001", "id: wohnen-009")
    (measures / "wohnen-009.yaml").write_text(text, encoding="utf-8")
    code, out, _ = invoke("diff", "--format", "md")
    assert code == 0
    assert "1 added, 1 removed." in out
    assert "- **added** `wohnen-009`" in out
    assert "- **removed** `senioren-002`" in out


def test_an_inserted_budget_line_is_one_addition(work: GitWork) -> None:
    code, _, err = invoke("budget", "arbeit-001", "--year", "2025", "--planned", "5000", "--source", "state")
    assert code == 0, err
    data = json.loads(invoke("diff", "--format", "json")[1])
    assert [(c["path"], c["kind"]) for c in data["measures"][0]["changes"]] == [("budget[2025 state]", "added")]


def test_invalid_yaml_is_named_not_a_crash(work: GitWork) -> None:
    path = work.top / MEASURE
    edit(path, "status: active", "status: [active")
    code, out, err = invoke("diff")
    assert code == 0
    assert err.startswith(f"integ: warning: {MEASURE}:")
    assert "in the working tree: YAML syntax error" in err and "not compared" in err
    assert "no measure changed" in out
    work.commit("Kaputt")
    code, out, err = invoke("diff", "HEAD~1", "HEAD", "--format", "json")
    assert code == 0 and "YAML syntax error" in err
    assert json.loads(out)["unreadable"][0]["file"] == MEASURE


def test_changelog_groups_by_action_field(work: GitWork) -> None:
    change_status_and_budget()
    work.commit("Anerkennungsberatung abgeschlossen", date="2026-02-01T09:00:00+01:00")
    edit(work.top / "data/measures/sprache-004.yaml", "status: planned", "status: active")
    work.commit("Sprachcafés laufen", date="2026-03-01T09:00:00+01:00")
    code, out, err = invoke("changelog", "--since", "2026-01-01", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [(group["field"], [m["id"] for m in group["measures"]]) for group in data["fields"]] == [
        ("sprache", ["sprache-004"]),
        ("arbeit", ["arbeit-001"]),
    ]
    assert [c["subject"] for c in data["commits"]] == ["Sprachcafés laufen", "Anerkennungsberatung abgeschlossen"]
    code, out, _ = invoke("changelog", "--since", "2026-02-15")
    assert code == 0
    assert "Sprachförderung (sprache)  (prioritised)" in out
    assert "arbeit-001" not in out


@pytest.mark.parametrize("date", ["2026-13-01", "1.1.2026", "gestern"])
def test_changelog_wants_a_real_date(work: GitWork, date: str) -> None:
    code, _, err = invoke("changelog", "--since", date)
    assert code == 2
    assert "is not a date" in err


def test_history_lists_the_commits_that_touched_a_measure_newest_first(work: GitWork) -> None:
    change_status_and_budget()
    work.commit("Anerkennungsberatung abgeschlossen", date="2026-02-01T09:00:00+01:00", author="Jörg Müller")
    edit(work.top / "data/measures/sprache-004.yaml", "status: planned", "status: active")
    work.commit("Sprachcafés laufen", date="2026-03-01T09:00:00+01:00")
    code, out, err = invoke("history", "arbeit-001", "--format", "json")
    assert (code, err) == (0, "")
    events = json.loads(out)["events"]
    assert [(e["subject"], e["kind"], e["author"]) for e in events] == [
        ("Anerkennungsberatung abgeschlossen", "changed", "Jörg Müller"),
        ("Konzept 2025", "added", "Erika Mustermann"),
    ]
    assert [c["path"] for c in events[0]["changes"]] == ["status", "budget[2026 federal].planned"]
    code, out, _ = invoke("history", MEASURE)
    assert code == 0
    assert out.splitlines()[2].startswith("2026-02-01  ")
    assert "    status: active → completed" in out


def test_history_of_an_unknown_or_uncommitted_measure(work: GitWork) -> None:
    code, _, err = invoke("history", "arbeit-01")
    assert code == 1
    assert "no measure 'arbeit-01' in the history; did you mean 'arbeit-001'" in err
    text = (work.top / MEASURE).read_text(encoding="utf-8").replace("id: arbeit-001", "id: arbeit-099")
    (work.top / "data/measures/arbeit-099.yaml").write_text(text, encoding="utf-8")
    code, _, err = invoke("history", "arbeit-099")
    assert code == 1
    assert "has no commits yet" in err
    assert invoke("history", "../etc/passwd")[0] == 2


@pytest.mark.parametrize(
    "args", [["diff"], ["diff", "HEAD~1", "HEAD"], ["changelog", "--since", "2026-01-01"], ["history", "arbeit-001"]]
)
def test_outside_a_git_repository_every_command_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.delenv("INTEG_REPO", raising=False)
    assert runner.invoke(app, ["init", str(tmp_path / "plain"), "--example"]).exit_code == 0
    code, out, err = invoke("--repo", str(tmp_path / "plain"), *args)
    assert code == 2
    assert out == ""
    assert err.startswith("integ: error: ") and "is not in a git repository" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff", "v2030"], "unknown revision 'v2030'"),
        (["diff", "--", "--output=x"], "'--output=x' is not a revision"),
        (["changelog", "--since", "2026-01-01", "--to", "main~5"], "unknown revision 'main~5'"),
    ],
)
def test_bad_revisions_exit_2(work: GitWork, args: list[str], message: str) -> None:
    code, _, err = invoke(*args)
    assert code == 2
    assert message in err
    assert not (work.top / "x").exists()


def test_the_command_module_imports_no_core_at_start() -> None:
    modules = "('yaml', 'integ_cli.history.compare', 'integ_cli.history.git')"
    code = f"import sys, integ_cli.cli.history; print(sorted(m for m in {modules} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_data_repository_below_the_top_of_the_git_work_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.delenv("INTEG_REPO", raising=False)
    assert runner.invoke(app, ["init", str(tmp_path / "stadt" / "integration"), "--example"]).exit_code == 0
    work = GitWork(tmp_path / "stadt")
    work.commit("Konzept", date="2025-12-01T09:00:00+01:00")
    data = tmp_path / "stadt" / "integration"
    edit(data / MEASURE, "status: active", "status: suspended")
    work.commit("Ausgesetzt", date="2026-02-01T09:00:00+01:00")
    code, out, err = invoke("--repo", str(data), "history", "arbeit-001")
    assert (code, err) == (0, "")
    assert "    status: active → suspended" in out
    code, out, _ = invoke("--repo", str(data), "diff", "HEAD~1", "HEAD")
    assert code == 0 and "1 changed" in out.splitlines()[0]
