"""``integ codes``: the values of the codelists (status, horizon, ...) a repository's
schemas define, with the German and English names integ shows and accepts."""

from collections.abc import Iterable
from typing import Annotated

import typer

from integ_cli.cli import console
from integ_cli.cli.app import command_group, fail, repo_root
from integ_cli.cli.formats import RegistryChoice
from integ_cli.i18n import N_, _

commands = command_group("Query and report")


def _formats() -> Iterable[str]:
    from integ_cli.render.codes import FORMATS

    return FORMATS


def _complete_lists(incomplete: str) -> list[str]:
    from integ_cli.codelists import LOCATIONS

    return [key for key in LOCATIONS if key.startswith(incomplete)]


@commands.command()
def codes(
    ctx: typer.Context,
    codelist: Annotated[
        str | None,
        typer.Argument(
            metavar="LIST",
            help=N_("The codelist to show (status, horizon, source, ...). Without it: every list."),
            autocompletion=_complete_lists,
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            click_type=RegistryChoice(_formats),
            help=N_("table: for the terminal (the default there); text: plain columns (the default when piped); json."),
            show_default=False,
        ),
    ] = None,
) -> None:
    """The values records may take where the schemas give a list of codes (status,
    horizon, funding source, actor kind, ...), as the repository's schemas define
    them, with their names.

    Options and commands accept a code, its German name or an alias (integ status
    ID laufend); files keep the code. A city adds a value by adding it to the enum
    of its own schemas/measure.schema.json (and its names under x-integ-labels).

    Example:  integ codes status
    Example:  integ codes --format json
    """
    from integ_cli.codelists import LOCATIONS, of_repository
    from integ_cli.render.codes import render_codes
    from integ_cli.suggest import did_you_mean

    if codelist is not None and codelist not in LOCATIONS:
        hint = did_you_mean(codelist, list(LOCATIONS))
        if hint:
            fail(_("no codelist '{name}'{did_you_mean}").format(name=codelist, did_you_mean=hint))
        fail(_("no codelist '{name}'; known: {known}").format(name=codelist, known=", ".join(LOCATIONS)))
    found = of_repository(repo_root(ctx))
    shown = [found[codelist]] if codelist is not None else list(found)
    fmt, display = console.display(output_format)
    console.out(render_codes(shown, fmt, display))
