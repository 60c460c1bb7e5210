"""``integ schema``: the JSON Schemas that govern a repository, printed, listed or written out."""

import os
from pathlib import Path
from typing import Annotated

import typer

from integ_cli.cli import console
from integ_cli.cli.app import Settings, command_group, fail

commands = command_group("Set up")


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
            help="measure, field, target-groups, actors or districts. Without it: list the kinds and their files.",
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
            help="Write the schemas (all, or KIND's) into this folder, for editors and other tools; "
            "files of the same name there are replaced.",
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
        fail(f"unknown kind '{kind}'{did_you_mean(kind, KINDS)} (kinds: {', '.join(KINDS)})")
    root = _governing_root(ctx)
    kinds = KINDS if kind is None else (kind,)
    for name in kinds:
        read_schema(schema_file(root, name))  # a clear error for a missing or broken schema
    if output is not None:
        from integ_cli.scaffold.create import export_schemas

        try:
            written = export_schemas(root, output, kinds)
        except OSError as error:
            fail(f"cannot write into '{output}': {error.strerror or error}")
        noun = "schema" if len(written) == 1 else "schemas"
        console.err(f"{len(written)} {noun} written to {output}\n")
        return
    if kind is None:
        for name in KINDS:
            path = schema_file(root, name)
            origin = "packaged" if path.parent == PACKAGED else "repository"
            console.out(f"{name:<13}  {origin:<10}  {path}\n")
        return
    path = schema_file(root, kind)
    try:
        console.out(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        fail(f"the schema {path} cannot be read: {error}")
