"""The ``integ`` command line: Typer commands that parse options, call the core, render.

Nothing heavy is imported here: ``integ --version`` and ``integ --help`` must start
as fast as Typer itself. Each command's module is imported when the command runs
(:data:`integ_cli.cli.app.COMMANDS`), and imports the core it needs.
"""

from __future__ import annotations

from integ_cli.cli.app import app, main

__all__ = ["app", "main"]
