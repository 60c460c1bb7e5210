"""``integ init``: scaffold a new city's data repository."""

from pathlib import Path
from typing import Annotated

import typer

from integ_cli.cli import console
from integ_cli.cli.app import command_group, fail
from integ_cli.i18n import N_, _

commands = command_group("Set up")


@commands.command()
def init(
    path: Annotated[
        Path,
        typer.Argument(
            help=N_("The folder to create; it may exist if it is empty."), metavar="PATH", show_default=False
        ),
    ],
    example: Annotated[
        bool,
        typer.Option(
            "--example",
            help=N_(
                "Copy the bundled example data (seven action fields, vocabularies, illustrative "
                "measures) instead of starting with empty vocabularies."
            ),
        ),
    ] = False,
    city: Annotated[
        str | None,
        typer.Option(
            "--city", help=N_("The city's name: names the city-wide district and data/README.md."), metavar="NAME"
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help=N_(
                "integ's source repository (https://, ssh:// or file:// URL) that CI and pre-commit "
                "install integ from. Default: a placeholder to replace with the repository you trust."
            ),
            metavar="URL",
            show_default=False,
        ),
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option(
            "--rev",
            help=N_("The tag or commit of --source to install; never a branch. Default: this integ's version tag."),
            metavar="REV",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Create a new data repository: data/ folders and vocabularies, schemas, pre-commit and CI set-up.

    The new repository passes 'integ validate' at once. PATH must be new or an empty
    folder (a .git folder in it is fine); nothing is written outside it.

    Example:  integ init stadt-musterstadt --city Musterstadt
    Example:  integ init demo --example
    Example:  integ init stadt --source https://git.example.org/integ/integ.git --rev v0.1.0
    """
    from integ_cli.scaffold import files
    from integ_cli.scaffold.create import create, plan

    source_url = files.INTEG_SOURCE if source is None else source
    pinned_rev = files.INTEG_REV if rev is None else rev
    try:
        written = create(path, plan(city=city, example=example, source=source_url, rev=pinned_rev))
    except OSError as error:
        fail(_("cannot create '{path}': {reason}").format(path=path, reason=error.strerror or error))
    git = "" if (path / ".git").exists() else "git init && "
    cd = "" if path.resolve() == Path.cwd().resolve() else f"  cd {path}\n"
    next_steps = _(
        "created {path} ({n} files); next:\n"
        "{cd}"
        "  {git}pre-commit install     # check every commit (see .pre-commit-config.yaml)\n"
        "  integ validate"
    )
    console.err(next_steps.format(path=path, n=len(written), cd=cd, git=git) + "\n")
    if source is None:
        console.note(
            _(
                "note: CI and pre-commit install integ from {source}, a placeholder; "
                "put integ's repository there (INTEG_SOURCE, repo:) or run init with --source URL"
            ).format(source=files.INTEG_SOURCE)
        )
