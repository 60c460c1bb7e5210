"""Click's and Typer's own words (usage errors, help titles) in integ's language, and
unchanged in English."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import typer.rich_utils
from typer.testing import CliRunner

from integ_cli import i18n
from integ_cli.cli import app
from integ_cli.cli.click_text import TYPER_TEXTS, click_message

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "german", "english"),
    [
        (["validte"], "Unbekannter Befehl 'validte'. Meinten Sie 'validate'?", "Did you mean 'validate'?"),
        (
            ["list", "--format", "xls"],
            "Ungültiger Wert für '--format' / '-f': 'xls' ist nicht möglich; möglich sind 'table',",
            "Invalid value for '--format' / '-f': 'xls' is not one of 'table',",
        ),
        (
            ["list", "--limit", "0"],
            "Ungültiger Wert für '--limit': 0 liegt nicht im Bereich x>=1.",
            "Invalid value for '--limit': 0 is not in the range x>=1.",
        ),
        (
            ["list", "--limit", "drei"],
            "Ungültiger Wert für '--limit': 'drei' ist keine ganze Zahl.",
            "Invalid value for '--limit': 'drei' is not a valid integer.",
        ),
        (["show", "a", "b"], "Überzählige Argumente: b", "Got unexpected extra argument(s) (b)"),
        (["list", "--limit"], "Die Option '--limit' braucht einen Wert.", "Option '--limit' requires an argument."),
    ],
)
def test_usage_errors_in_german_and_english(
    repo: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], german: str, english: str
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    i18n.setup("de")
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert german in result.stderr
    assert "╭─ Fehler ─" in result.stderr
    i18n.setup("en")
    result = runner.invoke(app, args)
    assert english in result.stderr
    assert "╭─ Error ─" in result.stderr


def test_an_output_file_that_is_a_folder(repo: Path, german: None) -> None:
    result = runner.invoke(app, ["report", "--output", "data"], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "Ungültiger Wert für '--output' / '-o': 'data' ist ein Ordner, keine Datei." in result.stderr


def test_a_file_that_is_not_there(repo: Path, german: None) -> None:
    result = runner.invoke(app, ["federation", "validate", "nofile.yaml"], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "Ungültiger Wert für 'FILE': 'nofile.yaml' gibt es nicht." in result.stderr


def test_a_missing_choice_names_the_choices(repo: Path, german: None) -> None:
    result = runner.invoke(app, ["link", "sprache-001"], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "Das Argument 'KIND' fehlt. Möglich sind:" in result.stderr


def test_text_that_is_no_message_of_click_is_left_as_it_is(german: None) -> None:
    assert click_message("unknown status 'x'") == "unknown status 'x'"


def test_the_typer_texts_are_exactly_the_constants_typer_translates_as_it_is_imported() -> None:
    """Read from Typer's source: a constant Typer adds or a message it changes shows here."""
    source = ast.parse(Path(typer.rich_utils.__file__).read_text(encoding="utf-8"))
    translated = {
        node.targets[0].id: node.value.args[0].value
        for node in source.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id == "_"
        and isinstance(node.value.args[0], ast.Constant)
    }
    assert translated == TYPER_TEXTS


def test_typers_help_titles_follow_a_change_of_language(german: None) -> None:
    assert "╭─ Optionen ─" in runner.invoke(app, ["--help"]).stdout
    i18n.setup("en")
    assert "╭─ Options ─" in runner.invoke(app, ["--help"]).stdout
