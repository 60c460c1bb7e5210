"""The ``integ`` command line: Typer commands that parse options, call the core, render.

Nothing heavy is imported here: ``integ --version`` and ``integ --help`` must start
as fast as Typer itself. Each command's module is imported when the command runs
(:data:`integ_cli.cli.app.COMMANDS`), and imports the core it needs.

The language is set up first: Typer translates some of its strings as it is imported.
"""

from __future__ import annotations

from integ_cli import i18n

i18n.setup()

from integ_cli.cli.app import app, main  # noqa: E402  (after the language is set up)

__all__ = ["app", "main"]
