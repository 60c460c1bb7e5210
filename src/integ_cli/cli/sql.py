"""``integ tables`` (the catalogue as Parquet or JSON Lines tables) and ``integ sql``
(SQL on those tables with DuckDB, in this process).

The tables are :mod:`integ_cli.tables`; DuckDB and pyarrow are the optional extra
``integ[sql]`` and are imported only when a command needs them. Only typer, the
standard library and the app are imported at module level.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from integ_cli.cli import console, filters
from integ_cli.cli.app import command_group, fail
from integ_cli.cli.formats import RegistryChoice
from integ_cli.i18n import N_, _

if TYPE_CHECKING:
    from collections.abc import Iterator

    from integ_cli.tables.engine import Result
    from integ_cli.tables.rows import Tables

commands = command_group("Query and report")

TABLE_FORMATS = ("parquet", "jsonl")
RESULT_FORMATS = ("table", "text", "csv", "json", "md")
EXAMPLE_NAMES = ("budget", "target-groups", "overdue")

MunicipalityOption = Annotated[
    str | None,
    typer.Option(
        "--municipality",
        help=N_("The municipality key the rows carry. Default: the key in data/concept.yaml, else the folder's name."),
        metavar="KEY",
        show_default=False,
    ),
]
InternalOption = Annotated[
    bool, typer.Option("--internal", help=N_("Include measures with visibility: internal (as integ report does)."))
]


def _rows(ctx: typer.Context, municipality: str | None, internal: bool) -> tuple["Iterator[Tables]", str]:
    """The tables of the repository at hand in batches of rows, and its municipality key
    (a note where it is the folder's name). The records are read as the batches are
    asked for, in id order, each decoded for its rows and let go; the vocabularies'
    rows come last, and once all have come, invalid files are named in a warning."""
    from integ_cli.query import in_id_order
    from integ_cli.tables.rows import Origin, measure_tables, vocabulary_tables
    from integ_cli.tables.source import municipality as find_municipality
    from integ_cli.tables.source import revision

    catalogue, runs = filters.stream(ctx, None)
    city = find_municipality(catalogue.root, municipality)
    if city.origin == "folder":
        console.note(
            _(
                "data/concept.yaml names no municipality key; the rows carry the folder's name '{key}' "
                "(give one with --municipality KEY)"
            ).format(key=city.key)
        )
    origin = Origin(city.key, revision(catalogue.root))

    def batches() -> "Iterator[Tables]":
        yield from measure_tables(in_id_order(runs, catalogue.layout.measures.ids()), origin, internal=internal)
        yield vocabulary_tables(catalogue, origin)
        filters.warn_invalid(catalogue)

    return batches(), city.key


def print_result(result: "Result", output_format: str | None) -> None:
    from integ_cli.tables.show import render

    fmt, display = console.display(output_format)
    console.out(render(result, fmt, display))


def print_answer(connection: Any, query: str, output_format: str | None) -> None:
    """Run ``query`` and print its answer: CSV and JSON as its rows are fetched, the
    formats for people once every row has come, the rows spooled meanwhile, so a large
    answer is never held whole."""
    from integ_cli.cli.writing import file_errors
    from integ_cli.tables.engine import stream
    from integ_cli.tables.show import WRITERS

    fmt, display = console.display(output_format)
    with file_errors():  # the spooled rows' temporary file: no folder for it, a full disk
        for chunk in WRITERS[fmt](*stream(connection, query), display):
            console.out(chunk)


@commands.command()
def tables(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help=N_("Write the tables into folder DIR."), metavar="DIR", file_okay=False),
    ] = None,
    table_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            click_type=RegistryChoice(lambda: TABLE_FORMATS),
            help=N_("parquet: typed, partitioned by municipality (needs integ\\[sql]); jsonl: one JSON object a row."),
        ),
    ] = "parquet",
    describe: Annotated[
        bool, typer.Option("--describe", help=N_("List the tables and their columns instead of writing them."))
    ] = False,
    municipality: MunicipalityOption = None,
    internal: InternalOption = False,
) -> None:
    """Write the catalogue as related tables for other tools: measures, budget lines,
    indicators, links, action fields, target groups, actors, districts, and each
    vocabulary entry's ancestors (a roll-up is a join).

    Every row carries the municipality key and the git commit it was read at. Dates
    are dates and amounts decimals; docs/analytics.md shows how DuckDB, Python, Spark,
    Trino and BigQuery read them. Invalid records are skipped with a warning; internal
    measures are left out unless --internal.

    Example:  integ tables --output tabellen
    Example:  integ tables --output tabellen --format jsonl
    Example:  integ tables --describe
    """
    from integ_cli.tables.show import describe as columns

    if describe:
        print_result(columns(), None)
        return
    write_tables(ctx, output, table_format, municipality, internal)


def write_tables(
    ctx: typer.Context, output: Path | None, table_format: str, municipality: str | None, internal: bool
) -> None:
    """Write the repository's tables into ``output`` (``integ tables`` and ``integ export
    --format parquet|jsonl``), and say how many files were written."""
    if output is None:
        fail(_("--output DIR is missing: say where the tables go, e.g. --output tabellen"))
    from integ_cli.tables.write import installed, write

    if table_format == "parquet":
        installed("pyarrow")  # missing, it is said before the catalogue is read
    batches, key = _rows(ctx, municipality, internal)
    written = write(batches, output, table_format, key)
    console.note(_("{count} table files written to {folder}").format(count=len(written), folder=output))


def _how_to_open(folder: Path | None) -> str:
    """What ``integ sql`` without a query prints: how to open the tables elsewhere."""
    from integ_cli.tables.engine import views

    shown = folder or Path("tabellen")
    script = views(shown, None if folder is not None else "parquet")
    message = _(
        'Run a query: integ sql "SELECT field, count(*) FROM measures GROUP BY field"\n'
        "Or an example of docs/analytics.md: integ sql --example budget (or target-groups, overdue)\n\n"
        "The tables of the folder {folder} (written by integ tables --output {folder}) open in DuckDB's own "
        "shell with these lines; in Python, save them as views.sql and run "
        "duckdb.connect().execute(open('views.sql').read()):\n\n{script}"
    )
    return message.format(folder=shown, script=script)


@commands.command()
def sql(
    ctx: typer.Context,
    query: Annotated[
        str | None,
        typer.Argument(
            metavar="QUERY", help=N_("The SQL query (DuckDB's dialect). Without it: how to open the tables.")
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            click_type=RegistryChoice(lambda: RESULT_FORMATS),
            help=N_("table (the default on a terminal), text (the default when piped), csv, json or md."),
            show_default=False,
        ),
    ] = None,
    folder: Annotated[
        Path | None,
        typer.Option(
            "--tables",
            help=N_(
                "Query the tables in folder DIR (from integ tables or integ federation export) "
                "instead of the repository."
            ),
            metavar="DIR",
            file_okay=False,
            exists=True,
        ),
    ] = None,
    example: Annotated[
        str | None,
        typer.Option(
            "--example",
            click_type=RegistryChoice(lambda: EXAMPLE_NAMES),
            help=N_("Run one of the documented example queries: budget, target-groups or overdue."),
            show_default=False,
        ),
    ] = None,
    municipality: MunicipalityOption = None,
    internal: InternalOption = False,
) -> None:
    """Answer an SQL query on the tables of integ tables, with DuckDB in this process.

    The tables are views: measures, budget_lines, indicators, links, fields,
    target_groups, actors, districts, ancestors, vocabulary_map (integ tables
    --describe lists their columns). Without a query: how to open them in DuckDB's
    shell or in Python. Needs the extra: pip install 'integ\\[sql]'.

    Example:  integ sql "SELECT status, count(*) FROM measures GROUP BY status"
    Example:  integ sql --example budget --format csv > budget.csv
    Example:  integ sql --tables land/ --example target-groups
    """
    from integ_cli.tables.engine import connect, connected
    from integ_cli.tables.examples import EXAMPLES
    from integ_cli.tables.write import installed

    if query is not None and example is not None:
        fail(_("give a query or --example, not both"))
    text = EXAMPLES[example][1] if example is not None else query
    if text is None:
        console.out(_how_to_open(folder))
        return
    installed("duckdb")  # missing, it is said before the catalogue is read
    if folder is not None:
        print_answer(connect(folder), text, output_format)
        return
    installed("pyarrow")  # the rows go to DuckDB through Parquet
    with connected(*_rows(ctx, municipality, internal)) as connection:
        print_answer(connection, text, output_format)
