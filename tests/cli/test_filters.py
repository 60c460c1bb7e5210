"""The filter options are declared once (cli.filters.Filters) and every command that
selects measures takes all of them, spelled and explained the same way."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from integ_cli.cli import app
from integ_cli.cli.filters import Filters

COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]
SELECTING = ("list", "report", "export")
DECLARED = {member.name for member in dataclasses.fields(Filters)}
runner = CliRunner()


def _filter_options(command: str) -> dict[str, tuple[Any, ...]]:
    """The command's options that come from Filters: name -> how it is spelled and helped
    (in English: the help is put into the current language as it is shown)."""
    runner.invoke(app, [command, "--help"])
    return {
        param.name: (tuple(param.opts), tuple(param.secondary_opts), param.multiple, param.is_flag, param.help)
        for param in COMMANDS[command].params
        if param.name in DECLARED
    }


@pytest.mark.parametrize("command", SELECTING)
def test_each_selecting_command_takes_every_declared_filter(command: str) -> None:
    assert DECLARED, "Filters declares no option"
    assert set(_filter_options(command)) == DECLARED


def test_the_filters_are_the_same_options_in_every_command() -> None:
    first, *others = (_filter_options(command) for command in SELECTING)
    for options in others:
        assert options == first


def test_the_filters_reach_the_query(repo: Path) -> None:
    """Given on the command line, every filter ends up in the one Filters object."""
    received: list[Filters] = []
    original = Filters.query

    def spy(self: Filters, *args: Any, **kwargs: Any) -> Any:
        received.append(self)
        return original(self, *args, **kwargs)

    args = ["-t", "kinder", "--exact", "--field", "sprache", "--priority", "--actor", "vhs", "--lead-only"]
    args += ["--district", "brand", "--no-city-wide", "--status", "active", "--horizon", "mid"]
    args += ["--year", "2026", "-q", "sprach"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Filters, "query", spy)
        for command in SELECTING:
            runner.invoke(app, [command, *args, *(["-o", "x.csv"] if command == "export" else [])])
    assert len(received) == len(SELECTING)
    assert all(selection == received[0] for selection in received)
    assert all(getattr(received[0], name) not in (None, False) for name in DECLARED)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--status", "laufend"], ["sprache-001"]),
        (["--status", "Abgeschlossen"], ["wohnen-001"]),
        (["-t", "mütter"], ["sprache-001", "wohnen-001"]),
        (["-t", "Kinder im Vorschulalter"], ["sprache-002"]),
        (["--field", "Sprache"], ["sprache-001", "sprache-002"]),
    ],
)
def test_filters_take_german_names(repo: Path, args: list[str], expected: list[str]) -> None:
    import json

    result = runner.invoke(app, ["list", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [record["id"] for record in json.loads(result.stdout)] == expected


def test_a_name_that_fits_several_entries_lists_them(repo: Path) -> None:
    result = runner.invoke(app, ["list", "-t", "kind"])
    assert result.exit_code == 2
    assert "did you mean 'kinder' (Kinder) or 'vorschulkinder' (Kinder im Vorschulalter)" in result.stderr


def test_status_completion_offers_codes_for_german_starts(repo: Path) -> None:
    from integ_cli.cli.filters import complete_status

    ctx = typer.Context(typer.main.get_command(app))
    assert complete_status(ctx, "lau") == [("active", "laufend")]
    assert complete_status(ctx, "act") == [("active", "laufend")]


def test_target_group_completion_offers_ids_for_a_start_of_their_name(repo: Path) -> None:
    from integ_cli.cli.filters import complete_target_groups

    ctx = typer.Context(typer.main.get_command(app))
    assert complete_target_groups(ctx, "mü") == [("junge-muetter", "Junge Mütter")]
    assert [entry_id for entry_id, _ in complete_target_groups(ctx, "kinder")][:2] == ["kinder-jugendliche", "kinder"]
