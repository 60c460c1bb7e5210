"""``integ diff``, ``changelog`` and ``history`` on temporary git repositories of the mini repository."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from integ_cli.cli import app
from tests.conftest import FIXTURES, edit
from tests.helpers import GitWork

runner = CliRunner()
MEASURE = "data/measures/sprache-001.yaml"


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def change_status_and_budget() -> None:
    """What the integration unit does: one status and one budget amount, with integ's own commands."""
    assert invoke("status", "sprache-001", "completed")[0] == 0
    code, _, err = invoke("budget", "sprache-001", "--year", "2026", "--planned", "15000", "--source", "municipal")
    assert code == 0, err


def test_diff_names_exactly_a_changed_status_and_budget(work: GitWork) -> None:
    change_status_and_budget()
    work.commit("Sprachkurs abgeschlossen", date="2026-02-01T09:00:00+01:00")
    code, out, err = invoke("diff", "HEAD~1", "HEAD", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["summary"] == {"added": 0, "removed": 0, "changed": 1}
    [measure] = data["measures"]
    assert measure["id"] == "sprache-001"
    assert [(c["path"], c["before"], c["after"]) for c in measure["changes"]] == [
        ("status", "active", "completed"),
        ("budget[2026 municipal].planned", 12000, 15000),
    ]


def test_diff_defaults_to_head_against_the_working_tree(work: GitWork) -> None:
    change_status_and_budget()
    code, out, err = invoke("diff")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("From HEAD (") and lines[0].endswith("to the working tree: 1 changed")
    assert lines[2].startswith("changed  sprache-001  Mama lernt Deutsch")
    assert lines[3:5] == [
        "    status: active → completed",
        "    budget 2026 (municipal) planned: €12,000 → €15,000",
    ]
    assert lines[5].startswith("    updated: — → ")  # the mini repository's measures carry no date yet
    assert len(lines) == 6


def test_diff_without_changes(work: GitWork) -> None:
    code, out, _ = invoke("diff")
    assert code == 0
    assert out.endswith("to the working tree: no measure changed.\n")


def test_diff_added_and_removed_measures_in_markdown(work: GitWork) -> None:
    measures = work.top / "data/measures"
    (measures / "sprache-002.yaml").unlink()
    text = (measures / "wohnen-001.yaml").read_text(encoding="utf-8").replace("id: wohnen-001", "id: wohnen-009")
    (measures / "wohnen-009.yaml").write_text(text, encoding="utf-8")
    code, out, _ = invoke("diff", "--format", "md")
    assert code == 0
    assert "1 added, 1 removed." in out
    assert "- **added** `wohnen-009`" in out
    assert "- **removed** `sprache-002`" in out


def test_an_inserted_budget_line_is_one_addition(work: GitWork) -> None:
    code, _, err = invoke("budget", "sprache-001", "--year", "2025", "--planned", "5000", "--source", "state")
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
    edit(work.top / "data/measures/wohnen-001.yaml", "status: completed", "status: active")
    work.commit("Quartiersbüro wieder offen", date="2026-02-01T09:00:00+01:00")
    change_status_and_budget()
    work.commit("Sprachkurs abgeschlossen", date="2026-03-01T09:00:00+01:00")
    code, out, err = invoke("changelog", "--since", "2026-01-01", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [(group["field"], [m["id"] for m in group["measures"]]) for group in data["fields"]] == [
        ("sprache", ["sprache-001"]),
        ("wohnen", ["wohnen-001"]),
    ]
    assert [c["subject"] for c in data["commits"]] == ["Sprachkurs abgeschlossen", "Quartiersbüro wieder offen"]
    code, out, _ = invoke("changelog", "--since", "2026-02-15")
    assert code == 0
    assert "Sprachförderung (sprache)  (prioritised)" in out
    assert "wohnen-001" not in out


def test_changelog_since_before_the_history_lists_what_changed_since_the_first_commit(work: GitWork) -> None:
    change_status_and_budget()
    work.commit("Sprachkurs abgeschlossen", date="2026-03-01T09:00:00+01:00")
    code, out, err = invoke("changelog", "--since", "01.01.2020")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("Changes since the first state of 2025-12-01 (no commit before 2020-01-01): from ")
    assert lines[1] == "1 commit; 1 changed"
    assert "added" not in out


def test_changelog_takes_a_german_date(work: GitWork) -> None:
    edit(work.top / "data/measures/wohnen-001.yaml", "status: completed", "status: active")
    work.commit("Quartiersbüro wieder offen", date="2026-02-01T09:00:00+01:00")
    german = invoke("changelog", "--since", "31.12.2025", "--format", "json")
    assert german[0] == 0, german[2]
    assert german == invoke("changelog", "--since", "2025-12-31", "--format", "json")
    assert [c["subject"] for c in json.loads(german[1])["commits"]] == ["Quartiersbüro wieder offen"]


@pytest.mark.parametrize("date", ["2026-13-01", "31.02.2026", "1.1.26", "gestern"])
def test_changelog_wants_a_real_date(work: GitWork, date: str) -> None:
    code, _, err = invoke("changelog", "--since", date)
    assert code == 2
    assert "is not a date" in err


def test_history_lists_the_commits_that_touched_a_measure_newest_first(work: GitWork) -> None:
    change_status_and_budget()
    work.commit("Sprachkurs abgeschlossen", date="2026-02-01T09:00:00+01:00", author="Jörg Müller")
    edit(work.top / "data/measures/wohnen-001.yaml", "status: completed", "status: active")
    work.commit("Quartiersbüro wieder offen", date="2026-03-01T09:00:00+01:00")
    code, out, err = invoke("history", "sprache-001", "--format", "json")
    assert (code, err) == (0, "")
    events = json.loads(out)["events"]
    assert [(e["subject"], e["kind"], e["author"]) for e in events] == [
        ("Sprachkurs abgeschlossen", "changed", "Jörg Müller"),
        ("Erster Stand", "added", "Erika Mustermann"),
    ]
    assert [c["path"] for c in events[0]["changes"]] == ["status", "budget[2026 municipal].planned"]
    code, out, _ = invoke("history", MEASURE)
    assert code == 0
    assert out.splitlines()[2].startswith("2026-02-01  ")
    assert "    status: active → completed" in out


def test_history_of_an_unknown_or_uncommitted_measure(work: GitWork) -> None:
    code, _, err = invoke("history", "sprache-01")
    assert code == 1
    assert "no measure 'sprache-01' in the history; did you mean 'sprache-001'" in err
    text = (work.top / MEASURE).read_text(encoding="utf-8").replace("id: sprache-001", "id: sprache-099")
    (work.top / "data/measures/sprache-099.yaml").write_text(text, encoding="utf-8")
    code, _, err = invoke("history", "sprache-099")
    assert code == 1
    assert "has no commits yet" in err
    assert invoke("history", "../etc/passwd")[0] == 2


def test_the_history_commands_speak_german(work: GitWork, german: None) -> None:
    code, _, err = invoke("changelog", "--since", "gestern")
    assert code == 2 and "'gestern' ist kein Datum" in err
    code, _, err = invoke("history", "sprache-01")
    assert code == 1 and "keine Maßnahme 'sprache-01' in der Versionsgeschichte" in err
    code, _, err = invoke("history", "Sprache 1")
    assert code == 2 and "'Sprache 1' ist keine Kennung einer Maßnahme (Kleinbuchstaben, Ziffern" in err
    edit(work.top / MEASURE, "status: active", "status: [active")
    code, _, err = invoke("diff")
    assert code == 0 and f"{MEASURE}:" in err and "; nicht verglichen" in err


@pytest.mark.parametrize(
    ("command", "german_words"),
    [
        ("diff", "Hinzugekommene, entfernte und geänderte Maßnahmen zwischen zwei Ständen"),
        ("changelog", "nach Handlungsfeldern in der Reihenfolge des Konzepts: für die Fortschreibung"),
        ("history_command", "Die Änderungen einer Maßnahme im Lauf der Zeit"),
    ],
)
def test_the_help_of_the_history_commands_in_german(command: str, german_words: str, german: None) -> None:
    """Their help in German keeps the examples of the English help, to copy as they are."""
    from integ_cli.cli import history
    from integ_cli.cli.app import reflow
    from integ_cli.i18n import _

    english = reflow(getattr(history, command).__doc__ or "")
    help_text = _(english)
    assert german_words in help_text
    examples = [line.split(":", 1)[1] for line in english.splitlines() if line.startswith("Example:")]
    assert [line.split(":", 1)[1] for line in help_text.splitlines() if line.startswith("Beispiel:")] == examples


@pytest.mark.parametrize(
    "args", [["diff"], ["diff", "HEAD~1", "HEAD"], ["changelog", "--since", "2026-01-01"], ["history", "sprache-001"]]
)
@pytest.mark.usefixtures("no_outer_git")
def test_outside_a_git_repository_every_command_exits_2(repo: Path, args: list[str]) -> None:
    code, out, err = invoke("--repo", str(repo), *args)
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


@pytest.mark.usefixtures("no_outer_git")
def test_a_data_repository_below_the_top_of_the_git_work_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INTEG_REPO", raising=False)
    shutil.copytree(FIXTURES / "minirepo", tmp_path / "stadt" / "integration")
    work = GitWork(tmp_path / "stadt")
    work.commit("Konzept", date="2025-12-01T09:00:00+01:00")
    data = tmp_path / "stadt" / "integration"
    edit(data / MEASURE, "status: active", "status: suspended")
    work.commit("Ausgesetzt", date="2026-02-01T09:00:00+01:00")
    code, out, err = invoke("--repo", str(data), "history", "sprache-001")
    assert (code, err) == (0, "")
    assert "    status: active → suspended" in out
    code, out, _ = invoke("--repo", str(data), "diff", "HEAD~1", "HEAD")
    assert code == 0 and "1 changed" in out.splitlines()[0]


# --- editions by name ------------------------------------------------------------------------------

CONCEPT = """\
schema_version: 1
municipality:
  name: Musterstadt
  kind: city
title: Integrationskonzept Musterstadt
unit: stabsstelle-integration
editions:
  - name: "2006"
    date: "2006-10"
    tag: edition-2006
  - name: "2018"
    date: "2018-06"
    tag: edition-2018
"""


@pytest.fixture
def editions(work: GitWork) -> GitWork:
    """Two tagged editions: 2006 (the mini repository) and 2018 (sprache-001 completed), then one more change."""
    (work.top / "data" / "concept.yaml").write_text(CONCEPT, encoding="utf-8")
    work.commit("Konzept", date="2026-01-10T09:00:00+01:00")
    work.run("tag", "edition-2006")
    edit(work.top / MEASURE, "status: active", "status: completed")
    work.commit("Fortschreibung 2018", date="2026-02-01T09:00:00+01:00")
    work.run("tag", "edition-2018")
    edit(work.top / "data/measures/wohnen-001.yaml", "status: completed", "status: active")
    work.commit("Danach", date="2026-03-01T09:00:00+01:00")
    return work


def test_diff_takes_edition_names(editions: GitWork) -> None:
    code, out, err = invoke("diff", "2006", "2018", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["before"]["label"].startswith("edition-2006 (")
    assert [(m["id"], m["changes"][0]["after"]) for m in data["measures"]] == [("sprache-001", "completed")]


def test_changelog_since_an_edition_to_another(editions: GitWork) -> None:
    code, out, err = invoke("changelog", "--edition", "2006", "--to", "2018")
    assert (code, err) == (0, "")
    assert out.startswith("Changes since the edition 2006 of 2026-01-10: from edition-2006 (")
    assert "sprache-001" in out and "wohnen-001" not in out
    code, out, _ = invoke("changelog", "--edition", "2006", "--format", "json")
    data = json.loads(out)
    assert data["edition"] == "2006"
    assert [c["subject"] for c in data["commits"]] == ["Danach", "Fortschreibung 2018"]


def test_changelog_wants_since_or_edition(editions: GitWork) -> None:
    assert invoke("changelog")[0] == 2
    code, _, err = invoke("changelog", "--since", "2026-01-01", "--edition", "2006")
    assert code == 2 and "either --since DATE or --edition NAME" in err


def test_an_edition_without_tag_exits_2(editions: GitWork) -> None:
    edit(work_concept := editions.top / "data" / "concept.yaml", "    tag: edition-2006\n", "")
    assert "tag" not in work_concept.read_text(encoding="utf-8").split("2018")[0]
    code, _, err = invoke("changelog", "--edition", "2006")
    assert code == 2
    assert "the edition '2006' has no git tag" in err


def test_changelog_since_an_edition_in_german(editions: GitWork, german: None) -> None:
    code, out, _ = invoke("changelog", "--edition", "2006", "--to", "2018", "--format", "md")
    assert code == 0
    assert out.startswith("## Änderungen seit der Fortschreibung 2006 vom 10.01.2026")


# --- vocabularies, action fields and the concept record --------------------------------------------


def test_diff_names_a_renamed_target_group_and_the_measures_it_breaks(work: GitWork) -> None:
    edit(work.top / "data/target-groups.yaml", "id: junge-muetter", "id: muetter")
    edit(work.top / "data/districts.yaml", "name: Eilendorf", "name: Eilendorf-Mitte")
    code, out, err = invoke("diff")
    assert (code, err) == (0, "")
    assert out.splitlines()[0].endswith(
        "to the working tree: no measure changed; 2 changes to the vocabularies, action fields or concept record"
    )
    assert out.splitlines()[1:] == [
        "",
        "Target groups:",
        "  renamed  junge-muetter → muetter  Junge Mütter",
        "      Attention: 2 measures still name 'junge-muetter': sprache-001, wohnen-001",
        "",
        "Districts:",
        "  changed  eilendorf  Eilendorf-Mitte",
        "      name: Eilendorf → Eilendorf-Mitte",
    ]
    data = json.loads(invoke("diff", "--format", "json")[1])
    assert [(e["vocabulary"], e["kind"], e["renamed_to"], e["broken"]) for e in data["entries"]] == [
        ("target-groups", "renamed", "muetter", ["sprache-001", "wohnen-001"]),
        ("districts", "changed", None, []),
    ]


def test_changelog_shows_a_removed_action_field_in_markdown(work: GitWork) -> None:
    (work.top / "data/fields/wohnen.yaml").unlink()
    work.commit("Handlungsfeld Wohnen entfällt", date="2026-02-01T09:00:00+01:00")
    code, out, _ = invoke("changelog", "--since", "2026-01-01", "--format", "md")
    assert code == 0
    assert "### Action fields\n\n- **removed** wohnen  Wohnen/Planen\n" in out
    assert "  - **Attention: 1 measure still names 'wohnen': wohnen-001**" in out


def test_diff_of_the_vocabularies_in_german(work: GitWork, german: None) -> None:
    edit(work.top / "data/target-groups.yaml", "id: junge-muetter", "id: muetter")
    code, out, _ = invoke("diff")
    assert code == 0
    assert "keine Maßnahme geändert; 1 Änderung an Vokabularen, Handlungsfeldern oder Konzept" in out
    assert "Zielgruppen:\n  umbenannt  junge-muetter → muetter  Junge Mütter\n" in out
    assert "Achtung: 2 Maßnahmen nennen noch 'junge-muetter': sprache-001, wohnen-001" in out
