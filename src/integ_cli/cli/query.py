"""Analysts' commands: ``integ list``, ``integ show`` and the overviews ``integ fields``,
``integ target-groups``, ``integ actors``, ``integ districts``.

The filter options and loading are shared with other commands (:mod:`integ_cli.cli.filters`).
Only typer, the standard library and the app are imported at module level; the core and
rich are imported when a command runs, so ``integ --version`` stays fast.
"""

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from integ_cli.cli import console, filters
from integ_cli.cli.app import command_group, fail
from integ_cli.cli.formats import RegistryChoice
from integ_cli.cli.spreadsheet import CsvRawOption
from integ_cli.i18n import N_, _

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue
    from integ_cli.checking.measure import Shape

commands = command_group("Query and report")

# --- options of these commands ----------------------------------------------------------------------


def _list_formats() -> Iterable[str]:
    from integ_cli.render.records import RENDERERS

    return RENDERERS


def _record_formats() -> Iterable[str]:
    from integ_cli.render.record import RECORD_RENDERERS

    return RECORD_RENDERERS


def _overview_formats() -> Iterable[str]:
    from integ_cli.render.counts import FORMATS

    return FORMATS


SortOption = Annotated[
    str,
    typer.Option(
        "--sort",
        help=N_(
            "Order by id, title, field (concept order), status, start or budget (planned total); "
            "a leading - reverses, e.g. -budget."
        ),
        metavar="KEY",
        autocompletion=filters.complete_sort,
    ),
]
LimitOption = Annotated[
    int | None, typer.Option("--limit", min=1, help=N_("Show at most N measures."), metavar="N", show_default=False)
]
ListFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        click_type=RegistryChoice(_list_formats),
        help=N_(
            "table: for the terminal (the default there); text: plain columns (the default when piped); "
            "json, yaml: the records as in their files; csv: for Excel (UTF-8, semicolons); md: Markdown."
        ),
        show_default=False,
    ),
]
RecordFormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        click_type=RegistryChoice(_record_formats),
        help=N_("text: readable, with names; json, yaml: the record as in its file."),
    ),
]
OverviewFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        click_type=RegistryChoice(_overview_formats),
        help=N_(
            "table: for the terminal (the default there); text: plain columns (the default when piped); "
            "md: Markdown; json, yaml, csv: one flat entry per row, with its parent."
        ),
        show_default=False,
    ),
]


# --- commands ---------------------------------------------------------------------------------------


@commands.command("list")
@filters.with_filters
def list_measures(
    ctx: typer.Context,
    selection: filters.Filters,
    sort: SortOption = "id",
    limit: LimitOption = None,
    output_format: ListFormatOption = None,
    csv_raw: CsvRawOption = False,
) -> None:
    """List the measures that match every filter given (a repeated option: any of its values).

    No match is not an error: a note on stderr, exit code 0. An unknown filter value
    exits 2; invalid records are skipped with a warning.

    Example:  integ list --target-group kinder-jugendliche --status active --sort -budget
    Example:  integ list -q muetter --year 2025 --format csv > measures.csv
    """
    from integ_cli.query import Listed, in_id_order, listing_shape, selector
    from integ_cli.render.records import FORMAT_KEYS, LISTINGS, Names

    query = selection.query(sort, limit)
    fmt, display = console.display(output_format)
    display = replace(display, csv_raw=csv_raw)
    listing = LISTINGS[fmt]

    def shape(catalogue: "Catalogue") -> "Shape":
        item = listing.item(Names.of(catalogue), display)
        return listing_shape(query.sort, catalogue.fields, catalogue.codelists["status"], item)

    # Each record is written by a worker process and comes back as its text, in order:
    # only what the format cannot write before the last (a table's widths, an order
    # other than by id) is held, one text a record.
    catalogue, runs = filters.stream(ctx, selector(query, FORMAT_KEYS.get(fmt), shape))
    listed = Listed(in_id_order(runs, catalogue.layout.measures.ids()), query.sort, limit)
    for text in listing.write(listed, display):
        console.out(text)
    filters.warn_invalid(catalogue)
    if not listed.total:
        console.note(_("no measure matches"))
    elif limit is not None and limit < listed.total:
        console.note(_("showing {shown} of {total} measures").format(shown=limit, total=listed.total))


@commands.command()
def show(
    ctx: typer.Context,
    measure_id: filters.MeasureIdArgument,
    output_format: RecordFormatOption = "text",
) -> None:
    """Show one measure in full: names for ids, budget, indicators, decision, file.

    An unknown id exits 1 and names the closest ids.

    Example:  integ show sprache-001
    """
    from integ_cli.concept.load import is_illustrative
    from integ_cli.exitcodes import ExitCode
    from integ_cli.render.names import Names
    from integ_cli.render.record import RECORD_RENDERERS, illustrative_note
    from integ_cli.suggest import did_you_mean

    if measure_id.endswith(".yaml"):
        measure_id = Path(measure_id).name.removesuffix(".yaml")
    rel = f"data/measures/{measure_id}.yaml"
    catalogue = filters.load(ctx, lambda _catalogue: lambda data: data.get("id") == measure_id, only={rel})
    if not catalogue.measures:
        from integ_cli.files.repository import scan

        known = scan(catalogue.root).measure_ids()  # the catalogue listed only the file asked for
        if measure_id not in known:
            hint = did_you_mean(measure_id, sorted(known))
            fail(_("no measure '{id}'{did_you_mean}").format(id=measure_id, did_you_mean=hint), ExitCode.PROBLEMS)
        fail(_("{file} is invalid; run 'integ validate {file}' for details").format(file=rel), ExitCode.PROBLEMS)
    display = console.display(None)[1]
    shown = RECORD_RENDERERS[output_format](catalogue.measures[0], Names.of(catalogue), display)
    if is_illustrative(catalogue.root):
        if output_format == "text":
            shown = illustrative_note(display) + shown
        else:  # json and yaml stay the record as in its file: the note goes to stderr
            console.note(illustrative_note().strip())
    console.out(shown)


@commands.command()
def fields(ctx: typer.Context, output_format: OverviewFormatOption = None) -> None:
    """The action fields in concept order, with their measures by status.

    Prioritised fields are marked; "Also" counts measures naming the field among their also_fields.

    Example:  integ fields --format json
    """
    from integ_cli.render.counts import render_fields
    from integ_cli.report.counts import FIELD_KEYS, Counting, FieldTally

    counting = Counting(FIELD_KEYS, lambda catalogue: FieldTally(catalogue.fields, catalogue.codelists["status"]))
    filters.load(ctx, counting.select)
    assert counting.tally is not None, "load calls the selector"
    fmt, display = console.display(output_format)
    counts = counting.tally.rows()
    _overview(render_fields(counts, fmt, display), fmt, bool(counts), N_("no action fields defined"))


@commands.command("target-groups")
def target_groups(ctx: typer.Context, output_format: OverviewFormatOption = None) -> None:
    """The target groups as a tree, with their measures, counting sub-groups in.

    Example:  integ target-groups
    """
    from integ_cli.render.counts import render_target_groups
    from integ_cli.report.counts import TARGET_GROUP_KEYS, Counting, target_groups_tally

    counting = Counting(TARGET_GROUP_KEYS, lambda c: target_groups_tally(c.vocabularies.get("target-groups", {})))
    filters.load(ctx, counting.select)
    assert counting.tally is not None, "load calls the selector"
    fmt, display = console.display(output_format)
    counts = counting.tally.rows()
    _overview(render_target_groups(counts, fmt, display), fmt, bool(counts), N_("no target groups defined"))


@commands.command()
def actors(ctx: typer.Context, output_format: OverviewFormatOption = None) -> None:
    """The actors, as a tree of organisations, with how often each leads or partners.

    Example:  integ actors --format json
    """
    from integ_cli.render.counts import render_actors
    from integ_cli.report.counts import ACTOR_KEYS, Counting, actors_tally

    counting = Counting(ACTOR_KEYS, lambda catalogue: actors_tally(catalogue.vocabularies.get("actors", {})))
    filters.load(ctx, counting.select)
    assert counting.tally is not None, "load calls the selector"
    fmt, display = console.display(output_format)
    counts = counting.tally.rows()
    _overview(render_actors(counts, fmt, display), fmt, bool(counts), N_("no actors defined"))


@commands.command()
def districts(ctx: typer.Context, output_format: OverviewFormatOption = None) -> None:
    """The districts with their measures; city-wide measures count for every district.

    Sub-areas (Stadtteile, Sozialräume) are listed indented below their district.
    "Incl. sub-areas" adds the measures of a district's sub-areas; the last column
    adds the city-wide measures too: it is what 'integ list --district ID' finds.

    Example:  integ districts
    """
    from integ_cli.areas import KEYS, DistrictTally
    from integ_cli.render.counts import render_districts
    from integ_cli.report.counts import Counting

    counting = Counting(KEYS, lambda catalogue: DistrictTally(catalogue.vocabularies.get("districts", {})))
    filters.load(ctx, counting.select)
    assert counting.tally is not None, "load calls the selector"
    fmt, display = console.display(output_format)
    counts = counting.tally.rows()
    _overview(render_districts(counts, fmt, display), fmt, bool(counts), N_("no districts defined"))


def _overview(text: str, fmt: str, found: bool, nothing: str) -> None:
    """Print an overview; where there is nothing, the note ``nothing`` (marked with ``N_``)
    instead (JSON and YAML still get ``[]``)."""
    if not found:
        console.note(_(nothing))
        if fmt not in ("json", "yaml"):
            return
    console.out(text)
