"""The Typer application, its global options and the one place errors become exits.

Every error a user is told about is an :class:`~integ_cli.errors.IntegError`, raised by
the core or by :func:`fail`; :meth:`LazyGroup.invoke` turns it into one line on stderr
and its exit code. It sits on the click group, not in :func:`main`, so that tests
invoking the app see exactly what a user sees.

Commands are loaded lazily: :data:`COMMANDS` names each command's module, and the
module is imported (and its options turned into click parameters) only when that
command runs, or when ``--help`` lists them all. Building all 24 commands up front
cost every invocation about 10 ms, a fifth of Typer's own start-up.

Help is kept in English here (docstrings, ``N_()``-marked option help, panel names) and
read in integ's language each time it is shown (:mod:`integ_cli.cli.click_text`), so
commands built once per process still follow a change of language.
"""

import importlib
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from typer._click.core import Context
from typer.core import TyperCommand, TyperGroup

from integ_cli import __version__
from integ_cli.cli.click_text import TranslatedHelp, retitle_typer, translated_errors
from integ_cli.errors import IntegError
from integ_cli.exitcodes import ExitCode
from integ_cli.i18n import N_, _
from integ_cli.i18n_extract import reflow

Callback = TypeVar("Callback", bound=Callable[..., Any])

#: Every command, in the order ``integ --help`` lists them, and the module of
#: ``integ_cli.cli`` that defines it (on its own ``commands`` Typer).
COMMANDS: dict[str, str] = {
    "validate": "validate",
    "fix": "fix",
    "attention": "attention",
    "list": "query",
    "show": "query",
    "fields": "query",
    "target-groups": "query",
    "actors": "query",
    "districts": "query",
    "codes": "codes",
    "report": "report",
    "diff": "history",
    "changelog": "history",
    "history": "history",
    "edition": "edition",
    "add": "add",
    "edit": "edit",
    "status": "authoring",
    "budget": "authoring",
    "indicator": "authoring",
    "link": "authoring",
    "unlink": "authoring",
    "set": "authoring",
    "export": "spreadsheet",
    "template": "spreadsheet",
    "import": "spreadsheet",
    "init": "init",
    "schema": "schema_cmd",
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
        return _module_commands(COMMANDS[name])[name]

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

    def invoke(self, ctx: Context) -> Any:
        """Run the command; an :class:`IntegError` from it (or from the core it calls)
        becomes ``integ: error: <message>`` on stderr and the error's exit code."""
        with translated_errors():
            try:
                return super().invoke(ctx)
            except IntegError as error:
                from integ_cli.cli import console  # only when there is an error: start-up stays light

                console.error(str(error))
                raise typer.Exit(int(error.exit_code)) from None


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


@dataclass(slots=True)
class Settings:
    """Global options, handed to every command through the Typer context."""

    repo: Path | None = None


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
        sys.exit(130)
    except BrokenPipeError:  # e.g. `integ list | head`: the reader went away
        sys.stderr.close()
        sys.exit(0)
