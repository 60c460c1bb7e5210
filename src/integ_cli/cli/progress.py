"""Recording progress from the terminal: ``integ milestone`` adds and ticks milestones,
``integ update`` appends a dated status update (*Sachstand*) without a status change
(``integ status --note`` appends one with it), ``integ staff`` sets a year's staff posts
(*Stellen*).

Like every authoring command, the result is checked before it is written (problems:
exit 1, nothing written); a malformed date or option is a usage error (exit 2). The
core is :mod:`integ_cli.authoring.progress`.
"""

from enum import Enum
from typing import Annotated

import typer

from integ_cli.cli import filters
from integ_cli.cli.app import command_group, fail
from integ_cli.cli.writing import DryRun, run_edit
from integ_cli.i18n import N_, _

commands = command_group(N_("Edit measures"))


class MilestoneAction(str, Enum):
    """What ``integ milestone`` does with a measure's milestones."""

    add = "add"
    done = "done"


def typed_date(option: str, text: str | None) -> str | None:
    """A date as typed (``2025``, ``06.2025``, ``30.06.2025``, ``2025-06-30``), as the
    file writes it; a usage error naming ``option`` where it is none."""
    from integ_cli.authoring.parse import parse_partial_date

    if text is None:
        return None
    try:
        return parse_partial_date(text)
    except ValueError as error:
        fail(f"{option}: {error}")


def day(option: str, text: str | None) -> str:
    """A day as typed (German or ISO), as the file writes it; today where none is given."""
    from integ_cli.authoring.parse import parse_date
    from integ_cli.authoring.records import today

    if text is None:
        return today()
    try:
        return parse_date(text)
    except ValueError as error:
        fail(f"{option}: {error}")


NoteOption = Annotated[str | None, typer.Option("--note", help=N_("A remark: what happened, or why."))]


@commands.command()
def milestone(
    ctx: typer.Context,
    measure_id: filters.MeasureIdArgument,
    action: Annotated[MilestoneAction, typer.Argument(metavar="ACTION", help=N_("add or done."), show_default=False)],
    which: Annotated[
        str,
        typer.Argument(
            metavar="TITLE|N", help=N_("add: the new milestone's title; done: its number (1 = first) or title.")
        ),
    ],
    due: Annotated[
        str | None, typer.Option("--due", help=N_("add: by when, e.g. 2026, 06.2026 or 30.06.2026."))
    ] = None,
    date: Annotated[str | None, typer.Option("--date", help=N_("done: when it was reached (default: today)."))] = None,
    note: NoteOption = None,
    dry_run: DryRun = False,
) -> None:
    """Add a milestone to a measure, or mark one done.

    Milestones (Meilensteine) are the steps a measure is to reach by a date; an open
    one past its due date is on the report's attention list. A milestone is named by
    its number in the list (integ show lists them) or by its title.

    Example:  integ milestone sprache-004 add "Kursräume angemietet" --due 09.2026
    Example:  integ milestone sprache-004 done 1 --date 15.08.2026
    """
    from integ_cli.authoring.progress import add_milestone, tick_milestone

    if action is MilestoneAction.add:
        if date is not None:
            fail(_("--date is for 'done'; a new milestone's date is --due"))
        edit = add_milestone(which, typed_date("--due", due), note)
    else:
        if due is not None:
            fail(_("--due is for 'add'; the day a milestone was reached is --date"))
        edit = tick_milestone(which, typed_date("--date", date) or day("--date", None), note)
    run_edit(ctx, measure_id, edit, dry_run)


@commands.command()
def update(
    ctx: typer.Context,
    measure_id: filters.MeasureIdArgument,
    note: Annotated[str, typer.Option("--note", help=N_("What happened: the state of things (Sachstand)."))],
    date: Annotated[str | None, typer.Option("--date", help=N_("The day of the update (default: today)."))] = None,
    dry_run: DryRun = False,
) -> None:
    """Append a dated status update (Sachstand) to a measure, its status unchanged.

    The measure's updates keep its history of states and reasons in the data; integ
    show prints the latest. To change the status too, use 'integ status ID STATUS
    --note ...'.

    Example:  integ update sprache-004 --note "Zweiter Kurs startet nach den Sommerferien."
    """
    from integ_cli.authoring.progress import add_update

    run_edit(ctx, measure_id, add_update(day("--date", date), note=note), dry_run)


@commands.command()
def staff(
    ctx: typer.Context,
    measure_id: filters.MeasureIdArgument,
    year: Annotated[int, typer.Option("--year", help=N_("The year of the posts."), show_default=False)],
    fte: Annotated[
        str | None,
        typer.Option(
            "--fte",
            help=N_("Posts in full-time equivalents (VZÄ), e.g. 1,5 or 0,75; 0 records that the year has none."),
            metavar="N",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help=N_("Remark, e.g. what kind of posts."), show_default=False)
    ] = None,
    remove: Annotated[
        bool, typer.Option("--remove", help=N_("Delete the year's entry instead (one entered by mistake)."))
    ] = False,
    dry_run: DryRun = False,
) -> None:
    """Set a measure's staff posts (Stellen) for a year, in full-time equivalents.

    A measure has one entry per year: where the year has one, its posts (and with
    --note its remark) are replaced, else an entry is added. --fte 0 records that the
    year has no posts (a post that was cut); --remove deletes the year's entry
    altogether. A file at schema_version 1 is raised to 2, which defines staff posts.

    Example:  integ staff sprache-004 --year 2027 --fte 1,5 --note "Sozialpädagogik"
    Example:  integ staff sprache-004 --year 2027 --remove
    """
    from integ_cli.authoring.parse import parse_number
    from integ_cli.authoring.progress import remove_staff, set_staff

    if remove:
        if fte is not None or note is not None:
            fail(_("--remove deletes the year's entry; give it without --fte and --note"))
        run_edit(ctx, measure_id, remove_staff(year), dry_run)
        return
    if fte is None:
        fail(_("give --fte N (the year's posts) or --remove"))
    try:
        posts = parse_number(fte)
    except ValueError as error:
        fail(f"--fte: {error}")
    if posts < 0:
        fail(_("--fte: '{text}' is negative; write 0 for a year without posts").format(text=fte.strip()))
    run_edit(ctx, measure_id, set_staff(year, posts, note), dry_run)
