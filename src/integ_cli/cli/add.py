"""``integ add``: a new measure, from options, a file (``--from``) or a dialogue on a
terminal; checked like ``integ validate`` before it is written, under a new id.
"""

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from integ_cli.cli import console, filters, prompts
from integ_cli.cli.app import command_group, fail, repo_root
from integ_cli.cli.writing import (
    DryRun,
    fail_with_problems,
    file_errors,
    refuse,
    split_values,
)
from integ_cli.i18n import N_, _, ngettext

commands = command_group("Edit measures")

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


@commands.command()
def add(
    ctx: typer.Context,
    field: Annotated[
        str | None, typer.Option("--field", help=N_("Action field id (Handlungsfeld); also the new id's prefix."))
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help=N_("Short title."))] = None,
    summary: Annotated[str | None, typer.Option("--summary", help=N_("What the measure does, 2-3 sentences."))] = None,
    goal: Annotated[str | None, typer.Option("--goal", help=N_("The goal (Ziel)."))] = None,
    target_group: Annotated[
        list[str] | None, typer.Option("--target-group", "-t", help=N_("Target group id; repeat or use commas."))
    ] = None,
    lead: Annotated[str | None, typer.Option("--lead", help=N_("Leading actor id (Federführung)."))] = None,
    partner: Annotated[list[str] | None, typer.Option("--partner", help=N_("Partner actor id; repeatable."))] = None,
    district: Annotated[
        list[str] | None, typer.Option("--district", "-d", help=N_("District id (or stadtweit); repeatable."))
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help=N_("e.g. planned; 'integ codes status' lists them."),
            autocompletion=filters.complete_status,
        ),
    ] = None,
    horizon: Annotated[
        str | None,
        typer.Option(
            "--horizon", help=N_("e.g. mid; 'integ codes horizon' lists them."), autocompletion=filters.complete_horizon
        ),
    ] = None,
    start: Annotated[str | None, typer.Option("--start", help=N_("Start date, DD.MM.YYYY or YYYY-MM-DD."))] = None,
    end: Annotated[str | None, typer.Option("--end", help=N_("End date, DD.MM.YYYY or YYYY-MM-DD."))] = None,
    also_field: Annotated[list[str] | None, typer.Option("--also-field", help=N_("Further action field."))] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help=N_("Keyword; repeatable."))] = None,
    visibility: Annotated[str | None, typer.Option("--visibility", help=N_("public (default) or internal."))] = None,
    notes: Annotated[str | None, typer.Option("--notes", help=N_("Internal notes."))] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="FILE",
            help=N_("Take values from a YAML or JSON file of measure keys ('-' reads stdin); options win over it."),
        ),
    ] = None,
    dry_run: DryRun = False,
    ask: Annotated[
        bool | None,
        typer.Option(
            "--input/--no-input",
            help=N_(
                "Ask for missing values in a dialogue (default: when stdin is a terminal). With "
                "--no-input every value comes from options or --from, and a missing one is an error."
            ),
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
    schema = authoring.measure_schema(root)
    values = _read_values(from_file) if from_file is not None else {}
    given = {
        "field": field,
        "title": title,
        "summary": summary,
        "goal": goal,
        "also_fields": split_values(also_field),
        "target_groups": split_values(target_group),
        "lead": lead,
        "partners": split_values(partner),
        "districts": split_values(district),
        "status": status,
        "horizon": horizon,
        "start": _date(start),
        "end": _date(end),
        "visibility": visibility,
        "tags": split_values(tag),
        "notes": notes,
    }
    values.update({k: v for k, v in given.items() if v not in (None, [])})
    interactive = sys.stdin.isatty() if ask is None else ask
    if interactive:
        from integ_cli.cli.dialogue import Dialogue
        from integ_cli.codelists import of_repository

        with _unsaved():
            Dialogue(authoring.vocabularies(root), schema, of_repository(root)).run(values)
    else:
        automatic = ("schema_version", "id", "updated", "visibility")
        missing = [k for k in schema.get("required", []) if k not in automatic and values.get(k) in (None, [], "")]
        if missing:
            names = ", ".join(_OPTIONS.get(k, _("'{key}' (in --from FILE)").format(key=k)) for k in missing)
            text = ngettext("missing required value: {names}", "missing required values: {names}", len(missing))
            fail(text.format(names=names))
    with file_errors():
        result = authoring.create_measure(root, values, dry_run=dry_run or interactive)
    if not result.ok:
        fail_with_problems(result)
    if dry_run:
        console.out(result.text)
        console.note(_("dry run: {file} would be created; nothing written").format(file=result.rel))
        return
    if interactive:
        typer.echo(result.text, err=True)
        with _unsaved():
            write = prompts.confirm(_("Write this to {file}?").format(file=result.rel), default=True)
        if not write:
            refuse(_("nothing written"))
        with file_errors():
            result = authoring.create_measure(root, values)  # the id may have moved on meanwhile
        if not result.ok:
            fail_with_problems(result)
    console.out(f"{result.record_id} {result.rel}\n")
    console.note(_("created measure {id}").format(id=result.record_id))


@contextlib.contextmanager
def _unsaved() -> Iterator[None]:
    """While the dialogue asks, nothing is written yet: Ctrl-C (exit 130, as the shell
    reports it) or the end of the input stops the command saying so, not "Aborted!"."""
    try:
        yield
    except KeyboardInterrupt:
        typer.echo(err=True)  # the ^C was typed after a question
        console.error(_("interrupted; nothing was saved"))
        raise typer.Exit(prompts.INTERRUPTED) from None
    except prompts.EndOfInput:
        refuse(_("the input ended before every question was answered; nothing was saved"))


def _date(text: str | None) -> str | None:
    """A date option as the file keeps it (``31.12.2025`` -> ``2025-12-31``); one that is
    no date stays as typed, for the check to name with the record's line."""
    from integ_cli.authoring.parse import parse_date

    try:
        return parse_date(text) if text is not None else None
    except ValueError:
        return text


def _read_values(path: Path) -> dict[str, Any]:
    """The values of ``--from FILE``: a YAML (loader rules) or JSON mapping."""
    import json

    from integ_cli.files.loading import LoadProblem, load_document
    from integ_cli.files.reading import read_limited, read_stream

    name = "stdin" if str(path) == "-" else str(path)
    try:  # bounded like every record read: --from /dev/zero stops at the size limit
        raw = read_stream(sys.stdin.buffer, name) if str(path) == "-" else read_limited(path, name)
    except OSError as error:
        fail(_("cannot read --from {path}: {reason}").format(path=path, reason=error.strerror))
    except LoadProblem as error:
        fail(f"{error.problem.file}: {error.problem.message}")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except ValueError as error:
            fail(_("{name} is not valid JSON: {error}").format(name=name, error=error))
    else:
        try:
            document = load_document(raw, name)
        except LoadProblem as error:
            p = error.problem
            fail(f"{p.file}:{p.line or 1}: {p.message}")
        data = document.data if document is not None else None
    if not isinstance(data, dict):
        fail(_("{name} must hold one mapping of measure keys (title: ..., field: ...)").format(name=name))
    return data
