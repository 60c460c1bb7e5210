"""``integ attention``: the attention list (*Handlungsbedarf*) as a check, for people
and for CI.

The reasons are those of the report's section (:mod:`integ_cli.checking.attention`
turns them into problems); the output is ``integ validate``'s (text, JSON, GitHub
annotations, JUnit). Every reason is a warning and the exit code 0, unless
``--fail-on`` names its kind: then it is an error and the exit code 1. Only typer, the
standard library and the app are imported at module level.
"""

import os
import sys
from collections.abc import Iterable
from typing import Annotated

import typer

from integ_cli.cli import console, filters
from integ_cli.cli.app import command_group
from integ_cli.cli.formats import RegistryChoice
from integ_cli.cli.report import InternalOption
from integ_cli.i18n import N_, _, ngettext

commands = command_group("Check")


def _problem_formats() -> Iterable[str]:
    from integ_cli.render.problems import RENDERERS

    return RENDERERS


def _kinds() -> Iterable[str]:
    from integ_cli.checking.attention import KINDS

    return KINDS


@commands.command()
@filters.with_filters
def attention(
    ctx: typer.Context,
    selection: filters.Filters,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            click_type=RegistryChoice(_problem_formats),
            help=N_(
                "text: one 'file: warning: message \\[reason]' per line; json: for scripts; github: workflow "
                "annotations (the default under GitHub Actions); junit: XML test results."
            ),
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            click_type=RegistryChoice(_kinds),
            help=N_(
                "Exit 1 when a measure needs attention for this reason (repeatable): overdue, milestone, "
                "no-indicator, no-budget, no-lead, stale, or any."
            ),
            metavar="KIND",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help=N_(
                "The reference date for overdue and stale measures (DD.MM.YYYY or YYYY-MM-DD). "
                "Default: $SOURCE_DATE_EPOCH, else today."
            ),
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    internal: InternalOption = False,
) -> None:
    """The measures that need attention: overdue, stale, without lead, indicator or budget.

    The same list as the report's section, with the filters of integ list. A measure is
    stale when not updated for a year, or for the days the concept record sets
    (attention: stale_after_days). Each reason is a warning; --fail-on makes its kind
    an error, and integ attention exits 1, so CI can enforce it. Internal measures are
    left out unless --internal, as in integ report.

    Example:  integ attention
    Example:  integ attention --field sprache --fail-on overdue --fail-on no-lead
    Example:  integ attention --fail-on any --format github
    """
    from integ_cli.checking.attention import AttentionScan, measures_named
    from integ_cli.cli.report import report_date
    from integ_cli.exitcodes import ExitCode
    from integ_cli.render.problems import RENDERERS, Outcome

    attention = AttentionScan(selection.query(), report_date(date), internal=internal)
    catalogue = filters.load(ctx, attention.select)
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    located = output_format in ("text", "github")  # where a line is shown: editors and annotations
    problems = attention.problems(catalogue, fail_on or (), located=located)
    outcome = Outcome(problems, sorted(attention.shown))
    console.out(RENDERERS[output_format](outcome, console.use_colour(sys.stdout)))
    if output_format in ("text", "github"):
        count = measures_named(problems)
        if count:
            line = ngettext(
                "{n} measure needs attention (of {total})", "{n} measures need attention (of {total})", count
            ).format(n=count, total=len(attention.shown))
        else:
            line = _("no measure needs attention")
        console.err(line + "\n")
    raise typer.Exit(int(ExitCode.PROBLEMS if outcome.errors else ExitCode.OK))
