"""Staff authoring from the terminal, one value at a time: status, budget, indicator,
link, unlink, set (``integ add`` and ``integ edit`` have modules of their own).

Every command checks the result the way ``integ validate`` would *before* it writes;
where that finds a problem nothing is written, the problems are shown in validate's
text format and the exit code is 1. Usage errors (a missing or malformed value)
exit 2. Writes are atomic, keep comments and formatting, and set ``updated``.
The core is :mod:`integ_cli.authoring.records`; this module parses, asks and renders.
"""

from enum import Enum
from typing import Annotated, Any

import typer

from integ_cli.cli import filters
from integ_cli.cli.app import command_group, fail
from integ_cli.cli.writing import DryRun, code_of, run_edit, split_values
from integ_cli.i18n import N_, _

commands = command_group(N_("Edit measures"))


class LinkKind(str, Enum):
    """What ``integ link`` / ``integ unlink`` add to or remove from a measure."""

    partner = "partner"
    target_group = "target-group"
    district = "district"
    also_field = "also-field"
    tag = "tag"


_LINK_KEYS = {
    "partner": "partners",
    "target-group": "target_groups",
    "district": "districts",
    "also-field": "also_fields",
    "tag": "tags",
}


#: What ``code_of`` says when a status or funding source names no code (a sentence each,
#: so that every language can phrase it in its own way).
_NOT_A_STATUS = N_("'{value}' is not a status; use one of: {codes}{suggestion}")
_NOT_A_SOURCE = N_("'{value}' is not a funding source; use one of: {codes}{suggestion}")
_NOT_A_FUNDING_STATUS = N_("'{value}' is not a funding status; use one of: {codes}{suggestion}")


# --- the one-value edits ------------------------------------------------------------------------


@commands.command("status")
def set_status(
    ctx: typer.Context,
    measure_id: filters.MeasureIdArgument,
    new_status: Annotated[
        str,
        typer.Argument(
            metavar="STATUS",
            help=N_(
                "The new status: its code (e.g. active) or German name (laufend); 'integ codes status' lists them."
            ),
            autocompletion=filters.complete_status,
        ),
    ],
    note: Annotated[
        str | None,
        typer.Option("--note", help=N_("Why, or what happened: appends a dated status update (Sachstand).")),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help=N_("With --note: the day of the update (default: today)."))
    ] = None,
    dry_run: DryRun = False,
) -> None:
    """Set a measure's status; with --note, also record why, as a dated update.

    Measures are never deleted: when one is finished, set it completed; when it is
    given up, set it dropped. It stays in the catalogue, its history in git. Where
    the source says nothing about it, set it unknown (ohne Angabe).

    Example:  integ status sprache-004 suspended --note "Kursleitung fehlt bis Herbst."
    """
    from integ_cli.authoring.edits import set_status as edit
    from integ_cli.authoring.progress import add_update
    from integ_cli.cli.progress import day

    code = code_of(ctx, "status", new_status, _NOT_A_STATUS)
    if note is None:
        if date is not None:
            fail(_("--date is the day of the update that --note writes; give --note too"))
        run_edit(ctx, measure_id, edit(code), dry_run)
        return
    run_edit(ctx, measure_id, add_update(day("--date", date), code, note), dry_run)


@commands.command()
def budget(
    ctx: typer.Context,
    measure_id: filters.MeasureIdArgument,
    year: Annotated[int, typer.Option("--year", help=N_("Budget year."), show_default=False)],
    source: Annotated[
        str,
        typer.Option(
            "--source",
            help=N_(
                "Funding source: its code (e.g. municipal) or German name (kommunal, Stadt); "
                "'integ codes source' lists them."
            ),
            autocompletion=filters.complete_source,
        ),
    ],
    planned: Annotated[
        str | None, typer.Option("--planned", help=N_("Original appropriation (Ansatz), EUR."), show_default=False)
    ] = None,
    unknown: Annotated[
        str | None,
        typer.Option(
            "--unknown",
            help=N_("Instead of --planned: why the amount is not known yet (e.g. the grant is not decided)."),
            metavar="REASON",
            show_default=False,
        ),
    ] = None,
    revised: Annotated[
        str | None, typer.Option("--revised", help=N_("Carried-forward appropriation (fortgeschrieben), EUR."))
    ] = None,
    spent: Annotated[str | None, typer.Option("--spent", help=N_("Actually spent (Ist), EUR."))] = None,
    programme: Annotated[
        str | None, typer.Option("--programme", help=N_("Funding programme, e.g. a state or EU programme."))
    ] = None,
    share: Annotated[
        str | None,
        typer.Option("--share", help=N_("Share the programme funds: 90 % or 0,9."), show_default=False),
    ] = None,
    funding_status: Annotated[
        str | None,
        typer.Option(
            "--funding-status",
            help=N_("planned, applied, approved or rejected (or geplant, beantragt, bewilligt, abgelehnt)."),
            show_default=False,
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help=N_("Remark on this budget line."))] = None,
    dry_run: DryRun = False,
) -> None:
    """Add a budget line (EUR) for a year and funding source, or update that line.

    Where the measure has a line for the same year and source, its values are
    updated (a second line would count the money twice). Amounts may be written the
    German way: 12000, 12.000, 12.000,50 or "12.000 €" (a dot before three digits
    groups thousands); the file keeps the plain number.

    A programme-funded line whose amount is not decided yet takes --unknown with the
    reason instead of --planned; --programme, --share and --funding-status say how it is
    funded (a file at schema_version 1 is raised to 2, which defines them).

    Example:  integ budget sprache-004 --year 2027 --planned 12000 --spent 9500 --source municipal
    Example:  integ budget sprache-004 --year 2027 --source Land --share "90 %" --unknown "Bescheid steht aus"
    """
    from integ_cli.authoring.edits import add_budget
    from integ_cli.authoring.parse import parse_amount, parse_share
    from integ_cli.authoring.progress import raising_version
    from integ_cli.checking.timeline import VERSION_2_BUDGET_KEYS

    if planned is not None and unknown is not None:
        fail(_("give --planned or --unknown, not both: a line has an amount or says why it has none"))
    line: dict[str, Any] = {"year": year, "source": code_of(ctx, "source", source, _NOT_A_SOURCE)}
    for key, text in (("planned", planned), ("revised", revised), ("spent", spent)):
        if text is not None:
            try:
                line[key] = parse_amount(text)
            except ValueError as error:
                fail(f"--{key}: {error}")
    if share is not None:
        try:
            line["co_funding_share"] = parse_share(share)
        except ValueError as error:
            fail(f"--share: {error}")
    if funding_status is not None:
        line["funding_status"] = code_of(ctx, "funding-status", funding_status, _NOT_A_FUNDING_STATUS)
    for key, text in (("amount_unknown", unknown), ("programme", programme), ("note", note)):
        if text is not None:
            line[key] = text
    edit = add_budget(line)
    run_edit(ctx, measure_id, raising_version(edit) if line.keys() & VERSION_2_BUDGET_KEYS else edit, dry_run)


@commands.command()
def indicator(
    ctx: typer.Context,
    measure_id: filters.MeasureIdArgument,
    name: Annotated[str, typer.Argument(help=N_("The indicator's name, as in the record (e.g. Teilnehmende)."))],
    actual: Annotated[str, typer.Option("--actual", help=N_("The value reached (Istwert)."), show_default=False)],
    year: Annotated[int | None, typer.Option("--year", help=N_("The year, for indicators kept by year."))] = None,
    dry_run: DryRun = False,
) -> None:
    """Record the value an indicator reached (Istwert).

    With --year, the indicator's entry for that year is set; where it has none for
    that year yet, one is added (name and unit copied).

    Example:  integ indicator sprache-004 Sprachcafé-Treffen --actual 96 --year 2027
    """
    from integ_cli.authoring.edits import record_actual
    from integ_cli.authoring.parse import parse_number

    try:
        value = parse_number(actual)
    except ValueError as error:
        fail(f"--actual: {error}")
    run_edit(ctx, measure_id, record_actual(name, value, year), dry_run)


KindArgument = Annotated[
    LinkKind,
    typer.Argument(metavar="KIND", help=N_("partner, target-group, district, also-field or tag."), show_default=False),
]
IdsArgument = Annotated[list[str], typer.Argument(metavar="IDS...", help=N_("One or more ids."), show_default=False)]


@commands.command()
def link(
    ctx: typer.Context,
    measure_id: filters.MeasureIdArgument,
    kind: KindArgument,
    ids: IdsArgument,
    dry_run: DryRun = False,
) -> None:
    """Add partners, target groups, districts, further fields or tags to a measure.

    Ids already listed are left alone. Unknown ids are refused with the closest
    known ones. The opposite is 'integ unlink'.

    Example:  integ link sprache-004 partner migrationsrat vhs-aachen
    """
    from integ_cli.authoring.edits import link as edit

    run_edit(ctx, measure_id, edit(_LINK_KEYS[kind.value], True, split_values(ids)), dry_run)


@commands.command()
def unlink(
    ctx: typer.Context,
    measure_id: filters.MeasureIdArgument,
    kind: KindArgument,
    ids: IdsArgument,
    dry_run: DryRun = False,
) -> None:
    """Remove partners, target groups, districts, further fields or tags from a measure.

    A measure keeps at least one target group and one district: add the new one
    first ('integ link'), then remove the old.

    Example:  integ unlink sprache-004 district richterich
    """
    from integ_cli.authoring.edits import link as edit

    run_edit(ctx, measure_id, edit(_LINK_KEYS[kind.value], False, split_values(ids)), dry_run)


@commands.command("set")
def set_values(
    ctx: typer.Context,
    measure_id: filters.MeasureIdArgument,
    assignments: Annotated[
        list[str], typer.Argument(metavar="KEY=VALUE...", help=N_("e.g. horizon=mid decision.paper=BEISPIEL-2024/012"))
    ],
    dry_run: DryRun = False,
) -> None:
    """Set any values of a measure: KEY=VALUE, several at once.

    KEY is a measure key; dotted for nested ones (decision.paper), with an index for
    list items (budget\\[0].spent). VALUE is read like the YAML files: numbers,
    true/false, \\[a, b] lists and {k: v} mappings; yes, no and dates stay text.
    Quote a value to keep a number as text ("'2026'"). An empty VALUE (KEY=)
    removes an optional key.

    Example:  integ set sprache-004 horizon=mid "tags=\\[sprachcafe, ehrenamt, begegnung]"
    """
    from integ_cli.authoring.edits import assign, parse_key, parse_value

    edits = []
    for assignment in assignments:
        key, equals, text = assignment.partition("=")
        if not equals:
            fail(_("'{assignment}' is not KEY=VALUE (e.g. status=active)").format(assignment=assignment))
        try:
            edits.append(assign(parse_key(key.strip()), parse_value(text)))
        except ValueError as error:
            fail(str(error))

    def combined(data: Any, schema: dict[str, Any]) -> list[str]:
        return [change for one in edits for change in one(data, schema)]

    run_edit(ctx, measure_id, combined, dry_run)
