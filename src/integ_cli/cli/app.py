"""The Typer application, its global options and the one place errors become exits."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from integ_cli import __version__
from integ_cli.exitcodes import ExitCode

app = typer.Typer(
    name="integ",
    help=(
        "Keep a city's integration concept (Integrationskonzept) as validated YAML: "
        "action fields, measures, target groups, actors and districts.\n\n"
        "Run inside a data repository (or pass --repo). Start with: integ validate"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_show_locals=False,
)


@dataclass(slots=True)
class Settings:
    """Global options, handed to every command through the Typer context."""

    repo: Path | None = None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"integ {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    repo: Annotated[
        Path | None,
        typer.Option(
            "--repo",
            help="The data repository to work on. Default: $INTEG_REPO, else the nearest "
            "folder upwards from here that has data/measures/ or data/fields/.",
            metavar="PATH",
        ),
    ] = None,
    version: Annotated[  # noqa: ARG001  (handled by its eager callback)
        bool,
        typer.Option("--version", help="Print the version and exit.", callback=_version, is_eager=True),
    ] = False,
) -> None:
    ctx.obj = Settings(repo=repo)


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> NoReturn:
    """Tell the user what went wrong (one line on stderr) and exit; never a traceback."""
    sys.stderr.write(f"integ: error: {message}\n")
    raise typer.Exit(int(code))


def repo_root(ctx: typer.Context) -> Path:
    """The repository root for this run, or a usage error (exit 2) where there is none."""
    from integ_cli.repository import RepositoryNotFound, find_root

    settings = ctx.find_object(Settings) or Settings()
    try:
        return find_root(settings.repo)
    except RepositoryNotFound as error:
        fail(str(error))


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("integ: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:  # e.g. `integ list | head`: the reader went away
        sys.stderr.close()
        sys.exit(0)
