"""The console: the message lines every command writes, and when output has colour."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest

from integ_cli.cli import console


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("say", "line"),
    [
        (console.error, "integ: error: no repository\n"),
        (console.warning, "integ: warning: no repository\n"),
        (console.note, "integ: no repository\n"),
    ],
)
def test_message_lines_go_to_stderr_only(
    capsys: pytest.CaptureFixture[str], say: Callable[[str], None], line: str
) -> None:
    say("no repository")
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", line)


def test_colour_on_a_terminal_only_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert console.use_colour(Terminal())
    assert not console.use_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not console.use_colour(Terminal())


def test_piped_output_is_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(console, "is_terminal", lambda: False)
    monkeypatch.delenv("COLUMNS", raising=False)
    fmt, display = console.display(None)
    assert fmt == "text"
    assert display.columns is None
