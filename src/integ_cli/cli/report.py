"""``integ report``: the state of the concept for the council, in the terminal or as a
Markdown, HTML or JSON file.

Same filters as ``integ list`` (:mod:`integ_cli.cli.filters`). The report date is
``--date``, else ``SOURCE_DATE_EPOCH``, else today: with a fixed date the same data
gives the same bytes, so a report can be committed and diffed. ``--output`` writes
atomically anywhere the user says but into the data (:mod:`integ_cli.files.outputs`).

Only typer, the standard library and the app are imported at module level.
"""

import contextlib
import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from integ_cli.cli import console, filters
from integ_cli.cli.app import command_group, fail, repo_root
from integ_cli.cli.formats import RegistryChoice
from integ_cli.i18n import N_, _

commands = command_group("Query and report")

#: ``--internal``, as every command that leaves internal measures out by default spells it.
InternalOption = Annotated[
    bool,
    typer.Option(
        "--internal",
        help=N_("Include measures with visibility: internal (left out by default)."),
    ),
]


def _report_formats() -> Iterable[str]:
    from integ_cli.render.report.formats import RENDERERS

    return RENDERERS


#: The format an --output file's suffix implies where --format is not given (a file
#: without a suffix gets text). Any other suffix needs --format: a report is text, and
#: a file named ``.pdf`` or ``.docx`` holding text would fool whoever opens it.
SUFFIX_FORMATS = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".txt": "text",
    ".text": "text",
    ".log": "text",
    "": "text",
}


def file_format(output: Path, asked: str | None) -> str:
    """The format of the report written to ``output``: ``asked`` (``--format``), else
    the one its suffix implies; a usage error for a PDF (which integ does not write:
    its HTML is laid out to be printed to one) and for a suffix that implies none."""
    suffix = output.suffix.lower()
    if suffix == ".pdf":
        fail(
            _(
                "integ does not write PDF; write the report as HTML (--output {html}) and print that page to a PDF "
                "in the browser: it is laid out for A4"
            ).format(html=output.with_suffix(".html").name)
        )
    if asked is not None:
        return asked
    if suffix not in SUFFIX_FORMATS:
        known = ", ".join(name for name in SUFFIX_FORMATS if name)
        fail(
            _(
                "cannot tell the report's format from the suffix '{suffix}'; name a file ending in {known}, "
                "or give --format"
            ).format(suffix=output.suffix, known=known)
        )
    return SUFFIX_FORMATS[suffix]


def report_date(option: str | None) -> dt.date:
    """The report's date: ``--date``, else ``SOURCE_DATE_EPOCH`` (seconds, UTC), else today."""
    if option is not None:
        from integ_cli.authoring.parse import parse_date

        try:
            return dt.date.fromisoformat(parse_date(option))
        except ValueError as error:
            fail(_("--date: {problem}").format(problem=error))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            fail(_("SOURCE_DATE_EPOCH: '{value}' is not a number of seconds since 1970-01-01").format(value=epoch))
    return dt.date.today()


@commands.command()
@filters.with_filters
def report(
    ctx: typer.Context,
    selection: filters.Filters,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            click_type=RegistryChoice(_report_formats),
            help=N_(
                "table: rich tables and bars (the default on a terminal); text: plain (the default when piped); "
                "md: Markdown; html: one self-contained page with charts, for the screen and A4; json: the report "
                "model. With --output the default follows the file's suffix (.md, .html, .json, .txt); any other "
                "suffix needs --format, and .pdf is refused (print the HTML page to a PDF)."
            ),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=N_("Write the report to FILE (atomically) instead of stdout."),
            metavar="FILE",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help=N_(
                "The report's date (DD.MM.YYYY or YYYY-MM-DD), also the reference for overdue and stale measures. "
                "Default: $SOURCE_DATE_EPOCH, else today."
            ),
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    internal: InternalOption = False,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            help=N_(
                "Report the state at this git revision (a commit, branch or tag) or edition (its name, e.g. 2018). "
                "Without --date the report's date is that commit's day."
            ),
            metavar="REV",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Report on the state of the concept, for the council and its committees.

    Sections: measures per action field, action field x target group, districts,
    budget, indicators, and what needs attention.

    Takes the filters of integ list. An unknown filter value exits 2; invalid records
    are skipped with a warning. Internal measures are left out unless --internal.

    With --at, the report shows a past state: a revision, or an edition by its name.

    Example:  integ report
    Example:  integ report --field sprache --year 2026 --format md > sprache-2026.md
    Example:  SOURCE_DATE_EPOCH=1767225600 integ report --output bericht.html
    Example:  integ report --at 2018 --format md > stand-2018.md
    """
    from integ_cli.render.grid import Display
    from integ_cli.render.report.formats import renderer
    from integ_cli.report.build import ReportBuilder

    fmt = file_format(output, output_format) if output is not None else None
    query = selection.query()
    root = repo_root(ctx)
    when = report_date(date)
    with contextlib.ExitStack() as stack:
        past = None
        if at is not None:
            from integ_cli.history.snapshot import state_at  # only for a past state: it imports git's plumbing

            past, where = stack.enter_context(state_at(root, at))
            console.note(_("the report shows the state at {revision}").format(revision=where.label))
            if date is None and where.commit is not None:
                when = dt.date.fromisoformat(where.commit.day)
        builder = ReportBuilder(query, when, internal=internal)
        catalogue = filters.load(ctx, builder.select, root=past)
        model = builder.report(catalogue)
    if not model.header.measures:
        console.note(_("no measure matches; the report is empty"))
    if fmt is not None:
        columns = os.environ.get("COLUMNS", "")
        display = Display(False, int(columns) if columns.isdigit() else None)
    else:
        fmt, display = console.display(output_format)
    pieces = renderer(fmt)(model, display)
    if output is None:
        for piece in pieces:  # written as each is made: the whole report is never one string
            console.out(piece)
        return
    from integ_cli.files.outputs import write_output

    try:
        write_output(root, output, "".join(pieces).encode("utf-8"))
    except OSError as error:
        fail(_("cannot write {file}: {reason}").format(file=output, reason=error.strerror or error))
    console.note(_("report written to {file}").format(file=output))
