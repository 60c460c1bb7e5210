"""The application shell: the lazy command table, --version, unknown commands, and help
in the language of each run."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from integ_cli import __version__, i18n
from integ_cli.cli import app
from integ_cli.cli.app import COMMANDS

runner = CliRunner()


@pytest.mark.parametrize("module", sorted({entry.module for entry in COMMANDS.values()}))
def test_the_table_names_exactly_the_commands_each_module_defines(module: str) -> None:
    commands = importlib.import_module(f"integ_cli.cli.{module}").commands
    defined = {info.name or info.callback.__name__ for info in commands.registered_commands}  # type: ignore[union-attr]
    defined |= {info.name for info in commands.registered_groups}  # a group of commands, e.g. integ edition
    assert defined == {name for name, entry in COMMANDS.items() if entry.module == module}


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_listing_shows_each_commands_own_panel_and_first_paragraph(name: str, language: str) -> None:
    """The table's summary and panel are the command's, in both languages: the listing,
    which imports no command, reads the same as the command's own help."""
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    i18n.setup(language)
    entry = COMMANDS[name]
    assert (i18n._(entry.summary), i18n._(entry.panel)) == (
        (command.help or "").split("\n\n")[0],
        command.rich_help_panel,
    )


@pytest.mark.parametrize("args", [["--help"], []])
def test_the_listing_imports_no_command_module_and_no_rich(args: list[str]) -> None:
    code = (
        f"import sys\nsys.argv = ['integ', *{args!r}]\nfrom integ_cli.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('integ_cli.cli.', 'rich', 'typer.rich')))\n"
        "print(' '.join(loaded), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "validate" in done.stdout
    loaded = ["integ_cli.cli.app", "integ_cli.cli.click_text", "integ_cli.cli.console", "integ_cli.cli.listing"]
    assert done.stderr.split() == loaded


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
    result = runner.invoke(app, ["validte"])
    assert result.exit_code == 2
    assert "Did you mean 'validate'?" in result.stderr


def test_help_in_german(german: None) -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    for text in (
        "Aufruf: integ [OPTIONS] COMMAND [ARGS]...",
        "Das Integrationskonzept einer Stadt als geprüftes YAML führen",
        "╭─ Optionen ─",
        "Die Version ausgeben und beenden.",
        "╭─ Prüfen ─",
        "│ validate       Die Daten prüfen: Schemas, Verweise, Datumsangaben, Hierarchien.",
        "╭─ Abfragen und berichten ─",
        "╭─ Einrichten ─",
    ):
        assert text in result.stdout
    assert "Options" not in result.stdout


@pytest.mark.parametrize(
    ("command", "german", "english"),
    [
        (
            "validate",
            ("╭─ Argumente ─", "Die zu prüfenden Dateien oder Ordner", "Beispiel:  integ validate"),
            ("╭─ Arguments ─", "Files or folders to check", "Example:  integ validate"),
        ),
        (
            "list",
            ("Die Maßnahmen auflisten, auf die jeder angegebene Filter zutrifft", "Höchstens N Maßnahmen zeigen."),
            ("List the measures that match every filter given", "Show at most N measures."),
        ),
        (
            "report",
            ("Über den Stand des Konzepts berichten", "Den Bericht in FILE schreiben (atomar)", "╭─ Optionen ─"),
            ("Report on the state of the concept", "Write the report to FILE (atomically)", "╭─ Options ─"),
        ),
    ],
)
def test_a_commands_help_speaks_the_language_of_each_run(
    command: str, german: tuple[str, ...], english: tuple[str, ...]
) -> None:
    """One process, German then English: nothing is translated once and kept."""
    for language, expected, other in (("de", german, english), ("en", english, german)):
        i18n.setup(language)
        shown = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).stdout
        assert [text for text in expected if text not in shown] == []
        assert [text for text in other if text in shown] == []


def english_and_german(name: str) -> list[tuple[str, str, str]]:
    """What ``integ NAME --help`` says of the command and of each parameter, in
    English and in German: (what, English, German)."""
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    ctx = typer.Context(command, info_name=name)
    said: dict[str, list[str]] = {}
    for language in ("en", "de"):
        i18n.setup(language)
        said.setdefault("the command", []).append(command.help or "")
        for param in command.get_params(ctx):
            if param.help:  # type: ignore[attr-defined]
                said.setdefault(param.name or "", []).append(param.help)  # type: ignore[attr-defined]
    return [(what, english, german) for what, (english, german) in said.items()]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_and_each_of_its_options_has_german_help(name: str) -> None:
    untranslated = [what for what, english, german in english_and_german(name) if german == english]
    assert untranslated == [], (
        f"'integ {name} --help' is English for these in German; see README.md, 'Messages and translations'"
    )


def test_repo_given_twice_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--repo", str(tmp_path / "a"), "--repo", str(tmp_path / "b"), "list"])
    assert result.exit_code == 2 and result.stdout == ""
    assert f"--repo is given 2 times ('{tmp_path / 'a'}', '{tmp_path / 'b'}')" in result.stderr


def test_repo_given_twice_in_german(tmp_path: Path, german: None) -> None:
    result = runner.invoke(app, ["--repo", "a", "--repo", "b", "validate"])
    assert result.exit_code == 2 and "--repo ist 2-mal angegeben" in result.stderr


def test_completing_a_command_name_imports_no_command_module() -> None:
    """``integ va<TAB>`` (zsh, which shows each command's short help): from the table."""
    code = (
        "import sys\nsys.argv = ['integ']\nfrom integ_cli.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('integ_cli.cli.'))), file=sys.stderr)"
    )
    environ = {"_INTEG_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "integ va", "INTEG_LANG": "en"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ | environ
    )
    assert done.stdout == """_arguments '*: :(("validate":"Check the data\\\\: schemas, references,..."))'\n"""
    assert done.stderr.split() == ["integ_cli.cli.app", "integ_cli.cli.click_text"]


@pytest.mark.parametrize("args", [["list"], ["list", "--format", "json"], ["report"]])
def test_a_reader_that_goes_away_ends_the_run_silently_with_the_pipe_signals_code(repo: Path, args: list[str]) -> None:
    """``integ list | head``: the reader closes the pipe before the output ends. The run
    ends without a word, with 141 as a shell gives a program SIGPIPE ended: the output
    was cut short, which is no success, nor "the data has problems" (1)."""
    command = [sys.executable, "-m", "integ_cli", "--repo", str(repo), *args]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as run:
        assert run.stdout is not None and run.stderr is not None
        run.stdout.close()  # before integ writes a byte: its first write finds no reader
        errors = run.stderr.read()
        code = run.wait()
    assert (code, errors) == (141, b"")
