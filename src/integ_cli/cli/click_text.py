"""German for the strings of the Click that Typer carries inside it.

Typer 0.26 and later ship their own copy of Click (``typer._click``) with its messages as
plain English strings, no longer marked for gettext. The ones every user meets are given
their words here, from integ's catalog: the ``Usage:`` line, the help option's text and
the completion options' (:class:`TranslatedHelp`, mixed into every integ command), and the common usage errors,
missing argument or option, unknown option, invalid value (:func:`translated_errors`).
Typer's own strings ("Options", "Error", "Try ... for help.") are gettext-marked and come
from the ``typer`` catalog (see :mod:`integ_cli.i18n`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from typer._click.core import Command, Context, Parameter
from typer._click.exceptions import BadParameter, MissingParameter, NoSuchOption, UsageError
from typer._click.formatting import HelpFormatter

from integ_cli.i18n import N_, _

#: The help of the options Typer adds to the top command, by parameter name.
COMPLETION_HELP = {
    "install_completion": N_("Install completion for the current shell."),
    "show_completion": N_("Show completion for the current shell, to copy it or customize the installation."),
}


class TranslatedHelp(Command):
    """Mixed in before a Typer command or group class: its usage line, help option and
    Typer's completion options in integ's language."""

    def get_params(self, ctx: Context) -> list[Parameter]:
        params = super().get_params(ctx)
        for param in params:
            if param.name in COMPLETION_HELP:
                param.help = _(COMPLETION_HELP[param.name])  # type: ignore[attr-defined]
        return params

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=_("Usage: "))

    def get_help_option(self, ctx: Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


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
        return " ".join(part for part in (text, error.message, extra) if part)
    if isinstance(error, BadParameter):
        hint = _hint(error)
        if hint is None:
            return _("Invalid value: {message}").format(message=error.message)
        return _("Invalid value for {hint}: {message}").format(hint=hint, message=error.message)
    if isinstance(error, NoSuchOption):
        text = _("No such option: {name}").format(name=error.option_name)
        if error.possibilities:
            text += " " + _("(Possible options: {options})").format(options=", ".join(sorted(error.possibilities)))
        return text
    return error.format_message()


@contextmanager
def translated_errors() -> Iterator[None]:
    """Re-raise a usage error with its message in integ's language (same exit code, same
    usage line and help hint, which Typer prints from the error's context)."""
    try:
        yield
    except (BadParameter, NoSuchOption) as error:
        raise UsageError(message(error), error.ctx) from None
