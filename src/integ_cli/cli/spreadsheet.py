"""The spreadsheet round trip: ``integ export``, ``integ template`` and ``integ import``.

The layout is :mod:`integ_cli.spreadsheet.layout`; writing is :mod:`integ_cli.spreadsheet.write`,
reading back :mod:`integ_cli.spreadsheet.apply`. Only typer, the standard library and the
app (with :mod:`integ_cli.cli.writing`, for its file errors) are imported at module level;
openpyxl is imported by the core when a command runs, so other commands never pay for it.
"""

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from integ_cli.cli import console, filters
from integ_cli.cli.app import command_group, fail, repo_root
from integ_cli.cli.sql import MunicipalityOption
from integ_cli.cli.writing import file_errors
from integ_cli.i18n import N_, _, ngettext

commands = command_group(N_("Spreadsheets"))

if TYPE_CHECKING:
    from integ_cli.checking.catalogue import Catalogue
    from integ_cli.query import Query
    from integ_cli.spreadsheet.layout import Layout


class SheetFormat(str, Enum):
    """What ``integ export`` writes."""

    xlsx = "xlsx"
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"


#: The formats of ``integ export`` that are the related tables of ``integ tables``.
TABLE_FORMATS = (SheetFormat.parquet, SheetFormat.jsonl)


SheetFormatOption = Annotated[
    SheetFormat | None,
    typer.Option(
        "--format",
        "-f",
        help=N_(
            "xlsx: an Excel workbook with all sheets (the default, unless --output ends in .csv); "
            "csv: the measures sheet only, for Excel (UTF-8, semicolons); parquet or jsonl: the "
            "related tables of integ tables, into the folder --output DIR."
        ),
        show_default=False,
    ),
]
#: ``integ export`` and ``integ list``: CSV cells as they are, for scripts rather than spreadsheets.
CsvRawOption = Annotated[
    bool,
    typer.Option(
        "--csv-raw",
        help=N_(
            "CSV only: write every cell as it is, for scripts. By default a cell starting with = + - @ "
            "(which a spreadsheet would run as a formula) gets a leading ' so that it shows as text."
        ),
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help=N_("Write to FILE instead of stdout (a workbook is never written to a terminal)."),
        metavar="FILE",
        show_default=False,
    ),
]


def _layout(root: Path) -> "Layout":
    from integ_cli.authoring.records import measure_schema
    from integ_cli.spreadsheet.layout import layout_for

    return layout_for(measure_schema(root))


def _emit(root: Path, content: bytes, output: Path | None, binary: bool) -> str:
    """Write ``content`` to ``output`` (atomically; or stdout); returns where it went."""
    from integ_cli.files.outputs import write_output

    if output is None or str(output) == "-":
        if binary and filters.is_terminal():
            fail(_("a workbook is not for the terminal; give --output FILE (or redirect stdout to a file)"))
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return "stdout"
    try:
        write_output(root, output, content)
    except OSError as error:
        fail(_("cannot write {file}: {reason}").format(file=output, reason=error.strerror or error))
    return str(output)


@commands.command("export")
@filters.with_filters
def export_measures(
    ctx: typer.Context,
    selection: filters.Filters,
    output_format: SheetFormatOption = None,
    output: OutputOption = None,
    decimal_comma: Annotated[
        bool,
        typer.Option(
            "--decimal-comma",
            help=N_("CSV only: decimals with a comma (12000,5), as a German Excel reads numbers; default 12000.5."),
        ),
    ] = False,
    csv_raw: CsvRawOption = False,
    internal: Annotated[
        bool,
        typer.Option(
            "--internal",
            help=N_("parquet, jsonl only: include measures with visibility: internal (a workbook has them all)."),
        ),
    ] = False,
    municipality: MunicipalityOption = None,
) -> None:
    """Export measures to an Excel workbook (or CSV) to edit and read back with 'integ import'.

    The workbook has a sheet 'Maßnahmen' (one row per measure), 'Budget',
    'Indikatoren' and 'Links' (one row per entry, keyed by the measure's id), and
    'Anleitung' (instructions); drop-downs offer the allowed values. Takes the
    filters of 'integ list'; without any, every valid measure is exported.

    With --format parquet or jsonl it writes the related tables of 'integ tables'
    instead, into the folder --output DIR, for DuckDB, pandas or Spark.

    Example:  integ export --output massnahmen.xlsx
    Example:  integ export --field sprache --status active --format csv --output sprache.csv
    Example:  integ export --format parquet --output tabellen
    """
    if output_format in TABLE_FORMATS:
        from integ_cli.cli.sql import write_tables

        if selection != filters.Filters():
            fail(
                _("--format {format} writes every valid measure; select in SQL instead (integ sql)").format(
                    format=output_format.value
                )
            )
        write_tables(ctx, output, output_format.value, municipality, internal)
        return
    if internal or municipality is not None:
        fail(
            _(
                "--internal and --municipality are for --format parquet or jsonl; "
                "a workbook or CSV has every measure already, without a key"
            )
        )
    from integ_cli.concept.load import is_illustrative
    from integ_cli.query import selector
    from integ_cli.render.report.labels import ILLUSTRATIVE
    from integ_cli.spreadsheet import write as export

    query = selection.query()
    root = repo_root(ctx)
    layout = _layout(root)
    fmt = output_format.value if output_format else "csv" if output and output.suffix.lower() == ".csv" else "xlsx"
    if fmt == "csv":  # the CSV stays data only: the note goes to stderr
        catalogue = filters.load(ctx, selector(query))
        # By id (a valid measure's id is its file's name), each decoded as it is written and let go.
        ordered = sorted(catalogue.measures, key=lambda measure: measure.id)
        content = export.csv_text(layout, (m.read() for m in ordered), decimal_comma, csv_raw).encode("utf-8")
        if is_illustrative(root):
            console.note(_(ILLUSTRATIVE))
        where, count = _emit(root, content, output, False), len(ordered)
    else:
        where, count = _export_xlsx(ctx, query, layout, output)
    if not count:
        console.note(_("no measure matches; the file has the headers only"))
    else:
        console.note(
            ngettext("{n} measure written to {where}", "{n} measures written to {where}", count).format(
                n=count, where=where
            )
        )


def _export_xlsx(ctx: typer.Context, query: "Query", layout: "Layout", output: Path | None) -> tuple[str, int]:
    """The workbook of the measures ``query`` selects, written while they are checked:
    the workers make each measure's rows (:class:`~integ_cli.spreadsheet.write.RowMaker`,
    the selection's shape) and send them in small batches, and the rows go into the
    sheets in id order as they come, so no more than a few batches of measures are held.
    Returns where the workbook went and how many measures it has."""
    import tempfile
    from dataclasses import replace

    from integ_cli.checking.measure import Keep
    from integ_cli.concept.load import is_illustrative
    from integ_cli.query import in_id_order, selector
    from integ_cli.spreadsheet import write as export

    make = export.RowMaker(layout)
    # A shape sends text: the rows travel as RowMaker's text, one a measure, as it is written.
    chosen = selector(query, None, lambda _catalogue: make)

    def select(catalogue: "Catalogue") -> Keep:
        keep = chosen(catalogue)
        return replace(keep if isinstance(keep, Keep) else Keep(keep), batch=export.BATCH)

    catalogue, runs = filters.stream(ctx, select)
    made = (measure.text or "" for measure in in_id_order(runs, catalogue.layout.measures.ids()))
    with tempfile.TemporaryFile() as out:
        try:
            count = export.write_xlsx(
                out, layout, made, export.lists_of(catalogue), illustrative=is_illustrative(catalogue.root)
            )
        except export.SheetTooLong as error:
            fail(str(error))
        filters.warn_invalid(catalogue)
        out.seek(0)
        return _emit(catalogue.root, out.read(), output, True), count


@commands.command("template")
def template(ctx: typer.Context, output: OutputOption = None) -> None:
    """Write an empty workbook in the layout of 'integ export', for proposing new measures.

    Partners fill in one row per measure on the sheet 'Maßnahmen' (and, with a
    placeholder id such as neu-1, its budget lines and indicators); 'integ import'
    reads it back and gives each new measure its id.

    Example:  integ template --output vorschlaege.xlsx
    """
    from integ_cli.spreadsheet import write as export

    catalogue = filters.load(ctx, None, only=set())
    layout = _layout(catalogue.root)
    content = export.xlsx_bytes(export.workbook(layout, [], export.lists_of(catalogue)))
    where = _emit(catalogue.root, content, output, True)
    console.note(_("empty workbook written to {where}").format(where=where))


@commands.command("import")
def import_sheet(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help=N_("A workbook (.xlsx) or CSV file in the layout of 'integ export'."),
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=N_("Check and show what would change; write nothing."))
    ] = False,
) -> None:
    """Read measures back from a workbook or CSV: new rows become new measures, changed cells update theirs.

    Every row is checked first, as 'integ validate' would; if anything is wrong,
    nothing is written and each problem is named with its sheet, cell and column.
    Unchanged cells are left alone, so importing an unchanged export changes nothing.

    Example:  integ import massnahmen.xlsx --dry-run
    Example:  integ import vorschlaege.csv
    """
    from integ_cli.exitcodes import ExitCode
    from integ_cli.render.sheet import render_changes, render_problems, render_summary
    from integ_cli.spreadsheet.apply import import_workbook

    root = repo_root(ctx)
    with file_errors():
        outcome = import_workbook(root, file, dry_run=dry_run)
    sys.stdout.write(render_changes(outcome, dry_run) if not outcome.problems or outcome.written else "")
    if outcome.problems:
        sys.stderr.write(render_problems(outcome.problems))
        count = len(outcome.problems)
        if outcome.written:
            written = ngettext(
                "{n} problem in {file}; the measures listed on stdout were written",
                "{n} problems in {file}; the measures listed on stdout were written",
                count,
            )
            fail(written.format(n=count, file=file), ExitCode.PROBLEMS)
        nothing = ngettext("{n} problem in {file}; nothing written", "{n} problems in {file}; nothing written", count)
        fail(nothing.format(n=count, file=file), ExitCode.PROBLEMS)
    console.note(render_summary(outcome, dry_run))
