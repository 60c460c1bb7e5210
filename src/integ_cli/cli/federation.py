"""``integ federation validate|report|export FILE``: many cities' repositories, named in
one federation file, checked in parallel, reported on together and exported as one set
of tables.

The federation file and the work are :mod:`integ_cli.federation`. Every problem is
printed as ``integ validate`` prints it, after the city it belongs to. Only typer, the
standard library and the app are imported at module level.
"""

import datetime as dt
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from integ_cli.cli import console
from integ_cli.cli.app import command_group, fail
from integ_cli.cli.formats import RegistryChoice
from integ_cli.exitcodes import ExitCode
from integ_cli.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from collections.abc import Iterator

    from integ_cli.federation.run import Member, Outcome
    from integ_cli.problems import Problem

commands = command_group("Query and report")

ACTIONS = ("validate", "report", "export")
#: ``--format`` of each action that has one; the first is the default.
FORMATS = {"export": ("parquet", "jsonl"), "report": ("md", "html", "json")}


def _problem_lines(outcome: "Outcome", problems: "list[Problem]") -> str:
    """``problems`` of a city, one a line, each after the city's name."""
    from integ_cli.render.problems import Outcome as Checked
    from integ_cli.render.problems import render_text

    text = render_text(Checked(problems, []))
    return "".join(f"{outcome.label}: {line}\n" for line in text.splitlines())


def _summary(outcomes: "list[Outcome]") -> str:
    cities = ngettext("{n} city checked", "{n} cities checked", len(outcomes)).format(n=len(outcomes))
    errors = sum(o.errors for o in outcomes)
    warnings = sum(len(o.problems) + len(o.mapping) for o in outcomes) - errors
    broken = sum(1 for o in outcomes if o.errors or o.error)
    if not broken and not warnings:
        return _("{checked}: no problems").format(checked=cities)
    return _("{checked}: {broken} with errors; {errors}, {warnings}").format(
        checked=cities,
        broken=broken,
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
    )


@commands.command()
def federation(
    action: Annotated[
        str,
        typer.Argument(
            metavar="ACTION",
            click_type=RegistryChoice(lambda: ACTIONS),
            help=N_(
                "validate: check every city; report: one report over all cities; "
                "export: write one set of tables for all cities."
            ),
        ),
    ],
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help=N_("The federation file: each city's repository, revision and vocabulary mapping."),
            dir_okay=False,
            exists=True,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=N_("export: write the tables into folder DIR; report: write the report to FILE (default: stdout)."),
            metavar="PATH",
        ),
    ] = None,
    chosen_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            click_type=RegistryChoice(lambda: tuple(f for formats in FORMATS.values() for f in formats)),
            help=N_(
                "export: parquet (partitioned by municipality, the default) or jsonl; report: md (the default), "
                "html or json."
            ),
            show_default=False,
        ),
    ] = None,
    internal: Annotated[
        bool, typer.Option("--internal", help=N_("export, report: include measures with visibility: internal."))
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", help=N_("Cities checked at once (default: one per processor)."), min=1, show_default=False
        ),
    ] = None,
) -> None:
    """Check, report on or export the repositories of many cities, named in one federation file.

    The file lists each city: the folder of its data repository (path:, relative to the
    file), optionally its municipality key (key:, else the one in its data/concept.yaml,
    else the folder's name), a revision (revision:, else the working tree) and how its
    action fields and target groups map onto the shared ones (map:). docs/analytics.md
    shows an example.

    validate checks every city in parallel, as integ validate does, and names each
    problem with its city, file and line; it exits 1 if any city has errors. report
    puts all cities side by side and adds them up, in the shared vocabulary: measures
    per action field and per main target group (sub-groups included), budget per year
    and funding source, and what needs attention; invalid records are left out, as
    integ report does. export
    writes the tables of integ tables for all cities at once (partitioned by
    municipality), skipping invalid records with a warning; query them with integ sql
    --tables DIR.

    Example:  integ federation validate land.yaml
    Example:  integ federation report land.yaml --format html --output land.html
    Example:  integ federation export land.yaml --output land/
    Example:  integ sql --tables land/ --example budget
    """
    from integ_cli.federation.config import read_federation
    from integ_cli.federation.run import Task, Workers, jobs, prepare, run

    if action == "export" and output is None:
        fail(_("export needs --output DIR: say where the tables go"))
    if action == "validate" and output is not None:
        fail(_("--output is for export and report; validate writes nothing"))
    formats = FORMATS.get(action, ())
    if chosen_format is not None and chosen_format not in formats:
        possible = ", ".join(formats) or _("none")
        fail(
            _("{action} does not write --format {format}; possible are: {formats}").format(
                action=action, format=chosen_format, formats=possible
            )
        )
    table_format = chosen_format or (formats[0] if formats else "")
    if action == "export" and table_format == "parquet":
        from integ_cli.tables.write import need

        need("pyarrow")
    federation = read_federation(file)
    today = dt.date.today()
    with Workers(jobs(len(federation.cities), workers)) as pool:
        members = prepare(federation, pool)
        _notes(members)
        report = today if action == "report" else None
        task = Task(str(file), output if action == "export" else None, table_format, internal, report)
        outcomes = run(members, task, pool)
    for outcome in outcomes:
        if outcome.error:
            console.error(_("{city}: {reason}").format(city=outcome.label, reason=outcome.error))
    if action == "validate":
        _finish_validate(outcomes)
    elif action == "report":
        _finish_report(outcomes, federation.name, today, output, table_format)
    else:
        _finish_export(outcomes, output, table_format, [m.key for m in members])


def _notes(members: "list[Member]") -> None:
    for member in members:
        if member.origin == "folder":
            message = _(
                "{city}: no municipality key in the federation file or data/concept.yaml; the folder's name is used"
            )
            console.note(message.format(city=member.label))


def _finish_validate(outcomes: "list[Outcome]") -> None:
    console.out("".join(_problem_lines(o, o.mapping + o.problems) for o in outcomes))
    console.err(_summary(outcomes) + "\n")
    if any(o.error for o in outcomes):
        raise typer.Exit(ExitCode.USAGE)
    if any(o.errors for o in outcomes):
        raise typer.Exit(ExitCode.PROBLEMS)


def _skipped(outcome: "Outcome") -> None:
    """Warn of the city's invalid files, whose records are left out."""
    invalid = outcome.invalid_files()
    if invalid:
        shown = ", ".join(invalid[:3]) + (", ..." if len(invalid) > 3 else "")
        message = ngettext(
            "{city}: {count} invalid file skipped ({files}); run 'integ federation validate' for details",
            "{city}: {count} invalid files skipped ({files}); run 'integ federation validate' for details",
            len(invalid),
        )
        console.warning(message.format(city=outcome.label, count=len(invalid), files=shown))


def _finish_report(
    outcomes: "list[Outcome]", name: str | None, today: dt.date, output: Path | None, report_format: str
) -> None:
    """Put the cities' parts together and write the report (to stdout without --output)."""
    from integ_cli.federation.report import federation_report
    from integ_cli.files.outputs import write_output
    from integ_cli.render.federation import RENDERERS

    for outcome in outcomes:
        console.err(_problem_lines(outcome, outcome.mapping))
        _skipped(outcome)
    if any(o.error for o in outcomes):
        raise typer.Exit(ExitCode.USAGE)
    parts = [o.report for o in outcomes if o.report is not None]
    text = RENDERERS[report_format](federation_report(name, today, parts))
    if output is None:
        console.out(text)
        return
    try:
        write_output(None, output, text.encode("utf-8"))
    except OSError as error:
        fail(_("cannot write {file}: {reason}").format(file=output, reason=error.strerror or error))
    console.note(_("report written to {file}").format(file=output))


def _city_lines(folders: "list[str]") -> "Iterator[dict[str, str]]":
    """The JSON Lines of each city (a folder of files its worker wrote, a table each),
    the cities in the federation's order, a megabyte at a time."""
    from integ_cli.tables.columns import TABLES

    for folder in folders:
        for name in TABLES:
            with (Path(folder) / f"{name}.jsonl").open(encoding="utf-8") as lines:
                while piece := lines.read(1 << 20):
                    yield {name: piece}


def _finish_export(outcomes: "list[Outcome]", output: Path | None, table_format: str, keys: list[str]) -> None:
    """Warn of each city's invalid files, write JSON Lines (the workers wrote Parquet),
    remove partitions of cities no longer in the federation, and say what was written."""
    from integ_cli.tables.write import prune, stream_jsonl, writing

    assert output is not None
    for outcome in outcomes:
        console.err(_problem_lines(outcome, outcome.mapping))
        _skipped(outcome)
    try:
        with writing(output):
            if table_format == "jsonl":
                stream_jsonl(_city_lines([o.jsonl for o in outcomes if o.jsonl is not None]), output)
            else:
                prune(output, keys)
    finally:
        for outcome in outcomes:
            if outcome.jsonl is not None:
                shutil.rmtree(outcome.jsonl, ignore_errors=True)
    if any(o.error for o in outcomes):
        raise typer.Exit(ExitCode.USAGE)
    measures = sum(o.measures for o in outcomes)
    cities = ngettext("{n} city", "{n} cities", len(outcomes)).format(n=len(outcomes))
    console.note(
        _("the tables of {cities} ({measures} measures) written to {folder}").format(
            cities=cities, measures=measures, folder=output
        )
    )
