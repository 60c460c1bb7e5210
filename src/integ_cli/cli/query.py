"""Analysts' commands: ``integ list``, ``integ show`` and the overviews ``integ fields``,
``integ target-groups``, ``integ actors``, ``integ districts``.

The options are defined once, as ``Annotated`` aliases, so every command that takes
a filter or a format spells it the same way. Only typer, the standard library and the
app are imported at module level; the core and rich are imported when a command runs,
so ``integ --version`` stays fast.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from integ_cli.cli.app import app, fail, repo_root

if TYPE_CHECKING:
    from integ_cli.catalogue import Catalogue, Selector
    from integ_cli.render.grid import Display

# --- shell completion: reads the vocabulary files directly, never validates measures ------------------


def _completion_root(ctx: typer.Context) -> Path | None:
    from integ_cli.repository import find_root

    repo = ctx.find_root().params.get("repo")  # a str where completion skips conversion
    try:
        return find_root(Path(repo) if repo else None)
    except Exception:  # completion must never print a traceback into the shell
        return None


def _read(path: Path) -> dict[str, Any]:
    from integ_cli.loading import load_document

    try:
        document = load_document(path.read_bytes(), path.name)
    except Exception:
        return {}
    return document.data if document is not None and isinstance(document.data, dict) else {}


def _complete_entries(ctx: typer.Context, incomplete: str, name: str) -> list[tuple[str, str]]:
    root = _completion_root(ctx)
    entries = _read(root / "data" / f"{name}.yaml").get("entries") if root else None
    if not isinstance(entries, list):
        return []
    return [
        (entry["id"], str(entry.get("name", "")))
        for entry in entries
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"].startswith(incomplete)
    ]


def _complete_target_groups(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete_entries(ctx, incomplete, "target-groups")


def _complete_actors(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete_entries(ctx, incomplete, "actors")


def _complete_districts(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete_entries(ctx, incomplete, "districts")


def _yaml_stems(ctx: typer.Context, folder: str, incomplete: str) -> list[str]:
    root = _completion_root(ctx)
    try:
        names = sorted(entry.name for entry in os.scandir(root / "data" / folder)) if root else []
    except OSError:
        return []
    return [n[: -len(".yaml")] for n in names if n.endswith(".yaml") and n.startswith(incomplete)]


def _complete_fields(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    root = _completion_root(ctx)
    found = []
    for stem in _yaml_stems(ctx, "fields", incomplete):
        data = _read(root / "data" / "fields" / f"{stem}.yaml") if root else {}
        found.append((stem, str(data.get("name", ""))))
    return found


def _complete_measures(ctx: typer.Context, incomplete: str) -> list[str]:
    return _yaml_stems(ctx, "measures", incomplete)


def _complete_status(incomplete: str) -> list[str]:
    from integ_cli.query import STATUSES

    return [s for s in STATUSES if s.startswith(incomplete)]


def _complete_horizon(incomplete: str) -> list[str]:
    from integ_cli.query import HORIZONS

    return [h for h in HORIZONS if h.startswith(incomplete)]


def _complete_sort(incomplete: str) -> list[str]:
    from integ_cli.query import SORT_KEYS

    return [k for key in SORT_KEYS for k in (key, f"-{key}") if k.startswith(incomplete)]


# --- shared options ---------------------------------------------------------------------------------


class ListFormat(str, Enum):
    """Output formats for measure lists (the renderers in render.records)."""

    table = "table"
    text = "text"
    json = "json"
    yaml = "yaml"
    csv = "csv"
    md = "md"


class RecordFormat(str, Enum):
    """Output formats for one measure."""

    text = "text"
    json = "json"
    yaml = "yaml"


class OverviewFormat(str, Enum):
    """Output formats for the overviews (the renderers in render.counts)."""

    table = "table"
    text = "text"
    json = "json"


TargetGroupOption = Annotated[
    list[str] | None,
    typer.Option(
        "--target-group",
        "-t",
        help="Only measures for this target group or one of its sub-groups. Repeat for any of several.",
        metavar="ID",
        show_default=False,
        autocompletion=_complete_target_groups,
    ),
]
ExactOption = Annotated[
    bool,
    typer.Option("--exact", help="Match target groups and actors exactly: not their sub-groups or sub-organisations."),
]
FieldOption = Annotated[
    list[str] | None,
    typer.Option(
        "--field",
        help="Only measures in this action field (as field or among also_fields). Repeat for any of several.",
        metavar="ID",
        show_default=False,
        autocompletion=_complete_fields,
    ),
]
PriorityOption = Annotated[bool, typer.Option("--priority", help="Only measures in a prioritised action field.")]
ActorOption = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        help="Only measures this actor (or one of its sub-organisations) leads or partners in. Repeatable.",
        metavar="ID",
        show_default=False,
        autocompletion=_complete_actors,
    ),
]
LeadOnlyOption = Annotated[bool, typer.Option("--lead-only", help="With --actor: only measures the actor leads.")]
DistrictOption = Annotated[
    list[str] | None,
    typer.Option(
        "--district",
        help="Only measures serving this district; city-wide measures serve every district. Repeatable.",
        metavar="ID",
        show_default=False,
        autocompletion=_complete_districts,
    ),
]
NoCityWideOption = Annotated[
    bool,
    typer.Option("--no-city-wide", help="Leave out city-wide measures (also without --district)."),
]
StatusOption = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        help="planned, active, completed, suspended or dropped. Repeatable.",
        metavar="STATUS",
        show_default=False,
        autocompletion=_complete_status,
    ),
]
HorizonOption = Annotated[
    list[str] | None,
    typer.Option(
        "--horizon",
        help="short, mid or long. Repeatable.",
        metavar="HORIZON",
        show_default=False,
        autocompletion=_complete_horizon,
    ),
]
YearOption = Annotated[
    list[int] | None,
    typer.Option(
        "--year",
        help="Only measures running in this year (from start to end; open-ended without end; "
        "undated ones by their budget years). Repeatable.",
        metavar="YEAR",
        show_default=False,
    ),
]
TextOption = Annotated[
    list[str] | None,
    typer.Option(
        "--query",
        "-q",
        help="Only measures whose title, summary, goal or tags contain every word of TEXT; case and "
        "umlauts do not matter (muetter finds Mütter, strasse finds Straße). Repeat for any of several.",
        metavar="TEXT",
        show_default=False,
    ),
]
SortOption = Annotated[
    str,
    typer.Option(
        "--sort",
        help="Order by id, title, field (concept order), status, start or budget (planned total); "
        "a leading - reverses, e.g. -budget.",
        metavar="KEY",
        autocompletion=_complete_sort,
    ),
]
LimitOption = Annotated[
    int | None, typer.Option("--limit", min=1, help="Show at most N measures.", metavar="N", show_default=False)
]
ListFormatOption = Annotated[
    ListFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="table: for the terminal (the default there); text: plain columns (the default when piped); "
        "json, yaml: the records as in their files; csv: for Excel (UTF-8, semicolons); md: Markdown.",
        show_default=False,
    ),
]
RecordFormatOption = Annotated[
    RecordFormat,
    typer.Option("--format", "-f", help="text: readable, with names; json, yaml: the record as in its file."),
]
OverviewFormatOption = Annotated[
    OverviewFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="table: for the terminal (the default there); text: plain columns (the default when piped); json.",
        show_default=False,
    ),
]


# --- helpers ----------------------------------------------------------------------------------------


def _load(ctx: typer.Context, select: Selector | None, only: set[str] | None = None) -> Catalogue:
    """The catalogue with the measures ``select`` keeps; unknown filter values and
    broken schemas exit 2, invalid files are named in one warning."""
    from integ_cli.catalogue import load_catalogue, select_all
    from integ_cli.query import UnknownValues
    from integ_cli.schema import SchemaError

    root = repo_root(ctx)
    try:
        catalogue = load_catalogue(root, only=only, select=select or select_all)
    except SchemaError as error:
        fail(str(error))
    except UnknownValues as error:
        for unknown in error.unknown[:-1]:
            sys.stderr.write(f"integ: error: {unknown.message()}\n")
        fail(error.unknown[-1].message())
    invalid = catalogue.invalid_files()
    if invalid:
        shown = ", ".join(invalid[:3]) + (", ..." if len(invalid) > 3 else "")
        count = f"{len(invalid)} invalid file{'s' if len(invalid) != 1 else ''}"
        sys.stderr.write(f"integ: warning: {count} skipped ({shown}); run 'integ validate' for details\n")
    return catalogue


def _is_terminal() -> bool:
    """Whether stdout is a terminal (a function, so tests can pretend it is)."""
    return sys.stdout.isatty()


def _display(output_format: Enum | None) -> tuple[str, Display]:
    """The format to use (``table`` on a terminal, else plain ``text``, unless one is
    asked for) and how stdout looks: colour or not, how wide."""
    import shutil

    from integ_cli.cli.output import use_colour
    from integ_cli.render.grid import Display

    terminal = _is_terminal()
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() else shutil.get_terminal_size().columns if terminal else None
    fmt = output_format.value if output_format is not None else "table" if terminal else "text"
    return fmt, Display(use_colour(sys.stdout), width)


# --- commands ---------------------------------------------------------------------------------------


@app.command("list")
def list_measures(
    ctx: typer.Context,
    target_group: TargetGroupOption = None,
    exact: ExactOption = False,
    field: FieldOption = None,
    priority: PriorityOption = False,
    actor: ActorOption = None,
    lead_only: LeadOnlyOption = False,
    district: DistrictOption = None,
    no_city_wide: NoCityWideOption = False,
    status: StatusOption = None,
    horizon: HorizonOption = None,
    year: YearOption = None,
    text: TextOption = None,
    sort: SortOption = "id",
    limit: LimitOption = None,
    output_format: ListFormatOption = None,
) -> None:
    """List the measures that match every filter given (a repeated option: any of its values).

    No match is not an error: a note on stderr, exit code 0. An unknown filter value
    exits 2; invalid records are skipped with a warning.

    Example:  integ list --target-group kinder-jugendliche --status active --sort -budget
    Example:  integ list -q muetter --year 2025 --format csv > measures.csv
    """
    from integ_cli.query import Query, selector, sort_measures
    from integ_cli.render.records import RENDERERS, Names

    query = Query(
        target_groups=tuple(target_group or ()),
        exact=exact,
        fields=tuple(field or ()),
        prioritised=priority,
        actors=tuple(actor or ()),
        lead_only=lead_only,
        districts=tuple(district or ()),
        no_city_wide=no_city_wide,
        statuses=tuple(status or ()),
        horizons=tuple(horizon or ()),
        years=tuple(year or ()),
        text=tuple(text or ()),
        sort=sort,
        limit=limit,
    )
    catalogue = _load(ctx, selector(query))
    everything = sort_measures(catalogue.measures, query.sort, catalogue.fields)
    measures = everything[:limit] if limit is not None else everything
    fmt, display = _display(output_format)
    if not measures:
        sys.stderr.write("integ: no measure matches\n")
        if fmt in ("table", "text", "md"):
            return
    elif len(measures) < len(everything):
        sys.stderr.write(f"integ: showing {len(measures)} of {len(everything)} measures\n")
    sys.stdout.write(RENDERERS[fmt](measures, Names.of(catalogue), display))


@app.command()
def show(
    ctx: typer.Context,
    measure_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The measure's id (or its file).", autocompletion=_complete_measures, show_default=False
        ),
    ],
    output_format: RecordFormatOption = RecordFormat.text,
) -> None:
    """Show one measure in full: names for ids, budget, indicators, decision, file.

    An unknown id exits 1 and names the closest ids.

    Example:  integ show sprache-001
    """
    from integ_cli.exitcodes import ExitCode
    from integ_cli.render.records import Names, record, render_record, to_yaml
    from integ_cli.suggest import did_you_mean

    if measure_id.endswith(".yaml"):
        measure_id = Path(measure_id).name.removesuffix(".yaml")
    rel = f"data/measures/{measure_id}.yaml"
    catalogue = _load(ctx, lambda _catalogue: lambda data: data.get("id") == measure_id, only={rel})
    if not catalogue.measures:
        known = catalogue.layout.measure_ids()
        if measure_id not in known:
            fail(f"no measure '{measure_id}'{did_you_mean(measure_id, sorted(known))}", ExitCode.PROBLEMS)
        fail(f"{rel} is invalid; run 'integ validate {rel}' for details", ExitCode.PROBLEMS)
    measure = catalogue.measures[0]
    if output_format is RecordFormat.json:
        import json

        sys.stdout.write(json.dumps(record(measure), ensure_ascii=False, indent=2) + "\n")
    elif output_format is RecordFormat.yaml:
        sys.stdout.write(to_yaml(record(measure)))
    else:
        _, display = _display(None)
        sys.stdout.write(render_record(measure, Names.of(catalogue), display))


@app.command()
def fields(ctx: typer.Context, output_format: OverviewFormatOption = None) -> None:
    """The action fields in concept order, with their measures by status.

    Prioritised fields are marked; "Also" counts measures naming the field among their also_fields.

    Example:  integ fields --format json
    """
    from integ_cli.counts import field_counts
    from integ_cli.render.counts import render_fields

    catalogue = _load(ctx, None)
    fmt, display = _display(output_format)
    counts = field_counts(catalogue.fields, catalogue.measures)
    _overview(render_fields(counts, fmt, display), fmt, bool(counts), "action fields")


@app.command("target-groups")
def target_groups(ctx: typer.Context, output_format: OverviewFormatOption = None) -> None:
    """The target groups as a tree, with their measures, counting sub-groups in.

    Example:  integ target-groups
    """
    from integ_cli.counts import target_group_counts
    from integ_cli.render.counts import render_target_groups

    catalogue = _load(ctx, None)
    fmt, display = _display(output_format)
    counts = target_group_counts(catalogue.vocabularies.get("target-groups", {}), catalogue.measures)
    _overview(render_target_groups(counts, fmt, display), fmt, bool(counts), "target groups")


@app.command()
def actors(ctx: typer.Context, output_format: OverviewFormatOption = None) -> None:
    """The actors, as a tree of organisations, with how often each leads or partners.

    Example:  integ actors --format json
    """
    from integ_cli.counts import actor_counts
    from integ_cli.render.counts import render_actors

    catalogue = _load(ctx, None)
    fmt, display = _display(output_format)
    counts = actor_counts(catalogue.vocabularies.get("actors", {}), catalogue.measures)
    _overview(render_actors(counts, fmt, display), fmt, bool(counts), "actors")


@app.command()
def districts(ctx: typer.Context, output_format: OverviewFormatOption = None) -> None:
    """The districts with their measures; city-wide measures count for every district.

    Example:  integ districts
    """
    from integ_cli.counts import district_counts
    from integ_cli.render.counts import render_districts

    catalogue = _load(ctx, None)
    fmt, display = _display(output_format)
    counts = district_counts(catalogue.vocabularies.get("districts", {}), catalogue.measures)
    _overview(render_districts(counts, fmt, display), fmt, bool(counts), "districts")


def _overview(text: str, fmt: str, found: bool, what: str) -> None:
    """Print an overview; where there is nothing, a note instead (JSON still gets ``[]``)."""
    if not found:
        sys.stderr.write(f"integ: no {what} defined\n")
        if fmt != "json":
            return
    sys.stdout.write(text)
