"""``integ edition``: the group of the edition commands (:mod:`integ_cli.cli.edition_commands`)."""

from typer.core import TyperGroup

from integ_cli.cli.app import command_group
from integ_cli.cli.click_text import TranslatedHelp
from integ_cli.cli.edition_commands import commands as editions
from integ_cli.i18n import N_


class _Group(TranslatedHelp, TyperGroup):
    """The ``integ edition`` group: its help, usage line and help option in integ's language."""


commands = command_group("History (git)")
commands.add_typer(
    editions,
    name="edition",
    cls=_Group,
    help=N_(
        "The editions (Fortschreibungen) of the concept: list them, or freeze the current state as a new one."
        "\n\nExample:  integ edition list\nExample:  integ edition new 2018 --date 2018-06-20"
    ),
    rich_help_panel="History (git)",
    no_args_is_help=True,
)
