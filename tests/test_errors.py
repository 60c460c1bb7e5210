"""One error path: an IntegError raised anywhere under a command becomes one line on
stderr and its exit code (README, "Exit codes"), never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from integ_cli.checking import catalogue
from integ_cli.cli import app
from integ_cli.errors import DataError, IntegError, UsageError
from integ_cli.exitcodes import ExitCode

runner = CliRunner()


class Flooded(DataError):
    """An error the core does not have: the handler must not need to know it."""


class Unplugged(UsageError):
    pass


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (Flooded("the measures are under water"), 1),
        (Unplugged("the repository is unplugged"), 2),
        (IntegError("a plain error with its own code", ExitCode.PROBLEMS), 1),
    ],
)
def test_an_integ_error_from_the_core_is_one_line_and_its_exit_code(
    repo: Path, monkeypatch: pytest.MonkeyPatch, error: IntegError, code: int
) -> None:
    def raising(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(catalogue, "stream_catalogue", raising)  # what integ list loads through
    result = runner.invoke(app, ["list"])
    assert result.exit_code == code
    assert result.stderr == f"integ: error: {error}\n"
    assert result.stdout == ""
    assert not isinstance(result.exception, IntegError)  # handled, not escaped to the runner


def test_an_error_that_is_no_integ_error_is_not_swallowed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def raising(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(catalogue, "stream_catalogue", raising)  # what integ list loads through
    result = runner.invoke(app, ["list"])
    assert isinstance(result.exception, ZeroDivisionError)
    assert "integ: error" not in result.stderr


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "integ_cli", *args], capture_output=True, text=True, cwd=cwd)


def test_a_data_error_through_python_dash_m(repo: Path) -> None:
    result = _run("status", "sprache-099", "active", cwd=repo)
    assert result.returncode == 1
    assert result.stderr.startswith("integ: error: unknown measure 'sprache-099'")
    assert result.stderr.count("\n") == 1


def test_a_usage_error_through_python_dash_m(repo: Path, tmp_path: Path) -> None:
    result = _run("--repo", str(tmp_path / "nowhere"), "list", cwd=repo)
    assert result.returncode == 2
    assert result.stderr.startswith("integ: error: --repo names ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
