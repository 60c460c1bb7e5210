"""Hostile data in output: what a record, a file name, a git commit or a spreadsheet
cell holds must not become a GitHub workflow command, a terminal escape or a formula.

GitHub's runner reads every line of a job's output; one that starts with ``::`` (after
leading blanks) is a workflow command, so a value holding a line break followed by
``::error file=README.md,line=1::forged`` would forge an annotation. A spreadsheet runs
a CSV cell starting with ``=``, ``+``, ``-`` or ``@`` as a formula. Each case runs the
commands a user would (``validate``, ``show``, ``list``, ``history``, ``export``,
``import``) on a copy of the mini repository.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from integ_cli.cli import app
from tests.helpers import GitWork

MINIREPO = Path(__file__).parent / "fixtures" / "minirepo"
M1 = "data/measures/sprache-001.yaml"
FORGED = "::error file=README.md,line=1::forged"
runner = CliRunner()


def commands(text: str) -> list[str]:
    """The lines GitHub's runner would read as workflow commands."""
    return [line for line in text.splitlines() if line.lstrip().startswith("::") or "##[" in line]


def make_repo(tmp_path: Path, old: str = "", new: str = "") -> Path:
    """A copy of the mini repository with one piece of sprache-001 replaced."""
    repo = tmp_path / "repo"
    shutil.copytree(MINIREPO, repo)
    if old:
        path = repo / M1
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return repo


def integ(repo: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--repo", str(repo), *args], env={"NO_COLOR": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (``\\n`` for a line break)."""
    return json.dumps(text)


# --- item 1: workflow commands and terminal escapes ----------------------------------------------


def test_a_forged_command_in_an_id_stays_inside_validate_s_text_lines(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, "id: sprache-001", f"id: {quoted('x' + chr(10) + FORGED)}")
    code, out, err = integ(repo, "validate", "--format", "text")
    assert code == 1 and "Traceback" not in out + err
    assert commands(out + err) == []
    assert "'x\\n:\\u003aerror file=README.md,line=1:\\u003aforged'" in out


@pytest.mark.usefixtures("german")
def test_a_german_user_sees_the_forged_id_escaped(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, "id: sprache-001", f"id: {quoted('x' + chr(10) + FORGED)}")
    code, out, _err = integ(repo, "validate", "--format", "text")
    assert code == 1 and commands(out) == []
    assert f"{M1}:3:1: Fehler: " in out and "'x\\n:\\u003aerror" in out


def test_a_forged_file_name_stays_inside_the_warning_line(tmp_path: Path) -> None:
    """``list`` warns about a file it skips, naming it: the name is data too."""
    repo = make_repo(tmp_path)
    (repo / "data/measures" / f"x\n{FORGED}.yaml").write_text("title: [\n", encoding="utf-8")
    code, out, err = integ(repo, "list", "--format", "text")
    assert code == 0 and "skipped" in err
    assert commands(out + err) == []


def test_a_forged_milestone_and_update_note_stay_inside_show_s_lines(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    path = repo / M1
    text = path.read_text(encoding="utf-8").replace("schema_version: 1", "schema_version: 2", 1)
    text += f"milestones:\n  - title: {quoted('a' + chr(10) + FORGED)}\n    due: '2026-06'\n"
    text += f"updates:\n  - date: '2026-05-01'\n    note: {quoted('b' + chr(10) + FORGED)}\n"
    path.write_text(text, encoding="utf-8")
    code, out, err = integ(repo, "show", "sprache-001", "--format", "text")
    assert code == 0, err
    assert "forged" in out and commands(out) == []


def test_github_format_escapes_the_file_property(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    (repo / M1).rename(repo / "data/measures/50%,a:b.yaml")
    code, out, _err = integ(repo, "validate", "--format", "github")
    assert code == 1
    assert out.startswith("::error file=data/measures/50%25%2Ca%3Ab.yaml,line=")


@pytest.mark.parametrize("fmt", ["text", "json", "yaml"])
def test_show_keeps_a_forged_title_inside_its_line(tmp_path: Path, fmt: str) -> None:
    title = f"Mama lernt Deutsch\n{FORGED} ##[error]x"
    repo = make_repo(tmp_path, "title: Mama lernt Deutsch", f"title: {quoted(title)}")
    code, out, err = integ(repo, "show", "sprache-001", "--format", fmt)
    assert code == 0 and commands(out + err) == []


@pytest.mark.parametrize("fmt", ["table", "text", "md", "json", "yaml"])
def test_list_keeps_a_forged_title_inside_its_row(tmp_path: Path, fmt: str) -> None:
    repo = make_repo(tmp_path, "title: Mama lernt Deutsch", f"title: {quoted('Mama' + chr(10) + FORGED)}")
    code, out, err = integ(repo, "list", "--format", fmt)
    assert code == 0 and "sprache-001" in out and commands(out + err) == []


def test_history_keeps_a_forged_title_inside_its_line(tmp_path: Path, no_outer_git: None) -> None:
    repo = make_repo(tmp_path)
    work = GitWork(repo)
    work.commit("Erster Stand")
    path = repo / M1
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "title: Mama lernt Deutsch", f"title: {quoted('M' + chr(10) + FORGED)}"
        )
    )
    work.commit("Titel")
    for args in (("history", "sprache-001"), ("history", "sprache-001", "--format", "md"), ("diff", "HEAD~1")):
        code, out, err = integ(repo, *args)
        assert code == 0 and "sprache-001" in out and commands(out + err) == [], args


def test_import_messages_keep_a_forged_cell_inside_their_line(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    sheet = tmp_path / "m.csv"
    assert integ(repo, "export", "--format", "csv", "--output", str(sheet))[0] == 0
    text = sheet.read_text(encoding="utf-8-sig").replace(";active;", f';"active\n{FORGED}";', 1)
    sheet.write_text(text, encoding="utf-8-sig")
    code, out, err = integ(repo, "import", str(sheet))
    assert code == 1 and "active\\n:\\u003aerror" in err
    assert commands(out + err) == []


# --- item 5: formulas in CSV ---------------------------------------------------------------------

CELLS = {
    "title": '=HYPERLINK("https://example.org","klick")',
    "summary": "-1+1 Deutschkurse",
    "goal": "@SUM(A1:A9)",
    "notes": "+cmd|' /C calc'!A0",
}


def formula_repo(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path, "summary: Deutschkurse für Mütter am Vormittag, mit Kinderbetreuung.", "")
    path = repo / M1
    text = path.read_text(encoding="utf-8").replace("title: Mama lernt Deutsch", "")
    path.write_text(text + "".join(f"{key}: {quoted(value)}\n" for key, value in CELLS.items()), encoding="utf-8")
    assert integ(repo, "validate")[0] == 0
    return repo


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))


def test_list_csv_guards_formulas_and_raw_writes_them_as_they_are(tmp_path: Path) -> None:
    repo = formula_repo(tmp_path)
    (row,) = [r for r in rows(integ(repo, "list", "--format", "csv")[1]) if r["id"] == "sprache-001"]
    assert {key: row[key] for key in CELLS} == {key: "'" + value for key, value in CELLS.items()}
    (raw,) = [r for r in rows(integ(repo, "list", "--format", "csv", "--csv-raw")[1]) if r["id"] == "sprache-001"]
    assert {key: raw[key] for key in CELLS} == CELLS


def test_export_csv_guards_formulas_and_imports_back_byte_for_byte(tmp_path: Path) -> None:
    repo = formula_repo(tmp_path)
    before = {p: p.read_bytes() for p in (repo / "data").rglob("*.yaml")}
    sheet = tmp_path / "m.csv"
    assert integ(repo, "export", "--format", "csv", "--output", str(sheet))[0] == 0
    written = sheet.read_text(encoding="utf-8-sig")
    for value in CELLS.values():
        assert f"'{value}".replace('"', '""') in written
    assert integ(repo, "import", str(sheet))[0] == 0
    assert {p: p.read_bytes() for p in (repo / "data").rglob("*.yaml")} == before


def test_export_csv_raw_writes_the_cells_as_they_are(tmp_path: Path) -> None:
    repo = formula_repo(tmp_path)
    code, out, _err = integ(repo, "export", "--format", "csv", "--csv-raw")
    assert code == 0 and "'=HYPERLINK" not in out and '"=HYPERLINK(""https://example.org""' in out


@pytest.mark.parametrize("fmt", ["html", "md", "text"])
def test_the_report_keeps_a_forged_title_inside_its_line(tmp_path: Path, fmt: str) -> None:
    repo = make_repo(
        tmp_path, "title: Mama lernt Deutsch", f"title: {quoted('Mama' + chr(10) + FORGED + ' ##[error]x')}"
    )
    code, out, err = integ(repo, "report", "--format", fmt)
    assert code == 0 and "Mama" in out and commands(out + err) == []
