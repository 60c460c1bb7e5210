"""Questions on the terminal that never lose work: what counts as an answer, and what
happens when there is none.

A yes/no question takes ``j``, ``ja``, ``n``, ``nein`` and ``y``, ``yes``, ``no``, in any
case and whichever language integ speaks (people type what their fingers know).
Anything else asks again: an answer that is not understood is never taken for yes or
no, because either could cost work. Enter takes the default, shown in capitals.

Questions and the text around them go to stderr, so stdout keeps only the result. They
are read through the prompt function of the Click inside Typer, which a test's
``CliRunner`` answers. Unlike ``typer.prompt``, which turns both into "Aborted!", the end
of the input (a pipe that runs dry, Ctrl-D) raises :class:`EndOfInput` and Ctrl-C
``KeyboardInterrupt``: only the caller knows what is at stake (a copy with changes, a
record not yet written) and so what to tell the user.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

import typer

from integ_cli.i18n import N_, _

Meaning = TypeVar("Meaning")

#: The answers that mean yes and no, in German and English, in lower case.
YES = ("j", "ja", "y", "yes")
NO = ("n", "nein", "no")
#: What the shell reports for a command stopped with Ctrl-C (128 + SIGINT), as ``integ`` exits.
INTERRUPTED = 130

#: The choices of a yes/no question, the default in capitals.
_DEFAULT_YES = N_("[Y/n]")
_DEFAULT_NO = N_("[y/N]")


class EndOfInput(Exception):
    """The input ended before the question was answered (no terminal, Ctrl-D)."""


def say(text: str) -> None:
    """A line for the person answering, on stderr."""
    typer.echo(text, err=True)


def read_line(prompt: str) -> str:
    """One line typed after ``prompt``; :class:`EndOfInput` where the input has ended."""
    from typer._click import termui  # looked up at each call: CliRunner replaces its prompt function

    typer.echo(prompt, nl=False, err=True)
    try:
        return termui.visible_prompt_func("")
    except EOFError:
        typer.echo(err=True)  # the next message starts on a line of its own
        raise EndOfInput from None


def ask(question: str, default: str = "") -> str:
    """The answer to an open question; Enter gives ``default``, shown in brackets where
    there is one (an empty default lets the question be skipped)."""
    answer = read_line(f"{question} [{default}]: " if default else f"{question}: ")
    return answer if answer.strip() else default


def choose(question: str, answers: Mapping[str, Meaning], default: Meaning | None, again: str) -> Meaning:
    """What the answer to ``question`` means: ``answers`` maps each word understood (lower
    case) to its meaning, Enter means ``default`` (with none, Enter asks again too), and
    anything else shows ``again`` (which says what to type) and asks again."""
    while True:
        answer = read_line(f"{question} ").strip().casefold()
        if not answer and default is not None:
            return default
        if answer in answers:
            return answers[answer]
        say(again)


def confirm(question: str, default: bool) -> bool:
    """A yes/no question (see the module's docstring for the answers it takes)."""
    choices = _(_DEFAULT_YES) if default else _(_DEFAULT_NO)
    answers = {**dict.fromkeys(YES, True), **dict.fromkeys(NO, False)}
    return choose(f"{question} {choices}", answers, default, _("Please answer yes or no (y or n)."))
