"""Staff authoring from the terminal: add, edit, status, budget, indicator, link, unlink, set.

Every command checks the result the way ``integ validate`` would *before* it writes;
where that finds a problem nothing is written, the problems are shown in validate's
text format and the exit code is 1. Usage errors (a missing or malformed value)
exit 2. Writes are atomic, keep comments and formatting, and set ``updated``.
The core is :mod:`integ_cli.authoring.records`; this module parses, asks and renders.
"""

import contextlib
import os
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from integ_cli.cli import filters
from integ_cli.cli.app import command_group, fail, repo_root

commands = command_group("Edit measures")


DryRun = Annotated[bool, typer.Option("--dry-run", help="Show what would change; write nothing.")]


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
#: measure key -> the ``integ add`` option that gives it (named when it is missing).
_OPTIONS = {
    "field": "--field",
    "title": "--title",
    "summary": "--summary",
    "goal": "--goal",
    "target_groups": "--target-group",
    "lead": "--lead",
    "partners": "--partner",
    "districts": "--district",
    "status": "--status",
    "horizon": "--horizon",
    "start": "--start",
    "end": "--end",
    "also_fields": "--also-field",
    "tags": "--tag",
    "visibility": "--visibility",
    "notes": "--notes",
}


# --- shared plumbing --------------------------------------------------------------------------


@contextlib.contextmanager
def _file_errors() -> Iterator[None]:
    """A file that cannot be read or written (permissions, a full disk, a link out of
    data/) or a broken schema: one line on stderr, exit 2, never a traceback."""
    from integ_cli.checking.schema import SchemaError
    from integ_cli.files.atomic import OutsideData

    try:
        yield
    except (OutsideData, SchemaError) as error:
        fail(str(error))
    except OSError as error:
        fail(f"cannot read or write {error.filename or 'a file'}: {error.strerror or error}")


def _schema(root: Path) -> dict[str, Any]:
    from integ_cli.authoring.records import measure_schema
    from integ_cli.checking.schema import SchemaError

    try:
        return measure_schema(root)
    except SchemaError as error:
        fail(str(error))


def _code(ctx: typer.Context, key: str, text: str, what: str) -> str:
    """The code of codelist ``key`` that ``text`` names (the code, a name or an alias,
    any case), or a usage error listing the codes with their names."""
    from integ_cli.checking.schema import SchemaError
    from integ_cli.codelists import of_repository
    from integ_cli.suggest import did_you_mean

    try:
        codelist = of_repository(repo_root(ctx))[key]
    except SchemaError as error:
        fail(str(error))
    code = codelist.resolve(text)
    if code is None:
        fail(f"'{text}' is not {what}; use one of: {codelist.describe()}{did_you_mean(text, codelist.codes)}")
    return code


def _refuse(message: str) -> NoReturn:
    """Exit 1 (the data, or the change asked for, has problems) with one line on stderr."""
    from integ_cli.exitcodes import ExitCode

    fail(message, ExitCode.PROBLEMS)


def _say(text: str) -> None:
    sys.stderr.write(f"integ: {text}\n")


def _show(result: Any) -> None:
    """A result's problems in ``integ validate``'s text format, on stderr."""
    from integ_cli.cli.console import use_colour
    from integ_cli.render.problems import Outcome, render_text

    sys.stderr.write(render_text(Outcome(result.problems, [result.rel]), use_colour(sys.stderr)))


def _problems(result: Any) -> NoReturn:
    """Show a result's problems like ``integ validate`` does, then exit 1."""
    if result.conflict:
        _refuse(
            f"{result.rel} was changed by someone else while this edit was made; nothing written; run the command again"
        )
    _show(result)
    count = len(result.problems)
    where = " (lines as the file would be; --dry-run shows it)" if result.text != result.before else ""
    _refuse(f"nothing written: {count} problem{'s' if count != 1 else ''}{where}")


def _diff(before: str, after: str, rel: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{rel}", f"b/{rel}"
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _edit(ctx: typer.Context, measure_id: str, edit: Any, dry_run: bool) -> None:
    """Run one edit (integ_cli.authoring.edits) through the core and report it."""
    from integ_cli.authoring.records import UnknownMeasure, edit_measure

    root = repo_root(ctx)
    try:
        with _file_errors():
            result = edit_measure(root, measure_id, edit, dry_run=dry_run)
    except UnknownMeasure as error:
        _refuse(str(error))
    if not result.ok:
        _problems(result)
    if not result.changes:
        _say(f"{measure_id}: nothing to change")
        return
    if dry_run:
        sys.stdout.write(_diff(result.before, result.text, result.rel))
        _say(f"{measure_id}: {'; '.join(result.changes)} (dry run: nothing written)")
        return
    _say(f"{measure_id}: {'; '.join(result.changes)}")
    if result.reformatted:
        _say(f"note: the indentation of {result.rel} could not be kept exactly; check 'git diff'")


def _split(values: list[str] | None) -> list[str]:
    """Repeated options, each possibly comma-separated, as one list."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


# --- add ----------------------------------------------------------------------------------------


@commands.command()
def add(
    ctx: typer.Context,
    field: Annotated[
        str | None, typer.Option("--field", help="Action field id (Handlungsfeld); also the new id's prefix.")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Short title.")] = None,
    summary: Annotated[str | None, typer.Option("--summary", help="What the measure does, 2-3 sentences.")] = None,
    goal: Annotated[str | None, typer.Option("--goal", help="The goal (Ziel).")] = None,
    target_group: Annotated[
        list[str] | None, typer.Option("--target-group", "-t", help="Target group id; repeat or use commas.")
    ] = None,
    lead: Annotated[str | None, typer.Option("--lead", help="Leading actor id (Federführung).")] = None,
    partner: Annotated[list[str] | None, typer.Option("--partner", help="Partner actor id; repeatable.")] = None,
    district: Annotated[
        list[str] | None, typer.Option("--district", "-d", help="District id (or stadtweit); repeatable.")
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status", help="e.g. planned; 'integ codes status' lists them.", autocompletion=filters.complete_status
        ),
    ] = None,
    horizon: Annotated[
        str | None,
        typer.Option(
            "--horizon", help="e.g. mid; 'integ codes horizon' lists them.", autocompletion=filters.complete_horizon
        ),
    ] = None,
    start: Annotated[str | None, typer.Option("--start", help="Start date, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--end", help="End date, YYYY-MM-DD.")] = None,
    also_field: Annotated[list[str] | None, typer.Option("--also-field", help="Further action field.")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Keyword; repeatable.")] = None,
    visibility: Annotated[str | None, typer.Option("--visibility", help="public (default) or internal.")] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="Internal notes.")] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="FILE",
            help="Take values from a YAML or JSON file of measure keys ('-' reads stdin); options win over it.",
        ),
    ] = None,
    dry_run: DryRun = False,
    ask: Annotated[
        bool | None,
        typer.Option(
            "--input/--no-input",
            help="Ask for missing values in a dialogue (default: when stdin is a terminal). With "
            "--no-input every value comes from options or --from, and a missing one is an error.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Add a new measure; its id is the next free <field>-<NNN>.

    On a terminal, asks for every value not given, offering the vocabularies as
    menus, then shows the record and asks before writing. Otherwise (a pipe, a
    script, --no-input) takes the values from options and --from, and fails (exit 2)
    naming each missing required value. The record is checked like 'integ validate'
    before it is written. Prints the new id and its file.

    Example:  integ add            (asks for each value)
    Example:  integ add --no-input --field sprache --title "Sprachcafé Haaren" --summary "Ein offenes Sprachcafé im Begegnungszentrum Haaren." -t neuzuwanderer -d haaren --status planned --horizon short
    """  # noqa: E501
    from integ_cli.authoring import records as authoring

    root = repo_root(ctx)
    schema = _schema(root)
    values = _read_values(from_file) if from_file is not None else {}
    given = {
        "field": field,
        "title": title,
        "summary": summary,
        "goal": goal,
        "also_fields": _split(also_field),
        "target_groups": _split(target_group),
        "lead": lead,
        "partners": _split(partner),
        "districts": _split(district),
        "status": status,
        "horizon": horizon,
        "start": start,
        "end": end,
        "visibility": visibility,
        "tags": _split(tag),
        "notes": notes,
    }
    values.update({k: v for k, v in given.items() if v not in (None, [])})
    interactive = sys.stdin.isatty() if ask is None else ask
    if interactive:
        from integ_cli.cli.dialogue import Dialogue

        Dialogue(authoring.vocabularies(root), schema).run(values)
    else:
        automatic = ("schema_version", "id", "updated", "visibility")
        missing = [k for k in schema.get("required", []) if k not in automatic and values.get(k) in (None, [], "")]
        if missing:
            names = ", ".join(_OPTIONS.get(k, f"'{k}' (in --from FILE)") for k in missing)
            fail(f"missing required value{'s' if len(missing) > 1 else ''}: {names}")
    with _file_errors():
        result = authoring.create_measure(root, values, dry_run=dry_run or interactive)
    if not result.ok:
        _problems(result)
    if dry_run:
        sys.stdout.write(result.text)
        _say(f"dry run: {result.rel} would be created; nothing written")
        return
    if interactive:
        typer.echo(result.text, err=True)
        if not typer.confirm(f"Write this to {result.rel}?", default=True, err=True):
            _refuse("nothing written")
        with _file_errors():
            result = authoring.create_measure(root, values)  # the id may have moved on meanwhile
        if not result.ok:
            _problems(result)
    sys.stdout.write(f"{result.record_id} {result.rel}\n")
    _say(f"created measure {result.record_id}")


def _read_values(path: Path) -> dict[str, Any]:
    """The values of ``--from FILE``: a YAML (loader rules) or JSON mapping."""
    import json

    from integ_cli.files.loading import LoadProblem, load_document

    try:
        raw = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except OSError as error:
        fail(f"cannot read --from {path}: {error.strerror}")
    name = "stdin" if str(path) == "-" else str(path)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except ValueError as error:
            fail(f"{name} is not valid JSON: {error}")
    else:
        try:
            document = load_document(raw, name)
        except LoadProblem as error:
            p = error.problem
            fail(f"{p.file}:{p.line or 1}: {p.message}")
        data = document.data if document is not None else None
    if not isinstance(data, dict):
        fail(f"{name} must hold one mapping of measure keys (title: ..., field: ...)")
    return data


# --- edit ---------------------------------------------------------------------------------------


def _editor() -> list[str]:
    import shlex
    import shutil

    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        command = next((c for c in ("sensible-editor", "nano", "vi", "notepad") if shutil.which(c)), None)
    if not command:
        fail("no editor found: set $EDITOR, e.g. export EDITOR=nano")
    argv = shlex.split(command, posix=os.name != "nt")
    if not argv or shutil.which(argv[0]) is None:
        fail(f"the editor '{command}' (from $VISUAL or $EDITOR) cannot be found")
    return argv


@commands.command()
def edit(ctx: typer.Context, measure_id: filters.MeasureIdArgument) -> None:
    """Edit a measure in your editor ($VISUAL, else $EDITOR); checked before it is saved.

    The editor opens a copy. When you close it, the copy is checked like 'integ
    validate'; where it has problems they are shown and you choose to re-open the
    editor or abandon. Only a valid result replaces the file (and gets today's
    'updated'); abandoning leaves the file exactly as it was.

    Example:  integ edit sprache-004
    """
    import shutil
    import subprocess
    import tempfile

    from integ_cli.authoring.records import UnknownMeasure, find_measure, replace_measure

    root = repo_root(ctx)
    try:
        with _file_errors():
            record = find_measure(root, measure_id)
            original = record.path.read_bytes()
    except UnknownMeasure as error:
        _refuse(str(error))
    editor = _editor()
    folder = Path(tempfile.mkdtemp(prefix="integ-edit-"))
    copy = folder / record.path.name
    keep = False  # the copy outlives the command only where it holds changes not written
    try:
        copy.write_bytes(original)
        while True:
            code = subprocess.call([*editor, str(copy)])
            if code != 0:
                keep = copy.is_file() and copy.read_bytes() != original
                kept = f" (your copy: {copy})" if keep else ""
                _refuse(f"the editor exited with code {code}; nothing written{kept}")
            edited = copy.read_bytes()
            if edited == original:
                _say(f"{measure_id}: no changes; nothing written")
                return
            with _file_errors():
                result = replace_measure(root, measure_id, original, edited)
            if result.written:
                _say(f"{measure_id}: saved {result.rel}")
                return
            if result.conflict:
                keep = True
                _refuse(
                    f"{result.rel} was changed by someone else while you edited it; nothing written; "
                    f"your version is kept in {copy}"
                )
            _show(result)
            try:
                answer = typer.prompt("Re-open the editor (r) or abandon your changes (a)?", default="r", err=True)
            except typer.Abort:
                answer = "a"
            if answer.strip().lower() not in ("r", "re-open", "reopen", "e", "edit"):
                _refuse(f"abandoned; {result.rel} is unchanged")
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


# --- the one-value edits ------------------------------------------------------------------------


@commands.command("status")
def set_status(
    ctx: typer.Context,
    measure_id: filters.MeasureIdArgument,
    new_status: Annotated[
        str,
        typer.Argument(
            metavar="STATUS",
            help="The new status: its code (e.g. active) or German name (laufend); 'integ codes status' lists them.",
            autocompletion=filters.complete_status,
        ),
    ],
    dry_run: DryRun = False,
) -> None:
    """Set a measure's status.

    Measures are never deleted: when one is finished, set it completed; when it is
    given up, set it dropped. It stays in the catalogue, its history in git.

    Example:  integ status sprache-004 active
    """
    from integ_cli.authoring.edits import set_status as edit

    _edit(ctx, measure_id, edit(_code(ctx, "status", new_status, "a status")), dry_run)


@commands.command()
def budget(
    ctx: typer.Context,
    measure_id: filters.MeasureIdArgument,
    year: Annotated[int, typer.Option("--year", help="Budget year.", show_default=False)],
    planned: Annotated[str, typer.Option("--planned", help="Original appropriation (Ansatz), EUR.")],
    source: Annotated[
        str,
        typer.Option(
            "--source",
            help="Funding source: its code (e.g. municipal) or German name (kommunal, Stadt); "
            "'integ codes source' lists them.",
            autocompletion=filters.complete_source,
        ),
    ],
    revised: Annotated[
        str | None, typer.Option("--revised", help="Carried-forward appropriation (fortgeschrieben), EUR.")
    ] = None,
    spent: Annotated[str | None, typer.Option("--spent", help="Actually spent (Ist), EUR.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Remark on this budget line.")] = None,
    dry_run: DryRun = False,
) -> None:
    """Add a budget line (EUR) for a year and funding source, or update that line.

    Where the measure has a line for the same year and source, its values are
    updated (a second line would count the money twice). Amounts are written
    without thousands separators: 12000 or 12000.50 (12000,50 works too).

    Example:  integ budget sprache-004 --year 2027 --planned 12000 --spent 9500 --source municipal
    """
    from integ_cli.authoring.edits import add_budget
    from integ_cli.authoring.records import parse_amount

    line: dict[str, Any] = {"year": year, "source": _code(ctx, "source", source, "a funding source")}
    for key, text in (("planned", planned), ("revised", revised), ("spent", spent)):
        if text is not None:
            try:
                line[key] = parse_amount(text)
            except ValueError as error:
                fail(f"--{key}: {error}")
    if note is not None:
        line["note"] = note
    _edit(ctx, measure_id, add_budget(line), dry_run)


@commands.command()
def indicator(
    ctx: typer.Context,
    measure_id: filters.MeasureIdArgument,
    name: Annotated[str, typer.Argument(help="The indicator's name, as in the record (e.g. Teilnehmende).")],
    actual: Annotated[str, typer.Option("--actual", help="The value reached (Istwert).", show_default=False)],
    year: Annotated[int | None, typer.Option("--year", help="The year, for indicators kept by year.")] = None,
    dry_run: DryRun = False,
) -> None:
    """Record the value an indicator reached (Istwert).

    With --year, the indicator's entry for that year is set; where it has none for
    that year yet, one is added (name and unit copied).

    Example:  integ indicator sprache-004 Sprachcafé-Treffen --actual 96 --year 2027
    """
    from integ_cli.authoring.edits import record_actual
    from integ_cli.authoring.records import parse_number

    try:
        value = parse_number(actual)
    except ValueError as error:
        fail(f"--actual: {error}")
    _edit(ctx, measure_id, record_actual(name, value, year), dry_run)


KindArgument = Annotated[
    LinkKind,
    typer.Argument(metavar="KIND", help="partner, target-group, district, also-field or tag.", show_default=False),
]
IdsArgument = Annotated[list[str], typer.Argument(metavar="IDS...", help="One or more ids.", show_default=False)]


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

    _edit(ctx, measure_id, edit(_LINK_KEYS[kind.value], True, _split(ids)), dry_run)


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

    _edit(ctx, measure_id, edit(_LINK_KEYS[kind.value], False, _split(ids)), dry_run)


@commands.command("set")
def set_values(
    ctx: typer.Context,
    measure_id: filters.MeasureIdArgument,
    assignments: Annotated[
        list[str], typer.Argument(metavar="KEY=VALUE...", help="e.g. horizon=mid decision.paper='FB 56/0123'")
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
            fail(f"'{assignment}' is not KEY=VALUE (e.g. status=active)")
        try:
            edits.append(assign(parse_key(key.strip()), parse_value(text)))
        except ValueError as error:
            fail(str(error))

    def combined(data: Any, schema: dict[str, Any]) -> list[str]:
        return [change for one in edits for change in one(data, schema)]

    _edit(ctx, measure_id, combined, dry_run)
