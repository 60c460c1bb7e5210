"""``integ validate`` through the CLI: exit codes, formats, streams."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

import integ_cli
from integ_cli.cli import app
from tests.conftest import edit

runner = CliRunner()
M1 = "data/measures/sprache-001.yaml"


def test_valid_repository_exits_0(repo: Path) -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "8 files checked: no problems" in result.stderr


def test_problem_line_is_file_line_col(repo: Path) -> None:
    edit(repo / M1, "status: active", "status: no")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{M1}:12:1: error: 'status' is 'no', expected one of: planned, active, completed, suspended, dropped, unknown"
        " [schema-enum]\n"
    )
    assert "1 error in 1 file" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_json_format(repo: Path) -> None:
    edit(repo / M1, "  - junge-muetter", "  - jugend")
    result = runner.invoke(app, ["validate", "--format", "json"])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["valid"] is False
    assert document["files_checked"] == 8
    [problem] = document["problems"]
    assert problem == {
        "file": M1,
        "line": 8,
        "column": 5,
        "path": "target_groups[0]",
        "code": "unknown-target-group",
        "severity": "error",
        "message": "unknown target group 'jugend'; did you mean 'jugendliche' or 'kinder-jugendliche'?",
    }


def test_github_format_and_automatic_choice(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo / M1, "status: active", "status: no")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"::error file={M1},line=12,col=1,title=schema-enum::'status' is 'no'")
    text = runner.invoke(app, ["validate", "--format", "text"])
    assert text.stdout.startswith(f"{M1}:12:1: error:")


def test_junit_format(repo: Path) -> None:
    edit(repo / M1, "status: active", "status: no")
    result = runner.invoke(app, ["validate", "--format", "junit"])
    assert result.exit_code == 1
    suite = ElementTree.fromstring(result.stdout).find("testsuite")
    assert suite is not None
    assert suite.get("tests") == "8" and suite.get("failures") == "1"
    failed = [case for case in suite if case.find("failure") is not None]
    assert [case.get("name") for case in failed] == [M1]
    assert "12:1" in (failed[0].find("failure").text or "")  # type: ignore[union-attr]


def test_validate_given_paths(repo: Path) -> None:
    edit(repo / "data/measures/wohnen-001.yaml", "status: completed", "status: done")
    assert runner.invoke(app, ["validate", M1]).exit_code == 0
    result = runner.invoke(app, ["validate", "data/measures"])
    assert result.exit_code == 1
    assert "wohnen-001.yaml:9:1" in result.stdout


def test_given_file_is_checked_against_the_folder_without_listing_it(repo: Path) -> None:
    # A link out of the repository elsewhere in the folder is left to a whole validate
    # (what the pre-commit hook runs on a commit's files does not list the others)...
    (repo.parent / "outside.yaml").write_bytes((repo / M1).read_bytes())
    (repo / "data/measures/fremd-001.yaml").symlink_to(repo.parent / "outside.yaml")
    edit(repo / M1, "status: active", "supersedes: wohnen-001\nstatus: active")
    edit(repo / "data/measures/wohnen-001.yaml", "status: completed", "superseded_by: sprache-001\nstatus: completed")
    result = runner.invoke(app, ["validate", M1])
    assert (result.exit_code, result.stdout) == (0, "")
    assert "1 file checked: no problems" in result.stderr
    whole = runner.invoke(app, ["validate"])
    assert whole.exit_code == 1
    assert "data/measures/fremd-001.yaml: error: this is a link to a file outside" in whole.stdout
    # ...while the named file's links are still looked up in the folder.
    edit(repo / M1, "supersedes: wohnen-001", "supersedes: wohnen-009")
    result = runner.invoke(app, ["validate", M1])
    assert result.exit_code == 1
    assert f"{M1}:" in result.stdout and "wohnen-009" in result.stdout


def test_named_file_that_is_no_record_is_refused_as_in_a_whole_check(repo: Path) -> None:
    os.mkfifo(repo / "data/measures/rohr-001.yaml")
    result = runner.invoke(app, ["validate", "data/measures/rohr-001.yaml"])
    assert result.exit_code == 1
    assert "data/measures/rohr-001.yaml: error: this is a named pipe" in result.stdout


def test_stray_yml_file_is_reported(repo: Path) -> None:
    shutil.copy(repo / M1, repo / "data/measures/sprache-003.yml")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert "data/measures/sprache-003.yml: error:" in result.stdout
    assert "rename it to 'sprache-003.yaml'" in result.stdout


def test_no_repository_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("INTEG_REPO", raising=False)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
    assert "no data repository found" in result.stderr
    assert result.stdout == ""


def test_repo_option_and_environment(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert runner.invoke(app, ["--repo", str(repo), "validate"]).exit_code == 0
    monkeypatch.setenv("INTEG_REPO", str(repo))
    assert runner.invoke(app, ["validate"]).exit_code == 0
    result = runner.invoke(app, ["--repo", str(elsewhere), "validate"])
    assert result.exit_code == 2
    assert "holds no data repository" in result.stderr


def test_unknown_format_is_a_usage_error(repo: Path) -> None:
    result = runner.invoke(app, ["validate", "--format", "xml"])
    assert result.exit_code == 2


def test_path_outside_repository_is_a_usage_error(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "x.yaml"
    outside.write_text("a: 1\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(outside)])
    assert result.exit_code == 2
    assert "outside the repository" in result.stderr


def test_broken_schema_is_an_environment_error(repo: Path) -> None:
    (repo / "schemas").mkdir()
    (repo / "schemas/measure.schema.json").write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
    assert "schemas/measure.schema.json cannot be read" in result.stderr


def test_repository_schemas_govern_it(repo: Path) -> None:
    from integ_cli.checking.schema import PACKAGED

    (repo / "schemas").mkdir()
    for schema in PACKAGED.glob("*.schema.json"):
        shutil.copy(schema, repo / "schemas" / schema.name)
    edit(repo / "schemas/measure.schema.json", '"minLength": 3,\n      "maxLength": 200', '"minLength": 30')
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert "'title' is too short" in result.stdout


def test_installed_command_in_a_subprocess(repo: Path) -> None:
    """The real console script: piped output carries no colour codes, exit code 1."""
    edit(repo / M1, "status: active", "status: no")
    integ = shutil.which("integ", path=str(Path(sys.executable).parent))
    assert integ is not None, "the integ console script is installed next to python"
    result = subprocess.run([integ, "validate"], capture_output=True, text=True, cwd=repo, check=False)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{M1}:12:1: error:")
    assert "\x1b[" not in result.stdout
    module = subprocess.run(
        [sys.executable, "-m", "integ_cli", "--version"], capture_output=True, text=True, check=False
    )
    assert module.returncode == 0
    assert module.stdout.startswith("integ ")


def test_colour_on_a_terminal_only_without_no_color(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo / M1, "status: active", "status: no")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[31merror" in runner.invoke(app, ["validate"]).stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in runner.invoke(app, ["validate"]).stdout


def test_path_errors_in_german(repo: Path, german: None) -> None:
    result = runner.invoke(app, ["validate", "data/measures/fehlt.yaml"])
    assert result.exit_code == 2
    assert result.stderr == "integ: Fehler: 'data/measures/fehlt.yaml' gibt es nicht\n"


def test_validating_valid_data_imports_nothing_it_does_not_need(repo: Path) -> None:
    """Start-up is most of what validating a small repository costs: the report's
    model, the name matching for filters, rich, the temporary-file names of writes
    and HTML escaping are for other commands, or for a problem found."""
    code = (
        "import sys\nunneeded = sys.argv[1:]\nsys.argv = ['integ', 'validate']\nfrom integ_cli.cli import main\n"
        "try:\n    main()\nexcept SystemExit as done:\n"
        "    print('exit', done.code, *sorted(set(unneeded) & set(sys.modules)))"
    )
    unneeded = ["integ_cli.report.model", "integ_cli.query_values", "rich", "typer.rich_utils", "secrets", "html"]
    source = {"PYTHONPATH": str(Path(integ_cli.__file__).parents[1])}  # this integ, whatever is installed
    done = subprocess.run(
        [sys.executable, "-c", code, *unneeded], capture_output=True, text=True, check=True, env=os.environ | source
    )
    assert done.stdout == "exit 0\n"


def test_simple_valid_files_need_no_pyyaml(repo: Path) -> None:
    """Where every file takes the fast path, a valid repository is checked without
    importing PyYAML (a sixth of the start-up); a problem still brings its positions."""
    code = (
        "import runpy, sys\n"
        "sys.argv = ['integ', 'validate']\n"
        "try:\n"
        "    runpy.run_module('integ_cli', run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    print(done.code, 'yaml' in sys.modules, file=sys.stderr)\n"
    )

    def run() -> list[str]:
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        return result.stderr.splitlines()[-1:]

    assert run() == ["0 False"]
    edit(repo / M1, "status: active", "status: no")
    assert run() == ["1 True"]
