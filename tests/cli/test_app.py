"""The application shell: the lazy command table, --version, unknown commands."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from integ_cli import __version__
from integ_cli.cli import app
from integ_cli.cli.app import COMMANDS

runner = CliRunner()


@pytest.mark.parametrize("module", sorted(set(COMMANDS.values())))
def test_the_table_names_exactly_the_commands_each_module_defines(module: str) -> None:
    commands = importlib.import_module(f"integ_cli.cli.{module}").commands
    defined = {info.name or info.callback.__name__ for info in commands.registered_commands}  # type: ignore[union-attr]
    defined |= {info.name for info in commands.registered_groups}  # a group of commands, e.g. integ edition
    assert defined == {name for name, owner in COMMANDS.items() if owner == module}


def test_start_up_imports_no_command_module() -> None:
    code = "import sys, integ_cli.cli; print(sorted(m for m in sys.modules if m.startswith('integ_cli.cli.')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['integ_cli.cli.app', 'integ_cli.cli.click_text']"


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"integ {__version__}\n"


def test_help_lists_every_command_in_table_order_under_headings() -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    positions = [result.stdout.find(f"│ {name} ") for name in COMMANDS]
    assert -1 not in positions
    assert positions == sorted(positions)
    assert "─ Edit measures ─" in result.stdout


def test_an_unknown_command_is_a_usage_error_with_a_suggestion() -> None:
    result = runner.invoke(app, ["valdate"])
    assert result.exit_code == 2
    assert "Did you mean 'validate'?" in result.stderr
