"""``integ --help`` drawn without rich: it reads as Typer's rich help of the group did,
in each language and width; colour only where asked for; boxes that hold in a narrow
terminal."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from integ_cli import i18n
from integ_cli.cli import app
from integ_cli.cli.app import COMMANDS
from integ_cli.cli.listing import width

runner = CliRunner()
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(autouse=True)
def _no_colour_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERMINAL_WIDTH", "GITHUB_ACTIONS", "PY_COLORS"):
        monkeypatch.delenv(name, raising=False)


def rich_listing(columns: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """What Typer's rich help printed for ``integ --help`` (every command loaded)."""
    import typer.rich_utils  # here only: the listing must not need it

    from integ_cli.cli.click_text import retitle_typer

    monkeypatch.setenv("COLUMNS", str(columns))
    group = typer.main.get_command(app)
    retitle_typer()
    with group.make_context("integ", [], resilient_parsing=True) as ctx:
        capsys.readouterr()
        typer.rich_utils.rich_format_help(obj=group, ctx=ctx, markup_mode="rich")
    return "".join(line.rstrip() + "\n" for line in capsys.readouterr().out.splitlines())


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("columns", [60, 80, 120])
def test_the_listing_reads_as_typers_rich_help(
    language: str, columns: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    i18n.setup(language)
    expected = rich_listing(columns, monkeypatch, capsys)
    shown = runner.invoke(app, ["--help"], prog_name="integ", env={"COLUMNS": str(columns)})
    assert shown.exit_code == 0
    assert shown.stdout == expected + "\n"  # click ends the (already printed) help with a line break


def test_integ_alone_shows_the_listing_and_exits_2() -> None:
    shown = runner.invoke(app, [], prog_name="integ", env={"COLUMNS": "100"})
    assert shown.exit_code == 2
    helped = runner.invoke(app, ["--help"], prog_name="integ", env={"COLUMNS": "100"}).stdout
    assert shown.stdout + "\n" == helped  # as before: --help ends with an empty line, integ alone without
    assert shown.stderr == ""


def test_colour_only_where_asked_for() -> None:
    plain = runner.invoke(app, ["--help"], env={"COLUMNS": "80"}).stdout
    coloured = runner.invoke(app, ["--help"], env={"COLUMNS": "80", "FORCE_COLOR": "1"}).stdout
    assert ESCAPE.search(plain) is None
    assert "\x1b[1;36mvalidate" in coloured  # command names bold cyan, as Typer draws them
    assert ESCAPE.sub("", coloured) == plain
    assert runner.invoke(app, ["--help"], env={"COLUMNS": "80", "FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout == plain


@pytest.mark.parametrize("columns", [30, 45])
def test_in_a_narrow_terminal_the_boxes_hold_and_nothing_is_cut(columns: int) -> None:
    shown = runner.invoke(app, ["--help"], env={"COLUMNS": str(columns)}).stdout
    boxed = [line for line in shown.splitlines() if line[:1] in ("╭", "│", "╰")]
    assert boxed and all(len(line) == columns and line[-1] in "╮│╯" for line in boxed)
    words = " ".join(line.strip("│ ") for line in boxed).split()
    assert "data/measures/" in words and "--install-completion" in words
    assert all(name in words for name in COMMANDS)


def test_the_width_is_the_one_rich_would_take() -> None:
    assert width({"COLUMNS": "100"}) == 100
    assert width({"TERMINAL_WIDTH": "70", "COLUMNS": "100"}) == 70
