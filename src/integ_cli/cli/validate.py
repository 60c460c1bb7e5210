"""``integ validate``: check every record, report every problem, exit 0/1/2."""

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from integ_cli.cli import console
from integ_cli.cli.app import command_group, fail, repo_root
from integ_cli.cli.formats import RegistryChoice
from integ_cli.exitcodes import ExitCode
from integ_cli.i18n import N_, _

commands = command_group("Check")


def _problem_formats() -> Iterable[str]:
    from integ_cli.render.problems import RENDERERS

    return RENDERERS


@commands.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help=N_(
                "Files or folders to check (default: the whole repository). References "
                "are still checked against the whole repository."
            ),
            show_default=False,
            metavar="PATH...",
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            click_type=RegistryChoice(_problem_formats),
            help=N_(
                "text: one 'file:line:col: error: message \\[code]' per line; json: for "
                "scripts; github: workflow annotations (the default under GitHub Actions); "
                "junit: XML test results for GitLab and Jenkins."
            ),
            show_default=False,
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help=N_(
                "Check every file afresh. Otherwise a file unchanged since an earlier run, checked "
                "against the same schemas, vocabularies and integ, keeps its result, from "
                "$XDG_CACHE_HOME/integ (else ~/.cache/integ); INTEG_NO_CACHE=1 turns that off too."
            ),
        ),
    ] = False,
) -> None:
    """Check the data: schemas, references, dates, hierarchies.

    Exit code 0 when the data is valid, 1 when it has problems, 2 for usage errors.

    Example:  integ validate            (the whole repository)
    Example:  integ validate data/measures/sprache-001.yaml --format json
    """
    from integ_cli.checking.validation import validate as check
    from integ_cli.render.problems import RENDERERS, Outcome, summary

    root = repo_root(ctx)
    only = _selected(root, paths) if paths else None
    found = check(root, only=only, cache=not no_cache)
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    outcome = Outcome(found.problems, found.checked)
    console.out(RENDERERS[output_format](outcome, console.use_colour(sys.stdout)))
    if output_format in ("text", "github"):
        console.err(summary(outcome))
    raise typer.Exit(int(ExitCode.OK if found.ok else ExitCode.PROBLEMS))


def _selected(root: Path, paths: list[Path]) -> set[str]:
    """The record files named on the command line, relative to ``root``."""
    from integ_cli.files.repository import relative

    selected: set[str] = set()
    for path in paths:
        if not path.exists():
            fail(_("'{path}' does not exist").format(path=path))
        resolved = path.resolve()
        if resolved != root and root not in resolved.parents:
            fail(_("'{path}' lies outside the repository {root}").format(path=path, root=root))
        if resolved.is_dir():
            selected.update(relative(root, p) for p in resolved.rglob("*") if p.is_file())
        else:
            selected.add(relative(root, resolved))
    return selected
