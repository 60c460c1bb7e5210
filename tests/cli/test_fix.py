"""integ fix on the command line: what it changes, --dry-run, and what is left."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from integ_cli.cli import app
from tests.conftest import edit

M1 = "data/measures/sprache-001.yaml"
runner = CliRunner()


def test_validate_points_to_fix_and_fix_mends_the_file(repo: Path) -> None:
    edit(repo / M1, "status: active", "status: laufend  # Stand Mai")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert f"{M1}:12:1: error: 'laufend' is the German name of 'active'" in result.stdout
    assert "integ fix" in result.stdout

    result = runner.invoke(app, ["fix", "--dry-run"])
    assert result.exit_code == 0
    assert f"{M1}:12: status: 'laufend' -> active" in result.stdout
    assert "nothing written" in result.stderr
    assert "laufend" in (repo / M1).read_text(encoding="utf-8")

    result = runner.invoke(app, ["fix"])
    assert result.exit_code == 0, result.output
    assert "status: active  # Stand Mai\n" in (repo / M1).read_text(encoding="utf-8")
    assert runner.invoke(app, ["validate"]).exit_code == 0


def test_fix_reports_what_is_still_wrong(repo: Path) -> None:
    edit(repo / M1, "status: active", "status: laufend")
    edit(repo / M1, "lead: stabsstelle-integration", "lead: nobody")
    result = runner.invoke(app, ["fix"])
    assert result.exit_code == 1
    assert "unknown actor 'nobody'" in result.stderr
    assert "status: active" in (repo / M1).read_text(encoding="utf-8")


def test_nothing_to_fix(repo: Path) -> None:
    result = runner.invoke(app, ["fix"])
    assert result.exit_code == 0
    assert "nothing to fix" in result.stderr
