"""The history of the catalogue from git: ``integ diff``, ``integ changelog``, ``integ history``.

Only typer, the standard library and the app are imported at module level; the core
(which loads YAML) is imported when a command runs. Git errors (no git, not a git
repository, an unknown revision) exit 2; a record file that is invalid at one side is
named in a warning on stderr and not compared.
"""

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from integ_cli.cli import console, filters
from integ_cli.cli.app import command_group, fail, repo_root
from integ_cli.cli.formats import RegistryChoice
from integ_cli.i18n import N_, _
from integ_cli.patterns import ID

commands = command_group(N_("History (git)"))

if TYPE_CHECKING:
    from integ_cli.history.snapshot import Unreadable


def _formats(kind: str) -> Callable[[], Iterable[str]]:
    """The ``--format`` choices of one command: the keys of its renderers in render.history."""

    def keys() -> Iterable[str]:
        from integ_cli.render.history import RENDERERS

        return RENDERERS[kind]

    return keys


_FORMAT_HELP = N_("text: readable lines; md: Markdown, for a council paper or wiki; json: every value, for scripts.")
DiffFormatOption = Annotated[
    str, typer.Option("--format", "-f", click_type=RegistryChoice(_formats("diff")), help=_FORMAT_HELP)
]
ChangelogFormatOption = Annotated[
    str, typer.Option("--format", "-f", click_type=RegistryChoice(_formats("changelog")), help=_FORMAT_HELP)
]
HistoryFormatOption = Annotated[
    str, typer.Option("--format", "-f", click_type=RegistryChoice(_formats("history")), help=_FORMAT_HELP)
]


def _warn(unreadable: "list[Unreadable]") -> None:
    for item in unreadable:
        problem = item.problem
        where = problem.file + "".join(f":{n}" for n in (problem.line, problem.column) if n)
        console.warning(
            _("{where} in {side}: {message}; not compared").format(where=where, side=item.side, message=problem.message)
        )


def _write(kind: str, output_format: str, model: object) -> None:
    from integ_cli.render.history import RENDERERS

    console.out(RENDERERS[kind][output_format](model))


@commands.command()
def diff(
    ctx: typer.Context,
    revision_a: Annotated[
        str | None,
        typer.Argument(
            metavar="REV_A",
            help=N_("The earlier state: a commit, branch, tag or edition. Default: HEAD."),
            show_default=False,
        ),
    ] = None,
    revision_b: Annotated[
        str | None,
        typer.Argument(
            metavar="REV_B",
            help=N_("The later state (a revision or edition). Default: the working tree (your files as they are)."),
            show_default=False,
        ),
    ] = None,
    output_format: DiffFormatOption = "text",
) -> None:
    """Measures added, removed and changed between two states of the data, value by value.

    Without revisions: the last commit against the files as they are now. Budget lines
    are matched by year and source, indicators by name and year, so an inserted line
    reads as added. Comments and formatting are no change; 'updated' is shown apart.

    Example:  integ diff
    Example:  integ diff v2025 HEAD --format md > aenderungen.md
    """
    from integ_cli.history import compare as history

    result = history.diff(repo_root(ctx), revision_a, revision_b)
    _warn(result.unreadable)
    _write("diff", output_format, result)


@commands.command()
def changelog(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help=N_(
                "Compare with the state before this day (the last commit before its midnight; "
                "the first commit where there is none before), DD.MM.YYYY or YYYY-MM-DD."
            ),
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    edition: Annotated[
        str | None,
        typer.Option(
            "--edition",
            help=N_("Compare with the state of this edition (its name, as 'integ edition list' shows it)."),
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        str,
        typer.Option("--to", help=N_("Compare with this revision or edition instead of HEAD."), metavar="REV"),
    ] = "HEAD",
    output_format: ChangelogFormatOption = "text",
) -> None:
    """What changed since a date or an edition, grouped by action field in the concept's order: for the Fortschreibung.

    Shows each measure added, removed or changed since DATE (or since the edition NAME)
    with its changes (the net change, not every step), then the commits in between.
    Uncommitted changes are not included: see 'integ diff'. A DATE before the first
    commit compares with the first commit, the data's first state, and says so.

    Example:  integ changelog --since 2025-01-01
    Example:  integ changelog --since 2025-01-01 --format md > fortschreibung.md
    Example:  integ changelog --edition 2006 --to 2018
    """
    from integ_cli.authoring.parse import parse_date
    from integ_cli.history import compare as history

    if (since is None) == (edition is None):
        fail(_("give either --since DATE or --edition NAME"))
    day = ""
    if since is not None:
        try:
            day = parse_date(since)
        except ValueError as error:
            fail(f"--since: {error}")
    result = history.changelog(repo_root(ctx), day, to, edition=edition)
    _warn(result.diff.unreadable)
    _write("changelog", output_format, result)


@commands.command("history")
def history_command(
    ctx: typer.Context,
    measure_id: filters.MeasureIdArgument,
    output_format: HistoryFormatOption = "text",
) -> None:
    """One measure's changes over time: every commit that touched it, newest first.

    Each commit shows its date, author and message and what it changed. An id with no
    commit exits 1 (and names the closest ids).

    Example:  integ history sprache-001
    """
    from integ_cli.exitcodes import ExitCode
    from integ_cli.files.repository import scan
    from integ_cli.history import compare as history
    from integ_cli.suggest import did_you_mean

    if measure_id.endswith(".yaml"):
        measure_id = Path(measure_id).name.removesuffix(".yaml")
    if not ID.fullmatch(measure_id):
        fail(
            _("'{id}' is not a measure id (lower-case letters, digits and hyphens, e.g. sprache-001)").format(
                id=measure_id
            )
        )
    root = repo_root(ctx)
    result = history.measure_history(root, measure_id)
    if not result.events:
        known = scan(root).measure_ids()
        if measure_id in known:
            fail(_("{file} has no commits yet: commit it first").format(file=result.file), ExitCode.PROBLEMS)
        suggestion = did_you_mean(measure_id, sorted(known))
        fail(
            _("no measure '{id}' in the history{suggestion}").format(id=measure_id, suggestion=suggestion),
            ExitCode.PROBLEMS,
        )
    _write("history", output_format, result)
