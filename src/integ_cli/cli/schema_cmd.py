"""``integ schema``: the JSON Schemas that govern a repository, printed, listed or written out."""

import os
from pathlib import Path
from typing import Annotated

import typer

from integ_cli.cli import console
from integ_cli.cli.app import Settings, command_group, fail
from integ_cli.i18n import N_, _, ngettext

commands = command_group("Set up")

#: Where a kind's schema comes from, in the list of ``integ schema`` without KIND.
PACKAGED_ORIGIN = N_("packaged")
REPOSITORY_ORIGIN = N_("repository")


def _kinds(incomplete: str) -> list[str]:
    """Shell completion for KIND."""
    from integ_cli.files.repository import KINDS

    return [kind for kind in KINDS if kind.startswith(incomplete)]


def _governing_root(ctx: typer.Context) -> Path | None:
    """The repository whose schemas count: the one named by --repo or $INTEG_REPO
    (an error where that is none), else the one around the current directory, else
    None (the packaged schemas: `integ schema` also works before `integ init`)."""
    from integ_cli.files.repository import ENV_VAR, RepositoryNotFound, find_root

    settings = ctx.find_object(Settings) or Settings()
    try:
        return find_root(settings.repo)
    except RepositoryNotFound as error:
        if settings.repo is not None or os.environ.get(ENV_VAR):
            fail(str(error))
        return None


@commands.command("schema")
def schema_command(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Argument(
            help=N_("A record kind (measure, field, concept, ...). Without it: list the kinds and their files."),
            metavar="KIND",
            show_default=False,
            autocompletion=_kinds,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=N_(
                "Write the schemas (all, or KIND's) into this folder, for editors and other tools; "
                "files of the same name there are replaced."
            ),
            metavar="DIR",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of a kind of record: the repository's own (schemas/), else integ's.

    Example:  integ schema measure
    Example:  integ schema --output .vscode/schemas
    """
    from integ_cli.checking.schema import PACKAGED, read_schema, schema_file
    from integ_cli.files.repository import KINDS
    from integ_cli.suggest import did_you_mean

    if kind is not None and kind not in KINDS:
        hint = did_you_mean(kind, KINDS)
        fail(
            _("unknown kind '{kind}'{did_you_mean} (kinds: {kinds})").format(
                kind=kind, did_you_mean=hint, kinds=", ".join(KINDS)
            )
        )
    root = _governing_root(ctx)
    kinds = KINDS if kind is None else (kind,)
    for name in kinds:
        read_schema(schema_file(root, name))  # a clear error for a missing or broken schema
    if output is not None:
        from integ_cli.scaffold.create import export_schemas

        try:
            written = export_schemas(root, output, kinds)
        except OSError as error:
            fail(_("cannot write into '{folder}': {reason}").format(folder=output, reason=error.strerror or error))
        count = len(written)
        console.err(
            ngettext("{n} schema written to {folder}", "{n} schemas written to {folder}", count).format(
                n=count, folder=output
            )
            + "\n"
        )
        return
    if kind is None:
        origins = {True: _(PACKAGED_ORIGIN), False: _(REPOSITORY_ORIGIN)}
        width = max(len(origin) for origin in origins.values())
        for name in KINDS:
            path = schema_file(root, name)
            console.out(f"{name:<13}  {origins[path.parent == PACKAGED]:<{width}}  {path}\n")
        return
    path = schema_file(root, kind)
    try:
        console.out(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        fail(_("the schema {file} cannot be read: {reason}").format(file=path, reason=error))
