"""Help and usage errors in integ's language, translated whenever they are shown.

Command help is kept in English in the click objects (the reflowed docstring, the
``N_()``-marked ``help=`` of each option, the panel names) and translated with ``_()`` at
the moment it is read: :class:`TranslatedHelp`, mixed into every integ command and the
``integ`` group, reads ``help``, ``short_help`` and ``rich_help_panel`` through
:class:`Translated`, and gives each parameter its help in the current language as the
help is built (:meth:`TranslatedHelp.get_params`). Tests switch the language inside one
process (``i18n.setup``), so nothing is translated once and kept.

Typer 0.26 and later ship their own copy of Click (``typer._click``) with its messages as
plain English strings, no longer marked for gettext. The ones every user meets are given
their words here, from integ's catalog: the ``Usage:`` line, the help option's text and
the completion options', and the common usage errors (:func:`translated_errors`).
Typer's own strings ("Options", "Error", "Try ... for help.") are gettext-marked and come
from the ``typer`` catalog (see :mod:`integ_cli.i18n`); those Typer keeps as module
constants are refreshed before each use by :func:`retitle_typer`.
"""

from __future__ import annotations

import re
import sys
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from typer._click.core import Command, Context, Parameter
from typer._click.exceptions import BadParameter, MissingParameter, NoSuchOption, UsageError
from typer._click.formatting import HelpFormatter

from integ_cli import i18n
from integ_cli.i18n import N_, _

#: The help of the options Click and Typer add (the help option; the completion options of
#: the top command), by parameter name.
ADDED_HELP = {
    "help": N_("Show this message and exit."),
    "install_completion": N_("Install completion for the current shell."),
    "show_completion": N_("Show completion for the current shell, to copy it or customize the installation."),
}

#: The strings ``typer.rich_utils`` translates once, as it is imported, by constant name:
#: the English is Typer's message id in the ``typer`` catalog.
TYPER_TEXTS = {
    "DEPRECATED_STRING": "(deprecated) ",
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}

#: Click's and Typer's English usage-error texts, and the message each becomes. The
#: English message reads as Click's (but "int" and "int range" say "integer", and a path
#: that is missing or not permitted is named without its kind).
CLICK_MESSAGES = (
    (r"(?P<message>.+)\. Did you mean (?P<suggestions>.+)\?", N_("{message}. Did you mean {suggestions}?")),
    (r"(?P<value>.+) is not one of (?P<choices>.+)\.", N_("{value} is not one of {choices}.")),
    (r"(?P<value>.+) is not a valid (?:integer|int|int range)\.", N_("{value} is not a valid integer.")),
    (r"(?P<value>.+) is not a valid (?:float|float range)\.", N_("{value} is not a valid float.")),
    (r"(?P<value>.+) is not in the range (?P<range>.+)\.", N_("{value} is not in the range {range}.")),
    (r"File (?P<path>.+) is a directory\.", N_("File {path} is a directory.")),
    (r"Directory (?P<path>.+) is a file\.", N_("Directory {path} is a file.")),
    (r"(?:File|Directory|Path) (?P<path>.+) does not exist\.", N_("{path} does not exist.")),
    (r"(?:File|Directory|Path) (?P<path>.+) is not readable\.", N_("{path} cannot be read (no permission).")),
    (r"(?:File|Directory|Path) (?P<path>.+) is not writable\.", N_("{path} cannot be written (no permission).")),
    (r"Got unexpected extra argument\(s\) \((?P<arguments>.*)\)", N_("Got unexpected extra argument(s) ({arguments})")),
    (r"Option (?P<name>.+) requires an argument\.", N_("Option {name} requires an argument.")),
    (r"Option (?P<name>.+) does not take a value\.", N_("Option {name} does not take a value.")),
    (r"Choose from:\n\t(?P<choices>.+)", N_("Choose from:\n\t{choices}")),
)


@cache
def _click_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """:data:`CLICK_MESSAGES` compiled, on the first usage error: compiling them took
    every start-up half a millisecond."""
    return tuple((re.compile(pattern, re.DOTALL), text) for pattern, text in CLICK_MESSAGES)


class Translated:
    """An attribute of a click command that holds English and reads in integ's language."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_english_{name}"

    def __get__(self, command: object, owner: type | None = None) -> str | None:
        english: str | None = getattr(command, self.slot, None)
        return _(english) if english else english

    def __set__(self, command: object, value: str | None) -> None:
        setattr(command, self.slot, value)


#: Each parameter's help and panel as written (English), kept beside the parameter.
_ENGLISH: weakref.WeakKeyDictionary[Parameter, tuple[str | None, str | None]] = weakref.WeakKeyDictionary()


def _speak(param: Parameter) -> None:
    """Give ``param`` its help and panel in the current language."""
    if param not in _ENGLISH:
        english_help = ADDED_HELP.get(param.name or "", getattr(param, "help", None))
        _ENGLISH[param] = (english_help, getattr(param, "rich_help_panel", None))
    english_help, english_panel = _ENGLISH[param]
    if english_help:
        param.help = _(english_help)  # type: ignore[attr-defined]
    if english_panel:
        param.rich_help_panel = _(english_panel)  # type: ignore[attr-defined]


def typer_text(name: str) -> str:
    """One of :data:`TYPER_TEXTS`, by its constant's name, in the current language."""
    return i18n.catalog(i18n.TYPER_DOMAIN, i18n.current()).gettext(TYPER_TEXTS[name])


def retitle_typer() -> None:
    """Typer's help titles and hints, which it translates as ``typer.rich_utils`` is
    imported, in the current language: the language may have changed since."""
    rich_utils = sys.modules.get("typer.rich_utils")
    if rich_utils is None:  # not imported yet: it translates them in the current language
        return
    for name in TYPER_TEXTS:
        setattr(rich_utils, name, typer_text(name))


class TranslatedHelp(Command):
    """Mixed in before a Typer command or group class: its help, panel, usage line, help
    option and parameters' help in integ's language, whenever they are read."""

    help = Translated()  # type: ignore[assignment]
    short_help = Translated()  # type: ignore[assignment]
    rich_help_panel = Translated()

    def get_params(self, ctx: Context) -> list[Parameter]:
        params = super().get_params(ctx)
        for param in params:
            _speak(param)
        return params

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        retitle_typer()
        super().format_help(ctx, formatter)

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=_("Usage: "))


def click_message(text: str) -> str:
    """One of Click's English messages (:data:`CLICK_MESSAGES`) in integ's language;
    any other text as it is."""
    for pattern, message in _click_patterns():
        found = pattern.fullmatch(text)
        if found:
            return _(message).format(**{key: click_message(value) for key, value in found.groupdict().items()})
    return text


def _hint(error: BadParameter) -> str | None:
    """How the error names its parameter (``'--year'``, ``'ID'``), as Click would."""
    hint = error.param_hint
    if hint is None and error.param is not None:
        hint = error.param.get_error_hint(error.ctx)  # type: ignore[arg-type]
    if hint is not None and not isinstance(hint, str):
        hint = " / ".join(repr(part) for part in hint)
    return hint


def message(error: UsageError) -> str:
    """The message of a usage error, in integ's language where its kind is known."""
    if isinstance(error, MissingParameter):
        kind = error.param_type or (error.param.param_type_name if error.param is not None else "parameter")
        texts = {
            "argument": _("Missing argument {hint}."),
            "option": _("Missing option {hint}."),
        }
        text = texts.get(kind, _("Missing parameter {hint}.")).format(hint=_hint(error))
        extra = error.param.type.get_missing_message(param=error.param, ctx=error.ctx) if error.param else None
        extra = click_message(extra) if extra else extra
        return " ".join(part for part in (text, error.message, extra) if part)
    if isinstance(error, BadParameter):
        hint = _hint(error)
        detail = click_message(error.message)
        if hint is None:
            return _("Invalid value: {message}").format(message=detail)
        return _("Invalid value for {hint}: {message}").format(hint=hint, message=detail)
    if isinstance(error, NoSuchOption):
        text = _("No such option: {name}").format(name=error.option_name)
        if error.possibilities:
            text += " " + _("(Possible options: {options})").format(options=", ".join(sorted(error.possibilities)))
        return text
    return click_message(error.format_message())


@contextmanager
def translated_errors() -> Iterator[None]:
    """Re-raise a usage error with its message in integ's language (same exit code, same
    usage line and help hint, which Typer prints from the error's context)."""
    try:
        yield
    except (BadParameter, NoSuchOption) as error:
        raise UsageError(message(error), error.ctx) from None
    except UsageError as error:
        error.message = message(error)
        raise
