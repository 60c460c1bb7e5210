"""``--format`` offers exactly the renderers each command has, read from their tables
only when needed (building the commands for ``integ --help`` imports no renderer)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from integ_cli.cli import app
from integ_cli.cli.formats import RegistryChoice
from integ_cli.render import counts, history, problems, record, records
from integ_cli.render.report import formats as report

COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]
runner = CliRunner()


@pytest.mark.parametrize(
    ("command", "registry"),
    [
        ("validate", problems.RENDERERS),
        ("list", records.RENDERERS),
        ("show", record.RECORD_RENDERERS),
        ("fields", counts.FORMATS),
        ("target-groups", counts.FORMATS),
        ("actors", counts.FORMATS),
        ("districts", counts.FORMATS),
        ("report", report.RENDERERS),
        ("diff", history.RENDERERS["diff"]),
        ("changelog", history.RENDERERS["changelog"]),
        ("history", history.RENDERERS["history"]),
    ],
)
def test_the_format_choices_are_the_renderers(command: str, registry: object) -> None:
    [option] = [param for param in COMMANDS[command].params if "--format" in param.opts]
    assert isinstance(option.type, RegistryChoice)
    assert list(option.type.choices) == list(registry)  # type: ignore[call-overload]


def test_a_format_no_renderer_has_is_a_usage_error() -> None:
    result = runner.invoke(app, ["validate", "--format", "pdf"], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert f"'pdf' is not one of {', '.join(repr(key) for key in problems.RENDERERS)}." in result.stderr


def test_format_choices_complete_in_the_shell() -> None:
    result = runner.invoke(
        app, [], prog_name="integ", env={"_INTEG_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "integ list -f j"}
    )
    assert "json" in result.stdout and "yaml" not in result.stdout


def test_building_every_command_imports_no_renderer() -> None:
    code = (
        "import sys, typer; from integ_cli.cli import app; group = typer.main.get_command(app); "
        "[group.commands[name] for name in group.commands]; "
        "print(sorted(m for m in sys.modules if m.startswith(('yaml', 'integ_cli.render', 'integ_cli.history'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
