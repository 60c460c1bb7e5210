"""What every command that selects measures shares: the filter options of ``integ list``
(also taken by ``report`` and ``export``), the Query they build, loading the catalogue
with those filters, and the shell completion of ids and vocabulary values.

Defined once, as the fields of :class:`Filters`; :func:`with_filters` adds them all to a
command, so every command spells a filter the same way and none can miss one.
Only typer, the standard library and the app are imported at module level.
"""

import functools
import gc
import inspect
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, get_type_hints

import typer

from integ_cli.cli import console
from integ_cli.cli.app import fail, repo_root

# Kept here for the spreadsheet commands (and their tests), which ask filters for it;
# the one definition is console's.
from integ_cli.cli.console import is_terminal as is_terminal
from integ_cli.i18n import N_, ngettext

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue
    from integ_cli.checking.measure import Measure, Selector
    from integ_cli.query import Query

# --- shell completion: reads the vocabulary files directly, never validates measures ------------------


def _completion_root(ctx: typer.Context) -> Path | None:
    from integ_cli.files.repository import find_root

    repo = ctx.find_root().params.get("repo")  # a list of str where completion skips conversion
    if isinstance(repo, (list, tuple)):
        repo = repo[-1] if repo else None
    try:
        return find_root(Path(repo) if repo else None)
    except Exception:  # completion must never print a traceback into the shell
        return None


def _read(path: Path) -> dict[str, Any]:
    from integ_cli.files.loading import load_document
    from integ_cli.files.reading import read_limited

    try:
        document = load_document(read_limited(path, path.name), path.name)
    except Exception:
        return {}
    return document.data if document is not None and isinstance(document.data, dict) else {}


def _complete_entries(ctx: typer.Context, incomplete: str, name: str) -> list[tuple[str, str]]:
    from integ_cli.files.vocabularies import read_entries
    from integ_cli.names import names_of, words

    root = _completion_root(ctx)
    entries = read_entries(root / "data" / f"{name}.yaml") if root else {}
    typed = words(incomplete)

    def offered(entry_id: str, entry: Mapping[str, Any]) -> bool:
        """The id starts with what is typed, or a word of its name does (``mü`` offers junge-muetter)."""
        if entry_id.startswith(incomplete):
            return True
        return len(typed) == 1 and any(word.startswith(typed[0]) for name in names_of(entry) for word in words(name))

    return [(entry_id, str(entry.get("name", ""))) for entry_id, entry in entries.items() if offered(entry_id, entry)]


def complete_target_groups(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete_entries(ctx, incomplete, "target-groups")


def complete_actors(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete_entries(ctx, incomplete, "actors")


def complete_districts(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete_entries(ctx, incomplete, "districts")


def _yaml_stems(ctx: typer.Context, folder: str, incomplete: str) -> list[str]:
    root = _completion_root(ctx)
    try:
        names = sorted(entry.name for entry in os.scandir(root / "data" / folder)) if root else []
    except OSError:
        return []
    return [n[: -len(".yaml")] for n in names if n.endswith(".yaml") and n.startswith(incomplete)]


def complete_fields(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    root = _completion_root(ctx)
    found = []
    for stem in _yaml_stems(ctx, "fields", incomplete):
        data = _read(root / "data" / "fields" / f"{stem}.yaml") if root else {}
        found.append((stem, str(data.get("name", ""))))
    return found


def complete_measures(ctx: typer.Context, incomplete: str) -> list[str]:
    return _yaml_stems(ctx, "measures", incomplete)


def _complete_codes(ctx: typer.Context, incomplete: str, key: str) -> list[tuple[str, str]]:
    """The codes of one codelist of the repository's schemas, with their German names:
    those starting with ``incomplete``, or whose name or alias does (``lau`` offers
    ``active``, laufend), so the shell always writes the code."""
    from integ_cli.codelists import of_repository
    from integ_cli.names import fold

    try:
        codelist = of_repository(_completion_root(ctx))[key]
    except Exception:  # completion must never print a traceback into the shell
        return []
    typed = fold(incomplete)
    return [
        (entry.code, entry.name())
        for entry in codelist
        if any(fold(word).startswith(typed) for word in (entry.code, *entry.names.values(), *entry.aliases))
    ]


def complete_status(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete_codes(ctx, incomplete, "status")


def complete_horizon(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete_codes(ctx, incomplete, "horizon")


def complete_source(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete_codes(ctx, incomplete, "source")


def complete_sort(incomplete: str) -> list[str]:
    from integ_cli.query import SORT_KEYS

    return [k for key in SORT_KEYS for k in (key, f"-{key}") if k.startswith(incomplete)]


# --- arguments and options shared beyond the filters ------------------------------------------------

MeasureIdArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help=N_("The measure's id, e.g. sprache-004."),
        autocompletion=complete_measures,
        show_default=False,
    ),
]


# --- the filter options ------------------------------------------------------------------------------


TargetGroupOption = Annotated[
    list[str] | None,
    typer.Option(
        "--target-group",
        "-t",
        help=N_("Only measures for this target group or one of its sub-groups. Repeat for any of several."),
        metavar="ID",
        show_default=False,
        autocompletion=complete_target_groups,
    ),
]
ExactOption = Annotated[
    bool,
    typer.Option(
        "--exact",
        help=N_(
            "Match target groups, actors and districts exactly: not their sub-groups, sub-organisations or sub-areas."
        ),
    ),
]
FieldOption = Annotated[
    list[str] | None,
    typer.Option(
        "--field",
        help=N_("Only measures in this action field (as field or among also_fields). Repeat for any of several."),
        metavar="ID",
        show_default=False,
        autocompletion=complete_fields,
    ),
]
PriorityOption = Annotated[bool, typer.Option("--priority", help=N_("Only measures in a prioritised action field."))]
ActorOption = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        help=N_("Only measures this actor (or one of its sub-organisations) leads or partners in. Repeatable."),
        metavar="ID",
        show_default=False,
        autocompletion=complete_actors,
    ),
]
LeadOnlyOption = Annotated[bool, typer.Option("--lead-only", help=N_("With --actor: only measures the actor leads."))]
DistrictOption = Annotated[
    list[str] | None,
    typer.Option(
        "--district",
        help=N_(
            "Only measures serving this district or one of its sub-areas; city-wide measures serve every "
            "district. Repeatable."
        ),
        metavar="ID",
        show_default=False,
        autocompletion=complete_districts,
    ),
]
NoCityWideOption = Annotated[
    bool,
    typer.Option("--no-city-wide", help=N_("Leave out city-wide measures (also without --district).")),
]
StatusOption = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        help=N_(
            "Only measures with this status, e.g. active; 'integ codes status' lists the statuses "
            "of the repository's schema. Repeatable."
        ),
        metavar="STATUS",
        show_default=False,
        autocompletion=complete_status,
    ),
]
HorizonOption = Annotated[
    list[str] | None,
    typer.Option(
        "--horizon",
        help=N_("Only measures with this time horizon, e.g. mid; 'integ codes horizon' lists them. Repeatable."),
        metavar="HORIZON",
        show_default=False,
        autocompletion=complete_horizon,
    ),
]
YearOption = Annotated[
    list[int] | None,
    typer.Option(
        "--year",
        help=N_(
            "Only measures running in this year (from start to end; open-ended without end; "
            "undated ones by their budget years). Repeatable."
        ),
        metavar="YEAR",
        show_default=False,
    ),
]
TextOption = Annotated[
    list[str] | None,
    typer.Option(
        "--query",
        "-q",
        help=N_(
            "Only measures whose title, summary, goal or tags contain every word of TEXT; case and "
            "umlauts do not matter (muetter finds Mütter, strasse finds Straße). Repeat for any of several."
        ),
        metavar="TEXT",
        show_default=False,
    ),
]


@dataclass(frozen=True, slots=True)
class Filters:
    """The filter options, declared once: each field is one option of every command
    that selects measures (its ``Annotated`` type says how), by :func:`with_filters`."""

    target_group: TargetGroupOption = None
    exact: ExactOption = False
    field: FieldOption = None
    priority: PriorityOption = False
    actor: ActorOption = None
    lead_only: LeadOnlyOption = False
    district: DistrictOption = None
    no_city_wide: NoCityWideOption = False
    status: StatusOption = None
    horizon: HorizonOption = None
    year: YearOption = None
    text: TextOption = None

    def query(self, sort: str = "id", limit: int | None = None) -> "Query":
        """The :class:`~integ_cli.query.Query` these options describe."""
        from integ_cli.query import Query

        return Query(
            target_groups=tuple(self.target_group or ()),
            exact=self.exact,
            fields=tuple(self.field or ()),
            prioritised=self.priority,
            actors=tuple(self.actor or ()),
            lead_only=self.lead_only,
            districts=tuple(self.district or ()),
            no_city_wide=self.no_city_wide,
            statuses=tuple(self.status or ()),
            horizons=tuple(self.horizon or ()),
            years=tuple(self.year or ()),
            text=tuple(self.text or ()),
            sort=sort,
            limit=limit,
        )


def with_filters(command: Callable[..., None]) -> Callable[..., None]:
    """``command`` taking every :class:`Filters` field as an option, where it declares
    one parameter ``selection: Filters``; it is called with them gathered into that one.

    Typer reads a command's options from its signature, so the returned function's
    signature lists the fields in the place of ``selection`` (and their order is the
    order of ``--help``); shell completion and ``--help`` see ordinary options.
    """
    signature = inspect.signature(command)
    parameters = list(signature.parameters.values())
    place = [parameter.name for parameter in parameters].index("selection")
    hints = get_type_hints(Filters, include_extras=True)
    options = [
        inspect.Parameter(
            each.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=each.default, annotation=hints[each.name]
        )
        for each in fields(Filters)
    ]

    @functools.wraps(command)
    def gathered(*args: Any, **kwargs: Any) -> None:
        selection = Filters(**{option.name: kwargs.pop(option.name) for option in options})
        command(*args, selection=selection, **kwargs)

    listed = [*parameters[:place], *options, *parameters[place + 1 :]]
    gathered.__signature__ = signature.replace(parameters=listed)  # type: ignore[attr-defined]
    gathered.__annotations__ = {parameter.name: parameter.annotation for parameter in listed}
    return gathered


# --- loading ----------------------------------------------------------------------------------------------------


def load(
    ctx: typer.Context, select: "Selector | None", only: set[str] | None = None, root: Path | None = None
) -> "Catalogue":
    """The catalogue with the measures ``select`` keeps (of the repository at ``root``,
    default the run's: a past state written out elsewhere); unknown filter values and
    broken schemas exit 2 (an error line for each unknown value), invalid files are
    named in one warning."""
    catalogue, runs = stream(ctx, select, only, root)
    for kept in runs:
        catalogue.measures += kept
    warn_invalid(catalogue)
    # The records live until the command ends; moved out of the cyclic collector's
    # view, they are not re-scanned by every collection while they are rendered
    # (about a tenth of rendering 50,000 records).
    gc.freeze()
    return catalogue


def stream(
    ctx: typer.Context, select: "Selector | None", only: set[str] | None = None, root: Path | None = None
) -> "tuple[Catalogue, Iterator[list[Measure]]]":
    """:func:`load` for a command that writes each record as it comes
    (:func:`~integ_cli.checking.catalogue.stream_catalogue`): unknown filter values and
    broken vocabularies exit before any record is read; once the records are through,
    :func:`warn_invalid` names the invalid files."""
    from integ_cli.checking.catalogue import stream_catalogue
    from integ_cli.checking.measure import select_all
    from integ_cli.query_values import UnknownValues

    root = root or repo_root(ctx)
    try:
        catalogue, runs = stream_catalogue(root, only=only, select=select or select_all)
    except UnknownValues as error:  # one line for each value, where the error's own message joins them
        for unknown in error.unknown[:-1]:
            console.error(unknown.message())
        fail(error.unknown[-1].message())
    _refuse_broken_vocabularies(catalogue)
    return catalogue, runs


def warn_invalid(catalogue: "Catalogue") -> None:
    """One warning naming the first few invalid files, if there are any."""
    invalid = catalogue.invalid_files()
    if invalid:
        shown = ", ".join(invalid[:3]) + (", ..." if len(invalid) > 3 else "")
        console.warning(
            ngettext(
                "{count} invalid file skipped ({files}); run 'integ validate' for details",
                "{count} invalid files skipped ({files}); run 'integ validate' for details",
                len(invalid),
            ).format(count=len(invalid), files=shown)
        )


def _refuse_broken_vocabularies(catalogue: "Catalogue") -> None:
    """Exit 1 naming each problem of a vocabulary file: what is listed or reported is
    checked against them, so with one wrong the output would be empty or wrong."""
    from integ_cli.exitcodes import ExitCode
    from integ_cli.render.problems import Outcome, render_text

    broken = catalogue.vocabulary_problems()
    if not broken:
        return
    console.err(render_text(Outcome(broken, []), console.use_colour(sys.stderr)))
    files = sorted({p.file for p in broken})
    message = ngettext(
        "the vocabulary file {files} has problems (above); measures are checked against it, so nothing is shown "
        "until it is fixed",
        "the vocabulary files {files} have problems (above); measures are checked against them, so nothing is "
        "shown until they are fixed",
        len(files),
    )
    fail(message.format(files=", ".join(files)), ExitCode.PROBLEMS)
