"""The commands of the ``integ edition`` group: ``list`` and ``new``.

They sit on their own Typer, named ``commands`` like every command module's, which
:mod:`integ_cli.cli.edition` adds to ``integ`` as the ``edition`` group. The core is
:mod:`integ_cli.concept.editions`; here options are parsed, problems shown like
``integ validate`` shows them (exit 1), and git errors exit 2 through the app's one
error handler. Only typer and the app are imported at module level.
"""

from collections.abc import Iterable
from typing import Annotated

import typer

from integ_cli.cli import console
from integ_cli.cli.app import command_group, fail, repo_root
from integ_cli.cli.formats import RegistryChoice
from integ_cli.exitcodes import ExitCode
from integ_cli.i18n import N_, _, ngettext

commands = command_group("History (git)")


def _formats() -> Iterable[str]:
    from integ_cli.render.editions import FORMATS

    return FORMATS


def _illustrative_note() -> None:
    console.note(_("the data of this repository are examples, not real measures (illustrative: true in the concept)"))


@commands.command("list")
def list_command(
    ctx: typer.Context,
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
    """The editions of the concept in data/concept.yaml, oldest first: date, decision,
    action fields and the git tag that freezes each.

    Example:  integ edition list
    Example:  integ edition list --format json
    """
    from integ_cli.cli.writing import show_problems
    from integ_cli.concept.editions import list_editions
    from integ_cli.concept.load import CONCEPT_FILE
    from integ_cli.render.editions import render_editions

    loaded, listed = list_editions(repo_root(ctx))
    if not loaded.present:
        fail(_("the repository has no {file}; it lists the editions").format(file=CONCEPT_FILE), ExitCode.PROBLEMS)
    if loaded.concept is None:
        show_problems(loaded)
        fail(_("the editions cannot be listed while {file} has errors").format(file=CONCEPT_FILE), ExitCode.PROBLEMS)
    fmt, display = console.display(output_format)
    if not listed and fmt != "json":
        console.note(_("the concept lists no editions yet"))
    else:
        console.out(render_editions(loaded.concept, listed, fmt, display))
    if loaded.concept.illustrative:
        _illustrative_note()


@commands.command("new")
def new_command(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME", help=N_("The edition's number or name, e.g. 2018; its git tag is edition-NAME.")
        ),
    ],
    date: Annotated[
        str,
        typer.Option(
            "--date",
            help=N_("When the edition was adopted: YYYY-MM-DD (or YYYY-MM, YYYY; also TT.MM.JJJJ)."),
            show_default=False,
        ),
    ],
    decision: Annotated[
        str | None,
        typer.Option(
            "--decision",
            metavar="PAPER",
            help=N_("Paper number of the decision that adopted it: one listed under decisions in the concept."),
            show_default=False,
        ),
    ] = None,
    fields: Annotated[
        list[str] | None,
        typer.Option(
            "--fields",
            metavar="IDS",
            help=N_(
                "The edition's action fields, in order (comma-separated or repeated). Default: all of data/fields/."
            ),
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=N_("Show what would change; write nothing."))] = False,
) -> None:
    """Freeze the committed state of the catalogue as a new edition: record it in
    data/concept.yaml, commit that file and tag the commit edition-NAME.

    The data must be valid and committed; a name or tag that exists is refused.

    Example:  integ edition new 2018 --date 2018-06-20 --decision BEISPIEL-2018/001
    """
    from integ_cli.authoring.parse import parse_partial_date
    from integ_cli.cli.writing import file_errors, show_problems, split_values, unified_diff
    from integ_cli.concept.editions import new_edition
    from integ_cli.concept.model import PartialDate

    try:
        when = PartialDate.parse(parse_partial_date(date))
    except ValueError as error:
        fail(f"--date: {error}")
    root = repo_root(ctx)
    with file_errors():
        result = new_edition(root, name, when, decision=decision, fields=split_values(fields), dry_run=dry_run)
    if not result.ok:
        show_problems(result)
        count = len(result.problems)
        message = ngettext("no edition made: {count} problem", "no edition made: {count} problems", count)
        fail(message.format(count=count), ExitCode.PROBLEMS)
    if dry_run:
        console.out(unified_diff(result.before, result.text, result.rel))
        console.note(_("dry run: nothing written, committed or tagged"))
        return
    commit = result.commit.short if result.commit is not None else ""
    console.note(
        _("edition {name} recorded in {file}, committed ({commit}) and tagged {tag}").format(
            name=name, file=result.rel, commit=commit, tag=result.tag
        )
    )
