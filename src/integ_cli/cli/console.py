"""Where output goes and how it looks: data on stdout, messages on stderr, colour on a
terminal only (``NO_COLOR`` honoured), plain text when piped.

Every command writes through these functions, so the ``integ: error: ...``,
``integ: warning: ...`` and ``integ: ...`` lines are spelled in one place and the
streams are looked up when written to (tests swap them). Only the standard library
is imported at module level.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from integ_cli.render.grid import Display


def out(text: str) -> None:
    """Data for stdout, as it is (renderers end their own lines)."""
    sys.stdout.write(text)


def err(text: str) -> None:
    """Text for stderr as it is: rendered problems, a summary, next steps."""
    sys.stderr.write(text)


def _harmless(message: str) -> str:
    """``message`` with what data it quotes made harmless (a file name holding a line
    break and ``::error ...`` must not start a workflow command in a CI log); the
    message's own line breaks stay."""
    from integ_cli.render.safe import text_lines

    return "\n".join(text_lines(message))


def error(message: str) -> None:
    """One error line on stderr (the exit code is the caller's)."""
    from integ_cli.i18n import _

    err(_("integ: error: {message}").format(message=_harmless(message)) + "\n")


def warning(message: str) -> None:
    """One warning line on stderr: something was left out, the command goes on."""
    from integ_cli.i18n import _

    err(_("integ: warning: {message}").format(message=_harmless(message)) + "\n")


def note(message: str) -> None:
    """One line on stderr about what the command did (nothing matched, where a file went)."""
    err(f"integ: {_harmless(message)}\n")


def is_terminal() -> bool:
    """Whether stdout is a terminal (a function, so tests can pretend it is)."""
    return sys.stdout.isatty()


def use_colour(stream: TextIO) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def display(output_format: str | None) -> tuple[str, Display]:
    """The format to use (``table`` on a terminal, else plain ``text``, unless one is
    asked for) and how stdout looks: colour or not, how wide."""
    import shutil

    from integ_cli.render.grid import Display

    terminal = is_terminal()
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() else shutil.get_terminal_size().columns if terminal else None
    fmt = output_format if output_format is not None else "table" if terminal else "text"
    return fmt, Display(use_colour(sys.stdout), width)
