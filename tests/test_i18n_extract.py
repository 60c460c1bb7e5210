"""The catalog gets each command's help exactly as the help shows it: the reflowed
docstring of every ``@commands.command`` and the names of the help panels."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import typer
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from integ_cli.cli import app
from integ_cli.i18n_extract import extract_commands, help_messages, reflow
from tests.conftest import PROJECT

SOURCE = '''
from integ_cli.i18n import N_, _

commands = command_group("Check")


@commands.command("list")
def list_measures(sort: Annotated[str, typer.Option(help=N_("Order by id."), rich_help_panel="Sorting")]) -> None:
    """List the measures that match
    every filter given.

    Example:  integ list
    Example:  integ list --sort -budget
    """
    print(_("no measure matches"))


def helper() -> None:
    """Not a command: no help of it is shown."""
'''


def test_a_commands_help_is_its_docstring_reflowed_as_the_help_shows_it() -> None:
    assert reflow("One\n    line.\n\n    Example:  integ a\n    Example:  integ b\n") == (
        "One line.\n\nExample:  integ a\nExample:  integ b"
    )


def test_the_help_messages_of_a_module_are_its_commands_docstrings_and_panel_names() -> None:
    assert sorted(text for _, text in help_messages(SOURCE)) == [
        "Check",
        "List the measures that match every filter given.\n\nExample:  integ list\nExample:  integ list --sort -budget",
        "Sorting",
    ]


def test_the_extractor_also_finds_what_the_python_extractor_finds() -> None:
    found = list(extract_commands(io.BytesIO(SOURCE.encode()), {"_": None, "N_": None}, [], {}))
    messages = {message for _, _, message, _ in found}
    assert {"Order by id.", "no measure matches", "Check"} <= messages


def template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The message ids of the catalog template, made as the README's workflow makes it."""
    monkeypatch.chdir(PROJECT)
    pot = tmp_path / "integ.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg", "-o", str(pot), "."])
    with pot.open("rb") as file:
        return {str(message.id) for message in read_po(file) if message.id}


def test_the_catalog_template_holds_the_help_and_panel_of_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = template(tmp_path, monkeypatch)
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for name, command in commands.items():
        assert command.help in ids, f"the help of 'integ {name}' is not in the catalog template"
        assert command.rich_help_panel in ids, f"the panel of 'integ {name}' is not in the catalog template"
