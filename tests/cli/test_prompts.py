"""The questions integ asks on a terminal: what counts as an answer, and no answer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer._click import termui

from integ_cli.cli import prompts


def typed(monkeypatch: pytest.MonkeyPatch, *lines: str) -> list[str]:
    """The terminal answers ``lines``, then the input ends; returns what is left unread."""
    left = list(lines)

    def read(_prompt: str) -> str:
        if not left:
            raise EOFError
        return left.pop(0)

    monkeypatch.setattr(termui, "visible_prompt_func", read)
    return left


@pytest.mark.parametrize(
    ("answer", "meaning"),
    [
        *[("j", True), ("JA", True), ("Ja", True), ("y", True), ("Yes", True), (" ja ", True)],
        *[("n", False), ("NEIN", False), ("No", False), ("N", False)],
    ],
)
def test_yes_and_no_in_german_and_english_in_any_case(
    monkeypatch: pytest.MonkeyPatch, answer: str, meaning: bool
) -> None:
    typed(monkeypatch, answer)
    assert prompts.confirm("Write this?", default=not meaning) is meaning


@pytest.mark.parametrize("default", [True, False])
def test_enter_takes_the_default(monkeypatch: pytest.MonkeyPatch, default: bool) -> None:
    typed(monkeypatch, "")
    assert prompts.confirm("Write this?", default=default) is default


def test_anything_else_asks_again(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    left = typed(monkeypatch, "x", "jein", "oui", "n", "unread")
    assert prompts.confirm("Write this?", default=True) is False
    assert left == ["unread"]
    shown = capsys.readouterr()
    assert shown.err.count("Write this? [Y/n] ") == 4
    assert shown.err.count("Please answer yes or no (y or n).") == 3
    assert shown.out == ""  # questions go to stderr: stdout keeps the result


@pytest.mark.parametrize(
    "question",
    [
        lambda: prompts.confirm("Write this?", default=True),
        lambda: prompts.ask("Title", ""),
        lambda: prompts.choose("Which?", {"a": 1}, None, "a, please"),
    ],
)
def test_the_end_of_the_input_is_no_answer(monkeypatch: pytest.MonkeyPatch, question: Callable[[], object]) -> None:
    typed(monkeypatch)
    with pytest.raises(prompts.EndOfInput):
        question()


def test_choose_without_a_default_asks_again_on_enter(monkeypatch: pytest.MonkeyPatch) -> None:
    typed(monkeypatch, "", "B")
    assert prompts.choose("Which?", {"a": 1, "b": 2}, None, "a or b, please") == 2


def test_ask_shows_its_default_and_enter_takes_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed(monkeypatch, "  ", "kurz")
    assert prompts.ask("Status", "planned") == "planned"
    assert prompts.ask("Horizon", "") == "kurz"
    assert capsys.readouterr().err == "Status [planned]: Horizon: "


@pytest.mark.usefixtures("german")
def test_in_german_the_default_is_j(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    typed(monkeypatch, "vielleicht", "j", "")
    assert prompts.confirm("Schreiben?", default=True) is True
    assert prompts.confirm("Schreiben?", default=False) is False
    shown = capsys.readouterr().err
    assert "Schreiben? [J/n] " in shown and "Schreiben? [j/N] " in shown
    assert "Bitte antworten Sie mit ja oder nein (j oder n)." in shown
