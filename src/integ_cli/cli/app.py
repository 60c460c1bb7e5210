"""The Typer application, its global options and the one place errors become exits.

Every error a user is told about is an :class:`~integ_cli.errors.IntegError`, raised by
the core or by :func:`fail`; :meth:`LazyGroup.invoke` turns it into one line on stderr
and its exit code. It sits on the click group, not in :func:`main`, so that tests
invoking the app see exactly what a user sees.

Commands are loaded lazily: :data:`COMMANDS` names each command's module, and the
module is imported (and its options turned into click parameters) only when that
command runs. Building all 26 commands up front cost every invocation about 10 ms, a
fifth of Typer's own start-up. ``integ --help`` lists them from the table alone (its
panel and one-line help), importing none, and draws the listing without rich
(:mod:`integ_cli.cli.listing`): importing Typer's rich help cost more than Typer itself.

Help is kept in English here (docstrings, ``N_()``-marked option help, panel names) and
read in integ's language each time it is shown (:mod:`integ_cli.cli.click_text`), so
commands built once per process still follow a change of language.
"""

import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Annotated, Any, NamedTuple, NoReturn, TypeVar

import typer
from typer._click.core import Context
from typer._click.formatting import HelpFormatter
from typer._click.shell_completion import CompletionItem
from typer.core import TyperCommand, TyperGroup

from integ_cli import __version__
from integ_cli.cli.click_text import TranslatedHelp, retitle_typer, translated_errors
from integ_cli.errors import IntegError
from integ_cli.exitcodes import ExitCode
from integ_cli.i18n import N_, _
from integ_cli.i18n_extract import reflow

Callback = TypeVar("Callback", bound=Callable[..., Any])


class Entry(NamedTuple):
    """One command of :data:`COMMANDS`: enough to list it in ``integ --help`` without
    importing its module (a third of the listing's time went to importing all of them).
    A named tuple, not a dataclass: every start-up builds it, and a dataclass's
    generated code cost a millisecond of it."""

    #: The module of ``integ_cli.cli`` that defines the command (on its ``commands`` Typer).
    module: str
    #: The heading it is listed under, as its module's ``command_group`` names it.
    panel: str
    #: The first paragraph of its help (its reflowed docstring), as the listing shows it.
    summary: str


#: Every command, in the order ``integ --help`` lists them, with its module, panel and
#: one-line help, in English (translated when shown). tests/cli/test_app.py checks that
#: panel and summary are the command's own, so the two homes cannot drift apart.
COMMANDS: dict[str, Entry] = {
    "validate": Entry("validate", N_("Check"), N_("Check the data: schemas, references, dates, hierarchies.")),
    "fix": Entry(
        "fix", N_("Check"), N_("Write codes where records name a value: status: laufend becomes status: active.")
    ),
    "attention": Entry(
        "attention",
        N_("Check"),
        N_("The measures that need attention: overdue, stale, without lead, indicator or budget."),
    ),
    "list": Entry(
        "query",
        N_("Query and report"),
        N_("List the measures that match every filter given (a repeated option: any of its values)."),
    ),
    "show": Entry(
        "query",
        N_("Query and report"),
        N_("Show one measure in full: names for ids, budget, indicators, decision, file."),
    ),
    "fields": Entry(
        "query", N_("Query and report"), N_("The action fields in concept order, with their measures by status.")
    ),
    "target-groups": Entry(
        "query", N_("Query and report"), N_("The target groups as a tree, with their measures, counting sub-groups in.")
    ),
    "actors": Entry(
        "query",
        N_("Query and report"),
        N_("The actors, as a tree of organisations, with how often each leads or partners."),
    ),
    "districts": Entry(
        "query",
        N_("Query and report"),
        N_("The districts with their measures; city-wide measures count for every district."),
    ),
    "codes": Entry(
        "codes",
        N_("Query and report"),
        N_(
            "The values records may take where the schemas give a list of codes (status, horizon, funding "
            "source, actor kind, ...), as the repository's schemas define them, with their names."
        ),
    ),
    "report": Entry(
        "report", N_("Query and report"), N_("Report on the state of the concept, for the council and its committees.")
    ),
    "sql": Entry(
        "sql",
        N_("Query and report"),
        N_("Answer an SQL query on the tables of integ tables, with DuckDB in this process."),
    ),
    "tables": Entry(
        "sql",
        N_("Query and report"),
        N_(
            "Write the catalogue as related tables for other tools: measures, budget lines, indicators, links, "
            "action fields, target groups, actors, districts, and each vocabulary entry's ancestors "
            "(a roll-up is a join)."
        ),
    ),
    "federation": Entry(
        "federation",
        N_("Query and report"),
        N_("Check, report on or export the repositories of many cities, named in one federation file."),
    ),
    "site": Entry(
        "site",
        N_("Query and report"),
        N_(
            "Build the public website of the concept: a start page, a page per measure, action field, main "
            "target group and district, filter lists, a search, the report's charts and an accessibility "
            "statement."
        ),
    ),
    "diff": Entry(
        "history",
        N_("History (git)"),
        N_("Measures added, removed and changed between two states of the data, value by value."),
    ),
    "changelog": Entry(
        "history",
        N_("History (git)"),
        N_(
            "What changed since a date or an edition, grouped by action field in the concept's order: "
            "for the Fortschreibung."
        ),
    ),
    "history": Entry(
        "history",
        N_("History (git)"),
        N_("One measure's changes over time: every commit that touched it, newest first."),
    ),
    "edition": Entry(
        "edition",
        N_("History (git)"),
        N_("The editions (Fortschreibungen) of the concept: list them, or freeze the current state as a new one."),
    ),
    "add": Entry("add", N_("Edit measures"), N_("Add a new measure; its id is the next free <field>-<NNN>.")),
    "edit": Entry(
        "edit",
        N_("Edit measures"),
        N_("Edit a measure in your editor ($VISUAL, else $EDITOR, else nano or vi); checked before it is saved."),
    ),
    "status": Entry(
        "authoring", N_("Edit measures"), N_("Set a measure's status; with --note, also record why, as a dated update.")
    ),
    "budget": Entry(
        "authoring",
        N_("Edit measures"),
        N_("Add a budget line (EUR) for a year and funding source, or update that line."),
    ),
    "indicator": Entry("authoring", N_("Edit measures"), N_("Record the value an indicator reached (Istwert).")),
    "link": Entry(
        "authoring",
        N_("Edit measures"),
        N_("Add partners, target groups, districts, further fields or tags to a measure."),
    ),
    "unlink": Entry(
        "authoring",
        N_("Edit measures"),
        N_("Remove partners, target groups, districts, further fields or tags from a measure."),
    ),
    "set": Entry("authoring", N_("Edit measures"), N_("Set any values of a measure: KEY=VALUE, several at once.")),
    "milestone": Entry("progress", N_("Edit measures"), N_("Add a milestone to a measure, or mark one done.")),
    "staff": Entry(
        "progress",
        N_("Edit measures"),
        N_("Set a measure's staff posts (Stellen) for a year, in full-time equivalents."),
    ),
    "update": Entry(
        "progress",
        N_("Edit measures"),
        N_("Append a dated status update (Sachstand) to a measure, its status unchanged."),
    ),
    "export": Entry(
        "spreadsheet",
        N_("Spreadsheets"),
        N_("Export measures to an Excel workbook (or CSV) to edit and read back with 'integ import'."),
    ),
    "template": Entry(
        "spreadsheet",
        N_("Spreadsheets"),
        N_("Write an empty workbook in the layout of 'integ export', for proposing new measures."),
    ),
    "import": Entry(
        "spreadsheet",
        N_("Spreadsheets"),
        N_("Read measures back from a workbook or CSV: new rows become new measures, changed cells update theirs."),
    ),
    "init": Entry(
        "init",
        N_("Set up"),
        N_("Create a new data repository: data/ folders and vocabularies, schemas, pre-commit and CI set-up."),
    ),
    "schema": Entry(
        "schema_cmd",
        N_("Set up"),
        N_("Print the JSON Schema of a kind of record: the repository's own (schemas/), else integ's."),
    ),
}


class Command(TranslatedHelp, TyperCommand):
    """An integ command: its help, panel, usage line and options' help in integ's language
    (:class:`~integ_cli.cli.click_text.TranslatedHelp`)."""


class _Commands(typer.Typer):
    """A Typer whose commands take their help from their reflowed docstrings and are
    listed under one heading of ``integ --help``."""

    def __init__(self, panel: str) -> None:
        super().__init__(rich_markup_mode="rich", pretty_exceptions_show_locals=False)
        self.panel = panel

    def command(self, name: str | None = None, **settings: Any) -> Callable[[Callback], Callback]:
        settings.setdefault("rich_help_panel", self.panel)
        settings.setdefault("cls", Command)

        def register(function: Callback) -> Callback:
            if "help" not in settings and function.__doc__:
                settings["help"] = reflow(function.__doc__)
            return super(_Commands, self).command(name, **settings)(function)

        return register


def command_group(panel: str) -> typer.Typer:
    """The Typer a command module registers its commands on (see :data:`COMMANDS`);
    ``panel`` is the heading they are listed under in ``integ --help``, in English (the
    catalog gets it from :mod:`integ_cli.i18n_extract`; it is translated when shown)."""
    return _Commands(panel)


@cache
def _module_commands(module: str) -> dict[str, typer.core.TyperCommand]:
    """The click commands of one command module, built once."""
    commands = importlib.import_module(f"integ_cli.cli.{module}").commands
    return typer.main.get_group(commands).commands  # type: ignore[return-value]


class _LazyCommands(Mapping[str, typer.core.TyperCommand]):
    """The command table, loading each command's module on first access."""

    def __getitem__(self, name: str) -> typer.core.TyperCommand:
        return _module_commands(COMMANDS[name].module)[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class LazyGroup(TranslatedHelp, TyperGroup):
    """The ``integ`` group, whose commands are loaded as they are asked for, and whose
    usage errors (its own and its commands') are told in integ's language."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.commands = _LazyCommands()  # type: ignore[assignment]

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run ``integ``, with Typer's help titles and error hints in the language chosen
        now (tests choose it anew within one process)."""
        retitle_typer()
        return super().main(*args, **kwargs)

    def make_context(self, *args: Any, **kwargs: Any) -> Context:
        with translated_errors():
            return super().make_context(*args, **kwargs)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:  # noqa: ARG002  (click's signature)
        """``integ --help``: the commands listed from :data:`COMMANDS` alone, drawn
        without rich (:mod:`integ_cli.cli.listing`) and printed at once, as Typer's
        rich help is (so ``integ`` alone, whose help Typer never prints, shows it too)."""
        from integ_cli.cli import console, listing

        listed = ((name, _(entry.panel), _(entry.summary)) for name, entry in COMMANDS.items())
        console.out(listing.draw(self, ctx, listed))

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        """``integ`` alone shows the listing and exits 2, as Typer does, without
        raising Typer's "no arguments" error, whose handling imports rich."""
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            self.format_help(ctx, ctx.make_formatter())
            raise typer.Exit(int(ExitCode.USAGE))
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: Context) -> list[str]:  # noqa: ARG002  (click's signature)
        return list(COMMANDS)  # Typer's would load every command to read the names

    def shell_complete(self, ctx: Context, incomplete: str) -> list[CompletionItem]:
        """Completing ``integ <TAB>``: the command names and their short help from
        :data:`COMMANDS`, as Typer would give them, with no command module imported
        (Typer's loads every command to read its help); the options as Typer's."""
        from typer._click.utils import make_default_short_help

        commands = [
            CompletionItem(name, help=make_default_short_help(_(entry.summary)))
            for name, entry in COMMANDS.items()
            if name.startswith(incomplete)
        ]
        return commands + super(TyperGroup, self).shell_complete(ctx, incomplete)

    def invoke(self, ctx: Context) -> Any:
        """Run the command; an :class:`IntegError` from it (or from the core it calls)
        becomes ``integ: error: <message>`` on stderr and the error's exit code."""
        with translated_errors():
            try:
                result = super().invoke(ctx)
                sys.stdout.flush()  # here, where a closed pipe is still told apart from a failure
                return result
            except IntegError as error:
                from integ_cli.cli import console  # only when there is an error: start-up stays light

                console.error(str(error))
                raise typer.Exit(int(error.exit_code)) from None
            except BrokenPipeError:  # click's own handling would exit 1, "the data has problems"
                _pipe_closed()


def _pipe_closed() -> NoReturn:
    """End a run whose output's reader went away (``integ list | head``): silently, with
    :attr:`ExitCode.PIPE_CLOSED`; what is still buffered for stdout goes nowhere, so
    the interpreter's last flush meets no closed pipe either."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise SystemExit(int(ExitCode.PIPE_CLOSED))


app = typer.Typer(
    cls=LazyGroup,
    name="integ",
    help=N_(
        "Keep a city's integration concept (Integrationskonzept) as validated YAML: "
        "action fields, measures, target groups, actors and districts.\n\n"
        "Run inside a data repository (or pass --repo). Start with: integ validate"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_show_locals=False,
)


class Settings:
    """Global options, handed to every command through the Typer context (a plain class,
    for the reason :class:`Entry` is a named tuple)."""

    __slots__ = ("repo",)

    def __init__(self, repo: Path | None = None) -> None:
        self.repo = repo


def _version(value: bool) -> None:
    if value:
        typer.echo(f"integ {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    repo: Annotated[
        list[Path] | None,
        typer.Option(
            "--repo",
            help=N_(
                "The data repository to work on. Default: $INTEG_REPO, else the nearest "
                "folder upwards from here that has data/measures/ or data/fields/."
            ),
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    version: Annotated[  # noqa: ARG001  (handled by its eager callback)
        bool,
        typer.Option("--version", help=N_("Print the version and exit."), callback=_version, is_eager=True),
    ] = False,
) -> None:
    if repo and len(repo) > 1:  # taken as a list only to see this: one option would keep the last silently
        fail(
            _("--repo is given {count} times ({paths}); give it once, naming the one repository to work on").format(
                count=len(repo), paths=", ".join(f"'{path}'" for path in repo)
            )
        )
    ctx.obj = Settings(repo=repo[0] if repo else None)


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> NoReturn:
    """Stop the command with an error the user is told about in one line (see
    :meth:`LazyGroup.invoke`): for what the command line itself checks."""
    raise IntegError(message, code)


def repo_root(ctx: typer.Context) -> Path:
    """The repository root for this run (none is a usage error, exit 2)."""
    from integ_cli.files.repository import find_root

    settings = ctx.find_object(Settings) or Settings()
    return find_root(settings.repo)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write(_("integ: interrupted") + "\n")
        sys.exit(int(ExitCode.INTERRUPTED))
    except BrokenPipeError:  # outside a command (its help, say): the reader went away
        _pipe_closed()
